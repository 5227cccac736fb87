//! State variables of a country, with range, meaning and seed source (MODEL-BRIEF §1):
//! the per-state data every mechanism may read. Each dynamic variable has one owner, the
//! mechanism that moves it in the update phase (its `OWNS`); the others are a state's fixed
//! characteristics, changed only by scripted shocks. A mechanism's own per-state keys
//! (operation mix, lever weights, response mix) are declared in its file.
//!
//! Values are in [0, 1] unless the spec says otherwise; "0.5" defaults are assumptions for
//! a middling state and are documented as such.

use crate::param_group;

param_group! {
    /// Capabilities, economy, governance, standing and technology of one state.
    pub struct StateVars in "" {
        #[doc = "Offensive cyber capability (tools, operators)."]
        offense: Real = 0.3, [0.0, 1.0], "index 0-1", "001 Table 1 security / Table 2-3 (cyber power); magnitude from Belfer NCPI 2020 order (assumption on scale)";
        #[doc = "Defensive capability incl. security of infrastructure."]
        defense: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #3 weak security infrastructure; initial = ITU GCI 2020 score / 100";
        #[doc = "Skilled cyber workforce."]
        workforce: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #3 too few skilled people";
        #[doc = "Artificial-intelligence capability (raises offence and defence)."]
        ai: Real = 0.2, [0.0, 1.0], "index 0-1", "002 rapid spread of AI";
        #[doc = "Indigenous (local) technology capability."]
        indigenous: Real = 0.3, [0.0, 1.0], "index 0-1", "001 Table 5 #3 indigenous capabilities; 000 localization; 002 strengthening indigenous capacity";
        #[doc = "Economic size relative to the largest economy."]
        economy: Real = 0.1, [0.0001, 1.0], "share of largest", "assumption: relative GDP (IMF 2022 order), used for sanction weight and budget";
        #[doc = "Share of the economy the state can spend on cyber diplomacy and infrastructure."]
        cyber_budget: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #6 too little funding for cyber diplomacy and infrastructure";
        #[doc = "Access to foreign technology and global platforms."]
        tech_access: Real = 0.8, [0.0, 1.0], "index 0-1", "001 Table 4 #1 limited access to new technologies and global platforms";
        #[doc = "Dependence on foreign suppliers of key software and services."]
        foreign_dependency: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #6 dependence on foreign suppliers; 002 foreign vendors";
        #[doc = "Coordination between foreign ministry, communications ministry, security bodies and private sector."]
        coordination: Real = 0.6, [0.0, 1.0], "index 0-1", "001 Table 4 #7 weak internal coordination";
        #[doc = "Internet filtering and domestic restrictions."]
        filtering: Real = 0.2, [0.0, 1.0], "index 0-1", "001 Table 4 #4 governance (filtering) and #5 filtering and domestic restrictions";
        #[doc = "Maturity of digital law (need to update digital law)."]
        law_maturity: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #4 need to update digital law";
        #[doc = "Position on privacy, free speech and human rights (0 state control, 1 liberal)."]
        culture: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Table 4 #8 different norms on privacy, speech and human rights";
        #[doc = "Political and ideological gap that makes others slow to trust this state."]
        trust_deficit: Real = 0.1, [0.0, 1.0], "index 0-1", "001 Table 4 #2 difficulty gaining international trust";
        #[doc = "Soft power: attractiveness of the state's messages and image."]
        soft_power: Real = 0.3, [0.0, 1.0], "index 0-1", "001 Table 5 #2 soft power and #8 public diplomacy";
        #[doc = "Presence in institutions (ITU, UN, ECO, SCO, BRICS, WIC)."]
        institutional_presence: Real = 0.3, [0.0, 1.0], "index 0-1", "001 Table 5 #4 presence in institutions; 000 stronger UN role";
        #[doc = "Standards-setting stock; its share of the world total is the standards share."]
        standards: Real = 0.1, [0.0, 1.0], "index 0-1", "000 standardization; 002 new international telecom standards";
        #[doc = "Adoption of cyber-sovereignty norms (0 open multistakeholder, 1 state sovereignty)."]
        norms: Real = 0.5, [0.0, 1.0], "index 0-1", "000 normative power; cyber sovereignty";
        #[doc = "Deterrent capability and rapid-response readiness."]
        deterrence: Real = 0.2, [0.0, 1.0], "index 0-1", "001 Table 5 #5 global: deterrent capabilities and rapid response";
        #[doc = "Security of the state's networks now (1 untouched; falls with damage, recovers)."]
        security: Real = 1.0, [0.0, 1.0], "index 0-1", "001 Table 4 #3 cyber threats (outcome variable)";
        #[doc = "Reach of cross-border satellite internet inside the state."]
        satellite: Real = 0.0, [0.0, 1.0], "share 0-1", "002 cross-border and satellite internet providers";
        #[doc = "Use of cryptocurrencies and crypto-assets (channel for sanction evasion)."]
        crypto: Real = 0.05, [0.0, 1.0], "share 0-1", "002 growth of cryptocurrencies";
        #[doc = "Probability of honouring a pledge when an operation would break it."]
        compliance: Real = 0.6, [0.0, 1.0], "probability", "003 pledges and compliance (assumption on value)";
        #[doc = "Effort to get others to sign the Global Data Security Initiative."]
        dsi_promotion: Real = 0.0, [0.0, 1.0], "index 0-1", "003 Global Data Security Initiative (Wang Yi)";
        #[doc = "Intensity of a unilateral pressure campaign against rivals' vendors."]
        vendor_pressure: Real = 0.0, [0.0, 1.0], "index 0-1", "003 US pressure on leading Chinese tech firms";
        #[doc = "Propensity to launch operations against rivals."]
        aggression: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Tables 2-3 approach of each state (assumption on value)";
        #[doc = "Propensity to use sanctions as a policy tool."]
        sanction_propensity: Real = 0.1, [0.0, 1.0], "index 0-1", "001 Table 4 #1 international sanctions; Tables 2-3 US approach (assumption on value)";
        #[doc = "Resolve to hold out against sanctions rather than concede."]
        defiance: Real = 0.5, [0.0, 1.0], "index 0-1", "001 Tables 2-3 Iran: defence of national sovereignty (assumption on value)";
    }
}
