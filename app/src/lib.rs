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
pub mod aftersales;
pub mod audit;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod display;
pub mod error;
pub mod help;
pub mod locale;
pub mod loyalty;
pub mod media;
pub mod notify;
pub mod orders;
pub mod payments;
pub mod privacy;
pub mod promotions;
pub mod reviews;
pub mod risk;
#[cfg(feature = "ssr")]
pub mod server;
pub mod shop_time;
pub mod text;
pub mod tickets;
pub mod wallet;
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
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
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
                // Content-hashed names (cargo-leptos `hash-files`): the server
                // reads them from the build's hash file once
                // (`server::bundle`), not on every render as Leptos's
                // `HashedStylesheet` and `HydrationScripts` do.
                {stylesheet(&options)}
                {start_script(&options)}
                {piece_preloads()}
                <MetaTags />
                // Marks the document as running scripts before anything is
                // painted, so `.nojs-only` notes (what a browser without
                // JavaScript must be told) stay hidden. The nonce is this
                // response's (see server/src/security.rs): the CSP runs no
                // inline script without it.
                <script nonce=use_nonce()>
                    "document.documentElement.classList.add('js');"
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

/// Pages a shopper does not need to browse and buy: signing in, the
/// account, their orders, the privacy pages and the payment sandbox. One
/// lazily loaded piece of the WASM bundle (cargo leptos `--split`), fetched
/// when one of them is first shown. One piece, not one per page: the split
/// tool cuts code shared by different sets of pieces into separate files,
/// and a piece per page made a thousand files.
#[derive(Clone, Copy)]
enum AccountPage {
    SignIn,
    Register,
    Account,
    PrivacySettings,
    PrivacyPolicy,
    Orders,
    Order,
    SandboxPay,
    Display,
    AfterSalesList,
    AfterSales,
    NewAfterSales,
    Inbox,
    ForgotPassword,
    ResetPassword,
    ConfirmEmail,
    Unsubscribe,
    Tickets,
    Help,
}

#[leptos::lazy]
fn account_pages(page: AccountPage) -> AnyView {
    // Their styles are in style/pages.css, out of the storefront's CSS.
    view! { <ui::kit::PagesStyles /> {account_page_view(page)} }.into_any()
}

fn account_page_view(page: AccountPage) -> AnyView {
    match page {
        AccountPage::SignIn => accounts::pages::SignInPage().into_any(),
        AccountPage::Register => accounts::pages::RegisterPage().into_any(),
        AccountPage::Account => account_page().into_any(),
        AccountPage::PrivacySettings => privacy::pages::PrivacySettingsPage().into_any(),
        AccountPage::PrivacyPolicy => privacy::pages::PrivacyPolicyPage().into_any(),
        AccountPage::Orders => orders::pages::OrdersPage().into_any(),
        AccountPage::Order => orders::pages::OrderPage().into_any(),
        AccountPage::SandboxPay => payments::pages::SandboxPayPage().into_any(),
        AccountPage::Display => display::pages::DisplayPage().into_any(),
        AccountPage::AfterSalesList => aftersales::pages::AfterSalesListPage().into_any(),
        AccountPage::AfterSales => aftersales::pages::AfterSalesPage().into_any(),
        AccountPage::NewAfterSales => aftersales::pages::NewAfterSalesPage().into_any(),
        AccountPage::Inbox => notify::pages::InboxPage().into_any(),
        AccountPage::ForgotPassword => accounts::pages::ForgotPasswordPage().into_any(),
        AccountPage::ResetPassword => accounts::pages::ResetPasswordPage().into_any(),
        AccountPage::ConfirmEmail => accounts::pages::ConfirmEmailPage().into_any(),
        AccountPage::Unsubscribe => notify::prefs::pages::UnsubscribePage().into_any(),
        AccountPage::Tickets => tickets::pages::TicketPages().into_any(),
        AccountPage::Help => help::pages::HelpPages().into_any(),
    }
}

