//! Drill tests: built-in scenarios detected, scenario events read by the real CloudTrail reader,
//! the gate (a disabled detection leaves its scenario undetected, non-zero exit), playbook
//! validation errors with lines, case studies checked against MITRE ATLAS data, tabletop records.

use clap::Parser;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tightrope_cloudtrail::{Layout, read_bytes, read_path};
use tightrope_drill::background::{self, Size};
use tightrope_drill::cli::{DrillArgs, run};
use tightrope_drill::playbook::parse;
use tightrope_drill::run::{Options, attack_log};
use tightrope_drill::{builtin, drill, scenarios, tabletop};

/// Small enough for debug builds, large enough for per-identity baselines.
fn small() -> Size {
    Size { history_days: 4, test_days: 1, events: 15_000.0 }
}

fn opts<'a>() -> Options<'a> {
    Options { size: small(), ..Options::default() }
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent (see ../shared/data/SOURCES.md)", p.display());
        None
    }
}

#[test]
fn every_builtin_scenario_is_detected_and_mapped() {
    let pbs = builtin::playbooks().expect("valid built-ins");
    let r = drill(&pbs, &[], &opts()).expect("runs");
    assert_eq!(r.scenarios.len(), 9);
    for o in &r.scenarios {
        assert!(o.detected, "{} undetected: fired {:?}, alerts {:?}", o.scenario, o.fired, o.alerts);
        assert_eq!(o.playbook, o.scenario);
        assert!(o.has_owner && o.has_verification && o.has_containment, "{}", o.scenario);
        let l = o.time_to_alert_secs.expect("latency when detected");
        assert!((0..=86_400).contains(&l), "{} latency {l}", o.scenario);
        assert!(o.fired.iter().any(|f| f.bound));
    }
    assert!(r.undetected.is_empty());
    assert_eq!(r.run.bad_records, 0);
    let covered: Vec<&str> = r
        .matrix
        .tactics
        .iter()
        .filter(|t| !t.detected_by.is_empty())
        .map(|t| t.id.as_str())
        .collect();
    assert!(covered.len() >= 12, "ATLAS tactics covered: {covered:?}");
    let html = tightrope_drill::report::html(&r);
    assert!(html.contains("Coverage matrix") && !html.contains("<script") && !html.contains("http"));
    let table = tightrope_drill::report::table(&r);
    assert!(table.contains("9 of 9 scenarios detected"), "{table}");
}

#[test]
fn no_attack_no_detection() {
    // Control: the background test day alone raises no alert that a playbook binds for the
    // identities and time of a scenario (the detection comes from the injected events).
    let pbs = builtin::playbooks().expect("valid");
    let o = Options { size: small(), ..Options::default() };
    let base = tightrope_drill::run::baseline(&o);
    for (i, s) in scenarios::ALL.iter().enumerate() {
        let events = scenarios::generate(s, &base.background, o.seed, i);
        assert!(!events.is_empty(), "{}", s.id);
        let p = pbs.iter().find(|p| p.id == s.id).expect("playbook");
        let (with, _) = tightrope_drill::run::evaluate(&base, s, &events, true, p, &o);
        let (without, _) = tightrope_drill::run::evaluate(&base, s, &events, false, p, &o);
        assert!(with.detected, "{} not detected", s.id);
        assert_eq!(with.attack_identities, without.attack_identities);
        assert!(!without.detected, "{} detected without the attack: {:?}", s.id, without.alerts);
    }
}

#[test]
fn scenario_events_round_trip_through_the_cloudtrail_reader() {
    let bg = background::generate(7, small());
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, s) in scenarios::ALL.iter().enumerate() {
        let events = scenarios::generate(s, &bg, 7, i);
        let log = attack_log(&events);
        let mut seen = Vec::new();
        let stats = read_bytes(s.id, &log, Layout::Json, |r| {
            seen.push((
                r.event.event_id.as_deref().unwrap_or("").to_string(),
                r.event.iam_action(),
                r.event.time,
                r.event.user_agent.as_deref().unwrap_or("").to_string(),
                r.event.source_ip.as_deref().unwrap_or("").to_string(),
            ));
        });
        assert_eq!(stats.bad, 0, "{}: {:?}", s.id, stats.bad_samples);
        assert_eq!(seen.len(), events.len(), "{}", s.id);
        for (e, (id, action, time, ua, ip)) in events.iter().zip(&seen) {
            assert_eq!(&e.event_id, id);
            assert_eq!(&e.action, action);
            assert_eq!(Some(e.time), *time);
            assert!(!ua.is_empty() && !ip.is_empty(), "{}: {action} lacks user agent or IP", s.id);
        }
        // As AWS delivers them: a file in the AWSLogs tree, read with the directory reader.
        let day = dir.path().join(format!("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/1{i}"));
        std::fs::create_dir_all(&day).expect("mkdir");
        std::fs::write(day.join(format!("111122223333_CloudTrail_us-east-1_{}.json", s.id)), &log).expect("write");
    }
    let mut n = 0;
    let stats = read_path(dir.path(), |_| n += 1);
    assert_eq!(stats.bad, 0);
    assert!(stats.files >= 9 && n > 1000, "{} files, {n} events", stats.files);
}

