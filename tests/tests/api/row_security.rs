//! Row-level security on PostgreSQL (issue 14): the server connects as a role that owns no
//! table and is bound by a policy on every table holding a partnership's rows; a session
//! that names no partnership reads nothing, and one that names a partnership reads only its
//! rows, even with a query that forgets to filter. (On SQLite there is no such thing: each
//! test says so and checks nothing else.)
use diesel::{Connection, RunQueryDsl};
use tests::*;

#[derive(diesel::QueryableByName, Debug)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(diesel::QueryableByName, Debug)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

fn count(conn: &mut diesel::pg::PgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap_or_else(|e| panic!("{sql}: {e}")).n
}

fn sqlite_run() -> bool {
    if !is_postgres() {
        eprintln!("SQLITE RUN: row-level security is PostgreSQL's; nothing to check on SQLite");
    }
    !is_postgres()
}

fn tenant_id(slug: &str) -> String {
    let mut conn = server().pool.get().expect("connection");
    backend::store::directory::tenant_by_slug(&mut conn, slug).unwrap().expect("tenant").id
}

fn runtime() -> diesel::pg::PgConnection {
    server(); // migrated, the runtime role granted
    diesel::pg::PgConnection::establish(&runtime_database_url()).expect("connect as the runtime role")
}

#[test]
fn every_table_with_a_partnership_column_has_a_forced_policy() {
    if sqlite_run() {
        return;
    }
    server();
    let mut owner = diesel::pg::PgConnection::establish(&database_url()).unwrap();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT c.table_name AS name FROM information_schema.columns c \
         WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' ORDER BY 1",
    )
    .load(&mut owner)
    .unwrap();
    assert!(tables.len() >= 20, "{tables:?}");
    let unguarded: Vec<Name> = diesel::sql_query(
        "SELECT c.table_name AS name FROM information_schema.columns c \
         JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace \
         WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' \
         AND NOT (k.relrowsecurity AND k.relforcerowsecurity \
                  AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.table_name))",
    )
    .load(&mut owner)
    .unwrap();
    let names: Vec<&str> = unguarded.iter().map(|t| t.name.as_str()).collect();
    assert!(names.is_empty(), "tables without a forced policy: {names:?}");
    // The role the server runs as owns nothing and is bound by policies.
    let role = count(
        &mut owner,
        &format!(
            "SELECT count(*) AS n FROM pg_roles WHERE rolname = '{RUNTIME_ROLE}' AND NOT rolsuper AND NOT rolbypassrls"
        ),
    );
    assert_eq!(role, 1);
    let owned = count(&mut owner, &format!("SELECT count(*) AS n FROM pg_tables WHERE tableowner = '{RUNTIME_ROLE}'"));
    assert_eq!(owned, 0);
}

#[test]
fn a_session_that_names_no_partnership_reads_and_writes_nothing() {
    if sqlite_run() {
        return;
    }
    let mut owner = diesel::pg::PgConnection::establish(&database_url()).unwrap();
    for table in ["referrals", "cases", "memberships", "audit_events", "agencies"] {
        assert!(count(&mut owner, &format!("SELECT count(*) AS n FROM {table}")) > 0, "{table} holds the demo's rows");
    }
    let mut rt = runtime();
    for table in ["referrals", "cases", "memberships", "audit_events", "agencies"] {
        assert_eq!(
            count(&mut rt, &format!("SELECT count(*) AS n FROM {table}")),
            0,
            "{table} read without a partnership"
        );
    }
    let changed = diesel::sql_query("UPDATE referrals SET child_name = 'x'").execute(&mut rt).unwrap();
    assert_eq!(changed, 0, "rows changed without a partnership");
    let northvale = tenant_id("northvale");
    let insert =
        diesel::sql_query(format!("INSERT INTO closure_days (tenant_id, day) VALUES ('{northvale}', '2031-01-02')"))
            .execute(&mut rt);
    assert!(insert.is_err(), "a row was written without a partnership");
}

#[test]
fn a_partnership_session_reads_only_its_rows_even_unfiltered() {
    if sqlite_run() {
        return;
    }
    let (northvale, southmere) = (tenant_id("northvale"), tenant_id("southmere"));
    let mut owner = diesel::pg::PgConnection::establish(&database_url()).unwrap();
    let theirs = count(&mut owner, &format!("SELECT count(*) AS n FROM referrals WHERE tenant_id = '{southmere}'"));
    assert!(theirs > 0, "southmere has referrals");
    let mut rt = runtime();
    diesel::sql_query(format!("SET cspr.tenant_id = '{northvale}'")).execute(&mut rt).unwrap();
    let ours = count(&mut rt, "SELECT count(*) AS n FROM referrals");
    assert!(ours > 0);
    assert_eq!(count(&mut rt, &format!("SELECT count(*) AS n FROM referrals WHERE tenant_id = '{southmere}'")), 0);
    assert_eq!(count(&mut rt, &format!("SELECT count(*) AS n FROM referrals WHERE tenant_id <> '{northvale}'")), 0);
    assert_eq!(count(&mut rt, &format!("SELECT count(*) AS n FROM cases WHERE tenant_id <> '{northvale}'")), 0);
    let moved = diesel::sql_query(format!("UPDATE referrals SET tenant_id = '{southmere}'")).execute(&mut rt);
    assert!(moved.is_err(), "rows were moved into another partnership");
    let changed =
        diesel::sql_query(format!("UPDATE referrals SET child_name = child_name WHERE tenant_id = '{southmere}'"))
            .execute(&mut rt)
            .unwrap();
    assert_eq!(changed, 0);
}

/// The server's own way: a request under /api/v1/t/{tenant}/ takes its connections through
/// `db::checkout` inside `db::in_tenant`, which names the partnership; outside, `*`.
#[test]
fn the_servers_connections_are_confined_to_the_requests_partnership() {
    if sqlite_run() {
        return;
    }
    let (northvale, southmere) = (tenant_id("northvale"), tenant_id("southmere"));
    let pool = backend::db::connect(&runtime_database_url(), 2).unwrap();
    let unfiltered = |conn: &mut backend::db::DbConn| -> Vec<String> {
        #[derive(diesel::QueryableByName)]
        struct T {
            #[diesel(sql_type = diesel::sql_types::Text)]
            tenant_id: String,
        }
        let rows: Vec<T> = diesel::sql_query("SELECT DISTINCT tenant_id FROM referrals ORDER BY 1").load(conn).unwrap();
        rows.into_iter().map(|t| t.tenant_id).collect()
    };
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let inside = rt.block_on(backend::db::in_tenant(northvale.clone(), async {
        let mut conn = backend::db::checkout(&pool).unwrap();
        unfiltered(&mut conn)
    }));
    assert_eq!(inside, vec![northvale.clone()]);
    // the same connections afterwards, outside a request: every partnership again
    let mut conn = backend::db::checkout(&pool).unwrap();
    let outside = unfiltered(&mut conn);
    assert!(outside.contains(&northvale) && outside.contains(&southmere), "{outside:?}");
}