/// The back office: the other lazily loaded piece, which a shopper's
/// browser never fetches (server/tests/bundle_budget.rs checks that no
/// shopper page names it).
#[derive(Clone, Copy)]
enum BackOffice {
    Shell,
    Dashboard,
    Orders,
    Order,
    Products,
    ProductEdit,
    Import,
    Categories,
    Inventory,
    Stocktake,
    Customers,
    Customer,
    Promotions,
    PromotionEdit,
    Reviews,
    Insights,
    Staff,
    Audit,
    Mail,
    Loyalty,
    AfterSalesQueue,
    AfterSales,
    AfterSalesSettings,
    Tickets,
    Help,
}

#[leptos::lazy]
fn back_office(page: BackOffice) -> AnyView {
    use accounts::Permission as P;
    use admin::shell::gated;
    match page {
        BackOffice::Shell => admin::shell::AdminShell().into_any(),
        BackOffice::Dashboard => admin::dashboard::pages::DashboardPage().into_any(),
        BackOffice::Orders => gated(P::OrderRead, admin::orders::pages::OrdersPage)(),
        BackOffice::Order => gated(P::OrderRead, admin::orders::pages::AdminOrderPage)(),
        BackOffice::Products => gated(P::ProductEdit, admin::products::pages::ProductsPage)(),
        BackOffice::ProductEdit => gated(P::ProductEdit, admin::products::pages::ProductEditPage)(),
        BackOffice::Import => gated(P::ProductEdit, admin::products::pages::ImportPage)(),
        BackOffice::Categories => {
            gated(P::CategoryEdit, admin::categories::pages::CategoriesPage)()
        }
        BackOffice::Inventory => gated(P::StockAdjust, admin::inventory::pages::InventoryPage)(),
        BackOffice::Stocktake => gated(P::StockAdjust, admin::inventory::pages::StocktakePage)(),
        BackOffice::Customers => gated(P::CustomerRead, admin::customers::pages::CustomersPage)(),
        BackOffice::Customer => gated(P::CustomerRead, admin::customers::pages::CustomerPage)(),
        BackOffice::Promotions => {
            gated(P::PromotionEdit, admin::promotions::pages::PromotionsPage)()
        }
        BackOffice::PromotionEdit => gated(
            P::PromotionEdit,
            admin::promotions::pages::PromotionEditPage,
        )(),
        BackOffice::Reviews => gated(P::ReviewModerate, admin::reviews::pages::ReviewsPage)(),
        BackOffice::Insights => gated(P::ReportRead, admin::insights::pages::InsightsPage)(),
        BackOffice::Staff => gated(P::StaffManage, admin::staff::pages::StaffPage)(),
        BackOffice::Audit => gated(P::AuditRead, admin::audit::pages::AuditPage)(),
        BackOffice::Mail => gated(P::MailManage, admin::mail::pages::MailPage)(),
        BackOffice::Loyalty => gated(P::PromotionEdit, admin::loyalty::pages::LoyaltyPage)(),
        BackOffice::AfterSalesQueue => gated(
            P::AfterSalesHandle,
            admin::aftersales::pages::AfterSalesQueuePage,
        )(),
        BackOffice::AfterSales => gated(
            P::AfterSalesHandle,
            admin::aftersales::pages::AdminAfterSalesPage,
        )(),
        BackOffice::AfterSalesSettings => gated(
            P::AfterSalesConfigure,
            admin::aftersales::settings::AfterSalesSettingsPage,
        )(),
        BackOffice::Tickets => gated(P::TicketWork, admin::tickets::pages::AdminTicketPages)(),
        BackOffice::Help => gated(P::HelpEdit, admin::help::pages::AdminHelpPages)(),
    }
}

/// The lazily loaded piece (its `#[lazy]` function's name) the page at
/// `path` is made of; `None` for storefront pages, which are in the main
/// module.
pub fn lazy_piece(path: &str) -> Option<&'static str> {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    const ACCOUNT: [&str; 13] = [
        "/unsubscribe",
        "/sign-in",
        "/password",
        "/register",
        "/account",
        "/privacy",
        "/orders",
        "/sandbox",
        "/display",
        "/after-sales",
        "/inbox",
        "/tickets",
        "/help",
    ];
    if under("/admin") {
        Some("back_office")
    } else if ACCOUNT.into_iter().any(under) {
        Some("account_pages")
    } else {
        None
    }
}

