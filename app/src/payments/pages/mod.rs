mod sandbox;

pub use sandbox::SandboxPayPage;
