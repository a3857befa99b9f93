//! Configuration (issue 15): the real binary refuses a value it does not
//! understand, in development too, naming the variable and the value,
//! before it creates or touches a database; and the commands read "now"
//! from the configured clock, so a test can move it.
use crate::common;

use app::shop_time::ManualClock;
use common::{client, spawn};
use sqlx::{ConnectOptions, PgPool};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_agora-server");

/// Runs the binary in development mode with only `vars` set (plus PATH, a
/// data dir inside `dir`, port 0 and quiet logs). A start that is not
/// refused would serve for ever: after a minute it is killed and the test
/// fails.
fn run(dir: &std::path::Path, vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AGORA_DATA_DIR", dir.join("data"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
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
            panic!("agora-server {vars:?} still ran after 60 s: it started instead of refusing");
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agora-config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn values_that_are_not_understood_refuse_the_start_in_development() {
    let cases: [&[(&str, &str)]; 3] = [
        &[("AGORA_LIMIT_CHECKOUT_PER_MINUTE", "abc")],
        &[("AGORA_TRUSTED_PROXIES", "127.0.0.1,not-an-ip")],
        &[("AGORA_DB_POOL_SIZE", "16x"), ("AGORA_DEMO_DATA", "on")],
    ];
    for (i, vars) in cases.iter().enumerate() {
        let dir = scratch(&format!("refuse-{i}"));
        let out = run(&dir, vars);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{vars:?} started: {stderr}");
        assert!(stderr.contains("refusing to start"), "{vars:?}: {stderr}");
        for (name, value) in *vars {
            let value = value.split(',').next_back().unwrap();
            assert!(
                stderr.contains(name) && stderr.contains(value),
                "{vars:?}: the message must name {name} and {value}: {stderr}"
            );
        }
        assert!(
            !dir.join("data").exists(),
            "{vars:?}: a PostgreSQL cluster was created before refusing"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `privacy-deletions` without `--now` runs at the configured clock's
/// time, not the system's: with the clock past the cooling-off period, the
/// account is erased today.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_erasure_command_reads_the_configured_clock(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = client();
    assert_eq!(
        app.register(&c, "clock@config.test", "clock-pass-1")
            .await
            .0,
        200
    );
    let (s, body, _) = app
        .post(&c, "privacy/delete", &[("password", "clock-pass-1")])
        .await;
    assert_eq!(s, 200, "{body}");
    let mut cfg = common::test_config();
    cfg.database_url = Some(pool.connect_options().to_url_lossy().to_string());
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(15);
    cfg.clock = std::sync::Arc::new(ManualClock::new(later));
    agora_server::privacy::deletions_command(cfg, &[])
        .await
        .unwrap();
    let erased: bool = sqlx::query_scalar(
        "SELECT erased_at IS NOT NULL FROM users WHERE id = (SELECT user_id FROM account_deletions)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(erased, "the manual clock's time decides what is due");
}
