//! A PostgreSQL database of its own for each test or benchmark run.
use anyhow::{Context, Result};
use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl};

pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn server_url() -> String {
    std::env::var("CSPR_TEST_POSTGRES_URL").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| DEFAULT_SERVER.into())
}

/// The URL of database `name` on the same server as `server`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let cut = base[after_scheme..].find('/').map_or(base.len(), |i| after_scheme + i);
    let mut url = format!("{}/{}", &base[..cut], name);
    let host = &base[after_scheme..cut];
    let loopback =
        ["127.0.0.1", "localhost", "[::1]"].iter().any(|h| host.rsplit('@').next().is_some_and(|hp| hp.starts_with(h)));
    let mut params: Vec<&str> = query.map(|q| q.split('&').collect()).unwrap_or_default();
    // TLS over loopback only costs CPU (libpq prefers it when the server offers it).
    if loopback && !params.iter().any(|p| p.starts_with("sslmode=")) {
        params.push("sslmode=disable");
    }
    if !params.is_empty() {
        url.push('?');
        url.push_str(&params.join("&"));
    }
    url
}

/// A database created now and dropped when this value is dropped.
pub struct TempDatabase {
    server: String,
    pub name: String,
    pub url: String,
}

impl TempDatabase {
    pub fn create(purpose: &str) -> Result<TempDatabase> {
        let server = server_url();
        let mut conn =
            PgConnection::establish(&server).with_context(|| format!("cannot reach PostgreSQL at {server}"))?;
        let name = format!(
            "cspr_{purpose}_{}_{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs()
        );
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .with_context(|| format!("cannot create database {name}"))?;
        let url = with_database(&server, &name);
        eprintln!("==> created PostgreSQL database {name}");
        Ok(TempDatabase { server, name, url })
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        match PgConnection::establish(&self.server) {
            Ok(mut conn) => match diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
                .execute(&mut conn)
            {
                Ok(_) => eprintln!("==> dropped PostgreSQL database {}", self.name),
                Err(e) => eprintln!("warning: cannot drop database {}: {e}", self.name),
            },
            Err(e) => eprintln!("warning: cannot drop database {}: {e}", self.name),
        }
    }
}

/// Whether a PostgreSQL server answers at the configured URL; the reason when not.
pub fn available() -> Result<(), String> {
    PgConnection::establish(&server_url()).map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_urls_keep_host_and_query() {
        assert_eq!(
            super::with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u:p@h/db?sslmode=require", "y"),
            "postgres://u:p@h/y?sslmode=require"
        );
        assert_eq!(super::with_database("postgres://h", "z"), "postgres://h/z");
        assert_eq!(
            super::with_database("postgres://localhost/db?a=b", "z"),
            "postgres://localhost/z?a=b&sslmode=disable"
        );
    }
}
