//! A referral's clock: "a decision on all referrals" within 15 working days (by default),
//! from the referral reaching the business office to the strategic partners' decision. The
//! events a move makes come from its effects; the partnership's rules say which start or
//! stop the clock.
use super::transition::{ReferralEffect, ReferralTransition};
#[cfg(test)]
use crate::calendar::ClockRule;
use crate::calendar::{ClockChange, ClockEvent, ClockKind, ClockRules};
use chrono::NaiveDate;

/// The clocks a referral carries.
pub const REFERRAL_CLOCKS: [ClockKind; 1] = [ClockKind::ReferralDecision];

/// What happened in a move, for its clocks.
pub fn events(t: &ReferralTransition, today: NaiveDate) -> Vec<(ClockEvent, NaiveDate)> {
    t.effects
        .iter()
        .flat_map(|e| match e {
            // the referrer sends it to their senior manager; it reaches the office once signed off
            ReferralEffect::SentForSignOff(_) => vec![(ClockEvent::ReferralSubmitted, today)],
            ReferralEffect::Submitted => vec![(ClockEvent::ReferralReceived, today)],
            ReferralEffect::Decision(d) => vec![(ClockEvent::ReferralDecided, d.decided_on)],
            _ => Vec::new(),
        })
        .collect()
}

/// The clock changes a move makes, by the partnership's `rules`.
pub fn clock_changes(t: &ReferralTransition, today: NaiveDate, rules: &ClockRules) -> Vec<ClockChange> {
    events(t, today).into_iter().flat_map(|(event, on)| rules.on_event(&REFERRAL_CLOCKS, event, on)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referral::Decision;
    use crate::referral::ReferralStage;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn moved(effects: Vec<ReferralEffect>) -> ReferralTransition {
        ReferralTransition { to: ReferralStage::Submitted, effects, audit: String::new() }
    }

    #[test]
    fn submission_starts_the_clock_and_the_decision_stops_it() {
        let rules = ClockRules::default();
        let today = d("2026-11-20");
        let started = clock_changes(&moved(vec![ReferralEffect::Submitted]), today, &rules);
        assert_eq!(
            started,
            vec![ClockChange::Start {
                kind: ClockKind::ReferralDecision,
                from: today,
                rule: ClockKind::ReferralDecision.default_rule()
            }]
        );
        let decision = Decision {
            review_agreed: true,
            comments: String::new(),
            decided_on: d("2026-11-27"),
            learning_identified: String::new(),
            actions: Vec::new(),
        };
        let stopped = clock_changes(&moved(vec![ReferralEffect::Decision(decision)]), today, &rules);
        assert_eq!(stopped, vec![ClockChange::Meet { kind: ClockKind::ReferralDecision, on: d("2026-11-27") }]);
        assert!(clock_changes(&moved(vec![ReferralEffect::Returned { reason: "r".into() }]), today, &rules).is_empty());
        // a partnership counting from the referrer's sending: the clock starts before sign-off
        let sent = ClockRule { start: ClockEvent::ReferralSubmitted, ..ClockKind::ReferralDecision.default_rule() };
        let rules = ClockRules::new([(ClockKind::ReferralDecision, sent)]);
        let manager = crate::referral::SignOffManager { id: uuid::Uuid::nil(), name: "M".into(), agency: "A".into() };
        let sending = clock_changes(&moved(vec![ReferralEffect::SentForSignOff(manager)]), today, &rules);
        assert!(matches!(&sending[..], [ClockChange::Start { from, .. }] if *from == today));
        assert!(clock_changes(&moved(vec![ReferralEffect::Submitted]), today, &rules).is_empty());
    }
}
