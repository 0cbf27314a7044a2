//! The sign-off chain, bound to one exact version [249–255]: the review group agrees it, then
//! the Local Learning Review Sub Group, then each strategic lead agency signs it off. A
//! sign-off names the version it is for; a later save voids it (it stays in the record with
//! the version that voided it).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire::wire_enum! {
    /// A link of the chain, in order.
    pub enum ChainStep ["snake_case"] {
        /// The review group agreed the report (recorded by the lead reviewer or the office).
        ReviewGroup,
        /// The Local Learning Review Sub Group agreed it (recorded by the office).
        SubGroup,
        /// A strategic lead agency signed it off (a strategic lead of that agency).
        StrategicLead,
    }
}

impl ChainStep {
    pub fn label(self) -> &'static str {
        match self {
            ChainStep::ReviewGroup => "Review group agreed",
            ChainStep::SubGroup => "Local Learning Review Sub Group agreed",
            ChainStep::StrategicLead => "Signed off by the strategic lead agency",
        }
    }
}

/// A sign-off as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainSignOff {
    pub step: ChainStep,
    /// The agency, for a strategic lead's.
    pub agency_id: Option<Uuid>,
    pub agency_name: Option<String>,
    /// The version signed off.
    pub version: u32,
    pub by: String,
    pub on: NaiveDate,
    /// The version whose save voided it.
    pub voided_by: Option<u32>,
}

/// A sign-off, as sent: the version read (it must be the latest) and the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOffForm {
    pub version: u32,
    pub step: ChainStep,
}

/// A strategic lead agency of the partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadAgency {
    pub id: Uuid,
    pub name: String,
}

/// One link of the chain as the page shows it for the latest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainLink {
    pub step: ChainStep,
    pub agency_id: Option<Uuid>,
    pub agency_name: Option<String>,
    /// Its sign-off of the latest version.
    pub signed: Option<ChainSignOff>,
    /// It may be signed now (the links before it are).
    pub ready: bool,
}

/// The links of the chain for `version`, in order: the review group, the sub group, then one
/// per strategic lead agency.
pub fn chain(signoffs: &[ChainSignOff], version: u32, agencies: &[LeadAgency]) -> Vec<ChainLink> {
    let of = |step: ChainStep, agency: Option<Uuid>| {
        signoffs
            .iter()
            .find(|s| s.step == step && s.agency_id == agency && s.version == version && s.voided_by.is_none())
    };
    let group = of(ChainStep::ReviewGroup, None).cloned();
    let sub = of(ChainStep::SubGroup, None).cloned();
    let mut links = vec![
        ChainLink {
            step: ChainStep::ReviewGroup,
            agency_id: None,
            agency_name: None,
            ready: true,
            signed: group.clone(),
        },
        ChainLink {
            step: ChainStep::SubGroup,
            agency_id: None,
            agency_name: None,
            ready: group.is_some(),
            signed: sub.clone(),
        },
    ];
    for a in agencies {
        links.push(ChainLink {
            step: ChainStep::StrategicLead,
            agency_id: Some(a.id),
            agency_name: Some(a.name.clone()),
            ready: sub.is_some(),
            signed: of(ChainStep::StrategicLead, Some(a.id)).cloned(),
        });
    }
    links
}

/// Whether every link of the chain holds for `version` (at least one strategic lead agency).
pub fn complete(signoffs: &[ChainSignOff], version: u32, agencies: &[LeadAgency]) -> bool {
    version > 0 && !agencies.is_empty() && chain(signoffs, version, agencies).iter().all(|l| l.signed.is_some())
}

/// The latest version whose chain is complete: the one exported and sent.
pub fn signed_off_version(signoffs: &[ChainSignOff], agencies: &[LeadAgency]) -> Option<u32> {
    let mut versions: Vec<u32> = signoffs.iter().map(|s| s.version).collect();
    versions.sort_unstable();
    versions.dedup();
    versions.into_iter().rev().find(|v| {
        let kept: Vec<ChainSignOff> = signoffs
            .iter()
            .filter(|s| s.version == *v)
            .map(|s| ChainSignOff { voided_by: None, ..s.clone() })
            .collect();
        complete(&kept, *v, agencies)
    })
}

/// Voids every standing sign-off of an older version: `new_version` was saved. Returns how
/// many it voided.
pub fn void_older(signoffs: &mut [ChainSignOff], new_version: u32) -> usize {
    let mut n = 0;
    for s in signoffs.iter_mut().filter(|s| s.voided_by.is_none() && s.version < new_version) {
        s.voided_by = Some(new_version);
        n += 1;
    }
    n
}

/// Why a sign-off was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignOffRefusal {
    /// The version read is not the latest: the report changed.
    Stale,
    /// A link before it is not signed.
    NotReady(&'static str),
    /// Signed already for this version.
    Already,
    /// A strategic lead signs only for their own strategic lead agency.
    NotTheirAgency,
    /// Identifiers remain in the report (not fixed, not waived).
    IdentifiersRemain(usize),
}

impl std::fmt::Display for SignOffRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignOffRefusal::Stale => f.write_str("the report has changed since you read it: read the latest version"),
            SignOffRefusal::NotReady(why) => f.write_str(why),
            SignOffRefusal::Already => f.write_str("this version is signed off at this step already"),
            SignOffRefusal::NotTheirAgency => {
                f.write_str("a strategic lead signs off for their own strategic lead agency")
            }
            SignOffRefusal::IdentifiersRemain(n) => {
                write!(f, "the anonymisation check found {n} identifier(s): fix or waive each before sign-off")
            }
        }
    }
}

