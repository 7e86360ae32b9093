//! JUnit XML for CI dashboards (GitLab, Jenkins, GitHub test reporters): one `<testsuite>` per
//! step; a step that is not run is one skipped test case; otherwise one failing test case per
//! unsuppressed critical or high finding, one passing case ("readiness") when there is none, and one
//! error case per unreadable input. Attack paths are their own suite.

use super::escape;
use crate::Preflight;
use crate::verdict::readiness;
use std::fmt::Write;
use tightrope_core::{Finding, Severity};

fn failure(s: &mut String, classname: &str, f: &Finding) {
    let name = format!("{} {}", f.rule_id, f.resource.address);
    let _ = writeln!(
        s,
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
        escape(classname),
        escape(&name),
        escape(f.location.path().unwrap_or("")),
        f.severity.as_str(),
        escape(&f.message),
        escape(&format!(
            "{}\n{}\nFix: {}",
            f.title,
            f.evidence.as_deref().unwrap_or(""),
            f.remediation
        )),
    );
}

pub fn render(p: &Preflight) -> String {
    let mut body = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    for r in &p.steps {
        let classname = format!("tightrope.preflight.{}", r.step.as_str());
        let blocking: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none() && f.severity >= Severity::High)
            .collect();
        let mut suite = String::new();
        let (mut t, mut fl, mut er, mut sk) = (0, 0, 0, 0);
        if let Some(why) = &r.not_run {
            let _ = writeln!(
                suite,
                "    <testcase classname=\"{}\" name=\"readiness\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape(&classname),
                escape(why)
            );
            t += 1;
            sk += 1;
        } else {
            for f in &blocking {
                failure(&mut suite, &classname, f);
                t += 1;
                fl += 1;
            }
            for e in &r.errors {
                let _ = writeln!(
                    suite,
                    "    <testcase classname=\"{}\" name=\"input {}\">\n      <error type=\"input\" message=\"{}\"/>\n    </testcase>",
                    escape(&classname),
                    escape(&e.path),
                    escape(&e.to_string())
                );
                t += 1;
                er += 1;
            }
            if blocking.is_empty() {
                let _ = writeln!(
                    suite,
                    "    <testcase classname=\"{}\" name=\"readiness: {}\"/>",
                    escape(&classname),
                    readiness(r).as_str()
                );
                t += 1;
            }
        }
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{fl}\" errors=\"{er}\" skipped=\"{sk}\" time=\"{:.3}\">\n{suite}  </testsuite>",
            r.step.as_str(),
            r.elapsed_ms as f64 / 1000.0
        );
        tests += t;
        failures += fl;
        errors += er;
        skipped += sk;
    }
    let mut suite = String::new();
    for a in &p.attack_paths {
        failure(
            &mut suite,
            "tightrope.preflight.attack-paths",
            &a.to_finding(),
        );
    }
    if p.attack_paths.is_empty() {
        suite.push_str("    <testcase classname=\"tightrope.preflight.attack-paths\" name=\"no attack path\"/>\n");
    }
    let n = p.attack_paths.len().max(1);
    let _ = writeln!(
        body,
        "  <testsuite name=\"attack-paths\" tests=\"{n}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n{suite}  </testsuite>",
        p.attack_paths.len()
    );
    tests += n;
    failures += p.attack_paths.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tightrope preflight: {}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{:.3}\">\n{body}</testsuites>\n",
        escape(&p.environment),
        p.elapsed_ms as f64 / 1000.0
    )
}
