//! Tickets (issue 18): the state machine a reply moves from either side,
//! SLA clocks that stop while a ticket waits on the customer, another
//! shopper's ticket answering 404, guests following their ticket by its
//! signed link, and every reply reaching the customer once.
use crate::common::{client, demo, paid_order, png, spawn, staff_client};
use crate::notifications::{mailer, read};
use agora_server::mail_sink::{self, Refuse};
use app::error::AppError;
use app::server::outbox::run_due;
use app::tickets::db::{self, NewTicket, Viewer, reads};
use app::tickets::{Author, SlaState, TicketCategory, TicketStatus};
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime, macros::datetime};

const T0: OffsetDateTime = datetime!(2026-11-02 09:00 UTC);

async fn open_one(pool: &PgPool, user: i64, key: &str, at: OffsetDateTime) -> String {
    let mut tx = pool.begin().await.unwrap();
    let n = db::open(
        &mut tx,
        &NewTicket {
            user_id: Some(user),
            guest_email: None,
            key,
            lang: "zh-CN",
            category: TicketCategory::Product,
            subject: "尺码怎么选？",
            body: "身高 175，穿 M 还是 L？",
            order_number: None,
            request_number: None,
            product_slug: None,
            photos: &[],
        },
        at,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    n
}

/// Two signed-in shoppers: (Alice's client, her id, Bob's client).
async fn alice_and_bob(app: &crate::common::TestApp) -> (reqwest::Client, i64, reqwest::Client) {
    let (alice, bob) = (client(), client());
    let alice_id = app
        .create_user("alice@shop.test", "Passw0rd-1", "shopper")
        .await;
    app.create_user("bob@shop.test", "Passw0rd-1", "shopper")
        .await;
    app.sign_in(&alice, "alice@shop.test", "Passw0rd-1").await;
    app.sign_in(&bob, "bob@shop.test", "Passw0rd-1").await;
    (alice, alice_id, bob)
}

/// The contact form's text fields, as the browser posts them (multipart).
fn contact_form(fields: &[(&str, &str)]) -> reqwest::multipart::Form {
    fields
        .iter()
        .fold(reqwest::multipart::Form::new(), |f, (k, v)| {
            f.text(k.to_string(), v.to_string())
        })
}

/// `form` with `photos` attached as the file input sends them.
fn with_photos(form: reqwest::multipart::Form, photos: &[Vec<u8>]) -> reqwest::multipart::Form {
    photos.iter().enumerate().fold(form, |f, (i, bytes)| {
        let part = reqwest::multipart::Part::bytes(bytes.clone())
            .file_name(format!("photo-{i}.png"))
            .mime_str("image/png")
            .unwrap();
        f.part("photos", part)
    })
}

async fn reply(
    pool: &PgPool,
    number: &str,
    by: Author,
    key: &str,
    at: OffsetDateTime,
) -> Result<TicketStatus, AppError> {
    let mut tx = pool.begin().await.unwrap();
    let viewer = if by == Author::Customer {
        let owner: i64 = sqlx::query_scalar("SELECT user_id FROM tickets WHERE number = $1")
            .bind(number)
            .fetch_one(pool)
            .await
            .unwrap();
        Viewer::Shopper(owner)
    } else {
        Viewer::Staff
    };
    let mut t = db::lock(&mut tx, number, viewer).await?;
    let r = db::reply(&mut tx, &mut t, by, None, "好的，谢谢", Some(key), at).await?;
    tx.commit().await.unwrap();
    Ok(r.status)
}

async fn sla(pool: &PgPool, number: &str, at: OffsetDateTime) -> reads::TicketRow {
    reads::ticket(pool, number, Viewer::Staff, at, None)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn replies_move_the_ticket_and_the_clocks_stop_while_it_waits_on_the_customer(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let user = app
        .create_user("tk@shop.test", "Passw0rd-1", "shopper")
        .await;
    let number = open_one(&pool, user, "k1", T0).await;
    // A retried form finds the ticket it opened.
    assert_eq!(open_one(&pool, user, "k1", T0).await, number);

    // Normal priority: first response within 8 h, resolution within 48 h.
    let t = sla(&pool, &number, T0 + Duration::hours(7)).await;
    assert_eq!((t.status, t.sla), (TicketStatus::New, SlaState::OnTime));
    assert_eq!(t.first_response_due, T0 + Duration::hours(8));
    assert_eq!(t.resolve_due, T0 + Duration::hours(48));
    assert_eq!(
        sla(&pool, &number, T0 + Duration::hours(9)).await.sla,
        SlaState::Overdue,
        "no first response after 9 h"
    );
    // The customer adding detail before anyone answered keeps it new.
    assert_eq!(
        reply(
            &pool,
            &number,
            Author::Customer,
            "c1",
            T0 + Duration::hours(1)
        )
        .await
        .unwrap(),
        TicketStatus::New
    );
    // A private note moves nothing and answers nobody.
    assert_eq!(
        reply(&pool, &number, Author::Note, "n1", T0 + Duration::hours(2))
            .await
            .unwrap(),
        TicketStatus::New
    );
    assert!(
        sla(&pool, &number, T0 + Duration::hours(2))
            .await
            .first_responded_at
            .is_none()
    );
    // Staff answer at 2 h: waiting on the customer, the clocks stand still.
    let answered = T0 + Duration::hours(2);
    assert_eq!(
        reply(&pool, &number, Author::Staff, "s1", answered)
            .await
            .unwrap(),
        TicketStatus::Waiting
    );
    let t = sla(&pool, &number, T0 + Duration::hours(100)).await;
    assert_eq!((t.status, t.sla), (TicketStatus::Waiting, SlaState::Paused));
    assert_eq!(t.first_responded_at, Some(answered));
    // The customer answers a day later: open again, the resolution
    // deadline a day later too.
    let back = answered + Duration::hours(24);
    assert_eq!(
        reply(&pool, &number, Author::Customer, "c2", back)
            .await
            .unwrap(),
        TicketStatus::Open
    );
    let t = sla(&pool, &number, back).await;
    assert_eq!(t.paused_secs, 24 * 3600);
    assert_eq!(t.resolve_due, T0 + Duration::hours(48 + 24));
    assert_eq!(
        sla(&pool, &number, T0 + Duration::hours(71)).await.sla,
        SlaState::OnTime
    );
    assert_eq!(
        sla(&pool, &number, T0 + Duration::hours(73)).await.sla,
        SlaState::Overdue
    );
    // A retried staff reply (same key) writes one message.
    reply(
        &pool,
        &number,
        Author::Staff,
        "s2",
        back + Duration::hours(1),
    )
    .await
    .unwrap();
    reply(
        &pool,
        &number,
        Author::Staff,
        "s2",
        back + Duration::hours(1),
    )
    .await
    .unwrap();
    let staff_msgs: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE t.number = $1 AND m.author = 'staff'",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(staff_msgs, 2);

    // Resolved, then rated: closed. Rated once; a closed ticket takes no reply.
    let mut tx = pool.begin().await.unwrap();
    let mut t = db::lock(&mut tx, &number, Viewer::Staff).await.unwrap();
    db::resolve(&mut tx, &mut t, back + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(
        db::set_status(&mut tx, &mut t, TicketStatus::Waiting, back)
            .await
            .unwrap_err(),
        AppError::Conflict(app::error::ErrorKey::TicketStateChanged),
        "the WHERE clause repeats the state machine"
    );
    tx.commit().await.unwrap();
    assert_eq!(
        sla(&pool, &number, back + Duration::days(30)).await.sla,
        SlaState::Done
    );
    let mut tx = pool.begin().await.unwrap();
    let mut t = db::lock(&mut tx, &number, Viewer::Shopper(user))
        .await
        .unwrap();
    db::rate(&mut tx, &mut t, 5, "很耐心", back + Duration::hours(3))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = pool.begin().await.unwrap();
    let mut t = db::lock(&mut tx, &number, Viewer::Shopper(user))
        .await
        .unwrap();
    assert_eq!(t.status, TicketStatus::Closed);
    assert!(db::rate(&mut tx, &mut t, 1, "", back).await.is_err());
    drop(tx);
    assert!(matches!(
        reply(
            &pool,
            &number,
            Author::Customer,
            "c3",
            back + Duration::hours(4)
        )
        .await,
        Err(AppError::Conflict(_))
    ));

    // Messages: the receipt, each of the two staff replies and the
    // resolution, in the inbox and by e-mail, once each.
    let events: Vec<(String, i64)> = sqlx::query_as(
        "SELECT event, count(*) FROM outbox WHERE key LIKE $1 GROUP BY event ORDER BY event",
    )
    .bind(format!("ticket:{number}:%"))
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        events,
        vec![
            ("ticket_opened".to_string(), 2),
            ("ticket_reply".to_string(), 4),
            ("ticket_resolved".to_string(), 2),
        ]
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_resolved_ticket_left_a_week_closes_and_a_reply_reopens_one_before(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let user = app
        .create_user("wk@shop.test", "Passw0rd-1", "shopper")
        .await;
    let (a, b) = (
        open_one(&pool, user, "a", T0).await,
        open_one(&pool, user, "b", T0).await,
    );
    for n in [&a, &b] {
        let mut tx = pool.begin().await.unwrap();
        let mut t = db::lock(&mut tx, n, Viewer::Staff).await.unwrap();
        db::resolve(&mut tx, &mut t, T0 + Duration::hours(1))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    // The customer writes to b within the week: it opens again.
    assert_eq!(
        reply(&pool, &b, Author::Customer, "again", T0 + Duration::days(3))
            .await
            .unwrap(),
        TicketStatus::Open
    );
    assert_eq!(
        db::close_resolved_at(&pool, T0 + Duration::days(7))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        db::close_resolved_at(&pool, T0 + Duration::days(8))
            .await
            .unwrap(),
        1
    );
    let status = |n: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM tickets WHERE number = $1")
                .bind(n)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(status(a).await, "closed");
    assert_eq!(status(b).await, "open");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn another_shoppers_ticket_answers_404_and_a_guest_needs_its_link(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (alice, alice_id, bob) = alice_and_bob(&app).await;
    let (_, order, _) = paid_order(&pool, Some((alice_id, "alice@shop.test")), 1).await;
    let open = |order: Option<&str>, email: Option<&str>, key: &str| {
        let mut fields = vec![
            ("category", "order"),
            ("subject", "什么时候发货？"),
            ("body", "下单两天了"),
            ("lang", "zh-CN"),
            ("key", key),
        ];
        fields.extend(order.map(|o| ("order", o)));
        fields.extend(email.map(|e| ("email", e)));
        contact_form(&fields)
    };
    let (s, opened) = app
        .post_multipart(&alice, "ticket/open", open(Some(&order), None, "a1"))
        .await;
    assert_eq!(s, 200, "{opened}");
    let number = opened["number"].as_str().unwrap().to_string();
    assert!(
        opened["token"].is_null(),
        "an account's ticket has no link secret"
    );
    // Bob cannot link Alice's order, nor read or answer her ticket.
    let (s, _) = app
        .post_multipart(&bob, "ticket/open", open(Some(&order), None, "b1"))
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .get(&bob, &format!("ticket?number={number}&lang=zh-CN"))
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .post_json(
            &bob,
            "ticket/reply",
            json!({"number": number, "token": null, "body": "hi", "key": "x"}),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .get(&client(), &format!("ticket?number={number}&lang=zh-CN"))
        .await;
    assert_eq!(s, 401);
    // Nor does a made-up link secret open it.
    let (s, _) = app
        .get(
            &client(),
            &format!("ticket?number={number}&lang=zh-CN&token=00112233445566778899aabbccddeeff"),
        )
        .await;
    assert_eq!(s, 404);
    let (s, mine) = app
        .get(&alice, &format!("ticket?number={number}&lang=zh-CN"))
        .await;
    assert_eq!(s, 200, "{mine}");
    assert_eq!(mine["order_number"], order.as_str());
    assert_eq!(mine["status"], "new");
    let (_, list) = app.get(&bob, "tickets").await;
    assert_eq!(list, json!([]));

    // Bad input: a clear field error, nothing written.
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&pool)
        .await
        .unwrap();
    let bad = contact_form(&[
        ("category", "nonsense"),
        ("subject", "   "),
        ("body", "下单两天了"),
        ("lang", "zh-CN"),
        ("key", "a2"),
    ]);
    let (s, body) = app.post_multipart(&alice, "ticket/open", bad).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "subject").as_deref(),
        Some("required")
    );
    assert_eq!(
        crate::common::field_key(&body, "category").as_deref(),
        Some("choice_invalid")
    );
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(before, after);

    // A guest opens one with an address and follows it by its link, which
    // the receipt e-mail carries.
    let guest = client();
    let (s, opened) = app
        .post_multipart(
            &guest,
            "ticket/open",
            open(None, Some("Guest@Mail.test"), "g1"),
        )
        .await;
    assert_eq!(s, 200, "{opened}");
    let (gnum, token) = (
        opened["number"].as_str().unwrap().to_string(),
        opened["token"].as_str().unwrap().to_string(),
    );
    let (s, view) = app
        .get(
            &client(),
            &format!("ticket?number={gnum}&lang=zh-CN&token={token}"),
        )
        .await;
    assert_eq!(s, 200, "{view}");
    // The link opens only its own ticket, never an account's.
    let (s, _) = app
        .get(
            &client(),
            &format!("ticket?number={number}&lang=zh-CN&token={token}"),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .post_json(
            &client(),
            "ticket/reply",
            json!({"number": gnum, "token": token, "body": "补充一下", "key": "g2"}),
        )
        .await;
    assert_eq!(s, 200);
    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    run_due(&pool, &mailer, OffsetDateTime::now_utc(), 100)
        .await
        .unwrap();
    let to_guest: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.to == ["guest@mail.test"])
        .collect();
    assert_eq!(to_guest.len(), 1, "one receipt");
    let (subject, text) = read(&to_guest[0]);
    assert!(subject.contains(&gnum), "{subject}");
    assert!(
        text.contains(&format!("https://shop.test/tickets/{gnum}?t={token}")),
        "{text}"
    );
}

/// Photos come with the contact form (multipart, as the browser posts
/// it): up to three, stored on the first message and shown to the
/// customer and to staff; a fourth, or a file that is not a picture, is
/// refused with its field named and nothing written; a body that is not
/// multipart is refused before it is read. Erasing the account takes the
/// photos with the tickets.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_ticket_carries_up_to_three_photos_and_refuses_more(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let alice = client();
    let alice_id = app
        .create_user("alice@shop.test", "Passw0rd-1", "shopper")
        .await;
    app.sign_in(&alice, "alice@shop.test", "Passw0rd-1").await;
    let (_, order, _) = paid_order(&pool, Some((alice_id, "alice@shop.test")), 1).await;
    let form = |key: &str| {
        contact_form(&[
            ("category", "order"),
            ("subject", "包装破了"),
            ("body", "收到时盒子是破的，见照片。"),
            ("lang", "zh-CN"),
            ("key", key),
            ("order", order.as_str()),
        ])
    };
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };

    let images = count("SELECT count(*) FROM images").await;

    // Four photos, or one that is not a picture: refused, nothing written.
    let four = vec![png(8), png(9), png(10), png(11)];
    let (s, body) = app
        .post_multipart(&alice, "ticket/open", with_photos(form("p1"), &four))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "photos").as_deref(),
        Some("ticket_photos")
    );
    let not_png = vec![b"not a picture".to_vec()];
    let (s, body) = app
        .post_multipart(&alice, "ticket/open", with_photos(form("p2"), &not_png))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "photos").as_deref(),
        Some("photo_invalid")
    );
    // Not multipart at all: refused before the server function reads it.
    let res = alice
        .post(format!("{}/api/ticket/open", app.base))
        .json(&json!({"category": "order"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 415);
    assert_eq!(count("SELECT count(*) FROM tickets").await, 0);
    assert_eq!(count("SELECT count(*) FROM images").await, images);

    // Two photos: kept in order on the opening message; sent again with the
    // same key, one ticket and two photos still.
    let two = vec![png(12), png(13)];
    let (s, opened) = app
        .post_multipart(&alice, "ticket/open", with_photos(form("p3"), &two))
        .await;
    assert_eq!(s, 200, "{opened}");
    let number = opened["number"].as_str().unwrap().to_string();
    let (s, again) = app
        .post_multipart(&alice, "ticket/open", with_photos(form("p3"), &two))
        .await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(again["number"], number.as_str());
    assert_eq!(count("SELECT count(*) FROM ticket_photos").await, 2);
    let (s, view) = app
        .get(&alice, &format!("ticket?number={number}&lang=zh-CN"))
        .await;
    assert_eq!(s, 200, "{view}");
    let photos = view["messages"][0]["photos"].as_array().unwrap().clone();
    assert_eq!(photos.len(), 2, "{view}");
    let (s, staff_view) = app
        .get(
            &staff_client(&app, "customer_service", "photos").await,
            &format!("admin/ticket?number={number}"),
        )
        .await;
    assert_eq!(s, 200, "{staff_view}");
    assert_eq!(staff_view["messages"][0]["photos"], json!(photos));
    // The thumbnail is served.
    let sha = photos[0].as_str().unwrap();
    let thumb = app::media::image_url(sha, app::media::ImageSize::Thumb, true);
    let res = client()
        .get(format!("{}{thumb}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{thumb}");

    // Erased with the account: the tickets go, and their pictures.
    let (s, body, _) = app
        .post(&alice, "privacy/delete", &[("password", "Passw0rd-1")])
        .await;
    assert_eq!(s, 200, "{body}");
    let later = OffsetDateTime::now_utc() + Duration::days(40);
    assert_eq!(
        app::privacy::db::run_due_deletions(&pool, later)
            .await
            .unwrap(),
        1
    );
    assert_eq!(count("SELECT count(*) FROM tickets").await, 0);
    assert_eq!(count("SELECT count(*) FROM images").await, images);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn agents_work_the_queue_with_canned_replies_and_reports_count_ratings(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let shopper = client();
    let id = app
        .create_user("li@shop.test", "Passw0rd-1", "shopper")
        .await;
    sqlx::query("UPDATE users SET display_name = '小李' WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    app.sign_in(&shopper, "li@shop.test", "Passw0rd-1").await;
    let (_, order, _) = paid_order(&pool, Some((id, "li@shop.test")), 1).await;
    let form = contact_form(&[
        ("category", "order"),
        ("subject", "物流"),
        ("body", "到哪了？"),
        ("order", order.as_str()),
        ("lang", "zh-CN"),
        ("key", "q1"),
    ]);
    let (_, opened) = app.post_multipart(&shopper, "ticket/open", form).await;
    let number = opened["number"].as_str().unwrap().to_string();
    let agent = staff_client(&app, "customer_service", "tk").await;

    let (s, queue) = app
        .get(
            &agent,
            "admin/tickets?query[status]=&query[category]=&query[assignee]=nobody&query[sla]=",
        )
        .await;
    assert_eq!(s, 200, "{queue}");
    assert_eq!(queue[0]["number"], number.as_str());
    assert_eq!(queue[0]["sla"], "on_time");
    let (s, t) = app
        .get(&agent, &format!("admin/ticket?number={number}"))
        .await;
    assert_eq!(s, 200, "{t}");
    // Canned replies in the customer's language, variables filled.
    let canned = t["canned"].as_array().unwrap();
    assert!(!canned.is_empty());
    assert!(
        canned
            .iter()
            .all(|c| !c["body"].as_str().unwrap().contains('{')),
        "{t}"
    );
    assert!(
        canned
            .iter()
            .any(|c| c["body"].as_str().unwrap().contains(&order))
    );
    assert!(
        canned
            .iter()
            .any(|c| c["body"].as_str().unwrap().starts_with("小李"))
    );
    let me = t["me"].as_i64().unwrap();

    let (s, _) = app
        .post_json(
            &agent,
            "admin/ticket/assign",
            json!({"number": number, "assignee": me}),
        )
        .await;
    assert_eq!(s, 200);
    // Only staff who work tickets may be given one.
    let (s, _) = app
        .post_json(
            &agent,
            "admin/ticket/assign",
            json!({"number": number, "assignee": id}),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _) = app
        .post_json(
            &agent,
            "admin/ticket/reply",
            json!({"number": number, "body": "内部：先查物流", "note": true, "key": "n1"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post_json(
            &agent,
            "admin/ticket/reply",
            json!({"number": number, "body": canned[0]["body"], "note": false, "key": "r1"}),
        )
        .await;
    assert_eq!(s, 200);
    // The customer reads the reply, never the note.
    let (_, view) = app
        .get(&shopper, &format!("ticket?number={number}&lang=zh-CN"))
        .await;
    let bodies: Vec<&str> = view["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 2, "{view}");
    assert!(!bodies.iter().any(|b| b.contains("内部")));
    assert_eq!(view["status"], "waiting");
    let (_, mine) = app
        .get(
            &agent,
            "admin/tickets?query[status]=&query[category]=&query[assignee]=me&query[sla]=paused",
        )
        .await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");

    let (s, _) = app
        .post_json(&agent, "admin/ticket/resolve", json!({"number": number}))
        .await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post_json(
            &shopper,
            "ticket/rate",
            json!({"number": number, "token": null, "rating": 4, "comment": "快"}),
        )
        .await;
    assert_eq!(s, 200);
    // Reports are for those granted them: not this agent.
    let (s, _) = app.get(&agent, "admin/tickets/report?days=30").await;
    assert_eq!(s, 403);
    let manager = staff_client(&app, "operations_manager", "tk").await;
    let (s, report) = app.get(&manager, "admin/tickets/report?days=30").await;
    assert_eq!(s, 200, "{report}");
    assert_eq!(
        report["by_category"],
        json!([{"name": "order", "resolved": 1, "rated": 1, "average": "4.0"}])
    );
    assert_eq!(report["by_agent"][0]["rated"], 1);
    assert_eq!(report["by_agent"][0]["average"], "4.0");
}

/// A ticket may be about an after-sales request (its order comes with it)
/// or a product. The request must be the customer's own: another shopper's
/// answers 404, as does a guest's without its link's secret; a product must
/// be listed. Both show on the customer's page, named in their language,
/// and on staff's.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_ticket_about_a_request_or_a_product_links_only_the_customers_own(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (alice, alice_id, bob) = alice_and_bob(&app).await;
    let (order_id, order, _) = paid_order(&pool, Some((alice_id, "alice@shop.test")), 1).await;
    let request =
        crate::common::after_sales_request(&pool, order_id, "refund_only", "requested", 100).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM tickets")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let form = |about: &[(&'static str, String)], key: &str| {
        let mut fields: Vec<(&str, String)> = vec![
            ("category", "after_sales".into()),
            ("subject", "退款什么时候到？".into()),
            ("body", "申请三天了".into()),
            ("lang", "zh-CN".into()),
            ("key", key.into()),
        ];
        fields.extend(about.iter().cloned());
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        contact_form(&fields)
    };
    // Bob cannot link Alice's request; nothing is written.
    let before = count().await;
    let (s, _) = app
        .post_multipart(
            &bob,
            "ticket/open",
            form(&[("request", request.clone())], "b1"),
        )
        .await;
    assert_eq!(s, 404);
    // Nor a product shoppers cannot see.
    let (hidden, listed): (String, String) = sqlx::query_as(
        "SELECT (SELECT slug FROM products ORDER BY id LIMIT 1),
                (SELECT slug FROM products WHERE listed ORDER BY id OFFSET 1 LIMIT 1)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("UPDATE products SET listed = false WHERE slug = $1")
        .bind(&hidden)
        .execute(&pool)
        .await
        .unwrap();
    let (s, _) = app
        .post_multipart(&alice, "ticket/open", form(&[("product", hidden)], "a0"))
        .await;
    assert_eq!(s, 404);
    // An order and a request at once is not a form the page sends.
    let both = [("order", order.clone()), ("request", request.clone())];
    let (s, _) = app
        .post_multipart(&alice, "ticket/open", form(&both, "a9"))
        .await;
    assert_eq!(s, 400);
    assert_eq!(count().await, before);

    // Alice asks about her request and a product at once.
    let about = [("request", request.clone()), ("product", listed.clone())];
    let (s, opened) = app
        .post_multipart(&alice, "ticket/open", form(&about, "a1"))
        .await;
    assert_eq!(s, 200, "{opened}");
    let number = opened["number"].as_str().unwrap().to_string();
    let names: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.locale, t.name FROM product_translations t JOIN products p ON p.id = t.product_id
          WHERE p.slug = $1 ORDER BY t.locale",
    )
    .bind(&listed)
    .fetch_all(&pool)
    .await
    .unwrap();
    let name = |lang: &str| names.iter().find(|(l, _)| l == lang).unwrap().1.clone();
    for lang in ["zh-CN", "en"] {
        let (s, view) = app
            .get(&alice, &format!("ticket?number={number}&lang={lang}"))
            .await;
        assert_eq!(s, 200, "{view}");
        assert_eq!(view["request_number"], request.as_str());
        assert_eq!(
            view["order_number"],
            order.as_str(),
            "its order comes with it"
        );
        assert!(view["request_token"].is_null(), "an account needs no link");
        assert_eq!(view["product"]["slug"], listed.as_str());
        assert_eq!(view["product"]["name"], name(lang).as_str());
    }
    let (s, staff_view) = app
        .get(
            &staff_client(&app, "customer_service", "links").await,
            &format!("admin/ticket?number={number}"),
        )
        .await;
    assert_eq!(s, 200, "{staff_view}");
    assert_eq!(staff_view["request_number"], request.as_str());
    assert_eq!(staff_view["product"]["name"], name("zh-CN").as_str());

    // A guest's request opens a ticket only with the request link's secret,
    // and the ticket's page links back to the request with it.
    let (guest_order_id, _, _) = paid_order(&pool, None, 2).await;
    let guest_request =
        crate::common::after_sales_request(&pool, guest_order_id, "refund_only", "requested", 100)
            .await;
    let key = app::server::Secrets::load(&pool).await.unwrap().order_links;
    let token = app::aftersales::db::owner::request_token(&key, &guest_request);
    let forged = app::orders::db::order_token(&key, &guest_request);
    let guest = client();
    for (t, key) in [("", "g0"), (forged.as_str(), "g1")] {
        let about = [("request", guest_request.clone()), ("t", t.to_string())];
        let (s, _) = app
            .post_multipart(&guest, "ticket/open", form(&about, key))
            .await;
        assert_eq!(s, 404, "token {t:?}");
    }
    let about = [("request", guest_request.clone()), ("t", token.clone())];
    let (s, opened) = app
        .post_multipart(&guest, "ticket/open", form(&about, "g2"))
        .await;
    assert_eq!(s, 200, "{opened}");
    let (gnum, gtoken) = (
        opened["number"].as_str().unwrap(),
        opened["token"].as_str().unwrap(),
    );
    let (s, view) = app
        .get(
            &client(),
            &format!("ticket?number={gnum}&lang=en&token={gtoken}"),
        )
        .await;
    assert_eq!(s, 200, "{view}");
    assert_eq!(view["request_number"], guest_request.as_str());
    assert_eq!(view["request_token"], token.as_str());
    let email: Option<String> =
        sqlx::query_scalar("SELECT guest_email FROM tickets WHERE number = $1")
            .bind(gnum)
            .fetch_one(&pool)
            .await
            .unwrap();
    let order_email: Option<String> =
        sqlx::query_scalar("SELECT guest_email FROM orders WHERE id = $1")
            .bind(guest_order_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(email, order_email, "replies go to the order's address");
}
