//! Inline SVG icons (decorative: screen readers get the text label instead).
use leptos::prelude::*;

#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    let d = match name {
        "search" => {
            "M10.5 3a7.5 7.5 0 0 1 5.96 12.06l4.24 4.24-1.4 1.4-4.24-4.24A7.5 7.5 0 1 1 10.5 3zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z"
        }
        "cart" => {
            "M3 4h2.2l2.1 10.1A2 2 0 0 0 9.3 16H18v-2H9.3l-.3-1.5h8.6a2 2 0 0 0 1.9-1.4L21.3 6H7.1l-.4-2A2 2 0 0 0 4.8 2.5H3zm6 14a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm8 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4z"
        }
        "user" => {
            "M12 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 12c5 0 9 2.5 9 5.5V22H3v-2.5C3 16.5 7 14 12 14z"
        }
        "menu" => "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z",
        "globe" => {
            "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm6.9 9a8 8 0 0 0-3.1-5.6c.6 1.6 1 3.5 1.1 5.6zm-4 0c-.2-3-1.2-5.2-2.9-6.9C10.3 5.8 9.3 8 9.1 11zm-7.8 0c.1-2.1.5-4 1.1-5.6A8 8 0 0 0 5.1 11zm-2 2a8 8 0 0 0 3.1 5.6c-.6-1.6-1-3.5-1.1-5.6zm4 0c.2 3 1.2 5.2 2.9 6.9 1.7-1.7 2.7-3.9 2.9-6.9zm7.8 0c-.1 2.1-.5 4-1.1 5.6a8 8 0 0 0 3.1-5.6z"
        }
        _ => "M4 4h16v16H4z",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=d fill="currentColor" />
        </svg>
    }
}