/// Whether `form` may be recorded now: on the latest version, in order, once per link, for
/// the signer's own agency (a strategic lead's), with no identifier left.
pub fn check_sign_off(
    form: &SignOffForm,
    latest: u32,
    signoffs: &[ChainSignOff],
    agencies: &[LeadAgency],
    signer_agency: Option<Uuid>,
    identifiers_left: usize,
) -> Result<(), SignOffRefusal> {
    if form.version != latest || latest == 0 {
        return Err(SignOffRefusal::Stale);
    }
    if identifiers_left > 0 {
        return Err(SignOffRefusal::IdentifiersRemain(identifiers_left));
    }
    let agency = match form.step {
        ChainStep::StrategicLead => {
            Some(signer_agency.filter(|a| agencies.iter().any(|l| l.id == *a)).ok_or(SignOffRefusal::NotTheirAgency)?)
        }
        _ => None,
    };
    let link = chain(signoffs, latest, agencies)
        .into_iter()
        .find(|l| l.step == form.step && l.agency_id == agency)
        .ok_or(SignOffRefusal::NotTheirAgency)?;
    if link.signed.is_some() {
        return Err(SignOffRefusal::Already);
    }
    if !link.ready {
        return Err(SignOffRefusal::NotReady(match form.step {
            ChainStep::SubGroup => "the review group must agree this version first",
            _ => "the Local Learning Review Sub Group must agree this version first",
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICE: Uuid = Uuid::from_u128(1);
    const HEALTH: Uuid = Uuid::from_u128(2);

    fn leads() -> Vec<LeadAgency> {
        vec![LeadAgency { id: POLICE, name: "Police".into() }, LeadAgency { id: HEALTH, name: "ICB".into() }]
    }

    fn signed(step: ChainStep, agency: Option<Uuid>, version: u32) -> ChainSignOff {
        ChainSignOff {
            step,
            agency_id: agency,
            agency_name: None,
            version,
            by: "X".into(),
            on: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            voided_by: None,
        }
    }

    #[test]
    fn the_chain_goes_in_order_on_the_latest_version() {
        let form = |step| SignOffForm { version: 3, step };
        let mut s = Vec::new();
        assert_eq!(
            check_sign_off(&form(ChainStep::SubGroup), 3, &s, &leads(), None, 0).unwrap_err(),
            SignOffRefusal::NotReady("the review group must agree this version first")
        );
        assert_eq!(check_sign_off(&form(ChainStep::ReviewGroup), 4, &s, &leads(), None, 0), Err(SignOffRefusal::Stale));
        assert_eq!(
            check_sign_off(&form(ChainStep::ReviewGroup), 3, &s, &leads(), None, 2),
            Err(SignOffRefusal::IdentifiersRemain(2))
        );
        assert!(check_sign_off(&form(ChainStep::ReviewGroup), 3, &s, &leads(), None, 0).is_ok());
        s.push(signed(ChainStep::ReviewGroup, None, 3));
        assert_eq!(
            check_sign_off(&form(ChainStep::ReviewGroup), 3, &s, &leads(), None, 0),
            Err(SignOffRefusal::Already)
        );
        assert!(check_sign_off(&form(ChainStep::StrategicLead), 3, &s, &leads(), Some(POLICE), 0).is_err());
        s.push(signed(ChainStep::SubGroup, None, 3));
        assert_eq!(
            check_sign_off(&form(ChainStep::StrategicLead), 3, &s, &leads(), Some(Uuid::from_u128(9)), 0),
            Err(SignOffRefusal::NotTheirAgency)
        );
        assert!(check_sign_off(&form(ChainStep::StrategicLead), 3, &s, &leads(), Some(POLICE), 0).is_ok());
        s.push(signed(ChainStep::StrategicLead, Some(POLICE), 3));
        assert!(!complete(&s, 3, &leads()));
        s.push(signed(ChainStep::StrategicLead, Some(HEALTH), 3));
        assert!(complete(&s, 3, &leads()));
        assert_eq!(signed_off_version(&s, &leads()), Some(3));
    }

    #[test]
    fn a_later_save_voids_the_sign_offs_but_the_signed_version_stays_exportable() {
        let mut s = vec![
            signed(ChainStep::ReviewGroup, None, 3),
            signed(ChainStep::SubGroup, None, 3),
            signed(ChainStep::StrategicLead, Some(POLICE), 3),
            signed(ChainStep::StrategicLead, Some(HEALTH), 3),
        ];
        assert_eq!(void_older(&mut s, 4), 4);
        assert!(s.iter().all(|x| x.voided_by == Some(4)));
        assert!(!complete(&s, 3, &leads()) && !complete(&s, 4, &leads()));
        assert!(chain(&s, 4, &leads()).iter().all(|l| l.signed.is_none()));
        assert_eq!(signed_off_version(&s, &leads()), Some(3), "version 3 was signed off in full");
        assert_eq!(void_older(&mut s, 5), 0, "voided once");
        assert_eq!(signed_off_version(&s[..2], &leads()), None);
    }
}
