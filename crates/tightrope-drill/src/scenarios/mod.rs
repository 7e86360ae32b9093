//! Scenario generators: for each built-in playbook, the CloudTrail records the attack produces
//! (identity, user agent, source IP, request parameters, error codes, timing), written by the same
//! record writer as the background so the reader sees no difference. One scenario per file.
//!
//! Scenarios that follow a MITRE ATLAS case study tag every step with the case study's technique
//! for that step; `tests/drill.rs` checks the tags against `../shared/data/tabletop-mitre-atlas`.

use crate::background::{Background, find};
use tightrope_detect::synth::{Ev, Identity, Persona, Rng, write_event};

mod agent_prompt_injection_leak;
mod guardrail_removed;
mod llm_jacking;
mod malicious_model_deployed;
mod model_endpoint_compromise;
mod model_theft;
mod notebook_lateral_movement;
mod training_data_exfiltration;
mod training_data_poisoning;

/// One generated attack event.
#[derive(Debug, Clone)]
pub struct AttackEvent {
    pub time: i64,
    /// The CloudTrail record (JSON object).
    pub json: String,
    pub event_id: String,
    /// `eventSource`-prefix and name, e.g. `bedrock:InvokeModel`.
    pub action: String,
    /// ATLAS technique of the case-study step this event belongs to (empty when none).
    pub technique: &'static str,
}

/// A scenario generator.
pub struct Scenario {
    /// The playbook id it exercises.
    pub id: &'static str,
    /// The ATLAS case study it follows, if any.
    pub case_study: Option<&'static str>,
    pub generate: fn(&mut Ctx<'_>),
}

/// All built-in scenarios.
pub const ALL: [Scenario; 9] = [
    llm_jacking::SCENARIO,
    model_endpoint_compromise::SCENARIO,
    training_data_poisoning::SCENARIO,
    training_data_exfiltration::SCENARIO,
    model_theft::SCENARIO,
    guardrail_removed::SCENARIO,
    malicious_model_deployed::SCENARIO,
    agent_prompt_injection_leak::SCENARIO,
    notebook_lateral_movement::SCENARIO,
];

/// The scenario for a playbook id.
pub fn get(id: &str) -> Option<&'static Scenario> {
    ALL.iter().find(|s| s.id == id)
}

/// What a generator writes into.
pub struct Ctx<'a> {
    pub rng: Rng,
    bg: &'a Background,
    /// Unix time of the first attack event.
    pub start: i64,
    next_id: u64,
    pub events: Vec<AttackEvent>,
}

/// Options of one call (defaults: no error, no parameters, region us-east-1).
#[derive(Default, Clone)]
pub struct Call<'p> {
    pub params: &'p str,
    pub error: Option<&'p str>,
    pub region: Option<&'p str>,
}

impl<'a> Ctx<'a> {
    /// A context for one scenario: the attack starts on the first test day between 10:00 and
    /// 15:00 UTC (derived from the seed).
    pub fn new(bg: &'a Background, seed: u64, index: usize) -> Self {
        // SplitMix64 finaliser over (seed, index): neighbouring seeds give unrelated streams.
        let mut z = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add((index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let mut rng = Rng((z ^ (z >> 31)) | 1);
        let start = bg.test_start + 10 * 3600 + rng.below(5 * 3600) as i64;
        Ctx {
            rng,
            bg,
            start,
            next_id: 1 << 40 | (index as u64) << 32,
            events: Vec::new(),
        }
    }

    /// A background identity by role or user name (the drill roles always exist).
    pub fn role(&self, name: &str) -> &'a Identity {
        find(&self.bg.identities, name)
            .or_else(|| self.bg.identities.first())
            .expect("the background always has identities")
    }

    /// A background identity of `persona`, chosen with the scenario's generator.
    pub fn pick(&mut self, persona: Persona) -> &'a Identity {
        let bg = self.bg;
        let c: Vec<&Identity> = bg
            .identities
            .iter()
            .filter(|i| i.persona == persona && !i.arn.contains("sagemaker-") && !i.arn.contains("agent"))
            .collect();
        c[self.rng.below(c.len())]
    }

    /// An address in a network outside the account (a hosting provider's range), for the seed.
    pub fn outside_ip(&mut self) -> String {
        const HOSTING: [&str; 4] = ["185.220.101", "45.137.21", "193.142.146", "89.248.165"];
        format!(
            "{}.{}",
            HOSTING[self.rng.below(HOSTING.len())],
            2 + self.rng.below(250)
        )
    }

    /// An address inside one of the identity's usual networks.
    pub fn usual_ip(&mut self, who: &Identity) -> String {
        let net = &who.networks[0];
        if net.starts_with("10.") && net.matches('.').count() == 1 {
            format!("{net}.{}.{}", self.rng.below(256), 1 + self.rng.below(250))
        } else {
            format!("{net}.{}", 1 + self.rng.below(250))
        }
    }

    /// Record one call `offset` seconds after the start.
    #[allow(clippy::too_many_arguments)]
    pub fn call(
        &mut self,
        offset: i64,
        who: &Identity,
        action: &str,
        ip: &str,
        agent: &str,
        call: Call<'_>,
        technique: &'static str,
    ) {
        let (service, name) = action.split_once(':').unwrap_or(("sts", action));
        self.next_id += 1;
        let e = Ev {
            t: self.start + offset,
            who,
            service,
            name,
            ip: ip.to_string(),
            agent,
            region: call.region.unwrap_or("us-east-1"),
            error: call.error,
            params: call.params.to_string(),
            id: self.next_id,
        };
        let mut json = String::with_capacity(1200);
        write_event(&mut json, &e);
        self.events.push(AttackEvent {
            time: e.t,
            json,
            event_id: format!("ev-{:012x}", self.next_id),
            action: action.to_string(),
            technique,
        });
    }
}

/// Generate the attack events of `scenario` (index `index` in the run) over `bg`.
pub fn generate(scenario: &Scenario, bg: &Background, seed: u64, index: usize) -> Vec<AttackEvent> {
    let mut ctx = Ctx::new(bg, seed, index);
    (scenario.generate)(&mut ctx);
    ctx.events.sort_by_key(|e| e.time);
    ctx.events
}
