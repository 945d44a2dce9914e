//! Teaching with the playground, drawn, as pure logic tested natively:
//! the evaluation path as a diagram, and the SVG files the diagram and
//! the access matrix export to. What the teaching state holds (the
//! lessons, the access matrix, the predict-then-reveal score) is in
//! [`crate::state`], which never depends on this module.

pub mod matrix_svg;
pub mod path;
pub mod svg;
