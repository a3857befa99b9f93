//! The app's modules form layers, and a module imports only from layers
//! below its own (README, "Module layering"). This test reads every `.rs`
//! file under `app/src`, finds each `crate::…` path in its code (`use`
//! lines, grouped `use crate::{a, b::{c, d}}`, and paths written inline)
//! and fails on any that names a module in the same or a higher layer.
//!
//! Comments are skipped (they may explain what a higher layer does); string
//! literals are read, because some name code (`migrator =
//! "crate::server::MIGRATOR"`). `super::` paths are not followed: they stay
//! inside one module in this code base, and crossing modules is always
//! written `crate::`. `app/src/lib.rs`, the crate root with the route
//! table, stands above every layer.
use std::path::{Path, PathBuf};

/// The layers, lowest first: the one place they are written down (the
/// README quotes it). A module may import any module of a lower layer and
/// none of its own layer or above; everything inside one module (all of
/// `admin`, say) is one unit. Every file under `app/src` must belong to one
/// of these, and every `crate::` path must name one.
const LAYERS: &[&[&str]] = &[
    // Leaves: translations, content languages, text codecs.
    &["i18n", "locale", "text"],
    &["error"],
    // Roles, permissions and the signed-in user; the shop's time and clock.
    &["auth", "shop_time"],
    // UI primitives: fields, forms, money, icons, messages, page metadata,
    // and the page-wide contexts features read (who is signed in).
    &["ui::kit"],
    // Server plumbing (state, guards, sessions); pictures and their storage.
    &["media", "server"],
    // The audit log; display settings (the page shell applies them, the
    // account page and sign-in save them).
    &["audit", "display"],
    // Notifications: order changes write their messages; the inbox.
    &["notify"],
    // Loyalty points: payments, orders and after-sales grant and take
    // them back; the account page shows them.
    &["loyalty"],
    &["promotions"],
    // The coupon wallet: who may use a coupon, the copies shoppers hold.
    &["wallet"],
    // The cart prices lines with promotions.
    &["cart"],
    &["payments"],
    // Orders settle and refund through payments.
    &["orders"],
    // After-sales requests are about order lines and refund through payments.
    &["aftersales"],
    // Risk review scores a new order from its buyer's orders and refunds.
    &["risk"],
    // A review needs a delivered order.
    &["reviews"],
    // Product pages show reviews and the add-to-cart control.
    &["catalog"],
    // Accounts merge a guest's cart and show favourites.
    &["accounts"],
    // Checkout places orders from the cart, to an account's address.
    &["checkout"],
    &["privacy"],
    // The help centre searches with the catalog's search terms.
    &["help"],
    // Tickets suggest help articles, link a shopper's orders and are told through notify.
    &["tickets"],
    &["admin"],
    // Header, footer and layout: they show the features' parts.
    &["ui::shell"],
];

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src")
}

#[test]
fn no_module_imports_its_own_layer_or_a_higher_one() {
    let root = app_src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() > 100,
        "found only {} files under {root:?}",
        files.len()
    );
    let mut problems = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let source = std::fs::read_to_string(file).unwrap();
        for p in check_file(rel, &source) {
            problems.push(format!("app/src/{}: {p}", rel.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "imports against the layering (README, \"Module layering\"):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_layer_names_an_existing_module() {
    let root = app_src();
    for name in LAYERS.iter().flat_map(|l| l.iter()) {
        // The translations are generated into the build directory.
        if *name == "i18n" {
            continue;
        }
        let path = name.replace("::", "/");
        assert!(
            root.join(format!("{path}.rs")).is_file() || root.join(&path).join("mod.rs").is_file(),
            "LAYERS names `{name}`, which is no module under app/src"
        );
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The problems in one file, `rel` being its path under `app/src`.
fn check_file(rel: &Path, source: &str) -> Vec<String> {
    let module = module_path(rel);
    if module.is_empty() {
        return Vec::new(); // lib.rs: the crate root stands above every layer
    }
    let Some(owner) = layer_entry(&module) else {
        return vec![format!(
            "module `{}` is in no layer: add it to LAYERS in server/tests/layering.rs",
            module.join("::")
        )];
    };
    let mut problems = Vec::new();
    for (line, path) in crate_paths(&strip_comments(source)) {
        let shown = format!("crate::{}", path.join("::"));
        let Some(target) = layer_entry(&path) else {
            problems.push(format!(
                "line {line}: `{shown}` names no module in LAYERS (name the layer, e.g. crate::ui::kit)"
            ));
            continue;
        };
        if target.name == owner.name || target.layer < owner.layer {
            continue;
        }
        problems.push(format!(
            "line {line}: `{}` (layer {}) uses `{shown}` (`{}`, layer {}); a module may only \
             use lower layers: move the item down, or pass it in from above",
            owner.name, owner.layer, target.name, target.layer
        ));
    }
    problems
}

/// `catalog/db/search.rs` → ["catalog", "db", "search"]; `ui/kit/mod.rs` →
/// ["ui", "kit"]; `lib.rs` → [].
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts == ["lib"] || parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

struct Entry {
    name: &'static str,
    layer: usize,
}

/// The LAYERS entry that `path` lies in: the longest one it starts with.
fn layer_entry(path: &[String]) -> Option<Entry> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, names)| names.iter().map(move |name| Entry { name, layer }))
        .filter(|e| {
            let segs: Vec<&str> = e.name.split("::").collect();
            path.len() >= segs.len() && segs.iter().zip(path).all(|(a, b)| a == b)
        })
        .max_by_key(|e| e.name.len())
}

/// The source with every comment blanked out (newlines kept, so line
/// numbers hold); string and character literals are kept as they are.
fn strip_comments(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        match (c[i], c.get(i + 1).copied()) {
            ('/', Some('/')) => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if c[i] == '\n' {
                            out.push('\n');
                        }
                        i += 1;
                    }
                }
            }
            ('"', _) => i = copy_string(&c, i, &mut out),
            ('r', Some('"' | '#')) if raw_string_start(&c, i) => {
                i = copy_raw_string(&c, i, &mut out)
            }
            ('\'', _) => i = copy_char_or_lifetime(&c, i, &mut out),
            (ch, _) => {
                // An identifier ending in `r` (e.g. `for`) is not a raw string.
                out.push(ch);
                i += 1;
                if ch.is_alphanumeric() || ch == '_' {
                    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                        out.push(c[i]);
                        i += 1;
                    }
                }
            }
        }
    }
    out
}

