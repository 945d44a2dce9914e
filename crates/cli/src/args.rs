//! Command-line arguments, and the usage text of each command.

use iamplay_core::PolicyKind;

/// The usage text of `iamplay --help`.
pub const USAGE: &str = "usage:
  iamplay eval WORKSPACE.json [--format text|json] [--request N] [--why]
      evaluate every request of a workspace (or only request N, from 1)
  iamplay diff BEFORE.json AFTER.json [--actions PATTERN,...] [--principals NAME,...]
               [--format text|json]
      decide every user and role of both workspaces for the actions and
      list the cells whose decision changed (exit 1 when access was gained)
  iamplay validate POLICY.json [--kind identity|resource|scp|rcp] [--format text|json]
      check one policy document and list every problem
  iamplay import FILE [--requests REQUESTS.json] [--account ID] [--region R] [-o WORKSPACE.json]
      turn a CloudFormation template (JSON or YAML), the JSON of
      `terraform show -json`, the output of `aws iam
      get-account-authorization-details` or a workspace file into a
      workspace; say what was skipped and what stays a placeholder
  iamplay import-aws DETAILS.json [-o WORKSPACE.json]
      turn the output of `aws iam get-account-authorization-details` into
      a workspace (on stdout, or in WORKSPACE.json); say what was skipped
  iamplay fmt WORKSPACE.json
      print the workspace in the writer's layout
  iamplay help [COMMAND]   (or iamplay COMMAND --help)
      print this text, or one command's options and exit statuses
  iamplay --version

exit status:
  0    done: every request as expected (eval), no error in the policy
       (validate), no access gained (diff)
  1    eval: a request is not as expected or cannot be evaluated;
       validate: the policy has an error; diff: some access was gained
  2    malformed input: wrong arguments, or a file that cannot be read
       or parsed (a workspace that does not load or has a policy that
       does not parse, details that are not AWS's, a policy that is not
       JSON)
  3    standard output, standard error or the output file cannot be
       written (disk full, I/O error)
  141  the reader closed standard output or standard error (`| head`);
       nothing more is printed";

/// What the exit statuses 3 and 141 mean, shared by every command.
macro_rules! output_statuses {
    () => {
        "
  3    standard output, standard error or an output file cannot be written
  141  the reader closed standard output or standard error (`| head`)"
    };
}

/// The usage text of `iamplay eval --help`.
const EVAL_USAGE: &str = concat!(
    "usage: iamplay eval WORKSPACE.json [--format text|json] [--request N] [--why]

Evaluates every request of the workspace and prints, for each, the
decision, the path through AWS's evaluation logic and every statement
consulted, with its line in the file. Problems of the workspace and of
its policies (grammar errors and lint findings) go to standard error.

options:
  --format text|json  a readable explanation (the default), or every
                      result as JSON (`--json` for short)
  --request N         only request N (counting from 1)
  --why               also print what would change each decision: the
                      context keys, the policy edit or the other user or
                      role that gives another decision, each verified by
                      evaluating it (JSON: `counterfactuals`)
  -h, --help          print this text

exit status:
  0    every request gives its expected decision (or expects none)
  1    a request does not give its expected decision, or cannot be
       evaluated (it names a user or role the workspace lacks...)
  2    wrong arguments; the file cannot be read or is not a workspace;
       a policy of the workspace does not parse (a grammar error: lint
       findings are listed, the policy still evaluated); there is no
       request N",
    output_statuses!()
);

