//! The roles a person can hold in a partnership (casbin subjects).
use std::fmt;

crate::wire::wire_enum! {
    #[derive(PartialOrd, Ord)]
    pub enum Role ["snake_case"] {
        Referrer,
        AgencyAuthor,
        Reviewer,
        Scrutineer,
        StrategicLead,
        BusinessOffice,
        /// A senior manager for safeguarding of an agency: signs off its referrals.
        AgencyManager,
    }
}

impl Role {
    /// A label for people, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Role::Referrer => "Referrer",
            Role::AgencyAuthor => "Agency author",
            Role::Reviewer => "Reviewer",
            Role::Scrutineer => "Independent scrutineer",
            Role::StrategicLead => "Strategic lead",
            Role::BusinessOffice => "Business office",
            Role::AgencyManager => "Agency manager",
        }
    }

    /// Parses a comma-separated list, refusing unknown words.
    pub fn parse_list(s: &str) -> Result<Vec<Role>, String> {
        let mut roles = Vec::new();
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let role = Role::parse(word).ok_or_else(|| format!("unknown role `{word}`"))?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles.sort();
        Ok(roles)
    }

    pub fn join(roles: &[Role]) -> String {
        roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_role() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn parses_lists_and_refuses_unknown_words() {
        assert_eq!(Role::parse_list("reviewer, referrer,reviewer").unwrap(), vec![Role::Referrer, Role::Reviewer]);
        assert!(Role::parse_list("referrer,root").is_err());
        assert_eq!(Role::join(&[Role::Referrer, Role::Scrutineer]), "referrer,scrutineer");
    }
}