/// Copies `"…"` starting at `i`; returns the index after it.
fn copy_string(c: &[char], mut i: usize, out: &mut String) -> usize {
    out.push(c[i]);
    i += 1;
    while i < c.len() {
        out.push(c[i]);
        match c[i] {
            '\\' if i + 1 < c.len() => {
                out.push(c[i + 1]);
                i += 2;
            }
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Whether `r` at `i` opens a raw string: `r"` or `r#…#"`.
fn raw_string_start(c: &[char], i: usize) -> bool {
    let mut j = i + 1;
    while c.get(j) == Some(&'#') {
        j += 1;
    }
    c.get(j) == Some(&'"')
}

/// Copies `r#"…"#` starting at `i`; returns the index after it.
fn copy_raw_string(c: &[char], mut i: usize, out: &mut String) -> usize {
    out.push('r');
    i += 1;
    let mut hashes = 0;
    while c[i] == '#' {
        out.push('#');
        hashes += 1;
        i += 1;
    }
    out.push('"');
    i += 1;
    while i < c.len() {
        out.push(c[i]);
        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
            out.extend(std::iter::repeat_n('#', hashes));
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// Copies a character literal (`'a'`, `'\''`, `'"'`) or a lifetime (`'a`).
fn copy_char_or_lifetime(c: &[char], i: usize, out: &mut String) -> usize {
    let end = match (c.get(i + 1), c.get(i + 2)) {
        // An escape: the closing quote comes after the escaped character.
        (Some('\\'), _) => (i + 3..c.len()).find(|&j| c[j] == '\'').map(|j| j + 1),
        (Some(_), Some('\'')) => Some(i + 3),
        _ => None, // a lifetime or label
    };
    let end = end.unwrap_or(i + 1);
    out.extend(&c[i..end]);
    end
}

/// Every `crate::` path in `code`, with its line: grouped imports give one
/// path per leaf (`crate::{a::X, b::{c::Y}}` → `a::X`, `b::c::Y`).
fn crate_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let c: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 5 <= c.len() {
        let starts_word =
            i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_' || c[i - 1] == '$');
        if starts_word && c[i..i + 5] == ['c', 'r', 'a', 't', 'e'] {
            let mut j = skip_ws(&c, i + 5);
            if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
                j = skip_ws(&c, j + 2);
                let line = 1 + c[..i].iter().filter(|&&ch| ch == '\n').count();
                let (paths, end) = use_tree(&c, j);
                found.extend(paths.into_iter().map(|p| (line, p)));
                i = end.max(i + 5);
                continue;
            }
        }
        i += 1;
    }
    found
}

fn skip_ws(c: &[char], mut i: usize) -> usize {
    while i < c.len() && c[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The paths of the use tree (or plain path) at `i`, and where it ends.
fn use_tree(c: &[char], i: usize) -> (Vec<Vec<String>>, usize) {
    let i = skip_ws(c, i);
    if c.get(i) == Some(&'{') {
        let mut paths = Vec::new();
        let mut j = i + 1;
        loop {
            j = skip_ws(c, j);
            match c.get(j) {
                None => return (paths, j),
                Some('}') => return (paths, j + 1),
                Some(',') => j += 1,
                _ => {
                    let (sub, end) = use_tree(c, j);
                    paths.extend(sub);
                    j = if end > j { end } else { j + 1 };
                }
            }
        }
    }
    let start = i;
    let mut j = i;
    while j < c.len() && (c[j].is_alphanumeric() || c[j] == '_') {
        j += 1;
    }
    if j == start {
        return (vec![Vec::new()], j); // `*`, or a turbofish's `<`
    }
    let ident: String = c[start..j].iter().collect();
    let k = skip_ws(c, j);
    if c.get(k) == Some(&':') && c.get(k + 1) == Some(&':') {
        let (rest, end) = use_tree(c, k + 2);
        let paths = rest
            .into_iter()
            .map(|mut p| {
                p.insert(0, ident.clone());
                p
            })
            .collect();
        return (paths, end);
    }
    (vec![vec![ident]], skip_alias(c, j))
}

/// After a leaf of a use tree: the index past ` as name`, if there is one.
fn skip_alias(c: &[char], j: usize) -> usize {
    let k = skip_ws(c, j);
    let is_ident = |ch: &char| ch.is_alphanumeric() || *ch == '_';
    if c.get(k) == Some(&'a') && c.get(k + 1) == Some(&'s') && !c.get(k + 2).is_some_and(is_ident) {
        let mut end = skip_ws(c, k + 2);
        while end < c.len() && is_ident(&c[end]) {
            end += 1;
        }
        return end;
    }
    j
}

mod checker {
    use super::*;

    fn problems(file: &str, source: &str) -> Vec<String> {
        check_file(Path::new(file), source)
    }

    #[test]
    fn a_lower_module_importing_a_higher_one_fails() {
        let p = problems("reviews/db.rs", "use crate::catalog::ProductCard;\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("line 1: `reviews`") && p[0].contains("`catalog`"),
            "{p:?}"
        );
        assert!(problems("catalog/db/product.rs", "use crate::reviews::ReviewView;").is_empty());
    }

    #[test]
    fn grouped_and_inline_paths_are_all_checked() {
        let src = "use crate::{\n    error::AppError,\n    ui::kit::{Field, format_money},\n    admin::{like_pattern, orders::db},\n};\nfn f() { crate::checkout::db::place(); }\n";
        let p = problems("cart/api.rs", src);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].contains("crate::admin::like_pattern")
                && p[1].contains("crate::admin::orders::db")
        );
        assert!(p[2].starts_with("line 6:") && p[2].contains("crate::checkout::db::place"));
    }

    #[test]
    fn the_same_layer_is_refused_and_the_same_module_allowed() {
        assert_eq!(
            problems("media/db.rs", "fn f() { crate::server::pool(); }").len(),
            1
        );
        assert!(
            problems(
                "admin/orders/pages.rs",
                "use crate::admin::components::DataTable;"
            )
            .is_empty()
        );
        assert!(
            problems(
                "ui/shell/header.rs",
                "use crate::ui::kit::Icon; use crate::catalog::components::SearchBox;"
            )
            .is_empty()
        );
        assert_eq!(
            problems("ui/kit/field.rs", "use crate::ui::shell::Layout;").len(),
            1
        );
    }

    #[test]
    fn comments_are_skipped_and_strings_read() {
        let src = "// crate::admin::X\n/* crate::orders /* nested */ crate::checkout */\nlet s = \"// not a comment\"; let t = '\"'; fn f<'a>(x: &'a str) {}\n#[sqlx::test(migrator = \"crate::privacy::M\")]\n";
        let p = problems("server/guard.rs", src);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("line 4:") && p[0].contains("crate::privacy::M"),
            "{p:?}"
        );
        let raw = "let q = r#\"SELECT '\"' // \"#; use crate::admin::X;";
        assert_eq!(problems("server/guard.rs", raw).len(), 1);
        let alias = "use crate::{error::AppError as E, text::{url_encode as enc, parse_money}};";
        assert!(problems("server/guard.rs", alias).is_empty());
    }

    #[test]
    fn paths_must_name_a_layer_and_files_must_be_in_one() {
        assert_eq!(
            problems("catalog/mod.rs", "use crate::ui::Layout;").len(),
            1
        );
        assert_eq!(
            problems("catalog/mod.rs", "use crate::nowhere::X;").len(),
            1
        );
        assert_eq!(problems("newthing/mod.rs", "").len(), 1);
        assert!(problems("lib.rs", "use crate::admin::X;").is_empty());
    }
}
