//! Builds the application and runs the HTTP server.
use crate::api;
use crate::auth::revocation::Revocations;
use crate::auth::throttle::HashingSlots;
use crate::auth::tokens::JwtKeys;
use crate::authz::Authz;
use crate::config::Config;
use crate::middleware::{authorise, request_id};
use crate::state::{AppState, MeCache};
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use std::net::TcpListener;
use std::time::Duration;
use utoipa_swagger_ui::SwaggerUi;

/// Opens the database, migrates it and loads the policy.
pub async fn build_state(config: Config) -> Result<web::Data<AppState>, String> {
    let pool = crate::db::connect_with(&config.database_url, config.pool_size, config.sqlite_synchronous)?;
    {
        let mut conn = pool.get().map_err(|e| format!("cannot connect to the database: {e}"))?;
        let n = crate::db::migrate_for(&config, &mut conn)?;
        if n > 0 {
            tracing::info!(migrations = n, "database migrated");
        }
        let sealed =
            crate::store::audit::seal_unsealed(&mut conn).map_err(|e| format!("cannot seal the audit trail: {e}"))?;
        if sealed > 0 {
            tracing::info!(events = sealed, "audit events from before the chain sealed into it");
        }
    }
    let referral_reads = crate::db::DbUrl::parse(&config.database_url)?.is_postgres().then(|| {
        let run: std::sync::Arc<crate::gather::BatchFn<_, _>> =
            std::sync::Arc::new(|conn: &mut crate::db::DbConn, keys: &[_]| {
                crate::store::referral::batch::get_many(conn, keys).map_err(crate::error::ApiError::from)
            });
        crate::gather::Gatherer::start("referral-reads", 2, 128, pool.clone(), run)
    });
    let writer = match crate::db::DbUrl::parse(&config.database_url)? {
        crate::db::DbUrl::Sqlite(_) => {
            Some(crate::writer::Writer::start(&config.database_url, config.sqlite_synchronous)?)
        }
        crate::db::DbUrl::Postgres(_) => None,
    };
    let mail_wake = crate::mail::sender::Wake::default();
    crate::mail::sender::start(pool.clone(), &config.mail, mail_wake.clone())?;
    crate::store::purge::start(pool.clone());
    let state = web::Data::new(AppState {
        trail: crate::trail::Trail::start(pool.clone(), writer.clone(), config.throttle.clone()),
        mail_wake,
        pool,
        referral_reads,
        writer,
        keys: JwtKeys::new(&config.jwt_secret),
        authz: Authz::load().await?,
        hashing: HashingSlots::new(config.throttle.hashing_at_once),
        revocations: Revocations::new(Duration::from_secs(config.sessions.revocation_cache_secs)),
        me_cache: MeCache::new(Duration::from_secs(30)),
        chronologies: Default::default(),
        calendars: crate::store::calendar::cache::Calendars::new(Duration::from_secs(60)),
        config,
    });
    if state.config.action_reminders {
        crate::reminders::start(state.clone());
    }
    Ok(state)
}

/// Runs the server on an already bound listener until it is stopped.
pub fn run(state: web::Data<AppState>, listener: TcpListener) -> std::io::Result<actix_web::dev::Server> {
    let workers = state.config.workers.max(1);
    let headers = web::Data::new(crate::headers::SecurityHeaders::new(&state.config.exposure, &state.config.site_dir));
    let server = HttpServer::new(move || {
        let site_dir = state.config.site_dir.clone();
        let mut app = App::new()
            .app_data(state.clone())
            .app_data(headers.clone())
            .wrap(from_fn(authorise))
            .wrap(from_fn(crate::headers::security_headers))
            // Outside `authorise`, so that its refusals carry the header too.
            .wrap(from_fn(crate::assets::no_store))
            .wrap(from_fn(request_id))
            .configure(api::configure);
        if state.config.exposure.api_docs {
            app = app.service(SwaggerUi::new("/docs/{_:.*}").url("/api/openapi.json", crate::openapi::spec()));
        }
        let site = crate::assets::Site::new(site_dir);
        if site.is_built() {
            app = app.app_data(web::Data::new(site)).default_service(web::to(crate::assets::serve));
        } else {
            app = app.default_service(web::to(api::fallback_page));
        }
        app
    })
    .workers(workers)
    .shutdown_timeout(5)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Binds, builds and serves until stopped.
pub async fn serve(config: Config) -> Result<(), String> {
    let listener = TcpListener::bind(&config.bind).map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = build_state(config).await?;
    tracing::info!(%addr, "serving the app, the API and the docs");
    eprintln!("CSPR Hub is at http://{addr}/ (API docs at http://{addr}/docs/)");
    run(state, listener).map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())
}
