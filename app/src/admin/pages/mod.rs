mod landing;

pub use landing::AdminLanding;
