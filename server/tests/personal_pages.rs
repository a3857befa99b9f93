//! Signed-in shoppers' home and category pages are drawn once per role,
//! display settings and language, and personalised per request
//! (server/src/personal_cache.rs): every shopper still sees their own name
//! and only theirs, escaped for where it stands, their own display settings,
//! their role's menu and a fresh CSP nonce; guests, disabled accounts and
//! product pages keep the full render.
use crate::common;

use app::server::personal::{EMAIL_MARK, ID_MARK, NAME_MARK};
use common::{TestApp, client, demo, page_response, spawn_with, test_config};
use reqwest::header::HeaderMap;
use serde_json::Value;
use sqlx::PgPool;

const CATEGORY: &str = "/c/down-jackets";

async fn app(pool: PgPool) -> TestApp {
    demo(&pool).await;
    let mut cfg = test_config();
    cfg.page_cache_secs = 600;
    spawn_with(pool, cfg).await
}

/// A signed-in client for a new account named `name` with `role`.
async fn signed_in(app: &TestApp, email: &str, name: &str, role: &str) -> (reqwest::Client, i64) {
    let id = app.create_user(email, "personal-pass-1", role).await;
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let c = client();
    assert_eq!(app.sign_in(&c, email, "personal-pass-1").await.0, 200);
    (c, id)
}

fn personal(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("x-agora-personal")
        .and_then(|v| v.to_str().ok())
}

/// Every `__RESOLVED_RESOURCES[n] = "…"` value, read as the browser reads
/// it: the JavaScript string, then the JSON inside it.
fn resources(html: &str) -> Vec<Value> {
    html.match_indices("__RESOLVED_RESOURCES[")
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find("= \"")? + 2;
            let mut end = start + 1;
            let bytes = rest.as_bytes();
            while bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let js: String = serde_json::from_str(&rest[start..=end]).ok()?;
            serde_json::from_str(&js).ok()
        })
        .collect()
}

/// The signed-in user the page hands to the browser for hydration.
fn page_user(html: &str) -> Value {
    resources(html)
        .into_iter()
        .find_map(|r| {
            let user = r.get("Ok")?;
            user.get("display_name")?;
            Some(user.clone())
        })
        .expect("the page carries who is signed in")
}

/// The nonce of the response's CSP, which every script must carry.
fn csp_nonce(headers: &HeaderMap) -> String {
    let csp = headers["content-security-policy"].to_str().unwrap();
    let at = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
    csp[at..at + csp[at..].find('\'').unwrap()].to_string()
}