/// The usage text of `iamplay diff --help`.
const DIFF_USAGE: &str = concat!(
    "usage: iamplay diff BEFORE.json AFTER.json [--actions PATTERN,...]
                    [--principals NAME,...] [--format text|json]

Decides every user and role of both workspaces for every action and lists
each cell (principal, action) whose decision changed: `gained` (denied
before, allowed after), `lost` (allowed before, denied after), or
`changed` (explicit deny and implicit deny swapped). A principal missing
from one workspace is denied there. For a review of a policy change in CI.

Each request is made on resource `*`, with no context keys (no MFA, no
source IP...): the cells say what the policies allow without conditions
being met. Statements that only allow a specific resource ARN (such as
`user/${aws:username}`) do not match `*`.

options:
  --actions PATTERN   the actions to decide, by name or pattern (`ec2:*`,
                      `s3:Get*`), expanded through the AWS catalog;
                      repeatable, or comma-separated. Default: every
                      action the policies of both workspaces name in an
                      `Action` element, expanded
  --principals NAME   only these users and roles; repeatable, or
                      comma-separated. Default: all of both workspaces
  --format text|json  one line per changed cell (the default), or the
                      cells and counts as JSON (`--json` for short)
  -h, --help          print this text

exit status:
  0    no cell gained access (some may have lost it)
  1    at least one cell gained access
  2    wrong arguments; a file cannot be read or is not a workspace; a
       policy of either does not parse; a pattern matches no action",
    output_statuses!()
);

/// The usage text of `iamplay validate --help`.
const VALIDATE_USAGE: &str = concat!(
    "usage: iamplay validate POLICY.json [--kind identity|resource|scp|rcp] [--format text|json]

Checks one policy document as AWS reads a policy of that kind and lists
every problem: grammar errors, then lint findings (security warnings,
warnings, suggestions), each at its line and column, on standard error;
a count on standard output.

options:
  --kind KIND         identity (the default), resource, scp or rcp
  --format text|json  the list as text (the default), or as JSON on
                      standard output (`--json` for short)
  -h, --help          print this text

exit status:
  0    no error-level finding (warnings and suggestions may be listed)
  1    at least one error-level finding: AWS would reject the policy, or
       a statement can never work as written
  2    wrong arguments; the file cannot be read or is not JSON",
    output_statuses!()
);

/// The usage text of `iamplay import-aws --help`.
const IMPORT_USAGE: &str = concat!(
    "usage: iamplay import-aws DETAILS.json [-o WORKSPACE.json]

Turns the output of `aws iam get-account-authorization-details` into a
workspace: users, groups, roles, customer managed policies (their default
version) and the AWS managed policies they attach. What was left out is
listed on standard error, one note a line.

options:
  -o, --output FILE   write the workspace to FILE (default: standard output)
  -h, --help          print this text

exit status:
  0    the workspace is written (notes may say what was skipped)
  2    wrong arguments; the file cannot be read, is not JSON, or is not
       that command's output (a member of the wrong type, an entity
       without a name...)",
    output_statuses!()
);

/// The usage text of `iamplay import --help`.
const IMPORT_ANY_USAGE: &str = concat!(
    "usage: iamplay import FILE [--requests REQUESTS.json] [--account ID] [--region R]
                      [--parameter NAME=VALUE]... [-o WORKSPACE.json]

Turns infrastructure code into a workspace: a CloudFormation template
(JSON or YAML, with the short-form tags), the JSON of `terraform show
-json` (a plan or a state), the output of `aws iam
get-account-authorization-details`, or a workspace file. The format is
told from the content (and the file's extension). Users, groups, roles,
managed and inline policies, trust policies, boundaries, memberships and
the resource policies of buckets, queues, topics, keys and functions
become the workspace's. What was left out, and every value that could
not be known from the file alone (it stays in the text as
`<unresolved:...>`, which matches nothing), are listed on standard error
with their line and column.

options:
  --requests FILE     add the requests of FILE (a JSON array of requests,
                      or an object with `requests`) to the workspace
  --account ID        the account (`AWS::AccountId`) of what is imported
  --region R          the region (`AWS::Region`); default us-east-1
  --parameter N=V     a value for CloudFormation parameter N (repeatable)
  -o, --output FILE   write the workspace to FILE (default: standard output)
  -h, --help          print this text

exit status:
  0    the workspace is written (notes may list what was skipped and the
       placeholders)
  2    wrong arguments; a file cannot be read, is in no known format, or
       is malformed (each problem with its line and column)",
    output_statuses!()
);

/// The usage text of `iamplay fmt --help`.
const FMT_USAGE: &str = concat!(
    "usage: iamplay fmt WORKSPACE.json

Prints the workspace in the writer's layout (documents as JSON objects,
keys in a fixed order) on standard output; the file is not changed.

options:
  -h, --help          print this text

exit status:
  0    the workspace is printed
  2    wrong arguments; the file cannot be read or is not a workspace",
    output_statuses!()
);

