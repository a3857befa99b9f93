//! Agora: the shared application. Module list, the `<App/>` shell and the route table.
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Makes an enum that derives `sqlx::Encode` and `sqlx::Decode` (stored as
/// its snake_case text) a PostgreSQL `text` value, with `text[]` arrays.
/// Not `#[derive(sqlx::Type)]` with `type_name = "text"`: that declares the
/// type by name, and sqlx then asks every new connection for the OID of
/// "text" (`SELECT $1::regtype::oid`) before its first use, an extra round
/// trip that `server/tests/catalog_queries.rs` counted. `text` has a fixed
/// OID, which `str`'s own type information carries.
#[cfg(feature = "ssr")]
macro_rules! pg_text {
    ($t:ty) => {
        impl ::sqlx::Type<::sqlx::Postgres> for $t {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <str as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <str as ::sqlx::Type<::sqlx::Postgres>>::compatible(ty)
            }
        }
        impl ::sqlx::postgres::PgHasArrayType for $t {
            fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                <String as ::sqlx::postgres::PgHasArrayType>::array_type_info()
            }
            fn array_compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <String as ::sqlx::postgres::PgHasArrayType>::array_compatible(ty)
            }
        }
    };
}

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod error;
pub mod locale;
pub mod media;
pub mod orders;
pub mod payments;
pub mod privacy;
pub mod promotions;
pub mod reviews;
#[cfg(feature = "ssr")]
pub mod server;
pub mod shop_time;
pub mod text;
/// The design system and the page frame, as two layers (README, "Module
/// layering"): `kit` holds the primitives every feature builds its pages
/// from; `shell` is the frame around every page, which shows features (the
/// category menu, the cart badge, the account menu) and so sits above them.
/// Declared here, with no `ui/mod.rs`, so no code lives in `ui` outside
/// the two layers and every path names one of them.
pub mod ui {
    pub mod kit;
    pub mod shell;
}

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#b4232a" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <HydrationScripts options />
                <MetaTags />
                // Registered without waiting for the WASM, so the shell is cached early.
                // The nonce is this response's (see server/src/security.rs): the
                // CSP runs no inline script without it.
                // Its first statement marks the document as running scripts
                // before anything is painted, so `.nojs-only` notes (what a
                // browser without JavaScript must be told) stay hidden.
                <script nonce=use_nonce()>
                    "document.documentElement.classList.add('js'); if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js'); }"
                </script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// "Page · Agora". On the server the text is escaped: leptos_meta writes the
/// title into the document as is, so a search for `</title><script>` would
/// otherwise inject markup. The browser sets `document.title`, which is text.
fn title_text(text: String) -> String {
    let full = if text.is_empty() {
        "Agora".to_string()
    } else {
        format!("{text} · Agora")
    };
    if cfg!(feature = "ssr") {
        full.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        full
    }
}