/// Fetches the piece of the page at `path` before the page is hydrated
/// (`src/lib.rs`). Hydrating a page whose piece is still loading defers its
/// components past the rest of the frame, and they then meet the server's
/// serialised data out of order (a hydration panic); with the piece loaded
/// first, the router finds it ready and hydrates in one synchronous pass,
/// as for storefront pages.
#[cfg(feature = "hydrate")]
pub async fn load_piece_for(path: &str) {
    match lazy_piece(path) {
        Some("back_office") => __preload_back_office().await,
        Some(_) => __preload_account_pages().await,
        None => {}
    }
}

/// Starts the app once the page has loaded and the browser is idle, and
/// provides the split manifest `piece_preloads` reads. Leptos's own
/// `HydrationScripts` puts preload hints for the JS and the WASM in the
/// `<head>`, so the half-megabyte WASM started downloading with the page
/// and competed with its pictures and text for a phone's bandwidth
/// (Lighthouse then counted its download as something the first paint had
/// waited for: docs/lighthouse.md). Here nothing is fetched before the
/// page has loaded and painted; until the app runs, the page's plain forms
/// work as they are.
#[cfg(feature = "ssr")]
fn start_script(options: &LeptosOptions) -> impl IntoView {
    let bundle = crate::server::bundle::bundle(options);
    if let Some(manifest) = bundle.manifest.clone() {
        provide_context(manifest);
    }
    let pkg = &options.site_pkg_dir;
    let [js, wasm, _] = &bundle.main;
    // After `load` and one painted frame, so the page's pictures and text
    // are on screen before the WASM is asked for; then when the browser is
    // idle (the timeout is a backstop for a page that never is; Safari has
    // no idle callback). The service worker is registered only after the
    // app has started: its install caches the JS and the WASM, which by
    // then come from the HTTP cache instead of a second download that would
    // compete with the page's own.
    let script = format!(
        "(() => {{ const start = () => import('/{pkg}/{js}').then((m) => \
         m.default({{ module_or_path: '/{pkg}/{wasm}' }}).then(() => {{ m.hydrate(); \
         if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js'); }})); \
         const idle = () => 'requestIdleCallback' in window ? \
         requestIdleCallback(start, {{ timeout: 2000 }}) : start(); \
         const later = () => requestAnimationFrame(() => setTimeout(idle, 0)); \
         if (document.readyState === 'complete') later(); \
         else addEventListener('load', later, {{ once: true }}); }})();"
    );
    view! { <script type="module" nonce=use_nonce()>{script}</script> }
}

#[cfg(not(feature = "ssr"))]
fn start_script(_: &LeptosOptions) -> impl IntoView {}

#[cfg(feature = "ssr")]
fn stylesheet(options: &LeptosOptions) -> impl IntoView {
    let href = format!(
        "/{}/{}",
        options.site_pkg_dir,
        crate::server::bundle::bundle(options).main[2]
    );
    view! { <link id="leptos" rel="stylesheet" href=href /> }
}

#[cfg(not(feature = "ssr"))]
fn stylesheet(_: &LeptosOptions) -> impl IntoView {}