/// A command, to print its usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// `iamplay eval`.
    Eval,
    /// `iamplay diff`.
    Diff,
    /// `iamplay validate`.
    Validate,
    /// `iamplay import`.
    Import,
    /// `iamplay import-aws`.
    ImportAws,
    /// `iamplay fmt`.
    Fmt,
}

impl Topic {
    /// The command named `name`.
    fn named(name: &str) -> Option<Topic> {
        match name {
            "eval" => Some(Topic::Eval),
            "diff" => Some(Topic::Diff),
            "validate" => Some(Topic::Validate),
            "import" => Some(Topic::Import),
            "import-aws" => Some(Topic::ImportAws),
            "fmt" => Some(Topic::Fmt),
            _ => None,
        }
    }

    /// The options the command takes.
    fn options(self) -> &'static [&'static str] {
        match self {
            Topic::Eval => &["--format", "--json", "--request", "--why"],
            Topic::Diff => &["--format", "--json", "--actions", "--principals"],
            Topic::Validate => &["--format", "--json", "--kind"],
            Topic::Import => &[
                "-o",
                "--output",
                "--requests",
                "--account",
                "--region",
                "--parameter",
            ],
            Topic::ImportAws => &["-o", "--output"],
            Topic::Fmt => &[],
        }
    }
}

/// The usage text of `topic`, or of the whole program.
pub fn usage(topic: Option<Topic>) -> &'static str {
    match topic {
        None => USAGE,
        Some(Topic::Eval) => EVAL_USAGE,
        Some(Topic::Diff) => DIFF_USAGE,
        Some(Topic::Validate) => VALIDATE_USAGE,
        Some(Topic::Import) => IMPORT_ANY_USAGE,
        Some(Topic::ImportAws) => IMPORT_USAGE,
        Some(Topic::Fmt) => FMT_USAGE,
    }
}

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
    /// Whether to print each request's counterfactuals.
    pub why: bool,
}

/// `iamplay diff` options.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The workspace before the change.
    pub before: String,
    /// The workspace after the change.
    pub after: String,
    /// Action names and patterns; empty: those the policies name.
    pub actions: Vec<String>,
    /// User and role names; empty: all.
    pub principals: Vec<String>,
    /// Output format.
    pub format: Format,
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

/// `iamplay import` options.
#[derive(Debug, Clone, Default)]
pub struct ImportAnyOptions {
    /// The file to import.
    pub path: String,
    /// A requests file to add.
    pub requests: Option<String>,
    /// The account of what is imported.
    pub account: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// CloudFormation parameters' values.
    pub parameters: Vec<(String, String)>,
    /// Where to write the workspace; stdout when absent.
    pub output: Option<String>,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    /// `--help`, `help [COMMAND]` or `COMMAND --help`.
    Help(Option<Topic>),
    /// `--version`.
    Version,
    /// `eval`.
    Eval(EvalOptions),
    /// `diff`.
    Diff(DiffOptions),
    /// `validate`.
    Validate(ValidateOptions),
    /// `import`.
    Import(ImportAnyOptions),
    /// `import-aws`.
    ImportAws(ImportOptions),
    /// `fmt`, with the workspace file.
    Fmt(String),
}

/// A command line that cannot be read: what is wrong, and the command
/// whose usage to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// What is wrong.
    pub message: String,
    /// The command it is about, when one was named.
    pub topic: Option<Topic>,
}