fn assert_no_marks(html: &str) {
    for mark in [NAME_MARK, EMAIL_MARK, &ID_MARK.to_string(), "agoraTpl"] {
        assert!(!html.contains(mark), "a marker is left: {mark}");
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn each_shopper_sees_only_their_own_name_from_one_template(pool: PgPool) {
    let app = app(pool).await;
    let nasty = r#"<b>"Tom" & 'Jerry'</b></script>\ 汤姆"#;
    let (alice, alice_id) =
        signed_in(&app, "alice@personal.test", "Alice Liddell", "shopper").await;
    let (tom, tom_id) = signed_in(&app, "tom@personal.test", nasty, "shopper").await;

    let (ha, first) = page_response(&app, &alice, CATEGORY).await;
    assert_eq!(personal(&ha), Some("miss"));
    let (ht, second) = page_response(&app, &tom, CATEGORY).await;
    assert_eq!(
        personal(&ht),
        Some("hit"),
        "drawn from the first page's template"
    );

    assert!(first.contains(">Alice Liddell<"));
    assert_eq!(page_user(&first)["id"], alice_id);
    // Tom's page: his name escaped as HTML where the header shows it, and as
    // his user (JSON in a JavaScript string) where hydration reads it.
    assert!(
        second.contains(
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;&lt;/script&gt;\\ 汤姆"
        ),
        "the escaped name in the header"
    );
    let user = page_user(&second);
    assert_eq!(user["id"], tom_id);
    assert_eq!(user["display_name"], nasty);
    assert_eq!(user["email"], "tom@personal.test");
    // Nothing of Alice's, no raw markup from the name, no marker left.
    assert!(!second.contains("Alice"));
    assert!(!second.contains("alice@personal.test"));
    assert!(!second.contains("<b>\"Tom\""));
    assert_eq!(
        second.matches("</script>").count(),
        second.matches("<script").count()
    );
    assert_no_marks(&first);
    assert_no_marks(&second);

    // Each response has its own nonce, and all its scripts carry it.
    let (na, nt) = (csp_nonce(&ha), csp_nonce(&ht));
    assert_ne!(na, nt);
    for (html, nonce) in [(&first, &na), (&second, &nt)] {
        let scripts = html.matches("<script").count();
        let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
        // leptos_i18n's empty placeholder script has none (see csp.rs).
        assert!(
            with_nonce >= 2 && with_nonce + 1 >= scripts,
            "{with_nonce} of {scripts}"
        );
    }

    // The home page is personalised the same way.
    let (hh, home) = page_response(&app, &tom, "/").await;
    assert_eq!(personal(&hh), Some("miss"));
    assert_eq!(page_user(&home)["id"], tom_id);
    assert_no_marks(&home);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn roles_and_display_settings_each_have_their_own_template(pool: PgPool) {
    let app = app(pool).await;
    let (shopper, _) = signed_in(&app, "s@personal.test", "Shopper S", "shopper").await;
    let (staff, _) = signed_in(&app, "e@personal.test", "Editor E", "catalog_editor").await;
    let (dark, dark_id) = signed_in(&app, "d@personal.test", "Dark D", "shopper").await;
    sqlx::query("INSERT INTO user_display_settings (user_id, theme, text_size) VALUES ($1, 'dark', 'larger')")
        .bind(dark_id)
        .execute(&app.pool)
        .await
        .unwrap();

    let (h, page) = page_response(&app, &shopper, CATEGORY).await;
    assert_eq!(personal(&h), Some("miss"));
    assert!(
        !page.contains("href=\"/admin\""),
        "a shopper has no back-office link"
    );
    let (h, page) = page_response(&app, &staff, CATEGORY).await;
    assert_eq!(personal(&h), Some("miss"), "another role, another template");
    assert!(
        page.contains("href=\"/admin\""),
        "staff have the back-office link"
    );
    assert!(page.contains(">Editor E<"));
    let (h, page) = page_response(&app, &dark, CATEGORY).await;
    assert_eq!(
        personal(&h),
        Some("miss"),
        "other display settings, another template"
    );
    let html_tag = &page[page.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert!(html_tag.contains("data-theme=\"dark\""), "{html_tag}");
    assert!(html_tag.contains("data-text=\"larger\""), "{html_tag}");
    assert!(page.contains(">Dark D<"));
    // And the first shopper's is still there for them.
    let (h, _) = page_response(&app, &shopper, CATEGORY).await;
    assert_eq!(personal(&h), Some("hit"));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn guests_disabled_accounts_and_product_pages_are_rendered_in_full(pool: PgPool) {
    let app = app(pool).await;
    let (h, page) = page_response(&app, &client(), CATEGORY).await;
    assert_eq!(personal(&h), None, "a guest's page is the page cache's");
    assert!(!page.contains("agoraTpl"));

    let (shopper, id) = signed_in(&app, "p@personal.test", "Pat P", "shopper").await;
    let (h, page) = page_response(&app, &shopper, "/p/down-jackets-1").await;
    assert_eq!(personal(&h), None, "product pages mark favourites");
    assert!(page.contains(">Pat P<"));

    page_response(&app, &shopper, CATEGORY).await;
    sqlx::query("UPDATE users SET disabled_at = now() WHERE id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let (h, page) = page_response(&app, &shopper, CATEGORY).await;
    assert_eq!(
        personal(&h),
        None,
        "a disabled account is nobody's template"
    );
    assert!(!page.contains(">Pat P<"));
    assert_no_marks(&page);
}

/// An English reader whose browser asks for Chinese first: leptos_i18n
/// repeats the language cookie on every such page; the repeat is dropped
/// (server/src/lang.rs), so both caches keep the page and the browser gets
/// no second copy of the cookie scoped to `/c`.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_language_chosen_against_the_browsers_is_cached_too(pool: PgPool) {
    let app = app(pool).await;
    let (shopper, _) = signed_in(&app, "en@personal.test", "English E", "shopper").await;
    let guest = client();
    for (c, header) in [(&shopper, "x-agora-personal"), (&guest, "x-agora-cache")] {
        // The no-JavaScript language switch puts the cookie in the store.
        let res = c
            .get(format!("{}/lang/en?next=/", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 303);
        let mut seen = Vec::new();
        for _ in 0..2 {
            let res = c
                .get(format!("{}{CATEGORY}", app.base))
                .header("accept-language", "zh-CN,zh;q=0.9")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200);
            let sets: Vec<String> = res
                .headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_string())
                .collect();
            assert!(
                !sets.iter().any(|s| s.starts_with("i18n_pref_locale=")),
                "{sets:?}"
            );
            seen.push(
                res.headers()
                    .get(header)
                    .map(|v| v.to_str().unwrap().to_string()),
            );
            assert!(res.text().await.unwrap().contains("lang=\"en\""));
        }
        assert_eq!(seen[1].as_deref(), Some("hit"), "{header}: {seen:?}");
    }
}
