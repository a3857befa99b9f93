//! One pictogram per department, as a 24×24 SVG path. The demo product
//! pictures and the category tiles draw the same shapes.

pub fn department_glyph(department: &str) -> &'static str {
    match department {
        "apparel" => "M8 3l-5 3 2 4 2-1v12h10V9l2 1 2-4-5-3c-.5 1.5-2 2.5-4 2.5S8.5 4.5 8 3z",
        "electronics" => {
            "M12 3a9 9 0 0 0-9 9v6a3 3 0 0 0 3 3h2v-8H5v-1a7 7 0 0 1 14 0v1h-3v8h2a3 3 0 0 0 3-3v-6a9 9 0 0 0-9-9z"
        }
        "home" => "M8 2h8l4 9H4zm3 10h2v7h4v3H7v-3h4z",
        "beauty" => "M10 2h4v3h-4zM9 6h6l2 4v11a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V10z",
        "sports" => "M12 3L2 21h20zm0 5l5.5 11h-11z",
        _ => {
            "M4 8h13v6a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6zm13 1h1a3 3 0 0 1 0 6h-1v-2h1a1 1 0 0 0 0-2h-1zM7 2h2v4H7zm4 0h2v4h-2z"
        }
    }
}
