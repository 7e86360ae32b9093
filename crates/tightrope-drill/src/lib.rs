//! Step 7, incident response: AI-specific playbooks bound to step 4's detections, scenario drills
//! that prove the binding, and tabletop exercises.
//!
//! ```no_run
//! use tightrope_drill::{builtin, drill, run::Options};
//! let playbooks = builtin::playbooks().expect("built-in playbooks are valid");
//! let report = drill(&playbooks, &[], &Options::default()).expect("known scenarios");
//! assert!(report.undetected.is_empty());
//! ```

pub mod background;
pub mod builtin;
pub mod cli;
pub mod playbook;
pub mod report;
pub mod run;
pub mod scenarios;
pub mod tabletop;

use playbook::Playbook;
use report::{DrillReport, matrix};
use run::{Options, Outcome, baseline, run_scenario};

/// Run the drill for the `selected` scenario ids (empty: every playbook that has a scenario).
pub fn drill(
    playbooks: &[Playbook],
    selected: &[String],
    opts: &Options<'_>,
) -> Result<DrillReport, String> {
    let started = std::time::Instant::now();
    let mut plan: Vec<(&'static scenarios::Scenario, &Playbook)> = Vec::new();
    let ids: Vec<&str> = if selected.is_empty() {
        playbooks
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| scenarios::get(id).is_some())
            .collect()
    } else {
        selected.iter().map(String::as_str).collect()
    };
    for id in ids {
        let Some(p) = playbooks.iter().find(|p| p.id == id) else {
            return Err(format!(
                "unknown scenario `{id}`: expected one of {}",
                playbooks.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
            ));
        };
        let Some(s) = scenarios::get(id) else {
            return Err(format!(
                "playbook `{id}` has no scenario generator (built-in scenarios: {})",
                scenarios::ALL.iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
            ));
        };
        plan.push((s, p));
    }
    let base = baseline(opts);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(plan.len().max(1));
    let mut results: Vec<Option<(Outcome, u64)>> = vec![None; plan.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (plan, base) = (&plan, &base);
                scope.spawn(move || {
                    (t..plan.len())
                        .step_by(threads)
                        .map(|i| {
                            let (s, p) = plan[i];
                            let index = scenarios::ALL.iter().position(|x| x.id == s.id).unwrap_or(i);
                            let (o, st) = run_scenario(base, s, index, p, opts);
                            (i, o, st.bad)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (i, o, bad) in done {
                    results[i] = Some((o, bad));
                }
            }
        }
    });
    let mut info = base.info.clone();
    let mut outcomes = Vec::new();
    for (r, (s, _)) in results.into_iter().zip(&plan) {
        let Some((o, bad)) = r else {
            return Err(format!("scenario `{}` failed to run", s.id));
        };
        info.bad_records += bad;
        outcomes.push(o);
    }
    let pbs: Vec<&Playbook> = plan.iter().map(|(_, p)| *p).collect();
    let matrix = matrix(&outcomes, &pbs);
    let undetected: Vec<String> = outcomes.iter().filter(|o| !o.detected).map(|o| o.scenario.clone()).collect();
    let not_exercised = playbooks
        .iter()
        .filter(|p| scenarios::get(&p.id).is_none())
        .map(|p| p.id.clone())
        .collect();
    Ok(DrillReport {
        tool: "tightrope drill",
        not_exercised,
        run: info,
        detected: outcomes.len() - undetected.len(),
        scenarios: outcomes,
        matrix,
        undetected,
        elapsed_ms: started.elapsed().as_millis(),
    })
}
