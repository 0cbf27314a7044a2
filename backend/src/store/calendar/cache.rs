//! Each partnership's working-day calendar, kept in memory briefly: the dashboard reckons
//! working days left for every clock on every call. A change of closure days forgets the
//! tenant's entry at once; an imported bank-holiday list (another process) is seen within
//! the time to live.
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::store::{calendar as store, directory};
use shared::calendar::{BankHolidays, WorkingCalendar};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

type Entry<T> = (Instant, Arc<T>);

pub struct Calendars {
    ttl: Duration,
    holidays: RwLock<Option<Entry<BankHolidays>>>,
    tenants: RwLock<HashMap<String, Entry<WorkingCalendar>>>,
}

impl Calendars {
    pub fn new(ttl: Duration) -> Calendars {
        Calendars { ttl, holidays: RwLock::new(None), tenants: RwLock::new(HashMap::new()) }
    }

    fn holidays(&self, conn: &mut DbConn) -> ApiResult<Arc<BankHolidays>> {
        if let Some((at, h)) = self.holidays.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if at.elapsed() < self.ttl {
                return Ok(h.clone());
            }
        }
        let h = Arc::new(store::bank_holidays(conn)?);
        *self.holidays.write().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), h.clone()));
        Ok(h)
    }

    /// The calendar of a tenant if it is kept and fresh (no connection needed).
    pub fn kept(&self, tenant_id: &str) -> Option<Arc<WorkingCalendar>> {
        let tenants = self.tenants.read().unwrap_or_else(|p| p.into_inner());
        tenants.get(tenant_id).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, c)| c.clone())
    }

    /// The calendar of a tenant: its region's bank holidays and its closure days.
    pub fn for_tenant(&self, conn: &mut DbConn, tenant_id: &str) -> ApiResult<Arc<WorkingCalendar>> {
        if let Some(c) = self.kept(tenant_id) {
            return Ok(c);
        }
        let tenant = directory::tenant_by_id(conn, tenant_id)?;
        let region = tenant.region;
        let holidays = self.holidays(conn)?;
        let empty = store::empty_division();
        let division = holidays.division(region).unwrap_or(&empty);
        let closures = store::closures(conn, tenant_id)?;
        let calendar = Arc::new(WorkingCalendar::new(region, division, closures));
        self.tenants
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(tenant_id.to_string(), (Instant::now(), calendar.clone()));
        Ok(calendar)
    }

    pub fn forget(&self, tenant_id: &str) {
        self.tenants.write().unwrap_or_else(|p| p.into_inner()).remove(tenant_id);
    }
}
