//! Start-up: logging, the database (embedded or `DATABASE_URL`), migrations,
//! sessions, optional demo data and first super admin, then the HTTP server.
use crate::config::Config;
use crate::embedded_pg::EmbeddedPg;
use crate::{Result, router, seed};
use app::accounts::{Role, check_email, normalize_email};
use app::server::{MIGRATOR, PasswordHash, end_sessions_of, hash_password, verify_password};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::net::SocketAddr;
use std::sync::Arc;
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
            let bin = cfg.pg_bin.as_deref();
            let pg = EmbeddedPg::start(cfg.data_dir.join("pg"), true, bin).await?;
            create_database_if_missing(&pg.url("postgres")).await?;
            (pg.url(DATABASE), Some(pg))
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

/// The embedded cluster's database (named again, as a literal, in
/// [`create_database_if_missing`]'s CREATE DATABASE).
const DATABASE: &str = "agora";

async fn create_database_if_missing(admin_url: &str) -> Result<()> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await?;
    let exists = sqlx::query_scalar!(
        r#"SELECT EXISTS(SELECT 1 FROM pg_database WHERE datname = $1) AS "exists!""#,
        DATABASE,
    )
    .fetch_one(&pool)
    .await?;
    if !exists {
        sqlx::query!(r#"CREATE DATABASE "agora""#)
            .execute(&pool)
            .await?;
    }
    pool.close().await;
    Ok(())
}

pub async fn serve(cfg: Config) -> Result<()> {
    // First of all: a refused start must not create a cluster, touch the
    // database or open a port. The message names each variable to fix.
    cfg.check()?;
    warn_about(&cfg);
    let conf = leptos::config::get_configuration(None)?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let (pool, embedded) = connect(&cfg).await?;
    let store = match prepare(&cfg, &pool).await {
        Ok(store) => store,
        Err(e) => {
            // The process exits: the cluster it started must not outlive it.
            pool.close().await;
            if let Some(pg) = embedded {
                let _ = pg.stop().await;
            }
            return Err(e);
        }
    };
    // Expired sessions are removed hourly; an advisory-free DELETE is safe to
    // run from several instances at once.
    let deletion = tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            store.clone(),
            tokio::time::Duration::from_secs(3600),
        ),
    );

    let pruning = tokio::spawn(prune_login_attempts_hourly(pool.clone()));

    // The shop's jobs, each on the injected clock (`shop_time::every`).
    // Every instance may run them: each row is claimed once.
    let jobs = (cfg.jobs_interval_secs > 0).then(|| spawn_jobs(&pool, &cfg));
    // The outbox: e-mail, SMS and the inbox. Every instance may send;
    // each message is claimed by one.
    let outbox = if cfg.outbox_interval_secs > 0 {
        let mailer = Arc::new(crate::mail::Mailer::new(mailer_config(&cfg, &pool).await?)?);
        Some(tokio::spawn(crate::mail::outbox_loop(
            pool.clone(),
            mailer,
            Duration::from_secs(cfg.outbox_interval_secs),
            cfg.clock.clone(),
        )))
    } else {
        None
    };
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
    for j in jobs.into_iter().flatten().chain(outbox) {
        j.abort();
    }
    pool.close().await;
    if let Some(pg) = embedded {
        pg.stop().await?;
    }
    Ok(())
}

/// Where mail goes and what it says it is from; in development without
/// `AGORA_SMTP_URL`, a sink on loopback (`mail::smtp_url`).
pub async fn mailer_config(cfg: &Config, pool: &PgPool) -> Result<crate::mail::MailerConfig> {
    let from = cfg.mail_from.as_deref().unwrap_or(crate::mail::DEV_FROM);
    let secrets = app::server::Secrets::load(pool).await?;
    Ok(crate::mail::MailerConfig {
        smtp_url: crate::mail::smtp_url(cfg).await?,
        from: from.parse()?,
        public_url: cfg.public_url.clone(),
        order_link_key: secrets.order_links,
        account_link_key: secrets.account_links,
    })
}

/// What the database needs before the first request: the session table,
/// demo data (development), the super admin from the environment, and in
/// production the proof that no account opens with the demo password.
async fn prepare(cfg: &Config, pool: &PgPool) -> Result<PostgresStore> {
    let store = PostgresStore::new(pool.clone());
    store.migrate().await?;
    if cfg.demo_data {
        seed::load_demo(pool).await?;
    }
    if let (Some(email), Some(password)) = (&cfg.admin_email, &cfg.admin_password) {
        ensure_super_admin(pool, email, password).await?;
    }
    if cfg.production {
        refuse_demo_accounts(pool).await?;
    }
    Ok(store)
}

