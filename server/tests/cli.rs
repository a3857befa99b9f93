//! The command-line tools the browser tests drive must always exit: with
//! an error when the order is unknown, and with an error, not a hang, when
//! another session holds a lock the command needs.
use agora_server::startup::{CLI_LOCK_TIMEOUT_MS, order_command};
use sqlx::{ConnectOptions, PgPool};
use std::time::{Duration, Instant};

use crate::common;

fn config_for(pool: &PgPool) -> agora_server::config::Config {
    let mut cfg = common::test_config();
    cfg.database_url = Some(pool.connect_options().to_url_lossy().to_string());
    cfg
}

/// Runs `order NUMBER args…` and fails the test if it has not exited
/// within 30 s.
async fn run(cfg: &agora_server::config::Config, args: &[&str]) -> String {
    tokio::time::timeout(
        Duration::from_secs(30),
        order_command(cfg.clone(), "20990101-000001", args),
    )
    .await
    .unwrap_or_else(|_| panic!("`order … {args:?}` did not exit within 30 s"))
    .expect_err("the order does not exist")
    .to_string()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn order_commands_exit_whether_or_not_they_succeed(pool: PgPool) {
    let cfg = config_for(&pool);
    for args in [
        &["deliver"][..],
        &["ship", "SF", "SF100"],
        &["track", "上海", "已揽收"],
    ] {
        let err = run(&cfg, args).await;
        assert!(err.contains("20990101-000001"), "{err}");
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_order_command_behind_a_lock_gives_up_instead_of_hanging(pool: PgPool) {
    let cfg = config_for(&pool);
    // Another session holds the orders table, as a stuck transaction would.
    let mut holder = pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE orders IN EXCLUSIVE MODE")
        .execute(&mut *holder)
        .await
        .unwrap();
    let started = Instant::now();
    let err = run(&cfg, &["deliver"]).await;
    assert!(err.contains("20990101-000001"), "{err}");
    assert!(
        started.elapsed() >= Duration::from_millis(CLI_LOCK_TIMEOUT_MS),
        "it gave up only once the lock timeout had passed"
    );
    holder.rollback().await.unwrap();
}
