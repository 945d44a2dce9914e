//! Teaching with the playground, as pure logic tested natively: the
//! lessons of the scenario gallery, the evaluation path as a diagram, the
//! access matrix, the predict-then-reveal score, and the SVG files the
//! diagram and the matrix export to.

pub mod lessons;
pub mod matrix;
pub mod matrix_svg;
pub mod path;
pub mod score;
pub mod svg;