fn format_of(value: &str) -> Result<Format, String> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        other => Err(format!("unknown format `{other}`; use `text` or `json`")),
    }
}

fn kind_of(value: &str) -> Result<PolicyKind, String> {
    match value {
        "identity" => Ok(PolicyKind::Identity),
        "resource" => Ok(PolicyKind::Resource),
        "scp" => Ok(PolicyKind::ServiceControl),
        "rcp" => Ok(PolicyKind::ResourceControl),
        other => Err(format!(
            "unknown policy kind `{other}`; use identity, resource, scp or rcp"
        )),
    }
}

/// The items of a comma-separated list, without blanks.
fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn is_help(arg: &str) -> bool {
    matches!(arg, "-h" | "--help")
}

/// Reads the command line.
pub fn parse(argv: &[String]) -> Result<Command, UsageError> {
    let Some((command, rest)) = argv.split_first() else {
        return Ok(Command::Help(None));
    };
    let no_topic = |message: String| UsageError {
        message,
        topic: None,
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            return match rest {
                [] => Ok(Command::Help(None)),
                [name] => Topic::named(name)
                    .map(|t| Command::Help(Some(t)))
                    .ok_or_else(|| no_topic(format!("unknown command `{name}`"))),
                [_, extra, ..] => Err(no_topic(format!("unexpected argument `{extra}`"))),
            };
        }
        "-V" | "--version" => return Ok(Command::Version),
        _ => {}
    }
    let topic =
        Topic::named(command).ok_or_else(|| no_topic(format!("unknown command `{command}`")))?;
    if rest.iter().any(|a| is_help(a)) {
        return Ok(Command::Help(Some(topic)));
    }
    parse_command(topic, rest).map_err(|message| UsageError {
        message,
        topic: Some(topic),
    })
}

