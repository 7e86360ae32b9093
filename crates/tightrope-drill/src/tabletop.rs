//! `drill tabletop`: a terminal walk-through for a team. The scenario is injected and detected as in
//! `drill run`; the team sees the alerts, names the playbook and owner, decides on each containment
//! step and verification check, and the exercise is saved as Markdown with timestamps, decisions
//! and gaps. Works with a terminal or piped stdin (one answer per line; end of input = no answer).

use crate::background::Size;
use crate::cli::{PlaybookArgs, load};
use crate::playbook::Playbook;
use crate::run::{Options, Outcome, baseline, run_scenario};
use crate::scenarios;
use clap::Args;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use tightrope_cloudtrail::format_time;
use tightrope_core::exit;

/// Arguments of `tightrope drill tabletop`.
#[derive(Args, Debug)]
pub struct TabletopArgs {
    /// Scenario (playbook id, see `drill list`).
    pub scenario: String,
    #[command(flatten)]
    pub playbooks: PlaybookArgs,
    /// Where to save the Markdown record of the exercise.
    #[arg(long, value_name = "FILE", default_value = "tabletop.md")]
    pub record: PathBuf,
    /// Seed of the generated background and attack.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Days of benign history to learn the baseline from.
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(i64).range(1..=90))]
    pub history_days: i64,
    /// Expected benign events over history and the test day together.
    #[arg(long, default_value_t = 60_000, value_parser = clap::value_parser!(u64).range(1_000..=50_000_000))]
    pub events: u64,
}

/// One question and the team's answer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub time: i64,
    pub question: String,
    pub answer: String,
    /// A gap found by this answer, if any.
    pub gap: Option<String>,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

struct Session<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    clock: &'a dyn Fn() -> i64,
    entries: Vec<Entry>,
}

impl Session<'_> {
    fn say(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
    }

    /// Ask and record; `judge` turns the answer into a gap (or none).
    fn ask(&mut self, question: &str, judge: impl Fn(&str) -> Option<String>) -> String {
        let _ = write!(self.out, "\n? {question}\n> ");
        let _ = self.out.flush();
        let mut line = String::new();
        let answer = match self.input.read_line(&mut line) {
            Ok(n) if n > 0 => line.trim().to_string(),
            _ => String::new(),
        };
        let gap = if answer.is_empty() {
            Some(format!("no answer to \"{question}\""))
        } else {
            judge(&answer)
        };
        self.entries.push(Entry {
            time: (self.clock)(),
            question: question.to_string(),
            answer: if answer.is_empty() { "(no answer)".into() } else { answer.clone() },
            gap,
        });
        answer
    }
}

fn is_yes(a: &str) -> bool {
    matches!(a.to_ascii_lowercase().split_whitespace().next(), Some("y" | "yes" | "done"))
}

/// Run the exercise over `input`/`out`; returns the entries.
pub fn exercise(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    playbook: &Playbook,
    outcome: &Outcome,
    all_ids: &[String],
    clock: &dyn Fn() -> i64,
) -> Vec<Entry> {
    let mut s = Session { input, out, clock, entries: Vec::new() };
    s.say(&format!("== Tabletop: {} ==", playbook.scenario));
    s.say(&format!(
        "Inject: {} attack events starting {} (identities: {}).",
        outcome.attack_events,
        format_time(outcome.first_attack_event),
        outcome.attack_identities.join(", ")
    ));
    if outcome.alerts.is_empty() {
        s.say("The detection pipeline raised NO alert for these events.");
    }
    for a in &outcome.alerts {
        s.say(&format!("ALERT {} risk {:.0} on {}", a.id, a.risk, a.identity));
        for r in &a.reasons {
            s.say(&format!("  - {r}"));
        }
    }
    s.ask("What do you see? Describe the incident in one line.", |_| None);
    let expected = playbook.id.clone();
    let ids = all_ids.join(", ");
    s.ask(&format!("Which playbook applies? ({ids})"), |a| {
        (a.trim() != expected).then(|| format!("team chose playbook `{a}`, the scenario's playbook is `{expected}`"))
    });
    let team = playbook.owner.team.clone();
    s.ask("Who owns the response (team)?", |a| {
        (!a.to_ascii_lowercase().contains(&team.to_ascii_lowercase()))
            .then(|| format!("team named owner `{a}`, the playbook says `{team}`"))
    });
    for (i, c) in playbook.containment.iter().enumerate() {
        s.say(&format!(
            "\nContainment {}: {}\n  action: {}\n  safe to automate: {}",
            i + 1,
            c.step,
            c.action,
            if c.safe_to_automate { "yes" } else { "no (a person decides)" }
        ));
        let step = c.step.clone();
        s.ask("Would you run this now? (yes/no, and why)", |a| {
            (!is_yes(a)).then(|| format!("containment step not taken: {step} ({a})"))
        });
    }
    s.say(&format!("\nEvidence the playbook preserves:\n  - {}", playbook.evidence.join("\n  - ")));
    s.ask("Which evidence can you actually collect today, and where is it?", |_| None);
    for v in &playbook.verification {
        let check = v.clone();
        s.ask(&format!("Before returning to production: {v}. Can you verify this today? (yes/no)"), |a| {
            (!is_yes(a)).then(|| format!("cannot verify: {check}"))
        });
    }
    s.entries
}

