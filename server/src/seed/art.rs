//! Product pictures drawn here as SVG: a soft gradient in a colour derived
//! from the product's slug, with its department's pictogram. Deterministic,
//! so loading the demo twice stores the same bytes under the same hash.
use sha2::{Digest, Sha256};

fn glyph(department: &str) -> &'static str {
    match department {
        "apparel" => "M8 3l-5 3 2 4 2-1v12h10V9l2 1 2-4-5-3c-.5 1.5-2 2.5-4 2.5S8.5 4.5 8 3z",
        "electronics" => "M12 3a9 9 0 0 0-9 9v6a3 3 0 0 0 3 3h2v-8H5v-1a7 7 0 0 1 14 0v1h-3v8h2a3 3 0 0 0 3-3v-6a9 9 0 0 0-9-9z",
        "home" => "M8 2h8l4 9H4zm3 10h2v7h4v3H7v-3h4z",
        "beauty" => "M10 2h4v3h-4zM9 6h6l2 4v11a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V10z",
        "sports" => "M12 3L2 21h20zm0 5l5.5 11h-11z",
        _ => "M4 8h13v6a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6zm13 1h1a3 3 0 0 1 0 6h-1v-2h1a1 1 0 0 0 0-2h-1zM7 2h2v4H7zm4 0h2v4h-2z",
    }
}

/// Returns the SVG bytes and their SHA-256 (hex).
pub fn product_svg(department: &str, slug: &str) -> (Vec<u8>, String) {
    let seed = Sha256::digest(slug.as_bytes());
    let hue = u16::from_be_bytes([seed[0], seed[1]]) % 360;
    let tilt = i32::from(seed[2] % 21) - 10;
    let dot_x = 120 + u32::from(seed[3]) % 400;
    let dot_y = 90 + u32::from(seed[4]) % 120;
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 640" width="640" height="640"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue},55%,94%)"/><stop offset="1" stop-color="hsl({hue},48%,80%)"/></linearGradient></defs><rect width="640" height="640" fill="url(#g)"/><circle cx="{dot_x}" cy="{dot_y}" r="70" fill="hsl({hue},60%,98%)" opacity=".6"/><ellipse cx="320" cy="540" rx="190" ry="26" fill="hsl({hue},30%,40%)" opacity=".15"/><g transform="translate(152 140) rotate({tilt} 168 168) scale(14)"><path d="{path}" fill="hsl({hue},42%,36%)" fill-rule="evenodd"/></g></svg>"##,
        path = glyph(department),
    );
    let bytes = svg.into_bytes();
    let hash = hex::encode(Sha256::digest(&bytes));
    (bytes, hash)
}
