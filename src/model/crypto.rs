//! 002 — growth of cryptocurrencies and crypto-assets, a channel for sanction evasion.
//!
//! Mechanism: crypto use grows under sanction pressure; the evasion share it gives is
//! `evasion x crypto` (added to evasion through partners in `sanctions`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::{Look, Mechanism, Phase, StateVars};
use crate::param_group;

param_group! {
    /// Cryptocurrencies (002).
    pub struct CryptoParams in "crypto." {
        #[doc = "Share of sanction pressure evaded at full crypto use."]
        evasion: Real = 0.4, [0.0, 1.0], "share", "002 growth of cryptocurrencies (assumption on magnitude)";
        #[doc = "Monthly growth of crypto use per unit of sanction pressure."]
        growth: Real = 0.02, [0.0, 1.0], "per month", "002 growth of cryptocurrencies (assumption on magnitude)";
    }
}

/// Share of sanction pressure evaded through crypto.
pub fn evasion(p: &CryptoParams, crypto: f64) -> f64 {
    p.evasion * crypto
}

/// Crypto use after one month under `pressure`.
pub fn update(p: &CryptoParams, crypto: f64, pressure: f64) -> f64 {
    (crypto + p.growth * pressure * (1.0 - crypto)).clamp(0.0, 1.0)
}

/// The mechanism.
pub struct Crypto;

impl Mechanism for Crypto {
    const SOURCE: &'static str = "002 growth of cryptocurrencies and crypto-assets";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["crypto"];
    type Params = CryptoParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let v = &x.w.states[i as usize].p.vars;
        next.crypto = update(&x.p().crypto, v.crypto, x.ctx.sanctions.pressure[i as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crypto_grows_under_pressure_and_evades() {
        let p = CryptoParams::default();
        assert!(update(&p, 0.1, 0.8) > update(&p, 0.1, 0.0));
        assert!(evasion(&p, 0.8) > evasion(&p, 0.1));
    }
}
