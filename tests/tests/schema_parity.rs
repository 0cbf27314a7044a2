//! The PostgreSQL and SQLite migrations define the same tables, columns and nullability.
//! Needs `CSPR_TEST_DATABASE_URL=postgres://…` (set by `cargo xtask test`).
use diesel::pg::PgConnection;
use diesel::sql_types::{Integer, Text};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use std::collections::BTreeSet;

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
}

type Shape = BTreeSet<(String, String, bool)>;

fn postgres_shape(url: &str) -> Shape {
    let mut c = PgConnection::establish(url).expect("PostgreSQL");
    let mut conn = backend::db::DbConn::Pg(PgConnection::establish(url).unwrap());
    backend::db::migrate(&mut conn).unwrap();
    diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, is_nullable::text AS is_nullable \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND table_name <> '__diesel_schema_migrations'",
    )
    .load::<PgColumn>(&mut c)
    .unwrap()
    .into_iter()
    .map(|r| (r.table_name, r.column_name, r.is_nullable == "YES"))
    .collect()
}

fn sqlite_shape() -> Shape {
    let dir = std::env::temp_dir().join(format!("cspr-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parity.db");
    let _ = std::fs::remove_file(&path);
    let path = path.to_str().unwrap().to_string();
    let mut conn = backend::db::DbConn::Sqlite(SqliteConnection::establish(&path).unwrap());
    backend::db::migrate(&mut conn).unwrap();
    let mut c = SqliteConnection::establish(&path).unwrap();
    let shape = diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, p.\"notnull\" AS not_null \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
    )
    .load::<SqliteColumn>(&mut c)
    .unwrap()
    .into_iter()
    .map(|r| (r.table_name, r.column_name, r.not_null == 0))
    .collect();
    let _ = std::fs::remove_dir_all(&dir);
    shape
}

#[test]
fn both_migration_folders_define_the_same_schema() {
    let url = std::env::var("CSPR_TEST_DATABASE_URL").unwrap_or_default();
    assert!(
        url.starts_with("postgres"),
        "SCHEMA PARITY NEEDS POSTGRESQL: set CSPR_TEST_DATABASE_URL=postgres://… or run `cargo xtask test`"
    );
    let pg = postgres_shape(&url);
    let lite = sqlite_shape();
    assert!(pg.len() > 40, "only {} columns found in PostgreSQL", pg.len());
    let only_pg: Vec<_> = pg.difference(&lite).collect();
    let only_lite: Vec<_> = lite.difference(&pg).collect();
    assert!(only_pg.is_empty() && only_lite.is_empty(), "PostgreSQL only: {only_pg:?}\nSQLite only: {only_lite:?}");
}