/// `<link rel="preload">` for the files of the shown page's piece, so the
/// browser fetches them alongside the main module instead of after it.
/// Read from the split manifest that `start_script` provides.
#[cfg(feature = "ssr")]
fn piece_preloads() -> impl IntoView {
    let path = use_context::<axum::http::request::Parts>()
        .map(|parts| parts.uri.path().to_string())
        .unwrap_or_default();
    let files = lazy_piece(&path)
        .zip(use_context::<leptos::WasmSplitManifest>())
        .map(|(piece, manifest)| {
            manifest.0.with_value(|(pkg, modules, _)| {
                modules
                    .iter()
                    .filter(|(name, _)| name.starts_with(piece))
                    .flat_map(|(_, files)| files)
                    .map(|file| format!("{pkg}/{file}.wasm"))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default();
    files
        .into_iter()
        .map(|href| view! { <link rel="preload" href=href r#as="fetch" r#type="application/wasm" crossorigin="" fetchpriority="low" /> })
        .collect_view()
}

#[cfg(not(feature = "ssr"))]
fn piece_preloads() -> impl IntoView {}

/// A route whose page comes from one of the lazily loaded pieces above:
/// fetched on the first navigation to one of its pages, or before
/// hydration when the page is the first one shown (`load_piece_for`).
macro_rules! lazy_routes {
    ($piece:ident: $($route:ident => $page:expr;)*) => {$(
        struct $route;
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> AnyView {
                $piece($page).await
            }
        }
    )*};
}

lazy_routes! { account_pages:
    SignInRoute => AccountPage::SignIn;
    RegisterRoute => AccountPage::Register;
    AccountRoute => AccountPage::Account;
    PrivacySettingsRoute => AccountPage::PrivacySettings;
    PrivacyPolicyRoute => AccountPage::PrivacyPolicy;
    OrdersRoute => AccountPage::Orders;
    OrderRoute => AccountPage::Order;
    SandboxPayRoute => AccountPage::SandboxPay;
    DisplayRoute => AccountPage::Display;
    AfterSalesListRoute => AccountPage::AfterSalesList;
    AfterSalesRoute => AccountPage::AfterSales;
    NewAfterSalesRoute => AccountPage::NewAfterSales;
    InboxRoute => AccountPage::Inbox;
    ForgotPasswordRoute => AccountPage::ForgotPassword;
    ResetPasswordRoute => AccountPage::ResetPassword;
    ConfirmEmailRoute => AccountPage::ConfirmEmail;
    UnsubscribeRoute => AccountPage::Unsubscribe;
    TicketsRoute => AccountPage::Tickets;
    HelpRoute => AccountPage::Help;
}

lazy_routes! { back_office:
    AdminShellRoute => BackOffice::Shell;
    AdminDashboardRoute => BackOffice::Dashboard;
    AdminOrdersRoute => BackOffice::Orders;
    AdminOrderRoute => BackOffice::Order;
    AdminProductsRoute => BackOffice::Products;
    AdminProductEditRoute => BackOffice::ProductEdit;
    AdminImportRoute => BackOffice::Import;
    AdminCategoriesRoute => BackOffice::Categories;
    AdminInventoryRoute => BackOffice::Inventory;
    AdminStocktakeRoute => BackOffice::Stocktake;
    AdminCustomersRoute => BackOffice::Customers;
    AdminCustomerRoute => BackOffice::Customer;
    AdminPromotionsRoute => BackOffice::Promotions;
    AdminPromotionEditRoute => BackOffice::PromotionEdit;
    AdminReviewsRoute => BackOffice::Reviews;
    AdminInsightsRoute => BackOffice::Insights;
    AdminStaffRoute => BackOffice::Staff;
    AdminAuditRoute => BackOffice::Audit;
    AdminMailRoute => BackOffice::Mail;
    AdminLoyaltyRoute => BackOffice::Loyalty;
    AdminAfterSalesQueueRoute => BackOffice::AfterSalesQueue;
    AdminAfterSalesRoute => BackOffice::AfterSales;
    AdminAfterSalesSettingsRoute => BackOffice::AfterSalesSettings;
    AdminTicketsRoute => BackOffice::Tickets;
    AdminHelpRoute => BackOffice::Help;
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
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
                        <Route path=path!("/orders") view={Lazy::<OrdersRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/orders/:number") view={Lazy::<OrderRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/orders/:number/after-sales") view={Lazy::<NewAfterSalesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/after-sales") view={Lazy::<AfterSalesListRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/after-sales/:number") view={Lazy::<AfterSalesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/inbox") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/sandbox/pay/:reference") view={Lazy::<SandboxPayRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/password/forgot") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/password/reset") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/account/confirm") view={Lazy::<ConfirmEmailRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/unsubscribe") view={Lazy::<UnsubscribeRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/tickets") view={Lazy::<TicketsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/tickets/:number") view={Lazy::<TicketsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/help") view={Lazy::<HelpRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/help/:slug") view={Lazy::<HelpRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/account/privacy") view={Lazy::<PrivacySettingsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/privacy") view={Lazy::<PrivacyPolicyRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/display") view={Lazy::<DisplayRoute>::new()} ssr=SsrMode::Async />
                        <ParentRoute path=path!("/admin") view={Lazy::<AdminShellRoute>::new()} ssr=SsrMode::Async>
                            <Route path=path!("") view={Lazy::<AdminDashboardRoute>::new()} />
                            <Route path=path!("orders") view={Lazy::<AdminOrdersRoute>::new()} />
                            <Route path=path!("orders/:number") view={Lazy::<AdminOrderRoute>::new()} />
                            <Route path=path!("products") view={Lazy::<AdminProductsRoute>::new()} />
                            <Route path=path!("products/new") view={Lazy::<AdminProductEditRoute>::new()} />
                            <Route path=path!("products/import") view={Lazy::<AdminImportRoute>::new()} />
                            <Route path=path!("products/:id") view={Lazy::<AdminProductEditRoute>::new()} />
                            <Route path=path!("categories") view={Lazy::<AdminCategoriesRoute>::new()} />
                            <Route path=path!("inventory") view={Lazy::<AdminInventoryRoute>::new()} />
                            <Route path=path!("inventory/stocktake") view={Lazy::<AdminStocktakeRoute>::new()} />
                            <Route path=path!("customers") view={Lazy::<AdminCustomersRoute>::new()} />
                            <Route path=path!("customers/:id") view={Lazy::<AdminCustomerRoute>::new()} />
                            <Route path=path!("promotions") view={Lazy::<AdminPromotionsRoute>::new()} />
                            <Route path=path!("promotions/new") view={Lazy::<AdminPromotionEditRoute>::new()} />
                            <Route path=path!("promotions/:id") view={Lazy::<AdminPromotionEditRoute>::new()} />
                            <Route path=path!("reviews") view={Lazy::<AdminReviewsRoute>::new()} />
                            <Route path=path!("insights") view={Lazy::<AdminInsightsRoute>::new()} />
                            <Route path=path!("staff") view={Lazy::<AdminStaffRoute>::new()} />
                            <Route path=path!("audit") view={Lazy::<AdminAuditRoute>::new()} />
                            <Route path=path!("mail") view={Lazy::<AdminMailRoute>::new()} />
                            <Route path=path!("loyalty") view={Lazy::<AdminLoyaltyRoute>::new()} />
                            <Route path=path!("after-sales") view={Lazy::<AdminAfterSalesQueueRoute>::new()} />
                            <Route path=path!("after-sales/settings") view={Lazy::<AdminAfterSalesSettingsRoute>::new()} />
                            <Route path=path!("after-sales/:number") view={Lazy::<AdminAfterSalesRoute>::new()} />
                            <Route path=path!("tickets") view={Lazy::<AdminTicketsRoute>::new()} />
                            <Route path=path!("tickets/:number") view={Lazy::<AdminTicketsRoute>::new()} />
                            <Route path=path!("help") view={Lazy::<AdminHelpRoute>::new()} />
                            <Route path=path!("help/:id") view={Lazy::<AdminHelpRoute>::new()} />
                        </ParentRoute>
                    </Routes>
                </ui::shell::Layout>
            </Router>
        </I18nContextProvider>
    }
}

#[cfg(test)]
mod tests {
    use super::lazy_piece;

    #[test]
    fn each_page_names_the_piece_it_is_in() {
        assert_eq!(lazy_piece("/admin"), Some("back_office"));
        assert_eq!(lazy_piece("/admin/orders/A1"), Some("back_office"));
        assert_eq!(lazy_piece("/account/privacy"), Some("account_pages"));
        assert_eq!(lazy_piece("/orders/20261126-0001"), Some("account_pages"));
        assert_eq!(lazy_piece("/sign-in"), Some("account_pages"));
        assert_eq!(lazy_piece("/password/reset"), Some("account_pages"));
        assert_eq!(lazy_piece("/after-sales/AS1"), Some("account_pages"));
        assert_eq!(lazy_piece("/orders/1/after-sales"), Some("account_pages"));
        assert_eq!(lazy_piece("/tickets/TK1"), Some("account_pages"));
        // Storefront pages are in the main module; a prefix alone is no match.
        for path in [
            "/",
            "/c/apparel",
            "/p/tea-1",
            "/cart",
            "/checkout",
            "/administrator",
        ] {
            assert_eq!(lazy_piece(path), None, "{path}");
        }
    }
}
