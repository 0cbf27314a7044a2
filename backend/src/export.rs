//! `cspr export --tenant SLUG --to DIR`: everything a partnership holds, for a subject access
//! request or for leaving the service. One JSON file per table (its rows, every column), the
//! partnership, its people (name and e-mail address: no password hash, no second-factor
//! secret), each overview report's latest version as a Word document, and a manifest with the
//! counts. Sign-in credentials (refresh tokens, sessions, reset links) are left out. The
//! folder is made readable by its owner only; the export is audited with its counts.
use crate::db::DbConn;
use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use serde_json::{json, Value};
use std::path::Path;

/// Tables of a partnership's that hold credentials, not records.
pub const CREDENTIALS: [&str; 3] = ["refresh_tokens", "sessions", "password_resets"];

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct JsonText {
    #[diesel(sql_type = Text)]
    json: String,
}

/// What was written: each file and how many rows (or documents) it holds.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<(String, usize)>,
}

/// The tables with a `tenant_id` column, by name.
pub fn tenant_tables(conn: &mut DbConn) -> Result<Vec<String>, String> {
    let sql = match conn {
        DbConn::Pg(_) => {
            "SELECT table_name::text AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1"
        }
        DbConn::Sqlite(_) => {
            "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.name = 'tenant_id' ORDER BY 1"
        }
    };
    let rows: Vec<Name> = diesel::sql_query(sql).load(conn).map_err(|e| format!("listing the tables: {e}"))?;
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// A table's names are our own (from the catalogue), but quoted all the same.
fn quoted(name: &str) -> Result<String, String> {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(format!("\"{name}\""))
    } else {
        Err(format!("unexpected table name {name:?}"))
    }
}

/// The rows of `table` where `column` is `value`, as a JSON array of objects.
fn rows_as_json(conn: &mut DbConn, table: &str, column: &str, value: &str) -> Result<Value, String> {
    let (t, c) = (quoted(table)?, quoted(column)?);
    let sql = match conn {
        DbConn::Pg(_) => format!(
            "SELECT coalesce(json_agg(row_to_json(x)), '[]'::json)::text AS json FROM (SELECT * FROM {t} WHERE {c} = $1) x"
        ),
        DbConn::Sqlite(_) => {
            let columns: Vec<Name> = diesel::sql_query("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind::<Text, _>(table)
                .load(conn)
                .map_err(|e| format!("the columns of {table}: {e}"))?;
            let pairs: Vec<String> = columns
                .iter()
                .map(|col| quoted(&col.name).map(|q| format!("'{}', {q}", col.name)))
                .collect::<Result<_, _>>()?;
            format!(
                "SELECT coalesce(json_group_array(json_object({})), '[]') AS json FROM {t} WHERE {c} = ?",
                pairs.join(", ")
            )
        }
    };
    let found: JsonText =
        diesel::sql_query(sql).bind::<Text, _>(value).get_result(conn).map_err(|e| format!("reading {table}: {e}"))?;
    serde_json::from_str(&found.json).map_err(|e| format!("reading {table}: {e}"))
}

fn write_json(dir: &Path, name: &str, value: &Value) -> Result<usize, String> {
    let n = value.as_array().map_or(1, Vec::len);
    let text = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(name), text).map_err(|e| format!("writing {name}: {e}"))?;
    Ok(n)
}

/// Writes the export of partnership `slug` into the new folder `to`.
pub fn export(conn: &mut DbConn, slug: &str, to: &Path) -> Result<Summary, String> {
    let tenant = crate::store::directory::tenant_by_slug(conn, slug)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no partnership has the slug `{slug}`"))?;
    if to.exists() {
        return Err(format!("{} exists already: name a new folder", to.display()));
    }
    crate::db::create_private_dir(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let mut summary = Summary::default();
    let partnership = rows_as_json(conn, "tenants", "id", &tenant.id)?;
    summary.files.push(("partnership.json".into(), write_json(to, "partnership.json", &partnership)?));
    let people: Vec<(String, String, String)> = {
        use crate::schema::{memberships as m, users as u};
        use diesel::prelude::*;
        u::table
            .inner_join(m::table.on(m::user_id.eq(u::id)))
            .filter(m::tenant_id.eq(&tenant.id))
            .select((u::id, u::email, u::name))
            .order(u::email)
            .load(conn)
            .map_err(|e| format!("reading people: {e}"))?
    };
    let people: Value =
        people.into_iter().map(|(id, email, name)| json!({"id": id, "email": email, "name": name})).collect();
    summary.files.push(("people.json".into(), write_json(to, "people.json", &people)?));
    for table in tenant_tables(conn)? {
        if CREDENTIALS.contains(&table.as_str()) {
            continue;
        }
        let rows = rows_as_json(conn, &table, "tenant_id", &tenant.id)?;
        let name = format!("{table}.json");
        summary.files.push((name.clone(), write_json(to, &name, &rows)?));
    }
    let documents = write_documents(conn, &tenant.id, &to.join("documents"))?;
    summary.files.push(("documents/".into(), documents));
    let manifest = json!({
        "partnership": slug,
        "exported_at": chrono::Utc::now().to_rfc3339(),
        "files": summary.files.iter().map(|(f, n)| json!({"file": f, "count": n})).collect::<Vec<_>>(),
        "left_out": CREDENTIALS,
    });
    write_json(to, "manifest.json", &manifest)?;
    crate::store::audit::record(
        conn,
        crate::store::audit::Event {
            tenant_id: &tenant.id,
            actor_id: None,
            action: "partnership.exported",
            entity_type: "partnership",
            entity_id: Some(&tenant.id),
            request_id: None,
            address: None,
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(summary)
}

/// Each overview report's latest version as a Word document, with the merged chronology of
/// every agency's submitted report (the partnership's own copy: nothing is scoped out).
fn write_documents(conn: &mut DbConn, tenant_id: &str, dir: &Path) -> Result<usize, String> {
    use crate::schema::{cases as c, overview_reports as o};
    use diesel::prelude::*;
    let reports: Vec<(String, i32, String)> = o::table
        .inner_join(c::table.on(c::tenant_id.eq(o::tenant_id).and(c::id.eq(o::case_id))))
        .filter(o::tenant_id.eq(tenant_id))
        .select((o::case_id, o::latest_version, c::reference))
        .load(conn)
        .map_err(|e| format!("reading the overview reports: {e}"))?;
    crate::db::create_private_dir(dir).map_err(|e| e.to_string())?;
    let chronologies = crate::store::chronology_cache::Chronologies::default();
    let mut written = 0;
    for (case_id, latest, reference) in reports {
        let Some(row) =
            crate::store::overview::version(conn, tenant_id, &case_id, latest).map_err(|e| e.to_string())?
        else {
            continue;
        };
        let version = crate::api::overview::context::version_of(&row).map_err(|e| e.to_string())?;
        let kept = chronologies.of_case(conn, tenant_id, &case_id).map_err(|e| e.to_string())?;
        let borrowed: Vec<_> =
            kept.iter().map(|(a, name, entries)| (a.uuid(), name.as_str(), entries.as_slice())).collect();
        let merged = shared::cspr::merge_from(&borrowed, &shared::cspr::ChronologyQuery::default());
        let title = format!("Child Safeguarding Practice Review {reference}");
        let bytes = crate::word::overview_docx(&title, &version, &merged)?;
        let name: String =
            reference.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        std::fs::write(dir.join(format!("overview-{name}-v{latest}.docx")), bytes).map_err(|e| e.to_string())?;
        written += 1;
    }
    Ok(written)
}
