//! Per-event attributes the baseline counts: network bucket, user-agent family, hour, AI calls.
//!
//! No geolocation or ASN database ships offline, so networks are IP prefixes: a /24 (IPv4) or /48
//! (IPv6) for "seen before", and a /16 (IPv4) or /32 (IPv6) for the travel proxy. A non-IP
//! `sourceIPAddress` (an AWS service such as `bedrock.amazonaws.com`, or `AWS Internal`) is its own
//! bucket.

use crate::fasthash::FastMap;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::net::IpAddr;
use std::ops::Deref;
use std::sync::LazyLock;
use tightrope_cloudtrail::Event;

/// A caller's network as text, built without a heap allocation (it is computed for every event).
pub enum Network<'e> {
    /// `10.1.2.0/24` or `2001:db8:1::/48`.
    Prefix { text: [u8; 24], len: u8 },
    /// The service name (or other non-address text) that called, or `(none)`.
    Name(&'e str),
}

impl Deref for Network<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Only ASCII digits, dots, colons and hex letters are written into `text`.
            Network::Prefix { text, len } => {
                std::str::from_utf8(&text[..usize::from(*len)]).unwrap_or("(none)")
            }
            Network::Name(s) => s,
        }
    }
}

impl fmt::Display for Network<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for Network<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

fn prefix(args: fmt::Arguments<'_>) -> Network<'static> {
    let mut text = [0u8; 24];
    let mut cursor: &mut [u8] = &mut text;
    let room = cursor.len();
    // 24 bytes hold the longest form ("ffff:ffff:ffff::/48" is 19).
    let len = match cursor.write_fmt(args) {
        Ok(()) => room - cursor.len(),
        Err(_) => return Network::Name("(none)"),
    };
    Network::Prefix {
        text,
        len: len as u8,
    }
}

/// `a.b.c.0/24` for an IPv4 address, written digit by digit: this runs for every event of
/// `detect learn` and `detect run`, where `format_args!` cost about 2 % of the CPU time.
fn ipv4_prefix(o: [u8; 4]) -> Network<'static> {
    let mut text = [0u8; 24];
    let mut len = 0;
    let mut push = |b: u8| {
        text[len] = b;
        len += 1;
    };
    for &x in &o[..3] {
        if x >= 100 {
            push(b'0' + x / 100);
        }
        if x >= 10 {
            push(b'0' + x / 10 % 10);
        }
        push(b'0' + x % 10);
        push(b'.');
    }
    for &b in b"0/24" {
        push(b);
    }
    // At most 3 × 4 + 4 = 16 bytes.
    Network::Prefix {
        text,
        len: len as u8,
    }
}

/// The /24 (IPv4) or /48 (IPv6) network of the caller, or the service name that called.
pub fn network<'e>(e: &'e Event<'_>) -> Network<'e> {
    network_of(e, e.ip())
}

/// [`network`] for an event whose address `ip` (from [`Event::ip`]) is already parsed.
pub fn network_of<'e>(e: &'e Event<'_>, ip: Option<IpAddr>) -> Network<'e> {
    match ip {
        Some(IpAddr::V4(v4)) => ipv4_prefix(v4.octets()),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            prefix(format_args!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]))
        }
        None => Network::Name(e.source_ip.as_deref().unwrap_or("(none)")),
    }
}

/// The wide network (/16 or IPv6 /32) for the travel proxy; `None` for non-IP callers.
pub fn wide_network(e: &Event<'_>) -> Option<u64> {
    wide_network_of(e.ip())
}

/// [`wide_network`] of an already parsed address.
pub fn wide_network_of(ip: Option<IpAddr>) -> Option<u64> {
    match ip? {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            Some(u64::from(o[0]) << 8 | u64::from(o[1]))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(1 << 40 | u64::from(s[0]) << 16 | u64::from(s[1]))
        }
    }
}

/// True for private, loopback and link-local addresses (VPC-internal callers).
pub fn is_private(e: &Event<'_>) -> bool {
    match e.ip() {
        Some(IpAddr::V4(v4)) => v4.is_private() || v4.is_loopback() || v4.is_link_local(),
        Some(IpAddr::V6(v6)) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00,
        None => false,
    }
}

