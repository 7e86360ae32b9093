//! The one normalised [`Event`] every consumer of CloudTrail reads.

use crate::raw::{Lenient, RawRecord};
use crate::time::parse_time;
use serde::Serialize;
use std::borrow::Cow;
use std::net::IpAddr;

/// Who made the call (`userIdentity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Principal<'a> {
    /// `IAMUser`, `AssumedRole`, `Root`, `AWSService`, `FederatedUser`, `AWSAccount`, ...
    pub kind: Option<Cow<'a, str>>,
    pub arn: Option<Cow<'a, str>>,
    pub principal_id: Option<Cow<'a, str>>,
    pub account: Option<Cow<'a, str>>,
    pub access_key_id: Option<Cow<'a, str>>,
    pub user_name: Option<Cow<'a, str>>,
    /// For role sessions: the role (or user) that issued the session.
    pub issuer_arn: Option<Cow<'a, str>>,
    pub issuer_kind: Option<Cow<'a, str>>,
    /// The AWS service that made the call on the principal's behalf.
    pub invoked_by: Option<Cow<'a, str>>,
    /// `sessionContext.attributes.mfaAuthenticated`.
    pub mfa: Option<bool>,
}

/// Request parameters of interest to detections (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Params<'a> {
    pub bucket_name: Option<Cow<'a, str>>,
    pub key: Option<Cow<'a, str>>,
    pub model_id: Option<Cow<'a, str>>,
    pub role_arn: Option<Cow<'a, str>>,
    pub role_name: Option<Cow<'a, str>>,
    pub user_name: Option<Cow<'a, str>>,
    pub policy_arn: Option<Cow<'a, str>>,
    pub function_name: Option<Cow<'a, str>>,
    pub guardrail_id: Option<Cow<'a, str>>,
    pub knowledge_base_id: Option<Cow<'a, str>>,
    /// Bedrock customisation `trainingDataConfig.s3Uri`.
    pub training_data_uri: Option<Cow<'a, str>>,
    /// Bedrock knowledge-base data source `s3Configuration.bucketArn`.
    pub data_source_bucket: Option<Cow<'a, str>>,
}

/// One CloudTrail event, normalised. Strings borrow from the record's bytes when they can; use
/// [`Event::into_owned`] to keep an event beyond the reader's callback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Event<'a> {
    /// Seconds since the Unix epoch (UTC); `None` when `eventTime` is absent or unreadable.
    pub time: Option<i64>,
    /// `eventSource`, e.g. `bedrock.amazonaws.com` (empty when the record has none).
    pub source: Cow<'a, str>,
    /// `eventName`, e.g. `InvokeModel`.
    pub name: Cow<'a, str>,
    pub principal: Principal<'a>,
    pub source_ip: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub region: Option<Cow<'a, str>>,
    /// The account the event was delivered to (`recipientAccountId`), else the caller's account.
    pub account: Option<Cow<'a, str>>,
    /// `errorCode`; a failed console sign-in is reported as `ConsoleLoginFailure`.
    pub error_code: Option<Cow<'a, str>>,
    pub read_only: Option<bool>,
    /// `AwsApiCall`, `AwsConsoleSignIn`, `AwsServiceEvent`, ...
    pub event_type: Option<Cow<'a, str>>,
    pub event_id: Option<Cow<'a, str>>,
    /// ARNs from `resources[]`, plus ARNs built from request parameters (bucket, object, model, role).
    pub resources: Vec<Cow<'a, str>>,
    pub params: Params<'a>,
}

