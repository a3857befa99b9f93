//! Product and review pictures: the sizes they are resized to, their URLs,
//! the markup that shows them (or a product's placeholder), and on the
//! server the pipeline that decodes, resizes and stores them. Below the
//! catalog, the cart, orders and reviews, which all show pictures (README,
//! "Module layering").
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod photo;
mod picture;

pub use picture::{NoPicture, Picture};

/// The sizes images are resized to (square, in CSS pixels at 1x).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSize {
    Thumb,
    Medium,
    Large,
}

impl ImageSize {
    pub const ALL: [ImageSize; 3] = [ImageSize::Thumb, ImageSize::Medium, ImageSize::Large];
    pub fn as_str(self) -> &'static str {
        match self {
            ImageSize::Thumb => "thumb",
            ImageSize::Medium => "medium",
            ImageSize::Large => "large",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|z| z.as_str() == s)
    }
    pub fn pixels(self) -> u32 {
        match self {
            ImageSize::Thumb => 240,
            ImageSize::Medium => 480,
            ImageSize::Large => 960,
        }
    }
}

/// URL of a resized image. The original's hash is in the name, so the URL is
/// immutable and may be cached for a year.
pub fn image_url(sha: &str, size: ImageSize, webp: bool) -> String {
    let ext = if webp { "webp" } else { "jpg" };
    format!("/media/{sha}-{}.{ext}", size.as_str())
}

/// Where a product without pictures gets its placeholder: the server draws
/// it for the product's category (see the server's `media::placeholder`).
pub fn placeholder_url(slug: &str) -> String {
    format!("/media/placeholder/{slug}.svg")
}
