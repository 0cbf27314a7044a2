//! Agencies' submitted chronologies, decoded once per version of their report. The merged
//! chronology reads, on every request, only which reports are submitted and when each last
//! changed (a few short rows); a report's entries are read and decoded again only when it
//! has changed since (another instance's change included: the time it changed is in the
//! database). Bounded: when it holds too many, it starts afresh.
use crate::columns::Id;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::store::cspr as store;
use chrono::NaiveDateTime;
use shared::cspr::ChronologyEntry;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The most reports whose entries are kept.
const MAX_KEPT: usize = 2_000;

type Key = (String, String, String);

/// A report's decoded entries, and when the report last changed.
type Kept = (NaiveDateTime, Arc<Vec<ChronologyEntry>>);

/// A submitted report's agency, its name, and its entries.
pub type AgencyEntries = (Id, String, Arc<Vec<ChronologyEntry>>);

#[derive(Default)]
pub struct Chronologies {
    kept: RwLock<HashMap<Key, Kept>>,
}

impl Chronologies {
    /// Each submitted report's agency, its name and its latest submitted entries.
    pub fn of_case(&self, conn: &mut DbConn, tenant_id: &str, case_id: &str) -> ApiResult<Vec<AgencyEntries>> {
        let sources = store::chronology_sources(conn, tenant_id, case_id)?;
        let mut out = Vec::with_capacity(sources.len());
        for (agency, name, changed) in sources {
            let key = (tenant_id.to_string(), case_id.to_string(), agency.to_string());
            let hit = self
                .kept
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .get(&key)
                .filter(|(at, _)| *at == changed)
                .map(|(_, entries)| entries.clone());
            let entries = match hit {
                Some(entries) => entries,
                None => {
                    let entries = Arc::new(store::chronology_of(conn, tenant_id, case_id, agency.as_str())?.decode()?);
                    let mut kept = self.kept.write().unwrap_or_else(|p| p.into_inner());
                    if kept.len() >= MAX_KEPT {
                        kept.clear();
                    }
                    kept.insert(key, (changed, entries.clone()));
                    entries
                }
            };
            out.push((agency, name, entries));
        }
        Ok(out)
    }
}
