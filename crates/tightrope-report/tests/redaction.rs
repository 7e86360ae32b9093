//! No renderer adds raw values: evidence redacted by an analyzer stays redacted in every format.

use crate::common;

use tightrope_core::Severity;
use tightrope_core::redact::redact;
use tightrope_report::{Format, render};

#[test]
fn redacted_evidence_never_reveals_the_secret_in_any_format() {
    let secret = "AKIAIOSFODNN7EXAMPLE";
    let mut s = common::scan();
    s.findings[0].evidence = Some(format!("aws_access_key_id = {}", redact(secret)));
    s.findings[5].evidence = Some(redact(secret)); // a suppressed finding too
    for format in Format::ALL {
        for color in [false, true] {
            let out = render(format, &s.report(Severity::Info), color);
            assert!(out.contains("AKIA"), "{format}: the redacted evidence is shown:\n{out}");
            for fragment in [secret, "IOSFODNN7", "FODNN7EXAMP"] {
                assert!(!out.contains(fragment), "{format} reveals `{fragment}`:\n{out}");
            }
        }
    }
}
