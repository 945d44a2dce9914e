//! What `Ref` and `Fn::GetAtt` return for the resources of a template, as
//! the CloudFormation resource reference documents them: a role's,
//! user's or group's `Ref` is its name and `Arn` its ARN, a managed
//! policy's `Ref` its ARN, a bucket's `Ref` its name, a queue's `Ref` its
//! URL, a topic's `Ref` its ARN, a key's `Ref` its key id...
//!
//! A resource's physical name comes from its name property (`RoleName`,
//! `BucketName`...) and is otherwise its logical id: CloudFormation would
//! make up a name with a random suffix, which a template cannot know. A
//! KMS key's id is its logical id for the same reason. Anything else (a
//! role's `RoleId`, attributes of other resource types) is a placeholder.

use iamplay_core::{Code, Loc};

use super::intrinsic::Resolver;
use super::value::Value;

/// The property that names a resource of each type.
const NAME_PROPERTIES: [(&str, &str); 13] = [
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::IAM::User", "UserName"),
    ("AWS::IAM::Group", "GroupName"),
    ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
    ("AWS::IAM::InstanceProfile", "InstanceProfileName"),
    ("AWS::IAM::Policy", "PolicyName"),
    ("AWS::S3::Bucket", "BucketName"),
    ("AWS::SQS::Queue", "QueueName"),
    ("AWS::SNS::Topic", "TopicName"),
    ("AWS::KMS::Alias", "AliasName"),
    ("AWS::Lambda::Function", "FunctionName"),
    ("AWS::DynamoDB::Table", "TableName"),
    ("AWS::Logs::LogGroup", "LogGroupName"),
];

/// Resource types that carry no permissions themselves but whose names
/// and ARNs the import computes; they are not reported as skipped.
pub(super) const REFERENCE_ONLY: [&str; 7] = [
    "AWS::S3::Bucket",
    "AWS::SQS::Queue",
    "AWS::SNS::Topic",
    "AWS::KMS::Alias",
    "AWS::Lambda::Function",
    "AWS::DynamoDB::Table",
    "AWS::Logs::LogGroup",
];

/// A string value built from pieces, keeping whether one was a placeholder.
fn join(pieces: &[&Value]) -> Value {
    let mut out = String::new();
    let mut unresolved = false;
    for p in pieces {
        if let Some((t, u)) = p.scalar_text() {
            out.push_str(t);
            unresolved |= u;
        }
    }
    Value::Str(out, unresolved)
}

