//! The audit trail every staff change and every privacy action leaves: the
//! action codes (shared with the log's reader in the browser) and, on the
//! server, the one way to write an audited change (`audited`). Low in the
//! layering: any feature may record, only `admin::audit` reads the log.
mod action;
#[cfg(feature = "ssr")]
mod write;

pub use action::AuditAction;
#[cfg(feature = "ssr")]
pub use write::{Actor, Snapshot, Target, audited, audited_in, label_of, name_label, record};
