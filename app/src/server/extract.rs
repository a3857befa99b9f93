//! Extractors for the plain axum routes (uploads and downloads), so they are
//! guarded exactly like the server functions: each runs the server
//! functions' own guard (`require_user`, `require_staff`) in the request
//! context Leptos gives a server function, rather than a copy of it.
//! Signed out is 401, a missing permission 403, and a failure (the
//! database, the session store) 500: never "signed out".
use super::{AppState, Staff, client_ip, require_staff, require_user};
use crate::auth::{Permission, SessionUser};
use crate::error::{AppError, ErrorKey};
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use leptos::prelude::{Owner, ScopedFuture, provide_context};
use std::future::Future;
use std::marker::PhantomData;

/// Runs `guard` with the request's parts and the shop's state in context,
/// as `leptos_axum` does for a server function, so the guard reads the
/// session, the pool and the client's address the way it always does.
async fn in_request<T>(
    parts: &Parts,
    state: AppState,
    guard: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let parts = parts.clone();
    let owner = Owner::new();
    owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                provide_context(state);
                guard.await
            })
        })
        .await
}

fn status(err: &AppError) -> StatusCode {
    StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The signed-in user (`require_user`). As `Option<SignedIn>`, a guest is
/// `None` (for routes that send guests to the sign-in page) while a failure
/// is still 500.
pub struct SignedIn(pub SessionUser);

impl<S> FromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        match in_request(parts, state, require_user()).await {
            Ok(user) => Ok(SignedIn(user)),
            Err(e) => Err(status(&e)),
        }
    }
}

impl<S> OptionalFromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = StatusCode;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let state = AppState::from_ref(state);
        match in_request(parts, state, require_user()).await {
            Ok(user) => Ok(Some(SignedIn(user))),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(e) => Err(status(&e)),
        }
    }
}

/// A permission an extractor can demand, named by a type (one per
/// permission a plain route needs).
pub trait Needs {
    const PERMISSION: Permission;
}

/// `Permission::ProductEdit`.
pub struct ProductEdit;

impl Needs for ProductEdit {
    const PERMISSION: Permission = Permission::ProductEdit;
}

/// A staff member whose role holds `P`'s permission (`require_staff`),
/// with the client's address for the audit log.
pub struct StaffWith<P: Needs>(pub Staff, PhantomData<P>);

impl<P: Needs> StaffWith<P> {
    pub fn into_staff(self) -> Staff {
        self.0
    }
}

impl<S, P> FromRequestParts<S> for StaffWith<P>
where
    AppState: FromRef<S>,
    S: Send + Sync,
    P: Needs + Send,
{
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        match in_request(parts, state, require_staff(P::PERMISSION)).await {
            Ok(staff) => Ok(StaffWith(staff, PhantomData)),
            Err(e) => Err(status(&e)),
        }
    }
}

/// The client's address as the audit log and the throttles take it
/// (`client_ip`: the peer, or through a trusted proxy the client it
/// forwarded for).
pub struct ClientIp(pub Option<String>);

impl<S> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let ip = in_request(parts, state, async { Ok(client_ip().await) }).await;
        Ok(ClientIp(ip.unwrap_or_default()))
    }
}

/// What a form posted to a plain route is told went wrong, as the
/// `…_error=` code its page reads back: the first field's message, else
/// the error's own.
pub fn error_code(err: &AppError) -> String {
    let key = match err {
        AppError::Validation(list) => list.first().map(|f| f.key).unwrap_or(ErrorKey::BadRequest),
        other => other.key(),
    };
    serde_json::to_value(key)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
