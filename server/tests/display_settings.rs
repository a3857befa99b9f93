//! Personal display settings (issue 16, item 5) over real HTTP: a guest's
//! choice lives in the `agora_display` cookie, a signed-in shopper's in the
//! account; the server writes the one in force on the page's `<html>`
//! (`data-theme`, `data-text`), also through the guest page cache; signing
//! in keeps the account's choice or adopts the guest's; a value the form
//! does not offer is refused with a translated message and changes nothing.
use crate::common;

use common::{TestApp, client, demo, field_key, page, spawn, spawn_with, test_config};
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::{Value, json};
use sqlx::PgPool;

const ZH_ERRORS: &str = include_str!("../../locales/zh-CN/errors.json");
const EN_ERRORS: &str = include_str!("../../locales/en/errors.json");
const ZH_DISPLAY: &str = include_str!("../../locales/zh-CN/display.json");

fn text_of(file: &str, key: &str) -> String {
    let all: Value = serde_json::from_str(file).unwrap();
    all[key]
        .as_str()
        .unwrap_or_else(|| panic!("no text {key}"))
        .to_string()
}

/// A page fetched with exactly this Cookie header, no cookie store.
async fn page_with_cookie(app: &TestApp, path: &str, cookie: &str) -> String {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

/// The `<html …>` start tag: where the page says how it is drawn.
fn html_tag(html: &str) -> String {
    let start = html.find("<html").expect("an <html> tag");
    let end = start + html[start..].find('>').unwrap();
    html[start..=end].to_string()
}

/// Whether the page is drawn with `theme` and `text`.
fn assert_drawn(html: &str, theme: &str, text: &str) {
    let tag = html_tag(html);
    assert!(tag.contains(&format!(r#"data-theme="{theme}""#)), "{tag}");
    assert!(tag.contains(&format!(r#"data-text="{text}""#)), "{tag}");
    assert_eq!(tag.matches("data-theme=").count(), 1, "one theme: {tag}");
}

/// The display cookie a response sets, if any.
fn display_cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(SET_COOKIE).iter().find_map(|v| {
        let v = v.to_str().ok()?;
        Some(
            v.strip_prefix("agora_display=")?
                .split(';')
                .next()?
                .to_string(),
        )
    })
}

/// Posts the display form the way a browser posts a plain form from `from`.
async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    from: &str,
    theme: &str,
    text: &str,
) -> reqwest::Response {
    c.post(format!("{}/api/save_display", app.base))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("origin", &app.base)
        .header("referer", format!("{}{from}", app.base))
        .form(&[("theme", theme), ("text", text)])
        .send()
        .await
        .unwrap()
}

async fn saved_in_account(pool: &PgPool, email: &str) -> Option<(String, String)> {
    sqlx::query_as(
        "SELECT s.theme, s.text_size FROM user_display_settings s
           JOIN users u ON u.id = s.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_optional(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_guests_choice_is_kept_in_a_cookie_and_drawn_by_the_server(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = client();
    // Nothing chosen: the device's theme at the standard size.
    assert_drawn(&page(&app, &c, "/privacy").await, "system", "standard");
    let html = page(&app, &c, "/display").await;
    assert!(html.contains(&text_of(ZH_DISPLAY, "theme_legend")));
    assert!(html.contains(r#"type="radio""#) && html.contains(r#"name="theme""#));

    // Without JavaScript: saved, and back to the form's page.
    let res = post_form(&app, &c, "/display", "dark", "larger").await;
    assert_eq!(res.status().as_u16(), 302);
    // server_fn empties the error parameters of the form's page and leaves
    // their `?` behind.
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("{}/display?", app.base)
    );
    assert_eq!(
        display_cookie(res.headers()).as_deref(),
        Some("dark.larger")
    );
    let set = res.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        set.contains("Path=/") && set.contains("Max-Age=31536000"),
        "{set}"
    );

    // Every page after it is drawn that way by the server, and the form
    // shows the choice in force as checked radios.
    assert_drawn(&page(&app, &c, "/privacy").await, "dark", "larger");
    let html = page(&app, &c, "/display").await;
    assert_drawn(&html, "dark", "larger");
    assert!(
        html.contains(r#"value="dark" checked"#) || html.contains(r#"checked value="dark""#),
        "the dark radio is checked"
    );
    let (status, body) = app.get(&c, "display").await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"theme": "dark", "text": "larger"}));
    // Nothing is written to any account for a guest.
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM user_display_settings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);

    // The cookie alone decides for a guest; one the page does not
    // understand is ignored.
    let html = page_with_cookie(&app, "/privacy", "agora_display=light.large").await;
    assert_drawn(&html, "light", "large");
    let html = page_with_cookie(&app, "/privacy", "agora_display=purple.huge").await;
    assert_drawn(&html, "system", "standard");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_value_the_form_does_not_offer_is_refused_with_a_translated_message(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = client();
    // From script (the server function's own client): 422 naming each field.
    let (status, body, headers) = app
        .post(&c, "save_display", &[("theme", "purple"), ("text", "huge")])
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_key(&body, "theme").as_deref(), Some("choice_invalid"));
    assert_eq!(field_key(&body, "text").as_deref(), Some("choice_invalid"));
    assert_eq!(display_cookie(&headers), None, "nothing is remembered");
    let (status, body, _) = app
        .post(&c, "save_display", &[("theme", "dark"), ("text", "")])
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_key(&body, "theme"), None);
    assert_eq!(field_key(&body, "text").as_deref(), Some("choice_invalid"));
    for file in [ZH_ERRORS, EN_ERRORS] {
        assert!(!text_of(file, "choice_invalid").is_empty());
    }

    // A plain form goes back to its page with the error, which the server
    // shows there in the shopper's language; the page is drawn as before.
    let res = post_form(&app, &c, "/display", "purple", "larger").await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(display_cookie(res.headers()), None);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    let to = to.strip_prefix(&app.base).unwrap_or(&to).to_string();
    assert!(to.starts_with("/display?") && to.contains("__err="), "{to}");
    let html = page(&app, &c, &to).await;
    assert!(
        html.contains(&text_of(ZH_ERRORS, "choice_invalid")),
        "translated message"
    );
    assert_drawn(&html, "system", "standard");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_signed_in_shoppers_choice_is_kept_in_the_account(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let email = "display-account@agora.test";
    let phone = client();
    let (s, body) = app.register(&phone, email, "display-pass-1").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(saved_in_account(&pool, email).await, None, "never chosen");

    let (status, body, headers) = app
        .post(
            &phone,
            "save_display",
            &[("theme", "dark"), ("text", "large")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"theme": "dark", "text": "large"}));
    assert_eq!(display_cookie(&headers).as_deref(), Some("dark.large"));
    assert_eq!(
        saved_in_account(&pool, email).await,
        Some(("dark".into(), "large".into()))
    );
    assert_drawn(&page(&app, &phone, "/account").await, "dark", "large");

    // Another device, which never chose anything, signs in: the account's.
    let laptop = client();
    let (status, _, headers) = app.sign_in(&laptop, email, "display-pass-1").await;
    assert_eq!(status, 200);
    assert_eq!(display_cookie(&headers).as_deref(), Some("dark.large"));
    assert_drawn(&page(&app, &laptop, "/privacy").await, "dark", "large");
    let (_, body) = app.get(&laptop, "display").await;
    assert_eq!(body, json!({"theme": "dark", "text": "large"}));

    // A change on one device is in the account: the other device's next
    // page has it, although its own cookie still says otherwise.
    let (status, _, _) = app
        .post(
            &phone,
            "save_display",
            &[("theme", "light"), ("text", "larger")],
        )
        .await;
    assert_eq!(status, 200);
    assert_drawn(&page(&app, &laptop, "/privacy").await, "light", "larger");

    // A disabled account's settings are not read (nor is the account).
    sqlx::query("UPDATE users SET disabled_at = now() WHERE email = $1")
        .bind(email)
        .execute(&pool)
        .await
        .unwrap();
    let (_, body) = app.get(&laptop, "display").await;
    assert_eq!(
        body,
        json!({"theme": "dark", "text": "large"}),
        "its cookie"
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn signing_in_keeps_the_accounts_choice_or_adopts_the_guests(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let chose = "display-chose@agora.test";
    let never = "display-never@agora.test";
    let chose_id = app.create_user(chose, "display-pass-1", "shopper").await;
    app.create_user(never, "display-pass-1", "shopper").await;
    sqlx::query(
        "INSERT INTO user_display_settings (user_id, theme, text_size) VALUES ($1, 'light', 'standard')",
    )
    .bind(chose_id)
    .execute(&pool)
    .await
    .unwrap();

    // A guest who chose dark and the largest text signs in to an account
    // with a choice of its own: the account's wins, and the browser takes it.
    let c = client();
    let res = post_form(&app, &c, "/", "dark", "larger").await;
    assert_eq!(res.status().as_u16(), 302);
    let (status, _, headers) = app.sign_in(&c, chose, "display-pass-1").await;
    assert_eq!(status, 200);
    assert_eq!(display_cookie(&headers).as_deref(), Some("light.standard"));
    assert_drawn(&page(&app, &c, "/privacy").await, "light", "standard");
    assert_eq!(
        saved_in_account(&pool, chose).await,
        Some(("light".into(), "standard".into()))
    );
    // Signed out, the browser keeps what it was last drawn with.
    let (status, _, _) = app.post(&c, "sign_out", &[]).await;
    assert_eq!(status, 200);
    assert_drawn(&page(&app, &c, "/privacy").await, "light", "standard");

    // The same guest choice, into an account that never chose: adopted.
    let c = client();
    post_form(&app, &c, "/", "dark", "larger").await;
    let (status, _, headers) = app.sign_in(&c, never, "display-pass-1").await;
    assert_eq!(status, 200);
    assert_eq!(display_cookie(&headers), None, "the browser has it already");
    assert_eq!(
        saved_in_account(&pool, never).await,
        Some(("dark".into(), "larger".into()))
    );
    assert_drawn(&page(&app, &c, "/account").await, "dark", "larger");

    // Registering adopts it too; a guest who never chose leaves a new
    // account with none.
    let c = client();
    post_form(&app, &c, "/", "system", "large").await;
    let (status, _) = app
        .register(&c, "display-new@agora.test", "display-pass-1")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        saved_in_account(&pool, "display-new@agora.test").await,
        Some(("system".into(), "large".into()))
    );
    let (status, _) = app
        .register(&client(), "display-none@agora.test", "display-pass-1")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        saved_in_account(&pool, "display-none@agora.test").await,
        None
    );
}

/// The guest page cache keys on the cookie: a cached dark page is never
/// served to a guest who did not choose dark, nor the other way round.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_guest_page_cache_keeps_each_choice_apart(pool: PgPool) {
    demo(&pool).await;
    let mut cfg = test_config();
    cfg.page_cache_secs = 60;
    let app = spawn_with(pool, cfg).await;
    for _ in 0..2 {
        let dark = page_with_cookie(&app, "/", "agora_display=dark.larger").await;
        assert_drawn(&dark, "dark", "larger");
        let plain = page_with_cookie(&app, "/", "i18n_pref_locale=zh-CN").await;
        assert_drawn(&plain, "system", "standard");
        let light = page_with_cookie(&app, "/", "agora_display=light.standard").await;
        assert_drawn(&light, "light", "standard");
    }
    let res = reqwest::Client::new()
        .get(format!("{}/", app.base))
        .header("cookie", "agora_display=dark.larger")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["x-agora-cache"],
        "hit",
        "served from the cache"
    );
    assert_drawn(&res.text().await.unwrap(), "dark", "larger");
}
