//! Problems of a request itself, found before the reader takes its
//! decision at face value: an action AWS does not have (with "did you
//! mean"), a context key that neither the action's service nor AWS's
//! global keys define, a context value of the wrong type for its key, a
//! resource that fits none of the action's resource types, and a resource
//! named for an action without resource-level permissions. The decision
//! stays what AWS would decide; these are warnings beside it.
//! They need AWS's service data (the `catalog` feature, and the data
//! there: see `iamplay_catalog::services`); without it there are none.

use crate::request::Request;

use super::problem::Problem;

/// Every finding for `request`.
#[cfg(not(feature = "catalog"))]
pub fn request_findings(_request: &Request) -> Vec<Problem> {
    Vec::new()
}

/// Every finding for `request`.
#[cfg(feature = "catalog")]
pub fn request_findings(request: &Request) -> Vec<Problem> {
    match iamplay_catalog::services() {
        Some(catalog) => with_catalog::findings(request, catalog),
        None => Vec::new(),
    }
}

#[cfg(feature = "catalog")]
mod with_catalog {
    use iamplay_catalog::{Action, Catalog, ValueType};

    use crate::code::Code;
    use crate::condition::boolean::parse_bool;
    use crate::condition::date::Instant;
    use crate::condition::ip::parse_address;
    use crate::condition::numeric::Decimal;
    use crate::diagnostic::Severity;
    use crate::matching::wildcard_match;
    use crate::policy::parse::suggest::closest;
    use crate::request::Request;

    use super::Problem;

    fn warning(code: Code, message: String) -> Problem {
        Problem::general(Severity::Warning, code, message)
    }

    pub fn findings(request: &Request, catalog: &Catalog) -> Vec<Problem> {
        let mut out = Vec::new();
        let action = action_of(request, catalog, &mut out);
        context_keys(request, catalog, action.as_ref(), &mut out);
        if let Some(action) = &action {
            resource(request, action, &mut out);
        }
        out
    }

    /// The requested action from the catalog, or a finding that says it
    /// is not there.
    fn action_of<'c>(
        request: &Request,
        catalog: &'c Catalog,
        out: &mut Vec<Problem>,
    ) -> Option<Action<'c>> {
        let text = request.action.as_str();
        let (prefix, name) = text.split_once(':')?;
        let Some(service) = catalog.service(prefix) else {
            let hint = closest(prefix, catalog.services().map(|s| s.prefix()))
                .map(|(p, _)| format!("did you mean `{p}:{name}`?"));
            let mut p = warning(
                Code::UnknownService,
                format!(
                    "AWS has no service `{prefix}`: this request asks for an action that does not exist"
                ),
            );
            p.help = hint;
            out.push(p);
            return None;
        };
        if let Some(action) = service.action(name) {
            return Some(action);
        }
        let hint = closest(name, service.actions().map(|a| a.name()))
            .map(|(a, _)| format!("did you mean `{prefix}:{a}`?"));
        let mut p = warning(
            Code::UnknownAction,
            format!(
                "`{text}` is not an action of `{prefix}`: the decision is for a request AWS would never receive"
            ),
        );
        p.help = hint;
        out.push(p);
        None
    }

    /// Context keys that nothing defines, and values that do not fit
    /// their key's type.
    fn context_keys(
        request: &Request,
        catalog: &Catalog,
        action: Option<&Action<'_>>,
        out: &mut Vec<Problem>,
    ) {
        for entry in request.context.iter() {
            let key = entry.key.as_str();
            let known = catalog.global_condition_key(key).or_else(|| {
                let (prefix, _) = key.split_once(':')?;
                catalog.service(prefix)?.condition_key(key)
            });
            let Some(known) = known else {
                let service = action.map(|a| a.service_prefix()).unwrap_or_default();
                let in_service = catalog
                    .service(service)
                    .map(|s| s.condition_keys().map(|k| k.name()).collect::<Vec<_>>())
                    .unwrap_or_default();
                let candidates = || {
                    catalog
                        .global_condition_keys()
                        .map(|k| k.name())
                        .chain(in_service.iter().copied())
                };
                let hint = closest(key, candidates())
                    .map(|(k, _)| k)
                    .or_else(|| completion(key, candidates()))
                    .map(|k| format!("did you mean `{k}`?"));
                let mut p = warning(
                    Code::UnknownConditionKey,
                    format!(
                        "context key `{key}` is neither a global condition key nor a key of `{}`: no policy condition will read it as meant",
                        if service.is_empty() {
                            "the action's service"
                        } else {
                            service
                        }
                    ),
                );
                p.help = hint;
                out.push(p);
                continue;
            };
            let wanted = known.key_type().value;
            for text in entry.value.texts().iter() {
                if !fits(wanted, text) {
                    out.push(warning(
                        Code::ContextValueType,
                        format!(
                            "context key `{key}` is of type `{}`, but `{text}` is not one",
                            wanted.as_str()
                        ),
                    ));
                }
            }
        }
    }

    /// The shortest candidate that `partial` begins (ignoring case), for a
    /// key typed halfway: `iam:AWSServ` → `iam:AWSServiceName`.
    fn completion<'c>(partial: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
        let (_, name) = partial.split_once(':')?;
        if name.len() < 3 {
            return None;
        }
        candidates
            .filter(|c| {
                c.len() > partial.len()
                    && c.get(..partial.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(partial))
            })
            .min_by_key(|c| c.len())
    }

    fn fits(wanted: ValueType, text: &str) -> bool {
        match wanted {
            ValueType::Numeric => Decimal::parse(text).is_some(),
            ValueType::Bool => parse_bool(text).is_some(),
            ValueType::Date => Instant::parse(text).is_some(),
            ValueType::IpAddress => parse_address(text).is_some(),
            ValueType::Arn => text.starts_with("arn:"),
            _ => true,
        }
    }

    /// The resource against the action's resource types.
    fn resource(request: &Request, action: &Action<'_>, out: &mut Vec<Problem>) {
        let resource = request.resource.as_str();
        if resource == "*" {
            return;
        }
        if action.supports_only_wildcard_resource() {
            out.push(warning(
                Code::ResourceNotSupported,
                format!(
                    "`{}:{}` has no resource-level permissions: AWS asks for it on `*`, so policies match `*` rather than `{resource}`",
                    action.service_prefix(),
                    action.name()
                ),
            ));
            return;
        }
        let types: Vec<_> = action.resource_types().collect();
        if types
            .iter()
            .any(|t| wildcard_match(&t.resource_type().arn_glob(), resource, false))
        {
            return;
        }
        let names: Vec<String> = types.iter().map(|t| format!("`{}`", t.name())).collect();
        out.push(warning(
            Code::ResourceFitsNoType,
            format!(
                "`{resource}` fits none of the resource types of `{}:{}` ({})",
                action.service_prefix(),
                action.name(),
                names.join(", ")
            ),
        ));
    }
}
