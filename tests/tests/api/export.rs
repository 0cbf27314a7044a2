//! A partnership's export (`cspr export`, issue 14): every record of its own and none of
//! another's, its people without credentials, its overview reports as Word documents.
use serde_json::Value;
use tests::*;

fn read(dir: &std::path::Path, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap()
}

#[test]
fn a_partnership_export_holds_its_records_and_no_other_partnerships() {
    let s = server();
    let mut conn = s.pool.get().expect("connection");
    let southmere = backend::store::directory::tenant_by_slug(&mut conn, "southmere").unwrap().unwrap().id;
    let dir = std::env::temp_dir().join(format!("cspr-export-{}", uuid::Uuid::new_v4().simple()));
    let summary = backend::export::export(&mut conn, "southmere", &dir).expect("export");
    let tables = backend::export::tenant_tables(&mut conn).unwrap();
    assert!(tables.len() >= 20, "{tables:?}");
    for table in &tables {
        let file = dir.join(format!("{table}.json"));
        if backend::export::CREDENTIALS.contains(&table.as_str()) {
            assert!(!file.exists(), "credentials exported: {table}");
            continue;
        }
        let rows = read(&dir, &format!("{table}.json"));
        for row in rows.as_array().unwrap_or_else(|| panic!("{table}: not an array")) {
            assert_eq!(row["tenant_id"].as_str(), Some(southmere.as_str()), "{table}: another partnership's row");
        }
    }
    // whole: as many referrals and cases as the database holds for it
    for table in ["referrals", "cases", "audit_events"] {
        let sql = format!("SELECT count(*) AS n FROM {table} WHERE tenant_id = '{southmere}'");
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let n = diesel::RunQueryDsl::get_result::<N>(diesel::sql_query(sql), &mut *conn).unwrap().n;
        let exported = read(&dir, &format!("{table}.json")).as_array().unwrap().len() as i64;
        // the export's own audit event comes after its audit_events.json was written
        assert!(exported == n || (table == "audit_events" && exported + 1 == n), "{table}: {exported} of {n}");
        assert!(n > 0, "{table}: the demo has rows");
    }
    let people = read(&dir, "people.json");
    let people = people.as_array().unwrap();
    assert!(people.iter().any(|p| p["email"] == "office@southmere.example"));
    assert!(people.iter().all(|p| p.get("password_hash").is_none() && p.get("totp_secret").is_none()));
    assert_eq!(read(&dir, "partnership.json")[0]["slug"], "southmere");
    let documents: Vec<_> = std::fs::read_dir(dir.join("documents")).unwrap().map(|e| e.unwrap().path()).collect();
    let reports = summary.files.iter().find(|(f, _)| f == "documents/").map(|(_, n)| *n).unwrap();
    assert_eq!(documents.len(), reports);
    assert!(reports >= 1, "the demo's overview reports");
    for doc in &documents {
        assert!(std::fs::read(doc).unwrap().starts_with(b"PK"), "a Word document (a zip)");
    }
    let manifest = read(&dir, "manifest.json");
    assert_eq!(manifest["partnership"], "southmere");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    }
    assert!(backend::export::export(&mut conn, "southmere", &dir).is_err(), "an existing folder is refused");
    assert!(backend::export::export(&mut conn, "nowhere", &dir.join("x")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
