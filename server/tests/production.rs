//! Production mode (issue 14): the real `agora-server` binary refuses to
//! start with an unsafe setting, naming it, before it creates a database
//! cluster or touches one; it refuses a database whose accounts still open
//! with the demo password; the router sends HSTS and Secure cookies; and
//! `create-admin` (and the start-up bootstrap) take an existing account
//! away from whoever registered its e-mail first.
use crate::common;

use agora_server::config::Config;
use common::{client, spawn, spawn_with, test_config};
use reqwest::header::SET_COOKIE;
use serde_json::Value;
use sqlx::PgPool;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_agora-server");
const DEMO_PASSWORD: &str = agora_server::seed::DEMO_PASSWORD;

/// A fresh, empty folder for one run (its `data` child is the binary's
/// `AGORA_DATA_DIR`, which a refused start must not create).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agora-prod-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with only `vars` in its environment (plus PATH, a data
/// dir inside `dir`, port 0 and quiet logs), no terminal on stdin. A start
/// that is not refused would serve for ever: after a minute it is killed
/// and the test fails.
fn run(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AGORA_DATA_DIR", dir.join("data"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("AGORA_JOBS_INTERVAL_SECONDS", "0")
        .env("RUST_LOG", "warn")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("agora-server runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.expect("agora-server's output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!(
                "agora-server {args:?} {vars:?} still ran after 60 s: it started instead of refusing"
            );
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The URL of the test's own database (as `cli.rs` builds it).
fn database_url(pool: &PgPool) -> String {
    use sqlx::ConnectOptions;
    pool.connect_options().to_url_lossy().to_string()
}

/// A sound production configuration; each refusal case breaks one part.
const PROD: [(&str, &str); 5] = [
    ("AGORA_ENV", "production"),
    ("AGORA_PUBLIC_URL", "https://shop.example.com"),
    ("AGORA_PRIVACY_CONTACT", "privacy@shop.example.com"),
    ("AGORA_SMTP_URL", "smtps://shop:secret@smtp.example.com"),
    ("AGORA_MAIL_FROM", "Agora <shop@example.com>"),
];

#[test]
fn unsafe_production_settings_are_refused_by_name_before_anything_starts() {
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v = PROD.to_vec();
        v.extend_from_slice(extra);
        v
    };
    let without = |name: &str| {
        PROD.iter()
            .copied()
            .filter(|(k, _)| *k != name)
            .collect::<Vec<_>>()
    };
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        // Production, but where is the shop?
        ("AGORA_PUBLIC_URL", vec![("AGORA_ENV", "production")]),
        // Cookies are Secure in production: plain HTTP would lose them.
        (
            "AGORA_PUBLIC_URL",
            vec![
                ("AGORA_ENV", "production"),
                ("AGORA_PUBLIC_URL", "http://shop.example.com"),
            ],
        ),
        // A public address alone means production.
        (
            "AGORA_PUBLIC_URL",
            vec![("AGORA_PUBLIC_URL", "http://shop.example.com")],
        ),
        ("AGORA_DEMO_DATA", with(&[("AGORA_DEMO_DATA", "1")])),
        (
            "AGORA_PAYMENT_NOTIFY_BASE",
            with(&[("AGORA_PAYMENT_NOTIFY_BASE", "http://shop.example.com")]),
        ),
        (
            "AGORA_PAYMENT_NOTIFY_BASE",
            with(&[(
                "AGORA_PAYMENT_NOTIFY_BASE",
                "https://127.0.0.1:1@attacker.example",
            )]),
        ),
        (
            "AGORA_ADMIN_PASSWORD",
            with(&[
                ("AGORA_ADMIN_EMAIL", "boss@shop.example.com"),
                ("AGORA_ADMIN_PASSWORD", DEMO_PASSWORD),
            ]),
        ),
        // The privacy policy must name a real address.
        (
            "AGORA_PRIVACY_CONTACT",
            vec![
                ("AGORA_ENV", "production"),
                ("AGORA_PUBLIC_URL", "https://shop.example.com"),
            ],
        ),
        (
            "AGORA_PRIVACY_CONTACT",
            with(&[("AGORA_PRIVACY_CONTACT", "not-an-address")]),
        ),
        // A typo must not quietly mean development mode.
        ("AGORA_ENV", vec![("AGORA_ENV", "prod")]),
        // Production mail must leave for a real server, encrypted.
        ("AGORA_SMTP_URL", without("AGORA_SMTP_URL")),
        (
            "AGORA_SMTP_URL",
            with(&[("AGORA_SMTP_URL", "smtp://shop:secret@smtp.example.com")]),
        ),
        ("AGORA_MAIL_FROM", without("AGORA_MAIL_FROM")),
        (
            "AGORA_MAIL_FROM",
            with(&[("AGORA_MAIL_FROM", "Agora shop")]),
        ),
    ];
    for (i, (variable, vars)) in cases.iter().enumerate() {
        let dir = scratch(&format!("refuse-{i}"));
        let out = run(&dir, &[], vars);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{vars:?} started: {stderr}");
        assert!(
            stderr.contains("refusing to start") && stderr.contains(variable),
            "{vars:?}: the message must name {variable}: {stderr}"
        );
        assert!(
            !dir.join("data").exists(),
            "{vars:?}: a PostgreSQL cluster was created before refusing"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    // A sound production configuration passes the check (and then fails
    // only because this database does not exist).
    let dir = scratch("sound");
    let out = run(
        &dir,
        &[],
        &with(&[("DATABASE_URL", "postgres://agora@127.0.0.1:1/agora")]),
    );
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(!stderr.contains("refusing to start"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The binary in production mode against this test's database.
async fn serve_in_production(pool: &PgPool, name: &str) -> (bool, String) {
    let url = database_url(pool);
    let dir = scratch(name);
    let out = tokio::task::spawn_blocking({
        let dir = dir.clone();
        move || {
            let mut vars = PROD.to_vec();
            vars.push(("DATABASE_URL", url.as_str()));
            run(&dir, &[], &vars)
        }
    })
    .await
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.success(), text(&out.stderr))
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn production_refuses_accounts_that_open_with_the_demo_password(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    // What AGORA_DEMO_DATA=1 once left behind.
    app.create_user("admin@agora.test", DEMO_PASSWORD, "super_admin")
        .await;
    let (ok, stderr) = serve_in_production(&pool, "demo-accounts").await;
    assert!(!ok, "started with the demo accounts: {stderr}");
    assert!(stderr.contains("admin@agora.test"), "{stderr}");
    assert!(
        stderr.contains("disabled_at"),
        "says how to fix it: {stderr}"
    );

    // Disabled, the demo account is harmless; a staff account that kept
    // the demo password is not.
    sqlx::query("UPDATE users SET disabled_at = now() WHERE email = 'admin@agora.test'")
        .execute(&pool)
        .await
        .unwrap();
    app.create_user("ops@shop.example.com", DEMO_PASSWORD, "operations_manager")
        .await;
    let (ok, stderr) = serve_in_production(&pool, "demo-password").await;
    assert!(
        !ok,
        "started with a staff account on the demo password: {stderr}"
    );
    assert!(stderr.contains("ops@shop.example.com"), "{stderr}");

    let hash = app::server::hash_password("own-pass-42".into())
        .await
        .unwrap();
    sqlx::query("UPDATE users SET password_hash = $1 WHERE email = 'ops@shop.example.com'")
        .bind(hash.as_str())
        .execute(&pool)
        .await
        .unwrap();
    // A shopper may have chosen the same password; that is their business.
    app.create_user("someone@shop.example.com", DEMO_PASSWORD, "shopper")
        .await;
    agora_server::startup::refuse_demo_accounts(&pool)
        .await
        .expect("nothing opens with the demo password any more");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn production_sends_hsts_and_secure_cookies(pool: PgPool) {
    // AGORA_SECURE_COOKIES is off in `test_config`: production turns it on.
    let prod = spawn_with(
        pool.clone(),
        Config {
            production: true,
            public_url: "https://shop.example.com".into(),
            ..test_config()
        },
    )
    .await;
    let dev = spawn(pool).await;
    for (app, production) in [(&prod, true), (&dev, false)] {
        let c = client();
        let res = c.get(format!("{}/healthz", app.base)).send().await.unwrap();
        let hsts = res
            .headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(hsts.is_some(), production, "HSTS: {hsts:?}");
        if let Some(h) = hsts {
            assert!(h.contains("max-age="), "{h}");
        }
        let email = format!("hsts-{production}@shop.example.com");
        let (s, body, headers) = app
            .post(
                &c,
                "register",
                &[
                    ("email", email.as_str()),
                    ("password", "good-pass-1"),
                    ("display_name", "测试用户"),
                ],
            )
            .await;
        assert_eq!(s, 200, "{body}");
        let cookie = headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("agora_sid="))
            .expect("a session cookie")
            .to_string();
        let secure = cookie
            .split(';')
            .any(|a| a.trim().eq_ignore_ascii_case("secure"));
        assert_eq!(secure, production, "{cookie}");
        assert!(cookie.to_ascii_lowercase().contains("httponly"), "{cookie}");
    }
}

/// Who `c` is signed in as (`None` when signed out).
async fn whoami(app: &common::TestApp, c: &reqwest::Client) -> Option<(String, String)> {
    let (status, me) = app.get(c, "me").await;
    assert_eq!(status, 200, "{me}");
    match me {
        Value::Null => None,
        me => Some((
            me["email"].as_str().unwrap().to_string(),
            me["role"].as_str().unwrap().to_string(),
        )),
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn create_admin_takes_the_account_from_whoever_registered_it_first(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let email = "boss@shop.example.com";
    // Someone registers the future admin's e-mail before the shop opens.
    let attacker = client();
    assert_eq!(
        app.register(&attacker, email, "attacker-pass-1").await.0,
        200
    );
    assert_eq!(
        whoami(&app, &attacker).await,
        Some((email.to_string(), "shopper".to_string()))
    );

    // No AGORA_ADMIN_PASSWORD and no terminal: a password is generated and
    // printed once on stdout.
    let url = database_url(&pool);
    let create = |password: Option<&'static str>| {
        let url = url.clone();
        tokio::task::spawn_blocking(move || {
            let dir = scratch("create-admin");
            let mut vars = vec![("DATABASE_URL", url.as_str())];
            if let Some(p) = password {
                vars.push(("AGORA_ADMIN_PASSWORD", p));
            }
            let out = run(&dir, &["create-admin", "Boss@Shop.example.com"], &vars);
            let _ = std::fs::remove_dir_all(&dir);
            out
        })
    };
    let out = create(None).await.unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("{email} is a super admin")),
        "{stdout}"
    );
    let generated = stdout
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("the generated password, once")
        .trim()
        .to_string();
    assert!(app::accounts::check_password(&generated, email).is_ok());

    // The attacker is signed out and their password no longer opens it.
    assert_eq!(whoami(&app, &attacker).await, None);
    assert_eq!(
        app.sign_in(&client(), email, "attacker-pass-1").await.0,
        401
    );
    let owner = client();
    assert_eq!(app.sign_in(&owner, email, &generated).await.0, 200);
    assert_eq!(
        whoami(&app, &owner).await,
        Some((email.to_string(), "super_admin".to_string()))
    );
    assert_eq!(app.user_count().await, 1);

    // With AGORA_ADMIN_PASSWORD: that password, and the sessions end again.
    let out = create(Some("owner-pass-2")).await.unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("password:"), "nothing to show");
    assert_eq!(whoami(&app, &owner).await, None);
    assert_eq!(app.sign_in(&client(), email, &generated).await.0, 401);
    assert_eq!(app.sign_in(&client(), email, "owner-pass-2").await.0, 200);

    // The published demo password is never an admin's.
    let out = create(Some(DEMO_PASSWORD)).await.unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("demo"), "{}", text(&out.stderr));
    assert_eq!(app.sign_in(&client(), email, "owner-pass-2").await.0, 200);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_start_up_bootstrap_takes_over_an_existing_account_too(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let email = "root@shop.example.com";
    let attacker = client();
    assert_eq!(
        app.register(&attacker, email, "attacker-pass-1").await.0,
        200
    );

    // AGORA_ADMIN_EMAIL + AGORA_ADMIN_PASSWORD at start-up.
    agora_server::startup::ensure_super_admin(&pool, email, "root-pass-1")
        .await
        .unwrap();
    assert_eq!(whoami(&app, &attacker).await, None);
    assert_eq!(
        app.sign_in(&client(), email, "attacker-pass-1").await.0,
        401
    );
    let admin = client();
    assert_eq!(app.sign_in(&admin, email, "root-pass-1").await.0, 200);
    let sessions = |pool: PgPool| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id
              WHERE u.email = 'root@shop.example.com'",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert_eq!(sessions(pool.clone()).await, 1);

    // The next restart with the same settings changes nothing: the admin
    // stays signed in.
    agora_server::startup::ensure_super_admin(&pool, email, "root-pass-1")
        .await
        .unwrap();
    assert_eq!(
        whoami(&app, &admin).await,
        Some((email.to_string(), "super_admin".to_string()))
    );
    assert_eq!(sessions(pool.clone()).await, 1);
}