/// The Markdown record of an exercise.
pub fn record(playbook: &Playbook, outcome: &Outcome, started: i64, entries: &[Entry]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Tabletop exercise: {}\n", playbook.scenario);
    let _ = writeln!(md, "* Playbook: `{}` (severity {}, owner {})", playbook.id, playbook.severity, playbook.owner.team);
    if let Some(cs) = &playbook.case_study {
        let _ = writeln!(md, "* Follows MITRE ATLAS case study {cs}");
    }
    let _ = writeln!(md, "* Started: {}", format_time(started));
    let _ = writeln!(
        md,
        "* Detection: {} ({} alerts; fired: {}; time to alert: {})\n",
        if outcome.detected { "detected" } else { "NOT detected" },
        outcome.alerts.len(),
        outcome.fired.iter().map(|f| f.key.as_str()).collect::<Vec<_>>().join(", "),
        outcome.time_to_alert_secs.map_or("-".to_string(), |s| format!("{s} s"))
    );
    let _ = writeln!(md, "## Decisions\n\n| time (UTC) | question | answer |\n|---|---|---|");
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for e in entries {
        let _ = writeln!(md, "| {} | {} | {} |", format_time(e.time), cell(&e.question), cell(&e.answer));
    }
    let gaps: Vec<&str> = entries.iter().filter_map(|e| e.gap.as_deref()).collect();
    let _ = writeln!(md, "\n## Gaps found ({})\n", gaps.len());
    if !outcome.detected {
        let _ = writeln!(md, "- the scenario was not detected by any detection bound to the playbook");
    }
    for g in &gaps {
        let _ = writeln!(md, "- {g}");
    }
    if gaps.is_empty() && outcome.detected {
        let _ = writeln!(md, "None.");
    }
    md
}

/// Run `tightrope drill tabletop`.
pub fn run(a: &TabletopArgs) -> anyhow::Result<u8> {
    let (playbooks, errors) = load(&a.playbooks);
    for e in &errors {
        eprintln!("error: {e}");
    }
    if !errors.is_empty() {
        return Ok(exit::INPUT_ERROR);
    }
    let Some(playbook) = playbooks.iter().find(|p| p.id == a.scenario) else {
        eprintln!("error: unknown scenario `{}` (see `tightrope drill list`)", a.scenario);
        return Ok(exit::INPUT_ERROR);
    };
    let Some(scenario) = scenarios::get(&playbook.id) else {
        eprintln!("error: playbook `{}` has no scenario generator", playbook.id);
        return Ok(exit::INPUT_ERROR);
    };
    let started = now();
    let size = Size { history_days: a.history_days, test_days: 1, events: a.events as f64 };
    let opts = Options { seed: a.seed, size, ..Options::default() };
    let base = baseline(&opts);
    let index = scenarios::ALL.iter().position(|s| s.id == scenario.id).unwrap_or(0);
    let (outcome, _) = run_scenario(&base, scenario, index, playbook, &opts);
    let ids: Vec<String> = playbooks.iter().map(|p| p.id.clone()).collect();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    let entries = exercise(&mut input, &mut out, playbook, &outcome, &ids, &now);
    let md = record(playbook, &outcome, started, &entries);
    std::fs::write(&a.record, md).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", a.record.display()))?;
    let gaps = entries.iter().filter(|e| e.gap.is_some()).count();
    println!("\nRecord saved to {} ({} answers, {gaps} gaps).", a.record.display(), entries.len());
    Ok(exit::CLEAN)
}
