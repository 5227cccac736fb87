//! The model: one file per mechanism, each opening with the seed row it implements.
//!
//! | file | seed rows |
//! |---|---|
//! | `state_vars` | state variables (MODEL-BRIEF §1) |
//! | `doctrine` | 001 Tables 2-3 doctrines; Table 5 lever weights; 000 strategies |
//! | `levers` | 001 Table 5 budget allocation |
//! | `attacks` | 001 Table 4 #3; 001 cybersecurity component; 002 disinformation; 003 backdoors |
//! | `responses` | responses and the escalation ladder |
//! | `sanctions` | 001 Table 4 #1 |
//! | `trust` | 001 Table 4 #2 and #8; 002 regional pacts and bilateral ties |
//! | `filtering` | 001 Table 4 #4 and #5; 002 satellite internet (effect) |
//! | `economy` | 001 Table 4 #6 |
//! | `coordination` | 001 Table 4 #7 |
//! | `alliances` | 001 Table 5 #1 |
//! | `soft_power` | 001 Table 5 #2 |
//! | `indigenous` | 001 Table 5 #3; 000 localization; 002 indigenous capacity |
//! | `institutions` | 001 Table 5 #4; 000 UN role |
//! | `deterrence` | 001 Table 5 #5 |
//! | `governance` | 001 Table 5 #6; Table 4 #4 digital law |
//! | `training` | 001 Table 5 #7 |
//! | `public_diplomacy` | 001 Table 5 #8 |
//! | `norms` | 000 normative power, WIC, UN, agreements |
//! | `standards` | 000 standardization; 002 standards |
//! | `data_security` | 003 pledges and compliance |
//! | `vendors` | 003 vendor trust and pressure campaign; 002 foreign vendors |
//! | `ai` | 002 AI |
//! | `crypto` | 002 cryptocurrencies |
//! | `satellite` | 002 satellite internet (growth) |

pub mod ai;
pub mod alliances;
pub mod attacks;
pub mod coordination;
pub mod crypto;
pub mod data_security;
pub mod deterrence;
pub mod doctrine;
pub mod economy;
pub mod filtering;
pub mod governance;
pub mod indigenous;
pub mod institutions;
pub mod levers;
pub mod norms;
pub mod public_diplomacy;
pub mod responses;
pub mod sanctions;
pub mod satellite;
pub mod soft_power;
pub mod standards;
pub mod state_vars;
pub mod training;
pub mod trust;
pub mod vendors;

use crate::param_set;

param_set! {
    /// Every global mechanism parameter, by group (`[parameters]` in a scenario).
    pub struct Params {
        #[doc = "Budget allocation over levers."]
        levers: levers::LeverParams,
        #[doc = "Internal coordination."]
        coordination: coordination::CoordinationParams,
        #[doc = "Economy and budget."]
        economy: economy::EconomyParams,
        #[doc = "Cyber operations."]
        attack: attacks::AttackParams,
        #[doc = "Responses."]
        response: responses::ResponseParams,
        #[doc = "Escalation ladder."]
        escalation: responses::EscalationParams,
        #[doc = "Sanctions."]
        sanctions: sanctions::SanctionParams,
        #[doc = "Cryptocurrencies."]
        crypto: crypto::CryptoParams,
        #[doc = "Alliances."]
        alliance: alliances::AllianceParams,
        #[doc = "Deterrence."]
        deterrence: deterrence::DeterrenceParams,
        #[doc = "Trust."]
        trust: trust::TrustParams,
        #[doc = "Filtering."]
        filtering: filtering::FilteringParams,
        #[doc = "Satellite internet."]
        satellite: satellite::SatelliteParams,
        #[doc = "AI and workforce."]
        ai: ai::AiParams,
        #[doc = "Soft power."]
        soft_power: soft_power::SoftPowerParams,
        #[doc = "Public diplomacy."]
        public_diplomacy: public_diplomacy::PublicDiplomacyParams,
        #[doc = "Indigenous capability and technology access."]
        indigenous: indigenous::IndigenousParams,
        #[doc = "Institutions."]
        institutions: institutions::InstitutionParams,
        #[doc = "Standards."]
        standards: standards::StandardsParams,
        #[doc = "Governance and digital law."]
        governance: governance::GovernanceParams,
        #[doc = "Training."]
        training: training::TrainingParams,
        #[doc = "Norms."]
        norms: norms::NormParams,
        #[doc = "Data Security Initiative."]
        dsi: data_security::DsiParams,
        #[doc = "Vendors."]
        vendor: vendors::VendorParams,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_parameter_has_a_unique_path_a_source_and_a_valid_default() {
        let mut seen = BTreeSet::new();
        let p = Params::default();
        for s in Params::specs() {
            assert!(seen.insert(s.path), "duplicate path {}", s.path);
            assert!(!s.source.is_empty() && !s.doc.is_empty(), "{} lacks source or doc", s.path);
            assert!(s.accepts(s.default), "{} default {} outside [{}, {}]", s.path, s.default, s.min, s.max);
            assert_eq!(p.get(s.path), Some(s.default), "{} does not resolve", s.path);
        }
        assert!(seen.len() > 100);
    }
}
