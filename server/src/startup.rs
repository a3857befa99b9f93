//! Start-up: logging, the database (embedded or `DATABASE_URL`), migrations,
//! sessions, optional demo data and first super admin, then the HTTP server.
use crate::config::Config;
use crate::embedded_pg::EmbeddedPg;
use crate::{Result, router, seed};
use app::accounts::{Role, check_email, check_password, normalize_email};
use app::server::{MIGRATOR, hash_password};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::net::SocketAddr;
use std::time::Duration;
use tower_sessions_sqlx_store::PostgresStore;

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    // Logs go to stderr so that subcommands can print results on stdout.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Connects to `DATABASE_URL`, or starts the project's own cluster, then
/// applies the migrations.
pub async fn connect(cfg: &Config) -> Result<(PgPool, Option<EmbeddedPg>)> {
    let (url, embedded) = match &cfg.database_url {
        Some(url) => (url.clone(), None),
        None => {
            let pg = EmbeddedPg::start(cfg.data_dir.join("pg"), true).await?;
            create_database_if_missing(&pg.url("postgres"), "agora").await?;
            (pg.url("agora"), Some(pg))
        }
    };
    let pool = PgPoolOptions::new()
        .max_connections(cfg.pool_size)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&url)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok((pool, embedded))
}

async fn create_database_if_missing(admin_url: &str, name: &str) -> Result<()> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS(SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(name)
            .fetch_one(&pool)
            .await?;
    if !exists {
        // The name is a constant of ours, never user input.
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&pool)
            .await?;
    }
    pool.close().await;
    Ok(())
}

pub async fn serve(cfg: Config) -> Result<()> {
    let conf = leptos::config::get_configuration(None)?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let (pool, embedded) = connect(&cfg).await?;

    let store = PostgresStore::new(pool.clone());
    store.migrate().await?;
    // Expired sessions are removed hourly; an advisory-free DELETE is safe to
    // run from several instances at once.
    let deletion = tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            store.clone(),
            tokio::time::Duration::from_secs(3600),
        ),
    );

    let pruning = tokio::spawn(prune_login_attempts_hourly(pool.clone()));
    if cfg.demo_data {
        seed::load_demo(&pool).await?;
    }
    if let (Some(email), Some(password)) = (&cfg.admin_email, &cfg.admin_password) {
        ensure_super_admin(&pool, email, password).await?;
    }

    // Order jobs: every instance may run them; each order is claimed once.
    let jobs = (cfg.jobs_interval_secs > 0).then(|| {
        tokio::spawn(app::orders::db::jobs_loop(
            pool.clone(),
            cfg.job_config(),
            Duration::from_secs(cfg.jobs_interval_secs),
        ))
    });
    let app = router(pool.clone(), options, store, &cfg);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Agora is listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    deletion.abort();
    pruning.abort();
    if let Some(j) = jobs {
        j.abort();
    }
    pool.close().await;
    if let Some(pg) = embedded {
        pg.stop().await?;
    }
    Ok(())
}

async fn prune_login_attempts_hourly(pool: PgPool) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match app::accounts::db::prune_login_attempts(&pool).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "pruned old sign-in attempts"),
            Ok(_) => {}
            Err(_) => tracing::warn!("pruning sign-in attempts failed; will retry in an hour"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

/// `agora-server generate-catalog N`: migrate, then grow the catalog.
pub async fn generate_catalog(cfg: Config, n: i64) -> Result<()> {
    let (pool, _embedded) = connect(&cfg).await?;
    crate::generate::generate(&pool, n).await
}

/// `agora-server create-admin EMAIL`, with the password in `AGORA_ADMIN_PASSWORD`.
pub async fn create_admin(cfg: Config, email: &str) -> Result<()> {
    let password = cfg
        .admin_password
        .clone()
        .ok_or("set AGORA_ADMIN_PASSWORD to the new admin's password")?;
    let (pool, _embedded) = connect(&cfg).await?;
    ensure_super_admin(&pool, email, &password).await?;
    println!("{} is a super admin", normalize_email(email));
    Ok(())
}

/// Creates the account as a super admin, or promotes an existing account
/// (whose password is then left as it is).
pub async fn ensure_super_admin(pool: &PgPool, email: &str, password: &str) -> Result<()> {
    check_email(email).map_err(|k| format!("admin e-mail rejected: {k:?}"))?;
    check_password(password, email).map_err(|k| format!("admin password rejected: {k:?}"))?;
    let email = normalize_email(email);
    let hash = hash_password(password.to_string())
        .await
        .map_err(|e| e.to_string())?;
    sqlx::query(
        "INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lower(email)) DO UPDATE SET role = EXCLUDED.role, updated_at = now()",
    )
    .bind(&email)
    .bind(hash.as_str())
    .bind("Admin")
    .bind(Role::SuperAdmin.as_str())
    .execute(pool)
    .await?;
    Ok(())
}

/// How long a command-line statement waits for a lock held elsewhere.
pub const CLI_LOCK_TIMEOUT_MS: u64 = 5_000;

/// `agora-server order NUMBER ship|deliver|track …`: moves an order on from
/// the command line (for scripts and the browser tests' fixtures).
pub async fn order_command(cfg: Config, number: &str, args: &[&str]) -> Result<()> {
    use app::orders::OrderStatus;
    let (pool, _embedded) = connect(&cfg).await?;
    let mut conn = pool.acquire().await?;
    // A script must not wait for ever behind a lock that someone else holds
    // (a test suite once stopped for 17 minutes on this command): the
    // statement gives up and the command exits with an error instead.
    sqlx::query(&format!("SET lock_timeout = '{CLI_LOCK_TIMEOUT_MS}ms'"))
        .execute(&mut *conn)
        .await?;
    let done = match args {
        ["ship", carrier, tracking] => {
            app::orders::db::advance(
                &mut conn,
                number,
                OrderStatus::Shipped,
                Some(carrier),
                Some(tracking),
            )
            .await
        }
        ["deliver"] => {
            app::orders::db::advance(&mut conn, number, OrderStatus::Delivered, None, None).await
        }
        ["track", location, description] => {
            app::orders::db::add_tracking(&mut conn, number, location, description).await
        }
        _ => {
            return Err(
                "order NUMBER ship CARRIER TRACKING | deliver | track LOCATION TEXT".into(),
            );
        }
    };
    // `close()` waits for every checked-out connection to come back, so the
    // one held here must be returned first, or the command never exits.
    drop(conn);
    pool.close().await;
    done.map_err(|e| format!("order {number}: {e}").into())
}