#[test]
fn generation_is_deterministic_for_a_seed() {
    let a = background::generate(11, small());
    let b = background::generate(11, small());
    let c = background::generate(12, small());
    assert_eq!(a.history, b.history);
    assert_ne!(a.history, c.history);
    let s = &scenarios::ALL[0];
    let (x, y) = (scenarios::generate(s, &a, 11, 0), scenarios::generate(s, &b, 11, 0));
    assert_eq!(x.iter().map(|e| &e.json).collect::<Vec<_>>(), y.iter().map(|e| &e.json).collect::<Vec<_>>());
    // Neighbouring seeds place and shape the attack differently.
    for seed in [2u64, 6] {
        let (p, q) = (scenarios::generate(s, &a, seed, 0), scenarios::generate(s, &a, seed + 1, 0));
        assert_ne!(p[0].time, q[0].time, "seeds {seed} and {}", seed + 1);
    }
}

/// Parse a `drill` command line and run it in-process; returns the exit code.
fn cli(args: &[&str]) -> u8 {
    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        drill: DrillArgs,
    }
    let t = T::try_parse_from(std::iter::once("drill").chain(args.iter().copied())).expect("valid arguments");
    run(&t.drill).expect("runs")
}

#[test]
fn disabling_the_bound_detections_leaves_the_scenario_undetected_and_fails_the_gate() {
    let pbs = builtin::playbooks().expect("valid");
    let sel = vec!["training-data-poisoning".to_string()];
    let on = drill(&pbs, &sel, &opts()).expect("runs");
    assert!(on.scenarios[0].detected, "precondition: detected with every detection on");
    let bound: Vec<String> = on.scenarios[0].fired.iter().filter(|f| f.bound).map(|f| f.key.clone()).collect();
    assert!(!bound.is_empty());
    let off = drill(&pbs, &sel, &Options { disabled: bound.clone(), ..opts() }).expect("runs");
    assert!(!off.scenarios[0].detected, "still detected with {bound:?} disabled: {:?}", off.scenarios[0].fired);
    assert_eq!(off.undetected, sel);
    assert!(off.scenarios[0].fired.iter().all(|f| !bound.contains(&f.key)));

    let out = tempfile::tempdir().expect("tempdir");
    let json = out.path().join("r.json");
    let base = ["run", "training-data-poisoning", "--history-days", "4", "--events", "15000", "-f", "json", "-o"];
    let mut args: Vec<&str> = base.to_vec();
    args.push(json.to_str().expect("utf-8"));
    assert_eq!(cli(&args), tightrope_core::exit::CLEAN);
    let mut disabled = args.clone();
    let flags: Vec<String> = bound.iter().map(|k| k.trim_start_matches("anomaly:").to_string()).collect();
    for f in &flags {
        disabled.push("--disable");
        disabled.push(f);
    }
    assert_eq!(cli(&disabled), tightrope_core::exit::FINDINGS);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("report")).expect("json");
    assert_eq!(report["scenarios"][0]["detected"], false);
    assert_eq!(cli(&["run", "llm-jacking", "--disable", "no_such_detection"]), tightrope_core::exit::INPUT_ERROR);
    assert_eq!(cli(&["run", "no-such-scenario"]), tightrope_core::exit::INPUT_ERROR);
}

#[test]
fn sigma_rules_bound_to_the_guardrail_playbook_fire() {
    let Some(rules) = shared("cloudtrail-sigma-aws-rules/rules") else { return };
    let (set, _) = tightrope_detect::sigma::SigmaSet::load(&rules);
    let pbs = builtin::playbooks().expect("valid");
    // Every Sigma rule a playbook binds exists in the SigmaHQ set, with the same title.
    for p in &pbs {
        for d in p.detections.iter().filter(|d| d.sigma.is_some()) {
            let r = set.rules.iter().find(|r| Some(&r.id) == d.sigma.as_ref()).unwrap_or_else(|| panic!("{}: {:?} not in SigmaHQ", p.id, d));
            assert_eq!(Some(&r.title), d.title.as_ref());
        }
    }
    let sel = vec!["guardrail-removed".to_string()];
    let o = Options { sigma: Some(&set), ..opts() };
    let r = drill(&pbs, &sel, &o).expect("runs");
    let keys: Vec<&str> = r.scenarios[0].fired.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&"sigma:59b70e4d-dd17-44a9-b740-acf07ae3eb6a"), "{keys:?}");
    assert!(r.scenarios[0].detected);
}