/// Reads the arguments of `topic`.
fn parse_command(topic: Topic, rest: &[String]) -> Result<Command, String> {
    let mut path = None;
    let mut second = None;
    let mut why = false;
    let mut actions = Vec::new();
    let mut principals = Vec::new();
    let mut format = Format::Text;
    let mut request = None;
    let mut kind = PolicyKind::Identity;
    let mut output = None;
    let mut import = ImportAnyOptions::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let flag = arg.as_str();
        if flag.starts_with('-') && flag.len() > 1 && !topic.options().contains(&flag) {
            return Err(format!("unknown option `{flag}`"));
        }
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag {
            "--format" => format = format_of(&value()?)?,
            "--json" => format = Format::Json,
            "-o" | "--output" => output = Some(value()?),
            "--request" => {
                let v = value()?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("`--request` takes a number from 1, not `{v}`"))?;
                request = Some(n.checked_sub(1).ok_or("`--request` counts from 1")?);
            }
            "--kind" => kind = kind_of(&value()?)?,
            "--why" => why = true,
            "--actions" => actions.extend(list(&value()?)),
            "--principals" => principals.extend(list(&value()?)),
            "--requests" => import.requests = Some(value()?),
            "--account" => import.account = Some(value()?),
            "--region" => import.region = Some(value()?),
            "--parameter" => {
                let v = value()?;
                let (name, given) = v
                    .split_once('=')
                    .ok_or_else(|| format!("`--parameter` takes NAME=VALUE, not `{v}`"))?;
                import.parameters.push((name.to_owned(), given.to_owned()));
            }
            p if path.is_none() => path = Some(p.to_owned()),
            p if topic == Topic::Diff && second.is_none() => second = Some(p.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    Ok(match topic {
        Topic::Eval => Command::Eval(EvalOptions {
            path: path.ok_or("`eval` needs a workspace file")?,
            format,
            request,
            why,
        }),
        Topic::Diff => Command::Diff(DiffOptions {
            before: path.ok_or("`diff` needs two workspace files, before and after")?,
            after: second.ok_or("`diff` needs two workspace files, before and after")?,
            actions,
            principals,
            format,
        }),
        Topic::Validate => Command::Validate(ValidateOptions {
            path: path.ok_or("`validate` needs a policy file")?,
            kind,
            format,
        }),
        Topic::Import => Command::Import(ImportAnyOptions {
            path: path.ok_or("`import` needs a file to import")?,
            output,
            ..import
        }),
        Topic::ImportAws => Command::ImportAws(ImportOptions {
            path: path.ok_or(
                "`import-aws` needs the output of `aws iam get-account-authorization-details`",
            )?,
            output,
        }),
        Topic::Fmt => Command::Fmt(path.ok_or("`fmt` needs a workspace file")?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, UsageError> {
        let argv: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&argv)
    }

    fn help_of(line: &str) -> Option<Topic> {
        match parse_line(line) {
            Ok(Command::Help(topic)) => topic,
            other => panic!("`{line}` is not a help request: {other:?}"),
        }
    }

    #[test]
    fn every_command_has_its_help() {
        assert_eq!(help_of(""), None);
        assert_eq!(help_of("--help"), None);
        assert_eq!(help_of("help"), None);
        assert_eq!(help_of("eval --help"), Some(Topic::Eval));
        assert_eq!(help_of("eval w.json -h"), Some(Topic::Eval));
        assert_eq!(help_of("diff a.json b.json --help"), Some(Topic::Diff));
        assert_eq!(help_of("validate --help"), Some(Topic::Validate));
        assert_eq!(help_of("import-aws --help"), Some(Topic::ImportAws));
        assert_eq!(help_of("fmt --help"), Some(Topic::Fmt));
        assert_eq!(help_of("import --help"), Some(Topic::Import));
        assert_eq!(help_of("help eval"), Some(Topic::Eval));
        assert_eq!(help_of("--help import-aws"), Some(Topic::ImportAws));
    }

    #[test]
    fn a_wrong_command_line_names_its_command() {
        let e = parse_line("help evaluate").expect_err("no such command");
        assert_eq!(e.message, "unknown command `evaluate`");
        let e = parse_line("fmt w.json --kind scp").expect_err("fmt has no --kind");
        assert_eq!(e.message, "unknown option `--kind`");
        assert_eq!(e.topic, Some(Topic::Fmt));
        let e = parse_line("eval w.json --request 0").expect_err("from 1");
        assert_eq!(e.message, "`--request` counts from 1");
        let e = parse_line("validate p.json --kind").expect_err("needs a value");
        assert_eq!(e.message, "`--kind` needs a value");
    }

    #[test]
    fn diff_takes_two_files_and_lists_of_actions_and_principals() {
        let Ok(Command::Diff(d)) = parse_line(
            "diff a.json b.json --actions ec2:*,s3:Get* --actions iam:ListUsers --principals bob --json",
        ) else {
            panic!("a diff command line");
        };
        assert_eq!((d.before.as_str(), d.after.as_str()), ("a.json", "b.json"));
        assert_eq!(d.actions, ["ec2:*", "s3:Get*", "iam:ListUsers"]);
        assert_eq!(d.principals, ["bob"]);
        assert_eq!(d.format, Format::Json);
        let e = parse_line("diff a.json").expect_err("two files");
        assert_eq!(
            e.message,
            "`diff` needs two workspace files, before and after"
        );
        let e = parse_line("diff a.json b.json c.json").expect_err("two files only");
        assert_eq!(e.message, "unexpected argument `c.json`");
    }

    #[test]
    fn each_usage_lists_its_exit_statuses() {
        for topic in [
            Topic::Eval,
            Topic::Diff,
            Topic::Validate,
            Topic::Import,
            Topic::ImportAws,
            Topic::Fmt,
        ] {
            let text = usage(Some(topic));
            for status in ["  0  ", "  2  ", "  3  ", "  141  "] {
                assert!(text.contains(status), "{topic:?} lacks `{status}`");
            }
        }
        assert!(usage(None).contains("  141  "));
    }
}