/// `/account` with the privacy parts, which `accounts` cannot import
/// (privacy is the higher layer): the route table composes them.
fn account_page() -> impl IntoView {
    view! {
        <accounts::pages::AccountPage
            deletion_notice=privacy::components::DeletionNotice
            privacy_card=privacy::components::AccountPrivacyCard
        />
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/agora.css" />
            <Title formatter=title_text />
            <Router>
                <ui::shell::Layout>
                    <Routes fallback=ui::kit::NotFound>
                        <Route path=path!("/") view=catalog::pages::HomePage ssr=SsrMode::Async />
                        <Route path=path!("/c/:slug") view=catalog::pages::CategoryPage ssr=SsrMode::Async />
                        <Route path=path!("/p/:slug") view=catalog::pages::ProductPage ssr=SsrMode::Async />
                        <Route path=path!("/offline") view=catalog::pages::OfflinePage ssr=SsrMode::Async />
                        <Route path=path!("/search") view=catalog::pages::SearchPage ssr=SsrMode::Async />
                        <Route path=path!("/cart") view=cart::pages::CartPage ssr=SsrMode::Async />
                        <Route path=path!("/checkout") view=checkout::pages::CheckoutPage ssr=SsrMode::Async />
                        <Route path=path!("/orders") view=orders::pages::OrdersPage ssr=SsrMode::Async />
                        <Route path=path!("/orders/:number") view=orders::pages::OrderPage ssr=SsrMode::Async />
                        <Route path=path!("/sandbox/pay/:reference") view=payments::pages::SandboxPayPage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=accounts::pages::SignInPage ssr=SsrMode::Async />
                        <Route path=path!("/register") view=accounts::pages::RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=account_page ssr=SsrMode::Async />
                        <Route path=path!("/account/privacy") view=privacy::pages::PrivacySettingsPage ssr=SsrMode::Async />
                        <Route path=path!("/privacy") view=privacy::pages::PrivacyPolicyPage ssr=SsrMode::Async />
                        <ParentRoute path=path!("/admin") view=admin::shell::AdminShell ssr=SsrMode::Async>
                            <Route path=path!("") view=admin::dashboard::pages::DashboardPage />
                            <Route path=path!("orders") view=admin::shell::gated(accounts::Permission::OrderRead, admin::orders::pages::OrdersPage) />
                            <Route path=path!("orders/:number") view=admin::shell::gated(accounts::Permission::OrderRead, admin::orders::pages::AdminOrderPage) />
                            <Route path=path!("products") view=admin::shell::gated(accounts::Permission::ProductEdit, admin::products::pages::ProductsPage) />
                            <Route path=path!("products/new") view=admin::shell::gated(accounts::Permission::ProductEdit, admin::products::pages::ProductEditPage) />
                            <Route path=path!("products/import") view=admin::shell::gated(accounts::Permission::ProductEdit, admin::products::pages::ImportPage) />
                            <Route path=path!("products/:id") view=admin::shell::gated(accounts::Permission::ProductEdit, admin::products::pages::ProductEditPage) />
                            <Route path=path!("categories") view=admin::shell::gated(accounts::Permission::CategoryEdit, admin::categories::pages::CategoriesPage) />
                            <Route path=path!("inventory") view=admin::shell::gated(accounts::Permission::StockAdjust, admin::inventory::pages::InventoryPage) />
                            <Route path=path!("inventory/stocktake") view=admin::shell::gated(accounts::Permission::StockAdjust, admin::inventory::pages::StocktakePage) />
                            <Route path=path!("customers") view=admin::shell::gated(accounts::Permission::CustomerRead, admin::customers::pages::CustomersPage) />
                            <Route path=path!("customers/:id") view=admin::shell::gated(accounts::Permission::CustomerRead, admin::customers::pages::CustomerPage) />
                            <Route path=path!("promotions") view=admin::shell::gated(accounts::Permission::PromotionEdit, admin::promotions::pages::PromotionsPage) />
                            <Route path=path!("promotions/new") view=admin::shell::gated(accounts::Permission::PromotionEdit, admin::promotions::pages::PromotionEditPage) />
                            <Route path=path!("promotions/:id") view=admin::shell::gated(accounts::Permission::PromotionEdit, admin::promotions::pages::PromotionEditPage) />
                            <Route path=path!("reviews") view=admin::shell::gated(accounts::Permission::ReviewModerate, admin::reviews::pages::ReviewsPage) />
                            <Route path=path!("insights") view=admin::shell::gated(accounts::Permission::ReportRead, admin::insights::pages::InsightsPage) />
                            <Route path=path!("staff") view=admin::shell::gated(accounts::Permission::StaffManage, admin::staff::pages::StaffPage) />
                            <Route path=path!("audit") view=admin::shell::gated(accounts::Permission::AuditRead, admin::audit::pages::AuditPage) />
                        </ParentRoute>
                    </Routes>
                </ui::shell::Layout>
            </Router>
        </I18nContextProvider>
    }
}
