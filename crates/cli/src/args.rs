//! Command-line arguments.

use iamplay_core::PolicyKind;

/// The usage text.
pub const USAGE: &str = "usage:
  iamplay eval WORKSPACE.json [--format text|json] [--request N]
      evaluate every request of a workspace (or only request N, from 1);
      exit 1 when a request's expected decision does not hold
  iamplay validate POLICY.json [--kind identity|resource|scp|rcp]
      check one policy document and list every problem
  iamplay import-aws DETAILS.json [-o WORKSPACE.json]
      turn the output of `aws iam get-account-authorization-details` into
      a workspace (on stdout, or in WORKSPACE.json); say what was skipped
  iamplay fmt WORKSPACE.json
      print the workspace in the writer's layout
  iamplay --help | --version

exit status: 0 ok, 1 an expectation failed or a policy has errors, 2 malformed input";

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable explanation.
    Text,
    /// The full result as JSON.
    Json,
}

/// `iamplay eval` options.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The workspace file.
    pub path: String,
    /// Output format.
    pub format: Format,
    /// Only this request (0-based).
    pub request: Option<usize>,
}

/// `iamplay validate` options.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// The policy file.
    pub path: String,
    /// How to read it.
    pub kind: PolicyKind,
    /// Output format.
    pub format: Format,
}

/// `iamplay import-aws` options.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The `get-account-authorization-details` output.
    pub path: String,
    /// Where to write the workspace; stdout when absent.
    pub output: Option<String>,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    /// `--help`.
    Help,
    /// `--version`.
    Version,
    /// `eval`.
    Eval(EvalOptions),
    /// `validate`.
    Validate(ValidateOptions),
    /// `import-aws`.
    ImportAws(ImportOptions),
    /// `fmt`, with the workspace file.
    Fmt(String),
}

fn format_of(value: &str) -> Result<Format, String> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        other => Err(format!("unknown format `{other}`; use `text` or `json`")),
    }
}

/// Reads the command line.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = argv.split_first() else {
        return Ok(Command::Help);
    };
    let mut path = None;
    let mut format = Format::Text;
    let mut request = None;
    let mut kind = PolicyKind::Identity;
    let mut output = None;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match arg.as_str() {
            "--format" => format = format_of(&value("--format")?)?,
            "--json" => format = Format::Json,
            "-o" | "--output" => output = Some(value("--output")?),
            "--request" => {
                let v = value("--request")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("`--request` takes a number from 1, not `{v}`"))?;
                request = Some(n.checked_sub(1).ok_or("`--request` counts from 1")?);
            }
            "--kind" => {
                kind = match value("--kind")?.as_str() {
                    "identity" => PolicyKind::Identity,
                    "resource" => PolicyKind::Resource,
                    "scp" => PolicyKind::ServiceControl,
                    "rcp" => PolicyKind::ResourceControl,
                    other => {
                        return Err(format!(
                            "unknown policy kind `{other}`; use identity, resource, scp or rcp"
                        ));
                    }
                }
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            p if path.is_none() => path = Some(p.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "eval" => Ok(Command::Eval(EvalOptions {
            path: path.ok_or("`eval` needs a workspace file")?,
            format,
            request,
        })),
        "validate" => Ok(Command::Validate(ValidateOptions {
            path: path.ok_or("`validate` needs a policy file")?,
            kind,
            format,
        })),
        "import-aws" => Ok(Command::ImportAws(ImportOptions {
            path: path.ok_or(
                "`import-aws` needs the output of `aws iam get-account-authorization-details`",
            )?,
            output,
        })),
        "fmt" => Ok(Command::Fmt(path.ok_or("`fmt` needs a workspace file")?)),
        other => Err(format!("unknown command `{other}`")),
    }
}