#[test]
fn at_least_five_scenarios_follow_atlas_case_studies_step_by_step() {
    let Some(data) = shared("tabletop-mitre-atlas/data") else { return };
    // Anchor → id, from techniques.yaml (e.g. `- &valid_accounts` then `id: AML.T0012`).
    let techniques = std::fs::read_to_string(data.join("techniques.yaml")).expect("techniques");
    let mut anchors = std::collections::HashMap::new();
    let mut last: Option<String> = None;
    for line in techniques.lines() {
        if let Some(a) = line.strip_prefix("- &") {
            last = Some(a.trim().to_string());
        } else if let (Some(a), Some(id)) = (&last, line.trim().strip_prefix("id: ")) {
            anchors.insert(a.clone(), id.trim().to_string());
            last = None;
        }
    }
    let pbs = builtin::playbooks().expect("valid");
    let tactics = std::fs::read_to_string(data.join("tactics.yaml")).expect("tactics");
    let known: BTreeSet<&str> = techniques
        .lines()
        .chain(tactics.lines())
        .filter_map(|l| l.strip_prefix("  id: "))
        .map(str::trim)
        .collect();
    for p in &pbs {
        for id in p.mapping.atlas_tactics.iter().chain(&p.mapping.atlas_techniques) {
            assert!(known.contains(id.as_str()), "{}: {id} is not in ATLAS", p.id);
        }
    }
    let bg = background::generate(7, small());
    let mut following = 0;
    for (i, s) in scenarios::ALL.iter().enumerate() {
        let p = pbs.iter().find(|p| p.id == s.id).expect("playbook");
        assert_eq!(p.case_study.as_deref(), s.case_study, "{}", s.id);
        let Some(cs) = s.case_study else { continue };
        let text = std::fs::read_to_string(data.join(format!("case-studies/{cs}.yaml"))).unwrap_or_else(|_| panic!("{cs} exists"));
        let steps: BTreeSet<String> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("technique: '{{"))
            .filter_map(|l| l.split('.').next())
            .filter_map(|a| anchors.get(a).cloned())
            .collect();
        let tags: BTreeSet<&str> = scenarios::generate(s, &bg, 7, i).iter().map(|e| e.technique).collect();
        assert!(tags.len() >= 2, "{}: follows at least two steps of {cs}", s.id);
        for t in &tags {
            assert!(steps.contains(*t), "{}: {t} is not a step of {cs} ({steps:?})", s.id);
            assert!(p.mapping.atlas_techniques.iter().any(|x| x == t), "{}: playbook mapping lacks {t}", s.id);
        }
        following += 1;
    }
    assert!(following >= 5, "{following} scenarios follow a case study");
}

#[test]
fn custom_playbooks_replace_builtins_and_new_ids_are_listed_not_drilled() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Replace the owner of a built-in, and add a playbook with no scenario generator.
    std::fs::write(dir.path().join("theft.yaml"), GOOD.replace("team: ml-platform-oncall", "team: model-security")).expect("write");
    std::fs::write(dir.path().join("custom.yaml"), GOOD.replace("id: model-theft", "id: vector-store-dump")).expect("write");
    let (pbs, errors) = tightrope_drill::cli::load(&tightrope_drill::cli::PlaybookArgs { playbooks: Some(dir.path().to_path_buf()) });
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(pbs.len(), 10);
    assert_eq!(pbs.iter().find(|p| p.id == "model-theft").map(|p| p.owner.team.as_str()), Some("model-security"));
    let r = drill(&pbs, &["model-theft".to_string()], &opts()).expect("runs");
    assert_eq!(r.not_exercised, vec!["vector-store-dump".to_string()]);
    assert_eq!(r.scenarios[0].owner.as_deref(), Some("model-security"));
    assert!(drill(&pbs, &["vector-store-dump".to_string()], &opts()).is_err());
}

#[test]
fn builtin_playbooks_are_valid_and_each_has_a_scenario() {
    let pbs = builtin::playbooks().expect("valid");
    let ids: BTreeSet<&str> = pbs.iter().map(|p| p.id.as_str()).collect();
    let sc: BTreeSet<&str> = scenarios::ALL.iter().map(|s| s.id).collect();
    assert_eq!(ids, sc);
    for p in &pbs {
        assert!(p.containment.iter().any(|c| c.action.starts_with("aws ")), "{}", p.id);
        assert!(!p.mapping.atlas_techniques.is_empty(), "{}", p.id);
    }
}