/// Substrings that name a client family, in priority order (the first listed that occurs wins).
const UA_FAMILIES: [(&str, &str); 20] = [
    ("console.amazonaws.com", "console"),
    ("console.aws.amazon.com", "console"),
    ("signin.amazonaws.com", "console"),
    ("s3console", "console"),
    ("mozilla", "browser"),
    ("terraform", "terraform"),
    ("aws-cli", "aws-cli"),
    ("boto3", "boto3"),
    ("botocore", "boto3"),
    ("aws-sdk-go", "aws-sdk-go"),
    ("aws-sdk-java", "aws-sdk-java"),
    ("aws-sdk-js", "aws-sdk-js"),
    ("aws-sdk-rust", "aws-sdk-rust"),
    ("aws-sdk-dotnet", "aws-sdk-dotnet"),
    ("cloudformation", "cloudformation"),
    ("trufflehog", "trufflehog"),
    ("pacu", "pacu"),
    ("python-requests", "python-requests"),
    ("curl", "curl"),
    ("s3browser", "s3browser"),
];

/// One case-insensitive automaton over [`UA_FAMILIES`] (one pass over the user agent instead of a
/// lower-cased copy and twenty substring searches).
static UA_MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(UA_FAMILIES.iter().map(|(needle, _)| needle))
        .ok()
});

/// The listed family of `ua`: the earliest entry of [`UA_FAMILIES`] that occurs in it.
fn listed_family(ua: &str) -> Option<&'static str> {
    match UA_MATCHER.as_ref() {
        Some(ac) => ac
            .find_overlapping_iter(ua)
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|i| UA_FAMILIES[i].1),
        None => {
            let lower = ua.to_ascii_lowercase();
            UA_FAMILIES
                .iter()
                .find(|(needle, _)| lower.contains(needle))
                .map(|(_, family)| *family)
        }
    }
}

/// The user agent's family without versions: `aws-cli`, `Boto3`, `console`, `aws-sdk-java`,
/// `terraform`, `python-requests`, ... so that upgrades do not look new.
pub fn user_agent_family(ua: Option<&str>) -> Cow<'static, str> {
    let Some(ua) = ua else {
        return Cow::Borrowed("(none)");
    };
    let ua = ua.trim_start_matches('[');
    if let Some(family) = listed_family(ua) {
        return Cow::Borrowed(family);
    }
    let lower = ua.to_ascii_lowercase();
    if lower.ends_with(".amazonaws.com") || lower == "aws internal" {
        return Cow::Owned(lower);
    }
    // First token without its version.
    Cow::Owned(
        lower
            .split(['/', ' ', '('])
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect(),
    )
}

/// [`user_agent_family`] with memory: user agents repeat across millions of events, so each
/// distinct string is classified once. Bounded: past [`UaFamilies::CAPACITY`] distinct strings the
/// rest are classified every time.
#[derive(Default)]
pub struct UaFamilies {
    /// User agent → position of its family in `families`.
    known: FastMap<Box<str>, usize>,
    families: Vec<Cow<'static, str>>,
    /// The last family computed for a string that was not kept (the map was full).
    spill: Cow<'static, str>,
}

impl UaFamilies {
    pub const CAPACITY: usize = 4096;

    /// The family of `ua`, as [`user_agent_family`] gives it.
    pub fn family(&mut self, ua: Option<&str>) -> &str {
        let Some(ua) = ua else {
            return "(none)";
        };
        if let Some(i) = self.known.get(ua).copied() {
            return &self.families[i];
        }
        let f = user_agent_family(Some(ua));
        if self.known.len() >= Self::CAPACITY {
            self.spill = f;
            return &self.spill;
        }
        self.known.insert(ua.into(), self.families.len());
        self.families.push(f);
        self.families.last().map_or("(none)", |f| f)
    }
}

/// UTC hour of day of the event.
pub fn hour(e: &Event<'_>) -> Option<usize> {
    e.time.map(|t| (t.rem_euclid(86_400) / 3600) as usize)
}

/// What the learner, the detector and the windows ask of every event, worked out once per event:
/// each question needs the IAM service prefix, which [`Event::service`] derives from `eventSource`
/// on every call (about ten calls per event before this was kept).
#[derive(Debug, Clone, Copy)]
pub struct Facts<'e> {
    /// [`Event::service`].
    pub service: &'e str,
    /// A model inference call (Bedrock `InvokeModel*` / `Converse*`, SageMaker `InvokeEndpoint*`).
    pub ai_invocation: bool,
    /// Reconnaissance of Bedrock before abuse (what LLM-jacking tooling calls first).
    pub ai_recon: bool,
    /// A training or AI job creation (SageMaker jobs, Bedrock customisation).
    pub ai_job: bool,
    /// An object read from S3 (data events).
    pub s3_read: bool,
}

