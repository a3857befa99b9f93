//! Product pictures drawn here as SVG: a soft gradient in a colour derived
//! from the product's slug, with its department's pictogram. Deterministic,
//! so loading the demo twice stores the same bytes under the same hash.
use sha2::{Digest, Sha256};

/// Side of the rendered original, in pixels.
pub const SIDE: u32 = 960;

/// The picture for `key` (a product slug, or a slug plus colour) as PNG.
pub fn product_png(department: &str, key: &str) -> Vec<u8> {
    let svg = product_svg(department, key);
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default())
        .expect("the demo SVG is well-formed");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(SIDE, SIDE).expect("non-zero size");
    let scale = SIDE as f32 / 640.0;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().expect("PNG encoding of a pixmap")
}

fn product_svg(department: &str, slug: &str) -> Vec<u8> {
    let seed = Sha256::digest(slug.as_bytes());
    let hue = u16::from_be_bytes([seed[0], seed[1]]) % 360;
    let tilt = i32::from(seed[2] % 21) - 10;
    let dot_x = 120 + u32::from(seed[3]) % 400;
    let dot_y = 90 + u32::from(seed[4]) % 120;
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 640" width="640" height="640"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue},55%,94%)"/><stop offset="1" stop-color="hsl({hue},48%,80%)"/></linearGradient></defs><rect width="640" height="640" fill="url(#g)"/><circle cx="{dot_x}" cy="{dot_y}" r="70" fill="hsl({hue},60%,98%)" opacity=".6"/><ellipse cx="320" cy="540" rx="190" ry="26" fill="hsl({hue},30%,40%)" opacity=".15"/><g transform="translate(152 140) rotate({tilt} 168 168) scale(14)"><path d="{path}" fill="hsl({hue},42%,36%)" fill-rule="evenodd"/></g></svg>"##,
        path = app::catalog::department_glyph(department),
    );
    svg.into_bytes()
}
