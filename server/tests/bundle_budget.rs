//! What a shopper's browser downloads (issue 16): the pages name only the
//! shell and their own pieces of the split WASM bundle, never the back
//! office's, and all of it together stays within the budget, compressed as
//! served (brotli). Reads the built site, so `./scripts/test` builds first;
//! nothing here is timed.
use crate::common;

use common::*;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use sqlx::PgPool;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Home, category, product, cart and checkout together, brotli as served.
/// Issue 16 asks for at most 400,000 bytes; the split bundle measured
/// 547,585 in session 16 (docs/bundle.md), so the issue's budget is not met
/// yet. This ceiling stops the bundle from growing meanwhile; lower it,
/// never raise it, as the bundle shrinks, down to the issue's 400,000
/// (550,000 until the back office's styles left the storefront's CSS).
/// The same WASM file has come out of two builds 355 bytes apart in
/// brotli, so the ceiling sits a little above the figure measured.
const BUDGET_BR: u64 = 549_000;

fn pkg_dir() -> PathBuf {
    Path::new(BUILT_SITE).join("pkg")
}

/// Every `/pkg/…` file an HTML page names (scripts, preloads, stylesheet).
fn pkg_refs(html: &str) -> BTreeSet<String> {
    html.match_indices("/pkg/")
        .map(|(at, _)| {
            let rest = &html[at + "/pkg/".len()..];
            let end = rest
                .find(['"', '\'', ' ', '>', ')', '\\'])
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Sibling modules a script imports (`from './x.js'`, `import('./x.js')`).
fn js_imports(js: &str) -> BTreeSet<String> {
    js.match_indices("./")
        .filter_map(|(at, _)| {
            let rest = &js[at + 2..];
            let end = rest.find(['"', '\'', '`'])?;
            let name = &rest[..end];
            (name.ends_with(".js") && !name.contains('/')).then(|| name.to_string())
        })
        .filter(|name| pkg_dir().join(name).is_file())
        .collect()
}

/// The split manifest: each lazily loaded function's name → the pieces
/// (file stems under /pkg/) it needs.
fn manifest() -> BTreeMap<String, Vec<String>> {
    let file = std::fs::read_dir(pkg_dir())
        .expect("built site")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("__wasm_split_manifest") && name.ends_with(".json")
        })
        .expect("the build is split (cargo leptos build --split): no manifest");
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Pieces only the back office needs: those of the `back_office` lazy
/// function (app/src/lib.rs) that no other lazy function needs.
fn back_office_pieces(manifest: &BTreeMap<String, Vec<String>>) -> BTreeSet<String> {
    let is_admin = |key: &str| key.starts_with("back_office");
    let shop: BTreeSet<&String> = manifest
        .iter()
        .filter(|(k, _)| !is_admin(k))
        .flat_map(|(_, v)| v)
        .collect();
    manifest
        .iter()
        .filter(|(k, _)| is_admin(k))
        .flat_map(|(_, v)| v)
        .filter(|m| !shop.contains(m))
        .map(|m| format!("{m}.wasm"))
        .collect()
}

fn brotli_size(file: &str) -> u64 {
    let path = pkg_dir().join(format!("{file}.br"));
    std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("{} (built with --precompress?): {e}", path.display()))
        .len()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status() == 401,
        "{path}: {}",
        res.status()
    );
    res.text().await.unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn shopper_pages_stay_in_budget_and_never_name_the_back_office(pool: PgPool) {
    assert!(
        pkg_dir().is_dir(),
        "no built site at {BUILT_SITE}: ./scripts/test builds it before the tests"
    );
    demo(&pool).await;
    let category: String = sqlx::query_scalar(
        "SELECT c.slug FROM categories c JOIN products p ON p.category_id = c.id
          WHERE p.listed GROUP BY c.slug ORDER BY count(*) DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let product: String =
        sqlx::query_scalar("SELECT slug FROM products WHERE listed ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    let app = spawn_site(pool, test_config(), BUILT_SITE).await;
    let client = client();
    let manifest = manifest();
    let back_office = back_office_pieces(&manifest);
    assert!(
        !back_office.is_empty(),
        "no back-office pieces in {manifest:?}"
    );

    // The check can fail: the back office's own page names its pieces.
    let admin = pkg_refs(&page(&client, &app, "/admin").await);
    assert!(
        admin.iter().any(|f| back_office.contains(f)),
        "/admin names none of {back_office:?}: {admin:?}"
    );

    let mut downloaded = BTreeSet::new();
    for path in [
        "/",
        &format!("/c/{category}"),
        &format!("/p/{product}"),
        "/cart",
        "/checkout",
    ] {
        let refs = pkg_refs(&page(&client, &app, path).await);
        let leaked: Vec<_> = refs.intersection(&back_office).collect();
        assert!(
            leaked.is_empty(),
            "{path} names back-office pieces {leaked:?}"
        );
        assert!(
            refs.iter().any(|f| f.ends_with(".wasm")),
            "{path}: {refs:?}"
        );
        downloaded.extend(refs);
    }
    // The main script imports the split loader itself (not named in HTML).
    for script in downloaded.clone().iter().filter(|f| f.ends_with(".js")) {
        let text = std::fs::read_to_string(pkg_dir().join(script)).unwrap();
        downloaded.extend(js_imports(&text));
    }
    let sizes: Vec<(String, u64)> = downloaded
        .iter()
        .map(|f| (f.clone(), brotli_size(f)))
        .collect();
    let total: u64 = sizes.iter().map(|(_, n)| n).sum();
    eprintln!("storefront bundle, brotli: {total} bytes in {sizes:?}");
    assert!(
        total <= BUDGET_BR,
        "the storefront downloads {total} bytes (brotli), over the {BUDGET_BR} budget: {sizes:?}"
    );
}

/// Hashed names are cached for a year and served pre-compressed.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn bundle_files_are_precompressed_and_immutable(pool: PgPool) {
    let app = spawn_site(pool, test_config(), BUILT_SITE).await;
    let client = client();
    let home = page(&client, &app, "/").await;
    let wasm = pkg_refs(&home)
        .into_iter()
        .find(|f| f.ends_with(".wasm"))
        .expect("the home page preloads its WASM");
    for (accept, encoding) in [("br", "br"), ("gzip", "gzip")] {
        let res = client
            .get(format!("{}/pkg/{wasm}", app.base))
            .header(ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()[CONTENT_ENCODING], encoding);
        assert_eq!(
            res.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let served = res.bytes().await.unwrap().len() as u64;
        let ext = if encoding == "br" { "br" } else { "gz" };
        let stored = std::fs::metadata(pkg_dir().join(format!("{wasm}.{ext}")))
            .unwrap()
            .len();
        assert_eq!(
            served, stored,
            "{encoding}: served as built, not re-compressed"
        );
    }
}

/// The back office's styles and the account pages' (which the back office
/// shares) are files of their own: the storefront never names them, the
/// pages that use them do, and they are served compressed and, under their
/// current hash, cached for good.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_back_office_and_account_styles_stay_out_of_the_storefront(pool: PgPool) {
    let app = spawn_site(pool, test_config(), BUILT_SITE).await;
    let client = client();
    let home = page(&client, &app, "/").await;
    let main_css = pkg_refs(&home)
        .into_iter()
        .find(|f| f.ends_with(".css"))
        .expect("the home page links its stylesheet");
    let main = std::fs::read_to_string(pkg_dir().join(main_css)).unwrap();
    let sheets = [
        (app::admin::ADMIN_CSS_URL, ".admin-nav", &["/admin"][..]),
        (
            app::ui::kit::PAGES_CSS_URL,
            ".order-row",
            &["/sign-in", "/privacy", "/admin"][..],
        ),
    ];
    for (url, rule, users) in sheets {
        let (file, _) = url.split_once('?').unwrap();
        for path in ["/", "/cart", "/checkout", "/search?q=a"] {
            assert!(!page(&client, &app, path).await.contains(file), "{path}");
        }
        // Signed out, these pages still draw (a sign-in form, a policy).
        for path in users {
            assert!(page(&client, &app, path).await.contains(url), "{path}");
        }
        let res = client
            .get(format!("{}{url}", app.base))
            .header(ACCEPT_ENCODING, "br")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()[CONTENT_ENCODING], "br");
        assert_eq!(
            res.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let css = client
            .get(format!("{}{url}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(css.contains(rule), "{}", &css[..200.min(css.len())]);
        // The storefront's stylesheet no longer carries those rules.
        assert!(!main.contains(rule), "{rule}");
        // Another version is not kept.
        let old = client
            .get(format!("{}{file}?v=0", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(old.headers()[CACHE_CONTROL], "no-cache");
    }
}
