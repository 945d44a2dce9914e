//! `iamplay`: evaluate IAM policy workspaces from the command line.

fn main() {
    println!("iamplay {}", env!("CARGO_PKG_VERSION"));
}