/// Settings that are allowed but worth a line in the log.
fn warn_about(cfg: &Config) {
    if cfg.production && cfg.sandbox_payments == Some(true) {
        tracing::warn!(
            "AGORA_SANDBOX_PAYMENTS=1 in production: shoppers are offered the sandbox \
             provider, which takes no money; unset it once a real provider is set up"
        );
    }
    if cfg.production && cfg.database_url.is_none() {
        tracing::warn!(
            "DATABASE_URL is not set: the shop runs its own PostgreSQL in {}; \
             make sure it is backed up",
            cfg.data_dir.join("pg").display()
        );
    }
    if cfg.admin_email.is_some() != cfg.admin_password.is_some() {
        tracing::warn!(
            "only one of AGORA_ADMIN_EMAIL and AGORA_ADMIN_PASSWORD is set: no super admin \
             is created at start-up (or run `agora-server create-admin EMAIL`)"
        );
    }
}

/// At most this many e-mails are named in a refusal; the rest are counted.
const NAMED: usize = 10;

fn name_some(emails: &[String]) -> String {
    let mut list = emails
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if emails.len() > NAMED {
        list.push_str(&format!(" and {} more", emails.len() - NAMED));
    }
    list
}

/// An account's e-mail and stored password hash.
struct SignIn {
    email: String,
    password_hash: String,
}

