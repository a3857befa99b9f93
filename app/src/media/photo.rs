//! Shoppers' photos (reviews, after-sales evidence): decoded within fixed
//! limits, a few at a time across the whole server, and shrunk into the
//! stored renditions. Decoding is the costly part of an upload, so callers
//! check the shopper's right to upload before calling it.
use super::ImageSize;
use super::db::{MAX_IMAGE_BYTES, Prepared, renditions};
use crate::error::{AppError, ErrorKey};
use image::{ImageError, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// Most bytes one decoded photo may take. A 12-megapixel phone photo
/// (4032 × 3024, 36 MB as RGB) fits; a picture that declares more is
/// refused from its header, before anything is allocated (a decompression
/// bomb: a small file that unpacks to gigabytes). With the copy made for
/// the renditions (at most 960 px, see `decode_and_prepare`), one decode
/// stays near 45 MB, well under 100 MB.
const MAX_DECODED_BYTES: u64 = 40 * 1024 * 1024;
const MAX_SIDE: u32 = 8000;

/// Photo decodes running at once, across every request: more wait their
/// turn, so a burst of uploads cannot take every core and the memory of
/// many decodes at once.
static DECODES: Semaphore = Semaphore::const_new(2);

/// Decodes and resizes one photo off the async threads, once a decode slot
/// is free. The slot goes with the work, so it is held until the decode
/// ends even if the request that asked for it is gone.
pub async fn decode_photo(bytes: Vec<u8>) -> Result<(Vec<u8>, Prepared), AppError> {
    let permit = DECODES.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let prepared = decode_and_prepare(&bytes);
        drop(permit);
        prepared.map(|p| (bytes, p))
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Hash, decode (PNG, JPEG or WebP, within the limits above), shrink and
/// make the renditions.
fn decode_and_prepare(bytes: &[u8]) -> Result<Prepared, AppError> {
    let invalid = || AppError::invalid("photos", ErrorKey::PhotoInvalid);
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(invalid());
    }
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| invalid())?;
    let content_type = match reader.format() {
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::Jpeg) => "image/jpeg",
        Some(ImageFormat::WebP) => "image/webp",
        _ => return Err(invalid()),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        ImageError::Limits(_) => AppError::invalid("photos", ErrorKey::PhotoTooLarge),
        _ => invalid(),
    })?;
    let (width, height) = (img.width(), img.height());
    // Shrunk to the largest rendition at once (a cheap box filter, fine at
    // 2× and more), and the full-size picture dropped, so the renditions
    // never copy or resample the big one.
    let largest = ImageSize::Large.pixels();
    let img = if width.max(height) > largest * 2 {
        img.thumbnail(largest, largest)
    } else {
        img
    };
    Ok(Prepared {
        sha: hex::encode(Sha256::digest(bytes)),
        content_type,
        width,
        height,
        renditions: renditions(&img),
    })
}
