//! Generates the typed `i18n` module from `../locales` (zh-CN is the default),
//! and names the stylesheets served beside the storefront's by their content.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    css_version("admin.css", "AGORA_ADMIN_CSS")?;
    css_version("pages.css", "AGORA_PAGES_CSS")?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?).join("i18n");
    let cfg = Config::new("zh-CN")?
        .add_locale("en")?
        .add_namespaces([
            "common",
            "accounts",
            "admin",
            "admin_catalog",
            "admin_people",
            "admin_promo",
            "catalog",
            "errors",
            "cart",
            "checkout",
            "orders",
            "aftersales",
            "privacy",
            "display",
            "inbox",
            "tickets",
            "help",
            "loyalty",
        ])?
        .locales_path("../locales")
        // `td_string!` with interpolations needs Display-based code.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}

/// `env`: a hash of `../style/{file}` (admin.css, pages.css), so its URL
/// (`/{file}?v=…`) changes with its content and may be cached for good.
/// FNV-1a: no dependency, and a content tag needs no cryptography.
fn css_version(file: &str, env: &str) -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=../style/{file}");
    let css = std::fs::read(format!("../style/{file}"))?;
    let hash = css.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    println!("cargo::rustc-env={env}={hash:016x}");
    Ok(())
}
