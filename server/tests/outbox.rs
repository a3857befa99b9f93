//! The outbox (issue 18): a message is written with its change or not at
//! all, two workers send each message once, failures are retried with a
//! growing delay on the injected clock, and one that keeps failing is
//! parked as dead until staff retry or discard it.
use app::server::outbox::{
    Category, Channel, Claimed, MAX_ATTEMPTS, NewMessage, Report, Sender, discard_dead, enqueue,
    retry_dead, run_due,
};
use sqlx::PgPool;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};

fn message(key: &str) -> NewMessage<'_> {
    NewMessage {
        key,
        event: "order_shipped",
        channel: Channel::Email,
        category: Category::Orders,
        user_id: None,
        address: "buyer@outbox.test",
        locale: "zh-CN",
        payload: serde_json::json!({ "order": "20261127-000001" }),
    }
}

/// Records what it is given; fails the first `fail_first` tries of each
/// message (all of them when `None`).
struct Recorder {
    sent: Mutex<Vec<String>>,
    tries: Mutex<Vec<String>>,
    fail_first: Option<usize>,
}

impl Recorder {
    fn new(fail_first: Option<usize>) -> Self {
        Recorder {
            sent: Mutex::new(Vec::new()),
            tries: Mutex::new(Vec::new()),
            fail_first,
        }
    }
}

impl Sender for Recorder {
    fn send<'a>(
        &'a self,
        m: &'a Claimed,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            // Let the other worker run while this one holds its row.
            tokio::task::yield_now().await;
            let tried = {
                let mut t = self.tries.lock().unwrap();
                t.push(m.key.clone());
                t.iter().filter(|k| **k == m.key).count()
            };
            if self.fail_first.is_none_or(|n| tried <= n) {
                return Err(format!("451 try {tried} refused"));
            }
            self.sent.lock().unwrap().push(m.key.clone());
            Ok(())
        })
    }
}

async fn count(pool: &PgPool, status: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM outbox WHERE status = $1")
        .bind(status)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_message_exists_only_if_its_change_commits(pool: PgPool) {
    let mut tx = pool.begin().await.unwrap();
    assert!(enqueue(&mut tx, &message("k1")).await.unwrap());
    tx.rollback().await.unwrap();
    assert_eq!(count(&pool, "pending").await, 0);

    let mut tx = pool.begin().await.unwrap();
    assert!(enqueue(&mut tx, &message("k1")).await.unwrap());
    tx.commit().await.unwrap();
    // The same change retried writes nothing more.
    let mut conn = pool.acquire().await.unwrap();
    assert!(!enqueue(&mut conn, &message("k1")).await.unwrap());
    assert_eq!(count(&pool, "pending").await, 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn two_workers_send_each_message_once(pool: PgPool) {
    let now = OffsetDateTime::now_utc();
    let keys: Vec<String> = (0..40).map(|i| format!("twice-{i}")).collect();
    let mut conn = pool.acquire().await.unwrap();
    for k in &keys {
        enqueue(&mut conn, &message(k)).await.unwrap();
    }
    drop(conn);
    let sender = Recorder::new(Some(0));
    let (a, b) = tokio::join!(
        run_due(&pool, &sender, now, 100),
        run_due(&pool, &sender, now, 100)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 40, "{a:?} {b:?}");
    assert!(
        a.sent > 0 && b.sent > 0,
        "both workers took part: {a:?} {b:?}"
    );
    let mut sent = sender.sent.lock().unwrap().clone();
    sent.sort();
    let mut want = keys.clone();
    want.sort();
    assert_eq!(sent, want);
    assert_eq!(count(&pool, "sent").await, 40);
    // Nothing is left to send.
    assert_eq!(
        run_due(&pool, &sender, now, 100).await.unwrap(),
        Report::default()
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refused_message_is_tried_again_later_and_gets_through(pool: PgPool) {
    let t0 = OffsetDateTime::now_utc();
    let mut conn = pool.acquire().await.unwrap();
    enqueue(&mut conn, &message("third-time")).await.unwrap();
    drop(conn);
    let sender = Recorder::new(Some(2));
    let once = |r: u32, s: u32| Report {
        sent: s,
        retried: r,
        dead: 0,
    };
    assert_eq!(run_due(&pool, &sender, t0, 10).await.unwrap(), once(1, 0));
    // Not due again until a minute has passed on the shop's clock.
    assert_eq!(
        run_due(&pool, &sender, t0, 10).await.unwrap(),
        Report::default()
    );
    let t1 = t0 + Duration::minutes(1);
    assert_eq!(run_due(&pool, &sender, t1, 10).await.unwrap(), once(1, 0));
    // Then two minutes.
    let early = t1 + Duration::seconds(90);
    assert_eq!(
        run_due(&pool, &sender, early, 10).await.unwrap(),
        Report::default()
    );
    let t2 = t1 + Duration::minutes(2);
    assert_eq!(run_due(&pool, &sender, t2, 10).await.unwrap(), once(0, 1));
    let (status, attempts, error): (String, i32, Option<String>) =
        sqlx::query_as("SELECT status, attempts, last_error FROM outbox WHERE key = 'third-time'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 2));
    assert_eq!(error.as_deref(), Some("451 try 2 refused"));
    assert_eq!(sender.sent.lock().unwrap().len(), 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_message_that_always_fails_is_parked_until_staff_act(pool: PgPool) {
    let mut now = OffsetDateTime::now_utc();
    let mut conn = pool.acquire().await.unwrap();
    enqueue(&mut conn, &message("never")).await.unwrap();
    drop(conn);
    let sender = Recorder::new(None);
    let mut dead = 0;
    for _ in 0..MAX_ATTEMPTS {
        dead += run_due(&pool, &sender, now, 10).await.unwrap().dead;
        now += Duration::hours(6);
    }
    assert_eq!(dead, 1);
    assert_eq!(count(&pool, "dead").await, 1);
    // Dead stays dead, however late it gets.
    let later = now + Duration::days(30);
    assert_eq!(
        run_due(&pool, &sender, later, 10).await.unwrap(),
        Report::default()
    );
    assert_eq!(sender.tries.lock().unwrap().len(), MAX_ATTEMPTS as usize);

    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE key = 'never'")
        .fetch_one(&pool)
        .await
        .unwrap();
    // Staff retry it: pending again, tried at once.
    retry_dead(&pool, id, later).await.unwrap();
    assert!(
        retry_dead(&pool, id, later).await.is_err(),
        "only a dead one"
    );
    let r = run_due(&pool, &sender, later, 10).await.unwrap();
    assert_eq!(r.retried, 1);
    // Or discard it once it is dead again.
    let mut t = later;
    for _ in 1..MAX_ATTEMPTS {
        t += Duration::hours(6);
        run_due(&pool, &sender, t, 10).await.unwrap();
    }
    assert_eq!(count(&pool, "dead").await, 1);
    discard_dead(&pool, id).await.unwrap();
    assert_eq!(count(&pool, "discarded").await, 1);
    assert!(discard_dead(&pool, id).await.is_err());
}