impl<'e> Facts<'e> {
    pub fn of(e: &'e Event<'_>) -> Self {
        let service = e.service();
        let name = e.name.as_ref();
        Facts {
            service,
            ai_invocation: ai_invocation(service, name),
            ai_recon: ai_recon(service, name),
            ai_job: ai_job(service, name),
            s3_read: s3_read(service, name),
        }
    }

    /// [`Event::iam_action_into`], with the service already known.
    pub fn iam_action_into(&self, e: &Event<'_>, out: &mut String) {
        out.clear();
        out.push_str(self.service);
        out.push(':');
        out.push_str(&e.name);
    }

    /// The training-data or knowledge-base source a call points an AI resource at, if any.
    pub fn data_source<'x>(&self, e: &'x Event<'_>) -> Option<&'x str> {
        let p = &e.params;
        p.training_data_uri
            .as_deref()
            .or(p.data_source_bucket.as_deref())
            .or(if self.ai_job { p.bucket_name.as_deref() } else { None })
    }
}

fn ai_invocation(service: &str, n: &str) -> bool {
    (service == "bedrock" && (n.starts_with("InvokeModel") || n.starts_with("Converse")))
        || (service == "sagemaker" && n.starts_with("InvokeEndpoint"))
}

fn ai_recon(service: &str, name: &str) -> bool {
    service == "bedrock"
        && matches!(
            name,
            "ListFoundationModels"
                | "GetFoundationModelAvailability"
                | "GetModelInvocationLoggingConfiguration"
                | "ListInferenceProfiles"
                | "GetUseCaseForModelAccess"
                | "PutUseCaseForModelAccess"
                | "ListFoundationModelAgreementOffers"
                | "CreateFoundationModelAgreement"
                | "ListModelCustomizationJobs"
        )
}

fn ai_job(service: &str, n: &str) -> bool {
    (service == "sagemaker" && n.starts_with("Create") && n.ends_with("Job"))
        || (service == "bedrock" && n == "CreateModelCustomizationJob")
}

fn s3_read(service: &str, name: &str) -> bool {
    service == "s3" && matches!(name, "GetObject" | "CopyObject" | "SelectObjectContent")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_families_ignore_versions() {
        assert_eq!(
            user_agent_family(Some("aws-cli/2.13.5 Python/3.11.4")),
            "aws-cli"
        );
        assert_eq!(user_agent_family(Some("[aws-cli/1.0]")), "aws-cli");
        assert_eq!(
            user_agent_family(Some("Boto3/1.34.0 md/Botocore#1.34.0")),
            "boto3"
        );
        assert_eq!(user_agent_family(Some("Mozilla/5.0 (X11)")), "browser");
        assert_eq!(user_agent_family(Some("MyTool/3.1")), "mytool");
        assert_eq!(user_agent_family(None), "(none)");
        // Priority follows the list, not the position in the string.
        assert_eq!(
            user_agent_family(Some("Mozilla/5.0 via signin.amazonaws.com")),
            "console"
        );
        assert_eq!(
            user_agent_family(Some("bedrock.amazonaws.com")),
            "bedrock.amazonaws.com"
        );
    }

    #[test]
    fn remembered_families_match_the_function() {
        let mut families = UaFamilies::default();
        for ua in ["aws-cli/2 Python", "MyTool/3.1", "aws-cli/2 Python", "MyTool/3.1", "curl/8"] {
            assert_eq!(families.family(Some(ua)), user_agent_family(Some(ua)));
        }
        assert_eq!(families.family(None), "(none)");
    }

    fn event_from(ip: &str) -> Event<'static> {
        Event {
            source_ip: Some(Cow::Owned(ip.to_string())),
            ..Event::default()
        }
    }

    #[test]
    fn networks_are_prefixes_or_names() {
        assert_eq!(&*network(&event_from("203.0.113.77")), "203.0.113.0/24");
        for o in [[0, 0, 0, 1], [9, 10, 99, 7], [100, 199, 255, 255], [255, 5, 20, 0]] {
            let ip = std::net::Ipv4Addr::from(o);
            let expected = format!("{}.{}.{}.0/24", o[0], o[1], o[2]);
            assert_eq!(&*network(&event_from(&ip.to_string())), expected);
        }
        assert_eq!(&*network(&event_from("2001:db8:1:2::5")), "2001:db8:1::/48");
        assert_eq!(
            &*network(&event_from("ffff:ffff:ffff:ffff::1")),
            "ffff:ffff:ffff::/48"
        );
        assert_eq!(
            &*network(&event_from("bedrock.amazonaws.com")),
            "bedrock.amazonaws.com"
        );
        assert_eq!(&*network(&Event::default()), "(none)");
    }
}
