//! After-sales on a guest's order: the order's link (its secret) stands in
//! for an account. The form, the request page and its actions, and the
//! order's list of requests all answer the link's holder, and only for
//! that one order or request; a wrong or borrowed secret is "not found".
use crate::common;

use common::{TestApp, after_sales_reason, client, demo, paid_order, spawn};
use sqlx::PgPool;

async fn key(pool: &PgPool) -> Vec<u8> {
    app::server::Secrets::load(pool).await.unwrap().order_links
}

/// A paid guest order, delivered now: (number, line id).
async fn guest_order(pool: &PgPool, n: usize) -> (String, i64) {
    let (id, number, _) = paid_order(pool, None, n).await;
    sqlx::query(
        "UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    let line = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    (number, line)
}

/// Posts the request form (one unit, returned) with the link secret `t`
/// and returns the status and where it sends the shopper.
async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    order: &str,
    line: i64,
    t: &str,
) -> (u16, String) {
    let reason = after_sales_reason(&app.pool, "changed_mind").await;
    let form = reqwest::multipart::Form::new()
        .text("order", order.to_string())
        .text("t", t.to_string())
        .text("line", line.to_string())
        .text("kind", "return_refund")
        .text("reason", reason.to_string())
        .text("qty", "1")
        .text("note", "尺码不合适")
        .text("key", format!("guest-{order}"));
    app.post_form(c, "/after-sales", form).await
}

async fn requests(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM after_sales_requests")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_guest_asks_by_their_order_link_and_follows_the_request_by_its_own(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let key = key(&pool).await;
    let (order, line) = guest_order(&pool, 3).await;
    let (other, other_line) = guest_order(&pool, 4).await;
    let token = app::orders::db::order_token(&key, &order);
    let other_token = app::orders::db::order_token(&key, &other);
    let guest = client();

    // The order page offers after-sales to its guest.
    let (s, page) = app
        .get(&guest, &format!("order?number={order}&token={token}"))
        .await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(page["guest"], true);

    // The form answers the link's holder; another order's secret, or none,
    // does not open it.
    let (s, form) = app
        .get(
            &guest,
            &format!("after_sales_form?order={order}&lang=en&token={token}"),
        )
        .await;
    assert_eq!(s, 200, "{form}");
    assert_eq!(form["token"], token.as_str());
    let (s, _) = app
        .get(
            &guest,
            &format!("after_sales_form?order={order}&lang=en&token={other_token}"),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .get(&guest, &format!("after_sales_form?order={order}&lang=en"))
        .await;
    assert_eq!(s, 401);

    // Posting: without a secret the visitor is sent to sign in, with a
    // borrowed one nothing is found; nothing is written either way.
    let (s, to) = post(&app, &guest, &order, line, "").await;
    assert_eq!((s, to.starts_with("/sign-in?next=")), (303, true), "{to}");
    assert_eq!(post(&app, &guest, &order, line, &other_token).await.0, 404);
    assert_eq!(post(&app, &guest, &other, other_line, &token).await.0, 404);
    assert_eq!(requests(&pool).await, 0);

    // With its own secret the request opens, and the guest is sent to it
    // by the request's own link; the same form again finds it.
    let (s, to) = post(&app, &guest, &order, line, &token).await;
    assert_eq!(s, 303, "{to}");
    let (path, req_token) = to.split_once("?t=").expect("a guest's request link");
    let number = path.trim_start_matches("/after-sales/").to_string();
    assert_eq!(
        req_token,
        app::aftersales::db::owner::request_token(&key, &number)
    );
    assert_eq!(post(&app, &guest, &order, line, &token).await.1, to);
    assert_eq!(requests(&pool).await, 1);
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM after_sales_requests WHERE number = $1")
            .bind(&number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(owner, None);

    // The request page, by its link: with the way back to the order.
    let (s, d) = app
        .get(
            &guest,
            &format!("after_sales_request?number={number}&lang=en&token={req_token}"),
        )
        .await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["summary"]["status"], "requested");
    assert_eq!(d["summary"]["token"], req_token);
    assert_eq!(d["order_token"], token.as_str());
    // The order's secret is not the request's, nor is no secret at all.
    let (s, _) = app
        .get(
            &guest,
            &format!("after_sales_request?number={number}&lang=en&token={token}"),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .get(
            &guest,
            &format!("after_sales_request?number={number}&lang=en"),
        )
        .await;
    assert_eq!(s, 401);

    // The order's requests, by the order's link only.
    let (s, list) = app
        .get(
            &guest,
            &format!("my_after_sales?order={order}&token={token}"),
        )
        .await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["number"], number.as_str());
    assert_eq!(list[0]["token"], req_token);
    let (s, list) = app
        .get(
            &guest,
            &format!("my_after_sales?order={other}&token={other_token}"),
        )
        .await;
    assert_eq!((s, list.as_array().map(Vec::len)), (200, Some(0)));
    let (s, _) = app
        .get(
            &guest,
            &format!("my_after_sales?order={order}&token={other_token}"),
        )
        .await;
    assert_eq!(s, 404);

    // Acting needs the request's secret too; with it the guest withdraws.
    let (s, _, _) = app
        .post(
            &guest,
            "withdraw_after_sales",
            &[("number", &number), ("token", &token)],
        )
        .await;
    assert_eq!(s, 404);
    let (s, body, _) = app
        .post(
            &guest,
            "withdraw_after_sales",
            &[("number", &number), ("token", req_token)],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let status: String =
        sqlx::query_scalar("SELECT status FROM after_sales_requests WHERE number = $1")
            .bind(&number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "withdrawn");
}

/// An account's order is never reached by a link secret, even one made
/// for its number: only its account may ask.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_link_secret_never_opens_an_accounts_order(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let key = key(&pool).await;
    let owner = app
        .create_user("owner@guest-as.test", "owner-pass-1", "shopper")
        .await;
    let (id, order, _) = paid_order(&pool, Some((owner, "owner@guest-as.test")), 5).await;
    sqlx::query("UPDATE orders SET status = 'delivered', delivered_at = now() WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let line: i64 = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let forged = app::orders::db::order_token(&key, &order);
    let (s, _) = app
        .get(
            &client(),
            &format!("after_sales_form?order={order}&lang=en&token={forged}"),
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(post(&app, &client(), &order, line, &forged).await.0, 404);
    assert_eq!(requests(&pool).await, 0);
}
