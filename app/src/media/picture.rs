//! How a picture is shown: a responsive `<picture>`, or a product's
//! placeholder when it has none.
use super::{ImageSize, image_url, placeholder_url};
use crate::i18n::*;
use leptos::prelude::*;

/// A responsive picture: WebP for browsers that take it, JPEG otherwise.
/// Width and height are always set so nothing shifts while it loads.
#[component]
pub fn Picture(
    sha: String,
    alt: String,
    /// CSS pixels the image is shown at (square).
    side: u32,
    /// The `sizes` attribute, e.g. "(max-width: 600px) 50vw, 240px".
    sizes: &'static str,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let srcset = |webp: bool| {
        [ImageSize::Thumb, ImageSize::Medium, ImageSize::Large]
            .into_iter()
            .map(|s| format!("{} {}w", image_url(&sha, s, webp), s.pixels()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback = image_url(
        &sha,
        if side <= 240 {
            ImageSize::Thumb
        } else {
            ImageSize::Medium
        },
        false,
    );
    view! {
        <picture>
            <source type="image/webp" srcset=srcset(true) sizes=sizes />
            <img
                src=fallback
                srcset=srcset(false)
                sizes=sizes
                alt=alt
                width=side
                height=side
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=if eager { "high" } else { "auto" }
                decoding="async"
            />
        </picture>
    }
}

/// What a product without pictures shows instead of a blank box: its
/// category's drawing in greys, named for screen readers ("暂无图片").
#[component]
pub fn NoPicture(
    /// The product's slug, which the placeholder is drawn for.
    slug: String,
    /// CSS pixels the placeholder is shown at (square).
    side: u32,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <img
            class="no-picture"
            data-testid="no-picture"
            src=placeholder_url(&slug)
            alt=move || td_string!(i18n.get_locale(), catalog.no_picture)
            width=side
            height=side
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
        />
    }
}
