//! Where `iamplay` writes: results to standard output, diagnostics and
//! notes to standard error. A stream that cannot be written ends the
//! program quietly with its own exit status, never a panic: `iamplay eval
//! big.json | head` stops when `head` has read enough, and `2>/dev/full`
//! does not abort.
//!
//! - [`CLOSED`] (141): the reader closed the stream (`EPIPE`). It is the
//!   status a shell reports for a process that a `SIGPIPE` ended (128 +
//!   13), as `cat big | head` gives, so `set -o pipefail` scripts see the
//!   same from `iamplay` as from other tools. Nothing is printed.
//! - [`UNWRITABLE`] (3): any other write error (`ENOSPC`, an I/O error).
//!   When it is standard output that failed, one line on standard error
//!   says so (if that fails too, nothing is printed).

use std::fmt;
use std::io::{self, Write};

/// Exit status when the reader of standard output or standard error
/// closed it (`EPIPE`): 128 + `SIGPIPE`, as shells report.
pub const CLOSED: u8 = 141;

/// Exit status when standard output, standard error or an output file
/// cannot be written for another reason (disk full, I/O error).
pub const UNWRITABLE: u8 = 3;

/// One of the two streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output: results.
    Stdout,
    /// Standard error: diagnostics and notes.
    Stderr,
}

/// A write to a stream failed: the command stops, and the program ends
/// with [`Broken::status`].
#[derive(Debug)]
pub struct Broken {
    /// The stream that failed.
    pub stream: Stream,
    /// Why.
    pub error: io::Error,
}

impl Broken {
    /// The exit status: [`CLOSED`] for a closed pipe, else
    /// [`UNWRITABLE`].
    pub fn status(&self) -> u8 {
        if self.error.kind() == io::ErrorKind::BrokenPipe {
            CLOSED
        } else {
            UNWRITABLE
        }
    }
}

/// What a command returns: its exit status, or the stream that broke.
pub type Status = Result<u8, Broken>;

/// The two streams a command writes to.
pub struct Out<'a> {
    stdout: &'a mut dyn Write,
    stderr: &'a mut dyn Write,
}

impl<'a> Out<'a> {
    /// Writes results to `stdout`, diagnostics to `stderr`.
    pub fn new(stdout: &'a mut dyn Write, stderr: &'a mut dyn Write) -> Out<'a> {
        Out { stdout, stderr }
    }

    /// Writes to standard output.
    pub fn out(&mut self, args: fmt::Arguments<'_>) -> Result<(), Broken> {
        self.stdout.write_fmt(args).map_err(|error| Broken {
            stream: Stream::Stdout,
            error,
        })
    }

    /// Writes to standard error.
    pub fn err(&mut self, args: fmt::Arguments<'_>) -> Result<(), Broken> {
        self.with_stderr(|w| w.write_fmt(args))
    }

    /// Lets `write` (a reporter of [`crate::report`]) write to standard
    /// error.
    pub fn with_stderr(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Broken> {
        write(self.stderr).map_err(|error| Broken {
            stream: Stream::Stderr,
            error,
        })
    }

    /// Writes out what the streams still buffer.
    pub fn flush(&mut self) -> Result<(), Broken> {
        self.stdout.flush().map_err(|error| Broken {
            stream: Stream::Stdout,
            error,
        })?;
        self.with_stderr(|w| w.flush())
    }

    /// Ends the program's output after `broken`: says on standard error
    /// that standard output could not be written, unless the reader
    /// closed it (then, as for standard error, nothing is said). Returns
    /// the exit status.
    pub fn end(&mut self, broken: &Broken) -> u8 {
        if broken.stream == Stream::Stdout && broken.status() != CLOSED {
            // Best effort: there is nowhere else to say that this failed.
            let _ = writeln!(
                self.stderr,
                "iamplay: cannot write to standard output: {}",
                broken.error
            );
        }
        broken.status()
    }
}

/// `print!` to an [`Out`]'s standard output; `?` it.
macro_rules! out {
    ($out:expr, $($arg:tt)*) => {
        $out.out(format_args!($($arg)*))
    };
}

/// `println!` to an [`Out`]'s standard output; `?` it.
macro_rules! outln {
    ($out:expr) => {
        $out.out(format_args!("\n"))
    };
    ($out:expr, $($arg:tt)*) => {
        $out.out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` to an [`Out`]'s standard error; `?` it.
macro_rules! errln {
    ($out:expr, $($arg:tt)*) => {
        $out.err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that fails every write with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_stdout_ends_quietly_with_141() {
        let mut stdout = Failing(io::ErrorKind::BrokenPipe);
        let mut stderr = Vec::new();
        let mut out = Out::new(&mut stdout, &mut stderr);
        let broken = outln!(out, "a result").expect_err("the pipe is closed");
        assert_eq!(broken.stream, Stream::Stdout);
        assert_eq!(out.end(&broken), CLOSED);
        assert!(stderr.is_empty());
    }

    #[test]
    fn a_full_stdout_says_so_on_stderr_and_ends_with_3() {
        let mut stdout = Failing(io::ErrorKind::StorageFull);
        let mut stderr = Vec::new();
        let mut out = Out::new(&mut stdout, &mut stderr);
        let broken = out!(out, "a result").expect_err("the disk is full");
        assert_eq!(out.end(&broken), UNWRITABLE);
        let said = String::from_utf8_lossy(&stderr);
        assert!(
            said.starts_with("iamplay: cannot write to standard output: "),
            "{said}"
        );
    }

    #[test]
    fn a_broken_stderr_ends_quietly() {
        let mut stdout = Vec::new();
        let mut stderr = Failing(io::ErrorKind::StorageFull);
        let mut out = Out::new(&mut stdout, &mut stderr);
        let broken = errln!(out, "a note").expect_err("the disk is full");
        assert_eq!(broken.stream, Stream::Stderr);
        assert_eq!(out.end(&broken), UNWRITABLE);
        assert!(stdout.is_empty());
    }
}
