use crate::i18n::*;
use leptos::prelude::*;

/// Stars for an average in tenths; the text is for screen readers.
#[component]
pub fn Stars(tenths: i32) -> impl IntoView {
    let i18n = use_i18n();
    let pct = (tenths.clamp(0, 50) * 2).to_string();
    let label = format!("{}.{}", tenths / 10, tenths % 10);
    view! {
        <span class="stars" style=format!("--pct:{pct}%")
            role="img"
            aria-label=move || td_string!(i18n.get_locale(), catalog.rating_label, rating = label.clone())>
            "★★★★★"
        </span>
    }
}
