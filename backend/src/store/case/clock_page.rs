//! One page of a tenant's open clocks, soonest due first, with each clock's case reference
//! and stage and the number of open clocks: one statement, so one round trip (the
//! dashboard is read often; on PostgreSQL each round trip cost more than the query itself,
//! measured with `cargo xtask bench`). The page is taken from the partial index of open
//! clocks before the join, so only its cases are read. Written as a query of its own, with
//! a fixed text, so that both databases keep it prepared.
use crate::models::ClockRow;
use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Date, Nullable, Text};

/// The query's parameters.
pub struct OpenClockPage<'a> {
    pub tenant_id: &'a str,
    pub limit: i64,
    pub offset: i64,
}

/// The statement-cache identity of [`OpenClockPage`] (its SQL never changes).
pub struct OpenClockPageId;

impl QueryId for OpenClockPage<'_> {
    type QueryId = OpenClockPageId;
    const HAS_STATIC_QUERY_ID: bool = true;
}

type ClockSql = (Text, Text, Text, Text, Nullable<Text>, Nullable<Text>, Date, Date, Nullable<Date>, Text, Text);

impl Query for OpenClockPage<'_> {
    type SqlType = (ClockSql, Text, Text, BigInt);
}

impl<DB> QueryFragment<DB> for OpenClockPage<'_>
where
    DB: Backend + diesel::sql_types::HasSqlType<Text> + diesel::sql_types::HasSqlType<BigInt>,
    str: diesel::serialize::ToSql<Text, DB>,
    i64: diesel::serialize::ToSql<BigInt, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(
            "SELECT k.tenant_id, k.id, k.case_id, k.kind, k.request_id, k.agency_id, k.started_on, \
             k.due_on, k.met_on, k.warnings, k.rule, c.reference, c.stage, \
             (SELECT COUNT(*) FROM clocks o WHERE o.tenant_id = ",
        );
        out.push_bind_param::<Text, _>(self.tenant_id)?;
        out.push_sql(" AND o.met_on IS NULL) FROM (SELECT * FROM clocks WHERE tenant_id = ");
        out.push_bind_param::<Text, _>(self.tenant_id)?;
        out.push_sql(" AND met_on IS NULL ORDER BY due_on, id LIMIT ");
        out.push_bind_param::<BigInt, _>(&self.limit)?;
        out.push_sql(" OFFSET ");
        out.push_bind_param::<BigInt, _>(&self.offset)?;
        out.push_sql(") k JOIN cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id ORDER BY k.due_on, k.id");
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for OpenClockPage<'_> {}

/// A row of the page: the clock, its case's reference and stage, and the open clocks' count.
pub type PageRow = (ClockRow, String, shared::case::CaseStage, i64);
