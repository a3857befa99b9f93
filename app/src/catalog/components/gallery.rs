//! A product's pictures as a scroll-snapping strip with thumbnail links:
//! swiping works on phones and the thumbnails work without JavaScript. A
//! product without pictures shows its category's placeholder.
use crate::catalog::GalleryImage;
use crate::i18n::*;
use crate::media::{ImageSize, NoPicture, Picture, image_url};
use leptos::prelude::*;

#[component]
pub fn Gallery(
    images: Vec<GalleryImage>,
    name: String,
    /// The product's slug: with no pictures, its category's placeholder is
    /// shown instead of an empty strip.
    #[prop(optional)]
    slug: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let many = images.len() > 1;
    let none = images.is_empty();
    let thumbs = images.clone();
    view! {
        <div class="gallery">
            <ul class="gallery-strip" tabindex="0" aria-label=move || td_string!(i18n.get_locale(), catalog.gallery)>
                {images.into_iter().enumerate().map(|(i, img)| {
                    let alt = if img.alt.is_empty() { name.clone() } else { img.alt.clone() };
                    view! {
                        <li id=format!("g-{i}")>
                            <Picture sha=img.sha alt side=480
                                sizes="(max-width: 800px) 100vw, 480px" eager={i == 0} />
                        </li>
                    }
                }).collect_view()}
                {none.then(|| view! {
                    <li id="g-0"><NoPicture slug=slug.clone() side=480 eager=true /></li>
                })}
            </ul>
            {many.then(|| view! {
                <ol class="gallery-thumbs">
                    {thumbs.into_iter().enumerate().map(|(i, img)| view! {
                        <li><a href=format!("#g-{i}")
                            aria-label=move || td_string!(i18n.get_locale(), catalog.picture_n, n = i + 1)>
                            <img src=image_url(&img.sha, ImageSize::Thumb, false)
                                alt="" width="56" height="56" loading="lazy" decoding="async" />
                        </a></li>
                    }).collect_view()}
                </ol>
            })}
        </div>
    }
}
