//! Amazon SQS queues are named by URL in both CloudFormation and
//! Terraform, but policies name them by ARN.

/// `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` (or the legacy
/// `https://REGION.queue.amazonaws.com/...`) as the queue's ARN; the URL
/// itself when it names no account or queue. `default_region` stands in
/// when the host names none.
pub(crate) fn queue_arn(partition: &str, default_region: &str, url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut parts = rest.splitn(3, '/');
    let (host, account, name) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let region = host
        .strip_prefix("sqs.")
        .and_then(|h| h.split('.').next())
        .or_else(|| host.split_once(".queue.").map(|(r, _)| r))
        .unwrap_or(default_region);
    if account.is_empty() || name.is_empty() {
        return url.to_owned();
    }
    format!(
        "arn:{partition}:sqs:{region}:{account}:{}",
        name.trim_end_matches('/')
    )
}