fn s(l: Lenient<'_>) -> Option<Cow<'_, str>> {
    l.into_inner()
}

/// A boolean field's text (`true`/`false` in any of three casings), else `None`.
pub(crate) fn flag(text: Option<&str>) -> Option<bool> {
    match text? {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Why a record without `eventName` gives no event.
pub(crate) const MISSING_NAME: &str = "missing eventName: not a CloudTrail record";

impl<'a> Event<'a> {
    /// Normalise a typed record. Fails (with the reason) when `eventName` is missing; a missing
    /// `eventSource` is kept as an empty string (its service is then `unknown`).
    pub(crate) fn from_raw(r: RawRecord<'a>) -> Result<Event<'a>, &'static str> {
        let name = s(r.event_name).ok_or(MISSING_NAME)?;
        let source = s(r.event_source).unwrap_or(Cow::Borrowed(""));
        let mut principal = Principal::default();
        if let Some(id) = r.user_identity.0 {
            principal.kind = s(id.kind);
            principal.arn = s(id.arn);
            principal.principal_id = s(id.principal_id);
            principal.account = s(id.account_id);
            principal.access_key_id = s(id.access_key_id);
            principal.user_name = s(id.user_name);
            principal.invoked_by = s(id.invoked_by);
            if let Some(ctx) = id.session_context.0 {
                if let Some(iss) = ctx.session_issuer.0 {
                    principal.issuer_arn = s(iss.arn);
                    principal.issuer_kind = s(iss.kind);
                }
                principal.mfa = ctx
                    .attributes
                    .0
                    .and_then(|a| flag(s(a.mfa_authenticated).as_deref()));
            }
        }
        let params = r.request_parameters.0.unwrap_or_default();
        let params = Params {
            bucket_name: s(params.bucket_name),
            key: s(params.key),
            model_id: s(params.model_id),
            role_arn: s(params.role_arn),
            role_name: s(params.role_name),
            user_name: s(params.user_name),
            policy_arn: s(params.policy_arn),
            function_name: s(params.function_name),
            guardrail_id: s(params.guardrail_identifier),
            knowledge_base_id: s(params.knowledge_base_id),
            training_data_uri: params.training_data_config.0.and_then(|c| s(c.s3_uri)),
            data_source_bucket: params
                .data_source_configuration
                .0
                .and_then(|c| c.s3_configuration.0)
                .and_then(|c| s(c.bucket_arn)),
        };
        let mut event = Event {
            time: r.event_time.0.as_deref().and_then(parse_time),
            source,
            name,
            principal,
            source_ip: s(r.source_ip_address),
            user_agent: s(r.user_agent),
            region: s(r.aws_region),
            account: None,
            error_code: s(r.error_code),
            read_only: flag(s(r.read_only).as_deref()),
            event_type: s(r.event_type),
            event_id: s(r.event_id),
            resources: r.resources.0.into_iter().filter_map(|x| s(x.arn)).collect(),
            params,
        };
        let console_login = r.response_elements.0.and_then(|x| s(x.console_login));
        event.complete(s(r.recipient_account_id), console_login);
        Ok(event)
    }

    /// The last step of normalising a record, once its fields are read: the ARNs that request
    /// parameters name (bucket, object, model, role) appended to `resources` unless listed, a
    /// failed console sign-in (`console_login` = `Failure`) made the error code when there is none,
    /// and the account: `recipient` (`recipientAccountId`), else the caller's.
    pub(crate) fn complete(
        &mut self,
        recipient: Option<Cow<'a, str>>,
        console_login: Option<Cow<'a, str>>,
    ) {
        let params = &self.params;
        let region = self.region.as_deref();
        let resources = &mut self.resources;
        let mut add = |arn: Cow<'a, str>| {
            if !resources.contains(&arn) {
                resources.push(arn);
            }
        };
        if let Some(b) = &params.bucket_name {
            // `[..].concat()` sizes the string once; `format!` cost several times as much, and
            // these ARNs are built for every S3 and Bedrock event.
            let arn = match params.key.as_deref() {
                Some(k) => ["arn:aws:s3:::", b, "/", k].concat(),
                None => ["arn:aws:s3:::", b].concat(),
            };
            add(Cow::Owned(arn));
        }
        if let Some(m) = &params.model_id {
            add(model_arn(m, region));
        }
        if let Some(role) = &params.role_arn {
            add(role.clone());
        }
        if self.error_code.is_none() && console_login.is_some_and(|v| v == "Failure") {
            self.error_code = Some(Cow::Borrowed("ConsoleLoginFailure"));
        }
        self.account = recipient.or_else(|| self.principal.account.clone());
    }

    /// `eventSource:eventName`, e.g. `bedrock.amazonaws.com:InvokeModel`.
    pub fn action(&self) -> String {
        format!("{}:{}", self.source, self.name)
    }

    /// The IAM service prefix of `eventSource` (`bedrock`, `s3`, `cloudwatch` for `monitoring`, ...).
    pub fn service(&self) -> &str {
        service_prefix(&self.source)
    }

    /// The IAM action this call needs, e.g. `bedrock:InvokeModel`.
    pub fn iam_action(&self) -> String {
        let mut out = String::with_capacity(self.source.len() + self.name.len() + 1);
        self.iam_action_into(&mut out);
        out
    }

    /// [`Event::iam_action`] written into a reused buffer (no allocation per event in hot loops).
    pub fn iam_action_into(&self, out: &mut String) {
        out.clear();
        out.push_str(self.service());
        out.push(':');
        out.push_str(&self.name);
    }

    /// The stable identity behind the call: the session issuer (the role) for role sessions, else the
    /// principal ARN, else the principal id, else the invoking service; `"unknown"` when none is given.
    pub fn identity(&self) -> &str {
        let p = &self.principal;
        p.issuer_arn
            .as_deref()
            .or(p.arn.as_deref())
            .or(p.principal_id.as_deref())
            .or(p.invoked_by.as_deref())
            .unwrap_or("unknown")
    }

    /// The caller's IP address, when `sourceIPAddress` is an address (not a service name).
    pub fn ip(&self) -> Option<IpAddr> {
        self.source_ip.as_deref()?.parse().ok()
    }

    /// True when the call failed (`errorCode` set, or a failed console sign-in).
    pub fn is_error(&self) -> bool {
        self.error_code.is_some()
    }

    /// A copy that owns all its strings.
    pub fn into_owned(self) -> Event<'static> {
        fn o(c: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
            c.map(|c| Cow::Owned(c.into_owned()))
        }
        let p = self.principal;
        let q = self.params;
        Event {
            time: self.time,
            source: Cow::Owned(self.source.into_owned()),
            name: Cow::Owned(self.name.into_owned()),
            principal: Principal {
                kind: o(p.kind),
                arn: o(p.arn),
                principal_id: o(p.principal_id),
                account: o(p.account),
                access_key_id: o(p.access_key_id),
                user_name: o(p.user_name),
                issuer_arn: o(p.issuer_arn),
                issuer_kind: o(p.issuer_kind),
                invoked_by: o(p.invoked_by),
                mfa: p.mfa,
            },
            source_ip: o(self.source_ip),
            user_agent: o(self.user_agent),
            region: o(self.region),
            account: o(self.account),
            error_code: o(self.error_code),
            read_only: self.read_only,
            event_type: o(self.event_type),
            event_id: o(self.event_id),
            resources: self
                .resources
                .into_iter()
                .map(|c| Cow::Owned(c.into_owned()))
                .collect(),
            params: Params {
                bucket_name: o(q.bucket_name),
                key: o(q.key),
                model_id: o(q.model_id),
                role_arn: o(q.role_arn),
                role_name: o(q.role_name),
                user_name: o(q.user_name),
                policy_arn: o(q.policy_arn),
                function_name: o(q.function_name),
                guardrail_id: o(q.guardrail_id),
                knowledge_base_id: o(q.knowledge_base_id),
                training_data_uri: o(q.training_data_uri),
                data_source_bucket: o(q.data_source_bucket),
            },
        }
    }
}

/// A Bedrock model ARN for a `modelId` that is not already an ARN.
fn model_arn<'a>(model: &Cow<'a, str>, region: Option<&str>) -> Cow<'a, str> {
    if model.starts_with("arn:") {
        model.clone()
    } else {
        Cow::Owned(
            [
                "arn:aws:bedrock:",
                region.unwrap_or(""),
                "::foundation-model/",
                model,
            ]
            .concat(),
        )
    }
}

/// The IAM service prefix for an `eventSource` host name.
pub fn service_prefix(event_source: &str) -> &str {
    let host = event_source
        .strip_suffix(".amazonaws.com")
        .unwrap_or(event_source);
    match host {
        "" => "unknown",
        "monitoring" => "cloudwatch",
        "email" => "ses",
        "signin" => "signin",
        "bedrock-runtime" | "bedrock-agent" | "bedrock-agent-runtime" => "bedrock",
        "api.sagemaker" | "runtime.sagemaker" => "sagemaker",
        "elasticloadbalancing" => "elasticloadbalancing",
        "es" => "es",
        "lambda" => "lambda",
        other => other,
    }
}
