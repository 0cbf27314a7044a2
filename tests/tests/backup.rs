//! `cspr backup` and `cspr restore`, round trip: back up while the server runs, change
//! things, restore, and find the database as it was at the backup. On the database of the
//! run (`cargo xtask test` runs it on SQLite and on PostgreSQL).
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};
use tests::process::Launch;

const BIN: &str = env!("CARGO_BIN_EXE_cspr-server");
const BASE: &str = "/api/v1/t/northvale/referrals";

fn cli(database_url: &str, data_dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CSPR_DATABASE_URL", database_url)
        .env("CSPR_DATA_DIR", data_dir)
        .env("CSPR_LOG", "warn")
        .output()
        .expect("run cspr")
}

fn draft(child: &str) -> Value {
    let mut f = tests::complete_form(child);
    f["background"] = json!(format!("Background of {child}"));
    f
}

fn total(api: &tests::Api, token: &str) -> i64 {
    let r = api.get(&format!("{BASE}?per_page=1"), token);
    assert_eq!(r.status, 200, "{r:?}");
    r.body["total"].as_i64().unwrap_or_else(|| panic!("no total in {}", r.body))
}

#[test]
fn a_backup_restores_the_database_as_it_was() {
    let database_url = tests::database_url();
    let dir = std::env::temp_dir().join(format!("cspr-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cspr.backup");
    let _ = std::fs::remove_file(&file);
    let launch = Launch::new(BIN, &database_url, &dir);

    // Before: a draft, and the list as it stands.
    let mut server = launch.start();
    let api = tests::Api::new(&server.base);
    let token = server.sign_in("northvale", "referrer");
    let r = api.post(BASE, &token, &draft("Before"));
    assert_eq!(r.status, 201, "{r:?}");
    let kept = r.body["id"].as_str().unwrap().to_string();
    let before = total(&api, &token);

    // The backup, taken while the server runs.
    let out = cli(&database_url, &dir, &["backup", "--to", file.to_str().unwrap()]);
    assert!(out.status.success(), "backup failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("backup written"), "no word of the backup");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a backup holds children's data: owner only");
    }
    let again = cli(&database_url, &dir, &["backup", "--to", file.to_str().unwrap()]);
    assert!(!again.status.success(), "a backup over an existing file was not refused");

    // After: the kept draft changed, a new one made.
    let r = api.put(&format!("{BASE}/{kept}"), &token, &draft("After"));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.post(BASE, &token, &draft("Later"));
    assert_eq!(r.status, 201, "{r:?}");
    let later = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(total(&api, &token), before + 1);
    server.kill();

    // Restore: refused without --yes, then done.
    let refused = cli(&database_url, &dir, &["restore", "--from", file.to_str().unwrap()]);
    assert!(!refused.status.success(), "a restore without --yes was not refused");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    let out = cli(&database_url, &dir, &["restore", "--from", file.to_str().unwrap(), "--yes"]);
    assert!(out.status.success(), "restore failed: {}", String::from_utf8_lossy(&out.stderr));

    // As it was at the backup.
    let server = launch.start();
    let api = tests::Api::new(&server.base);
    let token = server.sign_in("northvale", "referrer");
    let r = api.get(&format!("{BASE}/{kept}"), &token);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["form"], draft("Before"), "the draft is not as it was at the backup");
    assert_eq!(api.get(&format!("{BASE}/{later}"), &token).status, 404, "a draft made after the backup survived");
    assert_eq!(total(&api, &token), before);
    let _ = std::fs::remove_dir_all(&dir);
}