const GOOD: &str = include_str!("../src/playbooks/model-theft.yaml");

fn errors(text: &str) -> Vec<(Option<u32>, String)> {
    match parse("pb.yaml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.into_iter().map(|e| (e.line, e.message)).collect(),
    }
}

fn line_containing(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).expect("needle") as u32 + 1
}

#[test]
fn playbook_validation_errors_name_the_line() {
    assert!(errors(GOOD).is_empty());
    // Unknown field (a typo), reported by the schema at its line.
    let t = GOOD.replace("evidence:", "evidense:");
    let e = errors(&t);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, Some(line_containing(&t, "evidense:")), "{e:?}");
    assert!(e[0].1.contains("evidense"), "{e:?}");
    // Unknown anomaly kind.
    let t = GOOD.replace("anomaly: first_user_agent", "anomaly: first_useragent");
    let e = errors(&t);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, Some(line_containing(&t, "first_useragent")));
    assert!(e[0].1.contains("not a reason kind"));
    // Bad ATLAS id and an action that is not a CLI/console action.
    let t = GOOD.replace("AML.T0035,", "AML.T35,").replace(
        "action: aws ec2 revoke-security-group-ingress",
        "action: please revoke-security-group-ingress",
    );
    let e = errors(&t);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e.iter().any(|(l, m)| *l == Some(line_containing(&t, "AML.T35,")) && m.contains("ATLAS technique")));
    assert!(e.iter().any(|(l, m)| *l == Some(line_containing(&t, "please revoke")) && m.contains("AWS CLI")));
    // Missing required section.
    let t: String = GOOD.lines().filter(|l| !l.starts_with("verification:") && !l.starts_with("  - No reads") && !l.starts_with("  - The cluster") && !l.starts_with("  - Credentials on")).collect::<Vec<_>>().join("\n");
    let e = errors(&t);
    assert!(e.iter().any(|(_, m)| m.contains("verification")), "{e:?}");
    // Not YAML at all.
    let e = errors("id: [unclosed\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].0.is_some());
    // Through the CLI: exit 2 with the file named.
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bad.yaml");
    std::fs::write(&f, GOOD.replace("severity: high", "severity: urgent")).expect("write");
    assert_eq!(cli(&["validate", f.to_str().expect("utf-8")]), tightrope_core::exit::INPUT_ERROR);
    let g = dir.path().join("good.yaml");
    std::fs::write(&g, GOOD).expect("write");
    assert_eq!(cli(&["validate", g.to_str().expect("utf-8")]), tightrope_core::exit::CLEAN);
}

#[test]
fn tabletop_with_piped_answers_records_decisions_and_gaps() {
    let pbs = builtin::playbooks().expect("valid");
    let p = pbs.iter().find(|p| p.id == "guardrail-removed").expect("playbook");
    let o = opts();
    let base = tightrope_drill::run::baseline(&o);
    let s = scenarios::get("guardrail-removed").expect("scenario");
    let (outcome, _) = tightrope_drill::run::run_scenario(&base, s, 5, p, &o);
    let ids: Vec<String> = pbs.iter().map(|p| p.id.clone()).collect();
    // Right playbook, wrong owner, runs the first containment step only, can verify the first check.
    let answers = "guardrail deleted by CI role\nguardrail-removed\nplatform team\nyes\nno, needs change approval\nno\nCloudTrail in the log archive\nyes\nno\nyes\nyes\n";
    let mut input = std::io::Cursor::new(answers.as_bytes().to_vec());
    let mut out = Vec::new();
    let clock = || 1_715_000_000;
    let entries = tabletop::exercise(&mut input, &mut out, p, &outcome, &ids, &clock);
    let shown = String::from_utf8(out).expect("utf-8");
    assert!(shown.contains("ALERT"), "{shown}");
    let md = tabletop::record(p, &outcome, 1_715_000_000, &entries);
    assert!(md.contains("| guardrail-removed |"), "{md}");
    assert!(md.contains("team named owner `platform team`"), "{md}");
    assert!(md.contains("containment step not taken: Recreate the guardrail"), "{md}");
    assert!(md.contains("cannot verify: Red-team prompts"), "{md}");
    assert!(!md.contains("cannot verify: GetGuardrail"), "{md}");
    assert!(md.contains("2024-05-06T12:53:20Z"), "{md}");
    // Input ends early: every unanswered question is a gap.
    let mut short = std::io::Cursor::new(b"x\n".to_vec());
    let entries = tabletop::exercise(&mut short, &mut Vec::new(), p, &outcome, &ids, &clock);
    assert!(entries.iter().skip(1).all(|e| e.gap.is_some() && e.answer == "(no answer)"));
}
