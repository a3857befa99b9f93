//! Images: originals and their resized copies live in PostgreSQL (one store).
//! Each original is decoded once, on the way in, into thumb/medium/large
//! renditions in WebP (for browsers that take it) and JPEG (for the rest).
use super::ImageSize;
use crate::error::AppError;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage, imageops::FilterType};
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use std::io::Cursor;

/// Uploads larger than this are refused before decoding.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
const MAX_PIXELS_SIDE: u32 = 8000;

#[derive(Clone)]
pub struct Rendition {
    pub size: ImageSize,
    pub webp: bool,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Decodes an uploaded picture (PNG, JPEG or WebP) with size limits, so a
/// decompression bomb fails instead of exhausting memory.
pub fn decode(bytes: &[u8]) -> Result<(DynamicImage, &'static str), AppError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(AppError::BadRequest);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| AppError::BadRequest)?;
    let content_type = match reader.format() {
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::Jpeg) => "image/jpeg",
        Some(ImageFormat::WebP) => "image/webp",
        _ => return Err(AppError::BadRequest),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| AppError::BadRequest)?;
    Ok((img, content_type))
}

/// Every rendition of a picture; never upscales beyond the original.
pub fn renditions(img: &DynamicImage) -> Vec<Rendition> {
    let rgb: RgbImage = img.to_rgb8();
    let mut out = Vec::with_capacity(6);
    for size in ImageSize::ALL {
        let side = size.pixels();
        let (w, h) = rgb.dimensions();
        let scale = (f64::from(side) / f64::from(w.max(h))).min(1.0);
        // Pixel dimensions only; money never passes through floats.
        let (tw, th) = (
            ((f64::from(w) * scale).round() as u32).max(1),
            ((f64::from(h) * scale).round() as u32).max(1),
        );
        let resized = if (tw, th) == (w, h) {
            rgb.clone()
        } else {
            image::imageops::resize(&rgb, tw, th, FilterType::CatmullRom)
        };
        let webp = webp::Encoder::from_rgb(resized.as_raw(), tw, th)
            .encode(80.0)
            .to_vec();
        let mut jpeg = Vec::new();
        let encoded = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82)
            .encode_image(&resized);
        out.push(Rendition {
            size,
            webp: true,
            width: tw,
            height: th,
            bytes: webp,
        });
        if encoded.is_ok() {
            out.push(Rendition {
                size,
                webp: false,
                width: tw,
                height: th,
                bytes: jpeg,
            });
        }
    }
    out
}

/// A decoded picture with its renditions, ready to insert.
#[derive(Clone)]
pub struct Prepared {
    pub sha: String,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
}

/// The CPU-bound part of storing an image: hash, decode, resize, encode.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, AppError> {
    let sha = hex::encode(Sha256::digest(bytes));
    let (img, content_type) = decode(bytes)?;
    Ok(Prepared {
        sha,
        content_type,
        width: img.width(),
        height: img.height(),
        renditions: renditions(&img),
    })
}

/// Inserts a prepared image (or finds the same bytes already stored), inside
/// the caller's transaction.
pub async fn insert_prepared(
    conn: &mut PgConnection,
    bytes: &[u8],
    p: &Prepared,
) -> Result<i64, AppError> {
    let inserted = sqlx::query_scalar!(
        "INSERT INTO images (sha256, content_type, width, height, bytes)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING RETURNING id",
        &p.sha,
        p.content_type,
        p.width as i32,
        p.height as i32,
        bytes,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = inserted else {
        return Ok(
            sqlx::query_scalar!("SELECT id FROM images WHERE sha256 = $1", &p.sha)
                .fetch_one(&mut *conn)
                .await?,
        );
    };
    for r in &p.renditions {
        sqlx::query!(
            "INSERT INTO image_renditions (image_id, size, format, width, height, bytes)
             VALUES ($1, $2, $3, $4, $5, $6)",
            id,
            r.size.as_str(),
            if r.webp { "webp" } else { "jpeg" },
            r.width as i32,
            r.height as i32,
            &r.bytes,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// The bytes of one rendition, by the original's hash.
pub async fn rendition(
    pool: &PgPool,
    sha: &str,
    size: ImageSize,
    webp: bool,
) -> Result<Option<Vec<u8>>, AppError> {
    Ok(sqlx::query_scalar!(
        "SELECT r.bytes FROM images i JOIN image_renditions r ON r.image_id = i.id
          WHERE i.sha256 = $1 AND r.size = $2 AND r.format = $3",
        sha,
        size.as_str(),
        if webp { "webp" } else { "jpeg" },
    )
    .fetch_optional(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn renditions_fit_the_box_and_never_upscale() {
        let (img, ct) = decode(&png(1200, 600)).unwrap();
        assert_eq!(ct, "image/png");
        let r = renditions(&img);
        assert_eq!(r.len(), 6);
        let dims = |s: ImageSize, webp: bool| {
            r.iter()
                .find(|x| x.size == s && x.webp == webp)
                .map(|x| (x.width, x.height))
        };
        assert_eq!(dims(ImageSize::Thumb, true), Some((240, 120)));
        assert_eq!(dims(ImageSize::Large, false), Some((960, 480)));
        let small = renditions(&decode(&png(100, 80)).unwrap().0);
        assert!(small.iter().all(|x| (x.width, x.height) == (100, 80)));
        assert!(
            r.iter()
                .filter(|x| x.webp)
                .all(|x| x.bytes.starts_with(b"RIFF"))
        );
        assert!(
            r.iter()
                .filter(|x| !x.webp)
                .all(|x| x.bytes.starts_with(&[0xFF, 0xD8]))
        );
    }

    #[test]
    fn refuses_what_is_not_a_picture() {
        assert!(decode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").is_err());
        assert!(decode(&[0u8; 64]).is_err());
        assert!(decode(&vec![0u8; MAX_IMAGE_BYTES + 1]).is_err());
    }
}
