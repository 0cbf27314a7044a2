//! The `cspr` command.
use crate::auth::password;
use crate::config::{setting, Config};
use crate::db::{self, DbConn};
use crate::store::directory;
use clap::{Parser, Subcommand};
use shared::agency::AgencyKind;
use shared::region::Region;
use shared::Role;
use std::io::Read;

#[derive(Parser)]
#[command(name = "cspr", about = "CSPR Hub: Child Safeguarding Practice Reviews", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app, the API and the docs (migrates first).
    Serve {
        /// Load the demo data when the database has no tenants.
        #[arg(long)]
        demo_if_empty: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Partnerships.
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Agencies of a partnership.
    Agency {
        #[command(subcommand)]
        command: AgencyCommand,
    },
    /// People and their roles.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load the demo data (two partnerships); refuses a database that has tenants.
    Demo {
        /// Do nothing, successfully, when the database already has tenants.
        #[arg(long)]
        if_empty: bool,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Load synthetic partnerships for the benchmark (`synthetic-001`, …), each with an
    /// office person `office@<slug>.example` whose password is read like `user create`'s.
    Synthetic {
        #[arg(long, default_value_t = 150)]
        tenants: usize,
        /// Cases per partnership.
        #[arg(long, default_value_t = 200)]
        cases: usize,
        /// Read the password from this file instead of stdin.
        #[arg(long)]
        password_file: Option<std::path::PathBuf>,
    },
    /// Give a synthetic partnership's first local CSPR a merged chronology for the benchmark
    /// (`agencies` agencies' submitted reports, `entries` entries in all); prints the case id.
    SyntheticChronology {
        #[arg(long, default_value = "synthetic-001")]
        tenant: String,
        #[arg(long, default_value_t = 8)]
        agencies: usize,
        #[arg(long, default_value_t = 500)]
        entries: usize,
    },
    /// Bank holidays.
    Holidays {
        #[command(subcommand)]
        command: HolidaysCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Copy the whole database into a new file (SQLite: online, while the server runs;
    /// PostgreSQL: pg_dump's custom format). The file holds children's data: keep it safe.
    Backup {
        /// The file to write (must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Everything a partnership holds, into a new folder: its records as JSON (one file per
    /// table), its people, its overview reports as Word documents, and a manifest. For a
    /// subject access request, or for leaving the service.
    Export {
        /// The partnership's slug.
        #[arg(long)]
        tenant: String,
        /// The folder to write (must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace everything in the database with a backup. Stop the server first.
    Restore {
        /// A file written by `cspr backup`.
        #[arg(long)]
        from: std::path::PathBuf,
        /// Confirm that everything in the database is to be replaced.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check every partnership's hash chain: names the first event edited, deleted or moved,
    /// and fails if there is one.
    Verify,
}

#[derive(Subcommand)]
enum HolidaysCommand {
    /// Load a newer copy of GOV.UK's bank-holidays JSON (https://www.gov.uk/bank-holidays.json):
    /// for each region and year it covers, its dates replace the ones known.
    Import {
        /// The JSON file.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum TenantCommand {
    /// Create a partnership.
    Create {
        /// Short name used in URLs and at sign-in, e.g. `northvale`.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        /// england-and-wales, scotland or northern-ireland.
        #[arg(long, default_value = "england-and-wales")]
        region: String,
    },
    /// Who must use a second factor: required (every role, the default), not_for_referrers
    /// (optional for a person whose only role is referrer), or off.
    SecondFactor {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        rule: String,
    },
}

#[derive(Subcommand)]
enum AgencyCommand {
    /// Create an agency in a partnership.
    Create {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        name: String,
        /// childrens_social_care, mash, education, police, health_icb, health_gp, health_hospital,
        /// probation or other.
        #[arg(long)]
        kind: String,
        /// One of the three statutory safeguarding partners.
        #[arg(long)]
        strategic_lead: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a person. The password is read from standard input, or from --password-file.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// A file holding the password (otherwise standard input is read).
        #[arg(long)]
        password_file: Option<std::path::PathBuf>,
    },
    /// Give a person roles in a partnership (added to any they hold).
    Grant {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
        /// Comma-separated: referrer, agency_author, reviewer, scrutineer, strategic_lead, business_office, agency_manager.
        #[arg(long)]
        roles: String,
        /// The agency (by name) the person belongs to in this partnership.
        #[arg(long)]
        agency: Option<String>,
    },
    /// Take one role away from a person in a partnership (their tokens stop working).
    Revoke {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
    },
    /// Take a person's membership of a partnership away (their sessions there end).
    Remove {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
    },
    /// Disable an account: every session and token ends, and sign-in is refused.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Clear a person's second factor (a lost phone and lost recovery codes): every session
    /// ends, and they set a new one up at their next sign-in.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
}

/// Runs the command; errors are one line.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn connect_and_migrate(config: &Config) -> Result<db::PooledConn, String> {
    let pool = db::connect(&config.database_url, 2)?;
    let mut conn = pool.get().map_err(|e| format!("cannot connect to the database: {e}"))?;
    db::migrate_for(config, &mut conn)?;
    Ok(conn)
}

/// Settings without needing a JWT secret (for commands that issue no tokens).
fn config_for_admin() -> Result<Config, String> {
    let data_dir = std::path::PathBuf::from(setting("CSPR_DATA_DIR")?.unwrap_or_else(|| "./data".into()));
    let database_url =
        setting("CSPR_DATABASE_URL")?.unwrap_or_else(|| format!("sqlite://{}", data_dir.join("cspr.db").display()));
    db::DbUrl::parse(&database_url).map_err(|e| format!("CSPR_DATABASE_URL: {e}"))?;
    Ok(Config {
        bind: String::new(),
        data_dir,
        migration_database_url: setting("CSPR_MIGRATION_DATABASE_URL")?,
        database_url,
        jwt_secret: Vec::new(),
        site_dir: Default::default(),
        throttle: Default::default(),
        sessions: Default::default(),
        exposure: Default::default(),
        pool_size: 2,
        workers: 1,
        mail: Default::default(),
        sqlite_synchronous: Default::default(),
        action_reminders: false,
    })
}

/// `cspr audit verify`: whether every partnership's chain holds, and the report it prints
/// (the first bad event of each partnership whose chain breaks).
pub fn audit_verify(conn: &mut DbConn) -> (bool, String) {
    // What a server has not sealed yet is sealed first, as the server would.
    if let Err(e) = crate::store::audit::seal_unsealed(conn) {
        return (false, format!("cannot seal the audit trail: {e}\n"));
    }
    match crate::store::audit::verify(conn) {
        Ok((checked, breaks)) if breaks.is_empty() => (true, format!("audit trail holds: {checked} events checked\n")),
        Ok((checked, breaks)) => {
            let mut report = format!("{checked} events checked\n");
            for b in &breaks {
                report.push_str(&format!("broken: {b}\n"));
            }
            (false, report)
        }
        Err(e) => (false, format!("cannot read the audit trail: {e}\n")),
    }
}

fn set_disabled(email: &str, disable: bool) -> Result<(), String> {
    let mut conn = connect_and_migrate(&config_for_admin()?)?;
    let user = directory::user_by_email(&mut conn, email)
        .map_err(|e| e.to_string())?
        .ok_or("no person has this e-mail address")?;
    directory::set_disabled(&mut conn, &user.id, disable).map_err(|e| e.to_string())?;
    let action = if disable { "account.disabled" } else { "account.enabled" };
    for t in directory::tenants_of_user(&mut conn, &user.id).map_err(|e| e.to_string())? {
        operator_event(&mut conn, &t.id, action, &user.id)?;
    }
    eprintln!("account {}", if disable { "disabled" } else { "enabled" });
    Ok(())
}

/// A partnership's id and a person's id, by slug and e-mail address.
fn tenant_and_user(conn: &mut DbConn, tenant: &str, email: &str) -> Result<(String, String), String> {
    let t = find_tenant(conn, tenant)?;
    let user =
        directory::user_by_email(conn, email).map_err(|e| e.to_string())?.ok_or("no person has this e-mail address")?;
    Ok((t, user.id.to_string()))
}

/// An audit event for a change an operator made at the command line (no actor).
fn operator_event(conn: &mut DbConn, tenant_id: &str, action: &str, user_id: &str) -> Result<(), String> {
    crate::store::audit::record(
        conn,
        crate::store::audit::Event {
            tenant_id,
            actor_id: None,
            action,
            entity_type: "account",
            entity_id: Some(user_id),
            request_id: None,
            address: None,
        },
    )
    .map_err(|e| e.to_string())
}

fn demo_password() -> Result<String, String> {
    let p = setting("CSPR_DEMO_PASSWORD")?.unwrap_or_else(|| crate::demo::DEFAULT_PASSWORD.into());
    // Taken as given (demo data only); people's own passwords are checked.
    if p.is_empty() {
        return Err("CSPR_DEMO_PASSWORD is empty".into());
    }
    Ok(p)
}

fn seed_demo(conn: &mut DbConn, if_empty: bool) -> Result<(), String> {
    if !crate::demo::is_empty(conn)? {
        if if_empty {
            return Ok(());
        }
        return Err("the database already has partnerships: the demo data goes only into an empty database".into());
    }
    crate::demo::seed(conn, &demo_password()?)?;
    eprintln!("demo data loaded: partnerships northvale and southmere");
    Ok(())
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve { demo_if_empty } => {
            let config = Config::from_env()?;
            if demo_if_empty {
                let mut conn = connect_and_migrate(&config)?;
                seed_demo(&mut conn, true)?;
            }
            actix_web::rt::System::new().block_on(crate::server::serve(config))
        }
        Command::Export { tenant, to } => {
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let summary = crate::export::export(&mut conn, &tenant, &to)?;
            for (file, n) in &summary.files {
                eprintln!("{file:<28} {n}");
            }
            eprintln!("exported `{tenant}` to {}", to.display());
            Ok(())
        }
        Command::Backup { to } => crate::backup::backup(&config_for_admin()?, &to),
        Command::Restore { from, yes } => {
            if !yes {
                return Err(
                    "restore replaces everything in the database: stop the server, then run again with --yes".into()
                );
            }
            crate::backup::restore(&config_for_admin()?, &from)
        }
        Command::Migrate => {
            let config = config_for_admin()?;
            let pool = db::connect(&config.database_url, 1)?;
            let mut conn = pool.get().map_err(|e| format!("cannot connect to the database: {e}"))?;
            let n = db::migrate_for(&config, &mut conn)?;
            eprintln!("{n} migration(s) applied");
            Ok(())
        }
        Command::Tenant { command: TenantCommand::Create { slug, name, region } } => {
            let region =
                Region::parse(&region).ok_or("region must be england-and-wales, scotland or northern-ireland")?;
            if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                return Err("the slug must be lower-case letters, digits and dashes".into());
            }
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            if directory::tenant_by_slug(&mut conn, &slug).map_err(|e| e.to_string())?.is_some() {
                return Err(format!("a partnership with slug `{slug}` exists already"));
            }
            directory::create_tenant(&mut conn, &slug, &name, region).map_err(|e| e.to_string())?;
            eprintln!("partnership `{slug}` created");
            Ok(())
        }
        Command::Tenant { command: TenantCommand::SecondFactor { tenant, rule } } => {
            let rule = shared::auth::SecondFactorRule::parse(rule.trim())
                .ok_or("rule must be required, not_for_referrers or off")?;
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let t = find_tenant(&mut conn, &tenant)?;
            directory::set_second_factor_rule(&mut conn, &t, rule).map_err(|e| e.to_string())?;
            crate::store::audit::record(
                &mut conn,
                crate::store::audit::Event {
                    tenant_id: &t,
                    actor_id: None,
                    action: "partnership.second_factor_rule_set",
                    entity_type: "partnership",
                    entity_id: Some(&t),
                    request_id: None,
                    address: None,
                },
            )
            .map_err(|e| e.to_string())?;
            eprintln!("second factor in `{tenant}`: {}", rule.as_str());
            Ok(())
        }
        Command::Agency { command: AgencyCommand::Create { tenant, name, kind, strategic_lead } } => {
            let kind = AgencyKind::parse(&kind).ok_or_else(|| {
                let all: Vec<&str> = AgencyKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("kind must be one of {}", all.join(", "))
            })?;
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let t = find_tenant(&mut conn, &tenant)?;
            if directory::agency_by_name(&mut conn, &t, &name).map_err(|e| e.to_string())?.is_some() {
                return Err(format!("the agency `{name}` exists already in `{tenant}`"));
            }
            directory::create_agency(&mut conn, &t, &name, kind, strategic_lead).map_err(|e| e.to_string())?;
            eprintln!("agency created in `{tenant}`");
            Ok(())
        }
        Command::User { command: UserCommand::Create { email, name, password_file } } => {
            if !email.contains('@') || email.trim().len() < 3 {
                return Err("the e-mail address is not valid".into());
            }
            let password = read_password(password_file.as_deref())?;
            password::check_strength(&password)?;
            let hash = password::hash(&password)?;
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            if directory::user_by_email(&mut conn, &email).map_err(|e| e.to_string())?.is_some() {
                return Err("a person with this e-mail address exists already".into());
            }
            directory::create_user(&mut conn, &email, &name, &hash).map_err(|e| e.to_string())?;
            eprintln!("person created");
            Ok(())
        }
        Command::User { command: UserCommand::Grant { tenant, email, roles, agency } } => {
            let roles = Role::parse_list(&roles)?;
            if roles.is_empty() {
                return Err("name at least one role".into());
            }
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let t = find_tenant(&mut conn, &tenant)?;
            let user = directory::user_by_email(&mut conn, &email)
                .map_err(|e| e.to_string())?
                .ok_or("no person has this e-mail address")?;
            let agency_id = match agency {
                Some(name) => Some(
                    directory::agency_by_name(&mut conn, &t, &name)
                        .map_err(|e| e.to_string())?
                        .ok_or_else(|| format!("no agency `{name}` in `{tenant}`"))?
                        .id,
                ),
                None => None,
            };
            let m = directory::grant(&mut conn, &t, &user.id, agency_id, &roles).map_err(|e| e.to_string())?;
            eprintln!("roles in `{tenant}` now: {}", m.roles);
            Ok(())
        }
        Command::User { command: UserCommand::Revoke { tenant, email, role } } => {
            let role = Role::parse(role.trim()).ok_or_else(|| format!("`{role}` is not a role"))?;
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let (t, user) = tenant_and_user(&mut conn, &tenant, &email)?;
            let m = directory::revoke_role(&mut conn, &t, &user, role)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("the person does not hold that role in `{tenant}`"))?;
            operator_event(&mut conn, &t, "account.role_revoked", &user)?;
            eprintln!("roles in `{tenant}` now: {}", if m.roles.is_empty() { "none" } else { &m.roles });
            Ok(())
        }
        Command::User { command: UserCommand::Remove { tenant, email } } => {
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let (t, user) = tenant_and_user(&mut conn, &tenant, &email)?;
            if !directory::remove_membership(&mut conn, &t, &user).map_err(|e| e.to_string())? {
                return Err(format!("the person is not a member of `{tenant}`"));
            }
            operator_event(&mut conn, &t, "account.membership_removed", &user)?;
            eprintln!("membership of `{tenant}` removed");
            Ok(())
        }
        Command::User { command: UserCommand::Disable { email } } => set_disabled(&email, true),
        Command::User { command: UserCommand::Enable { email } } => set_disabled(&email, false),
        Command::User { command: UserCommand::ResetSecondFactor { email } } => {
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let user = directory::user_by_email(&mut conn, &email)
                .map_err(|e| e.to_string())?
                .ok_or("no person has this e-mail address")?;
            directory::reset_second_factor(&mut conn, &user.id).map_err(|e| e.to_string())?;
            for t in directory::tenants_of_user(&mut conn, &user.id).map_err(|e| e.to_string())? {
                operator_event(&mut conn, &t.id, "account.second_factor_reset", &user.id)?;
            }
            eprintln!("second factor cleared; every session ended");
            Ok(())
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let (holds, report) = audit_verify(&mut conn);
            eprint!("{report}");
            if holds {
                Ok(())
            } else {
                Err("the audit trail does not hold".into())
            }
        }
        Command::Demo { if_empty } => {
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            seed_demo(&mut conn, if_empty)
        }
        Command::Openapi => {
            print!("{}", crate::openapi::spec_json());
            Ok(())
        }
        Command::Holidays { command: HolidaysCommand::Import { file } } => import_holidays(&file),
        Command::SyntheticChronology { tenant, agencies, entries } => {
            if !(1..=50).contains(&agencies) || entries > 20_000 {
                return Err("agencies must be 1 to 50 and entries at most 20000".into());
            }
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            let id = crate::synthetic::chronology(&mut conn, &tenant, agencies, entries).map_err(|e| e.message)?;
            println!("{id}");
            Ok(())
        }
        Command::Synthetic { tenants, cases, password_file } => {
            if tenants == 0 || tenants > 999 || cases > 100_000 {
                return Err("tenants must be 1 to 999 and cases at most 100000".into());
            }
            let password = read_password(password_file.as_deref())?;
            let hash = crate::auth::password::hash(&password)?;
            let mut conn = connect_and_migrate(&config_for_admin()?)?;
            if directory::tenant_by_slug(&mut conn, &crate::synthetic::slug(1)).map_err(|e| e.to_string())?.is_some() {
                return Err("synthetic partnerships are loaded already".into());
            }
            let started = std::time::Instant::now();
            let clocks = crate::synthetic::load(&mut conn, tenants, cases, &hash).map_err(|e| e.message)?;
            eprintln!(
                "{tenants} partnerships, {} cases, {clocks} clocks loaded in {:.1} s",
                tenants * cases,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}

fn import_holidays(file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let list = shared::calendar::BankHolidays::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let titles = holiday_titles(&text);
    let mut conn = connect_and_migrate(&config_for_admin()?)?;
    let counts = db::write_transaction(&mut conn, |conn| {
        crate::store::calendar::import(conn, &list, &|region, date| {
            titles.get(&(region.as_str().to_string(), date.to_string())).cloned().unwrap_or_default()
        })
    })
    .map_err(|e| e.to_string())?;
    for (region, n) in counts {
        let years = &list.divisions[&region].years;
        let (first, last) = (years.first().copied().unwrap_or(0), years.last().copied().unwrap_or(0));
        eprintln!("{}: {n} bank holidays for {first}-{last}", region.as_str());
    }
    eprintln!("a running server uses the new list within a minute");
    Ok(())
}

/// The title of each holiday, by (region, date), from a list already known to parse.
fn holiday_titles(text: &str) -> std::collections::HashMap<(String, String), String> {
    let mut titles = std::collections::HashMap::new();
    if let Ok(serde_json::Value::Object(divisions)) = serde_json::from_str::<serde_json::Value>(text) {
        for (region, division) in divisions {
            for event in division["events"].as_array().into_iter().flatten() {
                if let (Some(date), Some(title)) = (event["date"].as_str(), event["title"].as_str()) {
                    titles.insert((region.clone(), date.to_string()), title.chars().take(200).collect());
                }
            }
        }
    }
    titles
}

fn find_tenant(conn: &mut DbConn, slug: &str) -> Result<String, String> {
    Ok(directory::tenant_by_slug(conn, slug)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no partnership has the slug `{slug}`"))?
        .id)
}

fn read_password(file: Option<&std::path::Path>) -> Result<String, String> {
    let raw = match file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            s
        }
    };
    let p = raw.lines().next().unwrap_or_default().to_string();
    if p.is_empty() {
        return Err("no password given: pipe it on standard input or use --password-file".into());
    }
    Ok(p)
}