/// `/path/` with both slashes, `/` when empty.
pub(super) fn norm_path(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

impl<'n> Resolver<'n> {
    /// The physical name of resource `logical` (its name property, else
    /// its logical id).
    pub fn physical_name(&mut self, logical: &str, loc: Loc) -> Value {
        if let Some(v) = self.names.get(logical) {
            let v = v.clone();
            self.charge(v.size(), loc);
            return v;
        }
        let Some(r) = self.resource(logical) else {
            return Value::str(logical);
        };
        let key = r.logical.value.as_str();
        if !self.busy_names.insert(key) {
            self.error(
                Code::InvalidIntrinsic,
                format!("the name of `{logical}` depends on itself"),
                loc,
            );
            return Value::str(logical);
        }
        let property = NAME_PROPERTIES
            .iter()
            .find(|(t, _)| *t == r.kind)
            .and_then(|(_, p)| r.props?.get(p));
        let name = match property {
            Some(node) => match self.value(node) {
                v @ Value::Str(..) => v,
                Value::Number(n) => Value::str(n),
                _ => Value::str(logical),
            },
            None => {
                let fifo = r.kind == "AWS::SQS::Queue"
                    && r.props.and_then(|p| p.get("FifoQueue")).is_some_and(|f| {
                        matches!(f.value, crate::tree::NodeValue::Bool(true))
                            || f.as_str() == Some("true")
                    });
                Value::str(if fifo {
                    format!("{logical}.fifo")
                } else {
                    logical.to_owned()
                })
            }
        };
        self.busy_names.remove(key);
        self.names.insert(key, name.clone());
        name
    }

    /// The IAM path of resource `logical` (`Path`, default `/`).
    pub fn iam_path(&mut self, logical: &str) -> Value {
        let node = self.resource(logical).and_then(|r| r.props?.get("Path"));
        match node.map(|n| self.value(n)) {
            Some(Value::Str(p, u)) => Value::Str(norm_path(&p), u),
            _ => Value::str("/"),
        }
    }

    fn arn(&self, service: &str, regional: bool, resource: &Value) -> Value {
        let p = &self.pseudo;
        let prefix = Value::str(format!(
            "arn:{}:{service}:{}:{}:",
            p.partition,
            if regional { p.region.as_str() } else { "" },
            if service == "s3" {
                ""
            } else {
                p.account.as_str()
            },
        ));
        join(&[&prefix, resource])
    }

    fn iam_arn(&mut self, logical: &str, kind: &str, loc: Loc) -> Value {
        let name = self.physical_name(logical, loc);
        let path = self.iam_path(logical);
        let resource = join(&[&Value::str(kind), &path, &name]);
        self.arn("iam", false, &resource)
    }

    /// What `Ref` of resource `logical` gives.
    pub fn resource_ref(&mut self, logical: &str, loc: Loc) -> Value {
        match self.attribute(logical, None, loc) {
            Some(v) => v,
            None => {
                let kind = self.resource(logical).map_or("", |r| r.kind);
                self.unresolved(
                    "Ref",
                    logical,
                    format!("the import does not know what `Ref` of a `{kind}` gives"),
                    loc,
                )
            }
        }
    }

    /// What `Fn::GetAtt` of `logical`.`attr` gives.
    pub fn resource_attr(&mut self, logical: &str, attr: &str, loc: Loc) -> Value {
        match self.attribute(logical, Some(attr), loc) {
            Some(v) => v,
            None => {
                let kind = self.resource(logical).map_or("", |r| r.kind);
                self.unresolved(
                    "GetAtt",
                    &format!("{logical}.{attr}"),
                    format!(
                        "attribute `{attr}` of a `{kind}` is known only once the stack is created"
                    ),
                    loc,
                )
            }
        }
    }

    fn attribute(&mut self, logical: &str, attr: Option<&str>, loc: Loc) -> Option<Value> {
        let kind = self.resource(logical)?.kind;
        let s = |text: String| Value::str(text);
        let v = match (kind, attr) {
            (
                "AWS::IAM::Role"
                | "AWS::IAM::User"
                | "AWS::IAM::Group"
                | "AWS::IAM::InstanceProfile",
                None,
            )
            | (
                "AWS::KMS::Alias"
                | "AWS::Lambda::Function"
                | "AWS::DynamoDB::Table"
                | "AWS::Logs::LogGroup",
                None,
            )
            | ("AWS::S3::Bucket", None)
            | ("AWS::SQS::Queue", Some("QueueName"))
            | ("AWS::SNS::Topic", Some("TopicName"))
            | ("AWS::KMS::Key", None | Some("KeyId")) => self.physical_name(logical, loc),
            ("AWS::IAM::Role", Some("Arn")) => self.iam_arn(logical, "role", loc),
            ("AWS::IAM::User", Some("Arn")) => self.iam_arn(logical, "user", loc),
            ("AWS::IAM::Group", Some("Arn")) => self.iam_arn(logical, "group", loc),
            ("AWS::IAM::InstanceProfile", Some("Arn")) => {
                self.iam_arn(logical, "instance-profile", loc)
            }
            ("AWS::IAM::ManagedPolicy", None | Some("PolicyArn")) => {
                self.iam_arn(logical, "policy", loc)
            }
            ("AWS::S3::Bucket", Some(attr)) => {
                let name = self.physical_name(logical, loc);
                let (region, suffix) = (self.pseudo.region.clone(), self.pseudo.url_suffix.clone());
                match attr {
                    "Arn" => self.arn("s3", false, &name),
                    "DomainName" => join(&[&name, &s(format!(".s3.{suffix}"))]),
                    "RegionalDomainName" => join(&[&name, &s(format!(".s3.{region}.{suffix}"))]),
                    "DualStackDomainName" => {
                        join(&[&name, &s(format!(".s3.dualstack.{region}.{suffix}"))])
                    }
                    _ => return None,
                }
            }
            ("AWS::SQS::Queue", None | Some("QueueUrl")) => {
                let name = self.physical_name(logical, loc);
                let p = &self.pseudo;
                let prefix = s(format!(
                    "https://sqs.{}.{}/{}/",
                    p.region, p.url_suffix, p.account
                ));
                join(&[&prefix, &name])
            }
            ("AWS::SQS::Queue", Some("Arn")) => {
                let name = self.physical_name(logical, loc);
                self.arn("sqs", true, &name)
            }
            ("AWS::SNS::Topic", None | Some("TopicArn")) => {
                let name = self.physical_name(logical, loc);
                self.arn("sns", true, &name)
            }
            ("AWS::KMS::Key", Some("Arn")) => {
                let id = self.physical_name(logical, loc);
                self.arn("kms", true, &join(&[&s("key/".to_owned()), &id]))
            }
            ("AWS::Lambda::Function", Some("Arn")) => {
                let name = self.physical_name(logical, loc);
                self.arn("lambda", true, &join(&[&s("function:".to_owned()), &name]))
            }
            ("AWS::DynamoDB::Table", Some("Arn")) => {
                let name = self.physical_name(logical, loc);
                self.arn("dynamodb", true, &join(&[&s("table/".to_owned()), &name]))
            }
            ("AWS::Logs::LogGroup", Some("Arn")) => {
                let name = self.physical_name(logical, loc);
                self.arn(
                    "logs",
                    true,
                    &join(&[&s("log-group:".to_owned()), &name, &s(":*".to_owned())]),
                )
            }
            _ => return None,
        };
        Some(v)
    }
}