/// In production no account may open with the demo password, which is in
/// the README for anyone to read. Refuses to start while demo accounts are
/// enabled (the demo's `@agora.test` addresses: `.test` is a reserved
/// domain, so no real customer has one), or while any enabled staff
/// account's password is the demo one, and says how to fix each.
pub async fn refuse_demo_accounts(pool: &PgPool) -> Result<()> {
    let demo: Vec<String> = seed::DEMO_USERS.iter().map(|u| u.0.to_string()).collect();
    let demo_accounts = sqlx::query_scalar!(
        "SELECT email FROM users
          WHERE disabled_at IS NULL
            AND (lower(email) = ANY($1) OR lower(email) LIKE '%@agora.test')
          ORDER BY email",
        &demo[..],
    )
    .fetch_all(pool)
    .await?;
    let staff = sqlx::query_as!(
        SignIn,
        "SELECT email, password_hash FROM users
          WHERE disabled_at IS NULL AND role <> $1 ORDER BY id",
        Role::Shopper as Role,
    )
    .fetch_all(pool)
    .await?;
    let mut weak = Vec::new();
    for account in staff {
        if demo_accounts.contains(&account.email) {
            continue;
        }
        let demo_password = seed::DEMO_PASSWORD.to_string();
        let hash = Some(PasswordHash::from_db(account.password_hash));
        if verify_password(demo_password, hash).await? {
            weak.push(account.email);
        }
    }
    let mut problems = Vec::new();
    if !demo_accounts.is_empty() {
        problems.push(format!(
            "the database has enabled demo accounts, whose password ({}) is published: {}. \
             Use a database that never had AGORA_DEMO_DATA=1, or disable them: \
             psql \"$DATABASE_URL\" -c \"UPDATE users SET disabled_at = now() \
             WHERE lower(email) LIKE '%@agora.test'\"; then create your own super admin \
             with `agora-server create-admin EMAIL`",
            seed::DEMO_PASSWORD,
            name_some(&demo_accounts)
        ));
    }
    if !weak.is_empty() {
        problems.push(format!(
            "staff accounts still use the published demo password: {}. Give each its own \
             password (`agora-server create-admin EMAIL` does so for a super admin) or \
             disable it: UPDATE users SET disabled_at = now() WHERE email = '...'",
            name_some(&weak)
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
    Err(format!("refusing to start in production mode:\n{}", list.join("\n")).into())
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

/// Starts the shop's timed jobs, all on the same cadence and clock:
/// order deadlines (unpaid, unconfirmed), after-sales deadlines and their
/// reminders, closing resolved tickets, loyalty points (grants whose
/// return window closed become spendable, old ones expire after a
/// warning), account erasures whose cooling-off has ended, and the
/// recommendations.
fn spawn_jobs(pool: &PgPool, cfg: &Config) -> Vec<tokio::task::JoinHandle<()>> {
    use app::shop_time::every;
    let period = Duration::from_secs(cfg.jobs_interval_secs);
    let (p, clock) = (pool.clone(), cfg.clock.clone());
    let orders = cfg.job_config();
    vec![
        tokio::spawn(every("orders", period, clock.clone(), {
            let p = p.clone();
            move |now| {
                let p = p.clone();
                async move { app::orders::db::run_jobs_at(&p, orders, now).await }
            }
        })),
        tokio::spawn(every("after-sales deadlines", period, clock.clone(), {
            let p = p.clone();
            move |now| {
                let p = p.clone();
                async move {
                    use app::aftersales::db::jobs::{run_deadlines_at, warn_deadlines_at};
                    // Both run each round; a failure of one does not skip the other.
                    let (acted, warned) = (
                        run_deadlines_at(&p, now).await,
                        warn_deadlines_at(&p, now).await,
                    );
                    Ok::<_, app::error::AppError>((acted?, warned?))
                }
            }
        })),
        tokio::spawn(every("tickets", period, clock.clone(), {
            let p = p.clone();
            move |now| {
                let p = p.clone();
                async move { app::tickets::db::close_resolved_at(&p, now).await }
            }
        })),
        tokio::spawn(every("points", period, clock.clone(), {
            let p = p.clone();
            move |now| {
                let p = p.clone();
                async move { app::loyalty::db::run_jobs_at(&p, now).await }
            }
        })),
        tokio::spawn(every("birthdays", period, clock.clone(), {
            let p = p.clone();
            move |now| {
                let p = p.clone();
                async move { app::wallet::db::birthday::run_at(&p, now).await }
            }
        })),
        // Recomputed from all orders and views, so far less often than
        // the deadlines: at start and hourly (or every round, when rounds
        // are longer than that).
        tokio::spawn(every(
            "recommendations",
            period.max(Duration::from_secs(3600)),
            clock.clone(),
            {
                let p = p.clone();
                move |_now| {
                    let p = p.clone();
                    async move { app::catalog::recommend::db::run_job(&p).await }
                }
            },
        )),
        tokio::spawn(every("erasures", period, clock, move |now| {
            let p = p.clone();
            async move { app::privacy::db::run_due_deletions(&p, now).await }
        })),
    ]
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

/// `agora-server create-admin EMAIL`. The password comes from
/// `AGORA_ADMIN_PASSWORD`; without it, it is asked for on the terminal
/// (twice, not echoed); without a terminal (a script), a strong one is
/// generated and printed once on stdout. An existing account with that
/// e-mail gets the new password and its sessions end (see
/// [`ensure_super_admin`]).
pub async fn create_admin(cfg: Config, email: &str) -> Result<()> {
    use std::io::IsTerminal;
    check_email(email).map_err(|k| format!("{email} is not an e-mail address ({k:?})"))?;
    let who = normalize_email(email);
    let (password, generated) = match cfg.admin_password.clone() {
        Some(password) => (password, false),
        None if std::io::stdin().is_terminal() => {
            let asked = who.clone();
            let password = tokio::task::spawn_blocking(move || ask_password(&asked)).await??;
            (password, false)
        }
        None => (app::admin::staff::db::generated_password(), true),
    };
    // Refused before the database is touched (checked again below).
    crate::config::admin_password_problem(&password, &who)
        .map_err(|why| format!("AGORA_ADMIN_PASSWORD {why}"))?;
    let (pool, _embedded) = connect(&cfg).await?;
    ensure_super_admin(&pool, email, &password).await?;
    pool.close().await;
    println!("{who} is a super admin");
    if generated {
        // stdout alone, so a script can capture it; it is stored nowhere.
        println!("password: {password}");
        eprintln!(
            "agora-server: the password above is shown only this once: keep it in a \
             password manager, and change it after signing in"
        );
    }
    Ok(())
}

/// Asks for the new super admin's password on the terminal: checked like
/// any admin password, then typed again to catch a slip. Three tries.
fn ask_password(email: &str) -> std::result::Result<String, String> {
    for _ in 0..3 {
        let first = read_secret(&format!("New password for {email}: "))?;
        if let Err(why) = crate::config::admin_password_problem(&first, email) {
            eprintln!("That password {why}. Please try again.");
            continue;
        }
        if read_secret("Type it again: ")? == first {
            return Ok(first);
        }
        eprintln!("The two entries differ. Please try again.");
    }
    Err("no acceptable password after three tries".into())
}

/// One line from the terminal with echo off, so the password is not shown
/// on screen or left in the scroll-back.
fn read_secret(prompt: &str) -> std::result::Result<String, String> {
    use std::io::Write;
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let hidden = stty("-echo");
    let mut line = String::new();
    let read = std::io::stdin().read_line(&mut line);
    if hidden {
        stty("echo");
        eprintln!();
    }
    match read {
        Ok(0) => Err("no password given (end of input)".into()),
        Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
        Err(e) => Err(format!("reading the password failed: {e}")),
    }
}

/// Switches the terminal's echo with `stty` on the same terminal (one
/// prompt does not justify a dependency). Returns whether it worked.
fn stty(mode: &str) -> bool {
    use std::process::{Command, Stdio};
    Command::new("stty")
        .arg(mode)
        .stdin(Stdio::inherit())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The account already holding the super admin's e-mail, locked.
struct Existing {
    id: i64,
    role: Role,
    password_hash: String,
    disabled: bool,
}

/// Makes `email` a super admin with `password`: creates the account, or
/// takes over the existing one. Taking over sets the new password, enables
/// the account and ends all its sessions, in one transaction, so whoever
/// registered that e-mail first (not necessarily its owner) is signed out
/// and cannot sign in again. An account that already is an enabled super
/// admin with this very password is left alone: a restart with
/// `AGORA_ADMIN_*` set does not sign its admin out.
pub async fn ensure_super_admin(pool: &PgPool, email: &str, password: &str) -> Result<()> {
    check_email(email).map_err(|k| format!("admin e-mail rejected: {k:?}"))?;
    crate::config::admin_password_problem(password, email)
        .map_err(|why| format!("admin password rejected: it {why}"))?;
    let email = normalize_email(email);
    let hash = hash_password(password.to_string())
        .await
        .map_err(|e| e.to_string())?;
    let mut tx = pool.begin().await?;
    // A concurrent start inserting the same e-mail makes this wait, then
    // find the row below.
    let created = sqlx::query_scalar!(
        "INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
        &email,
        hash.as_str(),
        "Admin",
        Role::SuperAdmin as Role,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if created.is_some() {
        tx.commit().await?;
        return Ok(());
    }
    let existing = sqlx::query_as!(
        Existing,
        r#"SELECT id, role AS "role: Role", password_hash, disabled_at IS NOT NULL AS "disabled!"
             FROM users WHERE lower(email) = $1 FOR UPDATE"#,
        &email,
    )
    .fetch_one(&mut *tx)
    .await?;
    let current = Some(PasswordHash::from_db(existing.password_hash));
    let same = existing.role == Role::SuperAdmin
        && !existing.disabled
        && verify_password(password.to_string(), current).await?;
    if same {
        return Ok(());
    }
    let id = existing.id;
    sqlx::query!(
        "UPDATE users SET password_hash = $2, role = $3, disabled_at = NULL, updated_at = now()
          WHERE id = $1",
        id,
        hash.as_str(),
        Role::SuperAdmin as Role,
    )
    .execute(&mut *tx)
    .await?;
    let ended = end_sessions_of(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(
        user = id,
        sessions_ended = ended,
        "existing account made super admin with a new password"
    );
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
    sqlx::query!(
        "SELECT FROM set_config('lock_timeout', $1, false)",
        format!("{CLI_LOCK_TIMEOUT_MS}ms"),
    )
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

/// Runs one job once from the command line (`name [--now RFC3339]`), at
/// `--now` or else the configured clock's present: the browser tests move
/// time this way instead of waiting for it. What the job answers.
pub async fn job_command<T>(
    cfg: Config,
    args: &[&str],
    name: &str,
    job: impl AsyncFnOnce(
        &sqlx::PgPool,
        time::OffsetDateTime,
    ) -> std::result::Result<T, app::error::AppError>,
) -> crate::Result<T> {
    let when = match args {
        [] => None,
        ["--now", when] => Some(when.to_string()),
        _ => return Err(format!("{name} [--now RFC3339]").into()),
    };
    let (pool, _embedded) = connect(&cfg).await?;
    let now = match &when {
        None => Ok(cfg.clock.now()),
        // PostgreSQL reads RFC 3339 (and ISO 8601) times, with their offset.
        Some(text) => sqlx::query_scalar!(r#"SELECT $1::text::timestamptz AS "at!""#, text)
            .fetch_one(&pool)
            .await
            .map_err(|e| format!("--now {text}: {e}")),
    };
    let done = match now {
        Ok(now) => job(&pool, now).await.map_err(|e| format!("{name}: {e}")),
        Err(e) => Err(e),
    };
    pool.close().await;
    Ok(done?)
}

/// `agora-server points-jobs [--now RFC3339]`: the loyalty jobs once
/// (grants become spendable, expire, and shoppers are warned; member
/// levels follow the spend; birthday coupons go into wallets).
pub async fn points_command(cfg: Config, args: &[&str]) -> crate::Result<()> {
    let (r, birthdays) = job_command(cfg, args, "points-jobs", async |pool, now| {
        let r = app::loyalty::db::run_jobs_at(pool, now).await?;
        Ok::<_, app::error::AppError>((r, app::wallet::db::birthday::run_at(pool, now).await?))
    })
    .await?;
    println!(
        "{} grant(s) available, {} expired, {} warned, {} level(s) changed, {} birthday coupon(s)",
        r.matured, r.expired, r.warned, r.levels, birthdays
    );
    Ok(())
}
