//! The back office's two plain HTTP routes, guarded like its server
//! functions: a product image upload (multipart, so it works as an
//! ordinary form post) and the product CSV export (a file download).
use app::accounts::Permission;
use app::admin::products::Pair;
use app::error::AppError;
use app::server::{AppState, Staff, load_session_user, session_user_id};
use axum::extract::{ConnectInfo, Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use tower_sessions::Session;

/// One image and its alt texts stay well under this.
pub const UPLOAD_LIMIT: usize = app::catalog::db::media::MAX_IMAGE_BYTES + 64 * 1024;

/// The signed-in staff member if their role holds `permission`; otherwise
/// the status to answer with (401 or 403). The address kept for the audit
/// log is the client's, through a trusted proxy (as `app::server::client_ip`).
async fn staff(
    state: &AppState,
    session: &Session,
    addr: SocketAddr,
    headers: &HeaderMap,
    permission: Permission,
) -> Result<Staff, StatusCode> {
    let user = match session_user_id(session).await {
        Ok(Some(id)) => load_session_user(&state.pool, id).await.ok().flatten(),
        _ => None,
    };
    let user = user.ok_or(StatusCode::UNAUTHORIZED)?;
    if !user.can(permission) {
        tracing::warn!(
            user = user.id,
            permission = permission.as_str(),
            "permission refused"
        );
        return Err(StatusCode::FORBIDDEN);
    }
    let ip = app::server::forwarded_client(addr.ip(), &state.settings.trusted_proxies, headers);
    Ok(Staff {
        user,
        ip: Some(ip.to_string()),
    })
}

/// POST /admin/upload/product-image: answers with a redirect back to the
/// product's editor, carrying the outcome for the page to show.
pub async fn upload(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let staff = match staff(&state, &session, addr, &headers, Permission::ProductEdit).await {
        Ok(s) => s,
        Err(code) => return code.into_response(),
    };
    let Ok((product, bytes, alt)) = read(form).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let back = format!("/admin/products/{product}");
    match app::admin::products::db::add_image(&state.pool, &staff, product, bytes, alt).await {
        Ok(_) => Redirect::to(&format!("{back}?image=added")).into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            let key = match &e {
                AppError::Validation(list) => list.first().map(|f| f.key).unwrap_or(e.key()),
                other => other.key(),
            };
            let key = serde_json::to_value(key)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            Redirect::to(&format!("{back}?image_error={key}")).into_response()
        }
    }
}

async fn read(
    mut form: Multipart,
) -> Result<(i64, Vec<u8>, Pair), axum::extract::multipart::MultipartError> {
    let (mut product, mut bytes, mut alt) = (0, Vec::new(), Pair::default());
    while let Some(field) = form.next_field().await? {
        match field.name().unwrap_or("") {
            "product_id" => product = field.text().await?.trim().parse().unwrap_or(0),
            "alt_zh" => alt.zh = field.text().await?,
            "alt_en" => alt.en = field.text().await?,
            "file" => bytes = field.bytes().await?.to_vec(),
            _ => {}
        }
    }
    Ok((product, bytes, alt))
}

/// GET /admin/export/products.csv
pub async fn export(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    if let Err(code) = staff(&state, &session, addr, &headers, Permission::ProductEdit).await {
        return code.into_response();
    }
    match app::admin::products::db::export(&state.pool).await {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"agora-products.csv\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
