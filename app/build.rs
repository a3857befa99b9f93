//! Generates the typed `i18n` module from `../locales` (zh-CN is the default).
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
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
