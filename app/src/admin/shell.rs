//! The frame around every back-office page: the staff check, and a
//! navigation that lists only the sections the role may open (with badges
//! for low stock, orders to ship and reviews to moderate).
use super::Overview;
use super::api::admin_overview;
use crate::accounts::Permission;
use crate::accounts::components::SignInForm;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Seo, use_auth};
use leptos::prelude::*;
use leptos::suspense::Unsuspend;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

/// What the signed-in staff member may do, for pages that hide buttons.
#[derive(Clone, Copy)]
pub struct AdminMe(pub Signal<Option<Overview>>);

impl AdminMe {
    pub fn can(&self, p: Permission) -> bool {
        self.0.with(|o| o.as_ref().is_some_and(|o| o.me.can(p)))
    }
}

pub fn use_admin() -> AdminMe {
    use_context::<AdminMe>().unwrap_or(AdminMe(Signal::derive(|| None)))
}

/// Bumped after a change that moves a badge count (stock, shipping, reviews).
#[derive(Clone, Copy)]
pub struct AdminTick(pub RwSignal<u32>);

pub fn bump_badges() {
    if let Some(t) = use_context::<AdminTick>() {
        t.0.update(|n| *n += 1);
    }
}

#[component]
pub fn AdminShell() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let tick = AdminTick(RwSignal::new(0));
    provide_context(tick);
    // Who is signed in decides whether the frame shows; it reloads only when
    // someone signs in or out, so the page inside keeps its state.
    let overview = crate::ui::kit::resource(move || auth.version(), |_| admin_overview());
    // Badge counts reload after changes that move them. Not a Resource:
    // one first read late inside the Transition could make the server
    // render the page twice (and the browser's hydration then disagree);
    // an effect only runs in the browser, after hydration.
    let badges = RwSignal::new(None::<super::ShopCounts>);
    Effect::new(move |_| {
        if tick.0.get() == 0 {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(o) = admin_overview().await {
                badges.set(Some(o.counts));
            }
        });
    });
    let me = Signal::derive(move || overview.get().and_then(|r| r.ok()));
    provide_context(AdminMe(me));
    // A signed-out visitor signs in right here and comes back to the very
    // page asked for, not to the dashboard.
    let location = use_location();
    let (pathname, search) = (location.pathname, location.search);
    let here = move || {
        let (path, query) = (pathname.get_untracked(), search.get_untracked());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), admin.title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/admin"
        />
        // The back office's own styles, after those it shares with the
        // account pages: shoppers download neither.
        <crate::ui::kit::PagesStyles />
        <leptos_meta::Stylesheet id="admin-css" href=super::ADMIN_CSS_URL />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                let state = overview.get();
                // The server's Suspense calls this closure several times
                // (dry runs, then the real render). Building the page inside
                // would create its Resources more than once and shift the ids
                // the browser hydrates against; `Unsuspend` defers the build
                // to the one real render.
                Unsuspend::new(move || state.map(|r| match r {
                    Ok(o) => view! {
                        <div class="admin">
                            <AdminNav me=o badges />
                            <div class="admin-main"><Outlet /></div>
                        </div>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        set_status(&AppError::Unauthenticated);
                        view! {
                            <section class="auth-card" data-testid="admin-sign-in">
                                <h1>{t!(i18n, admin.title)}</h1>
                                <p class="muted">{t!(i18n, admin.staff_only)}</p>
                                <SignInForm next=Some(here()) />
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <AdminError error=e /> }.into_any(),
                }))
            }}
        </Transition>
    }
}

/// The HTTP status of a server-rendered back-office page that shows `error`
/// instead of its content: a refused page must not answer 200 to scripts,
/// monitors and crawlers. Routes render with `SsrMode::Async`, so the whole
/// page is built before the status line is sent. Nothing to do in the browser.
fn set_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// A refused or failed back-office request: 403 gets its own panel. On the
/// server the page answers with the error's status (403 for a role that may
/// not open the section, whether the shell or `gated` refused it).
#[component]
pub fn AdminError(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    set_status(&error);
    match error {
        AppError::Forbidden => view! {
            <section class="message-page" data-testid="forbidden">
                <p class="big-code" aria-hidden="true">"403"</p>
                <h1>{t!(i18n, admin.forbidden_title)}</h1>
                <p>{t!(i18n, admin.forbidden_section)}</p>
                <a class="btn primary" href="/admin">{t!(i18n, admin.back_to_admin)}</a>
            </section>
        }
        .into_any(),
        e => view! { <ErrorNote error=e /> }.into_any(),
    }
}

struct NavItem {
    href: &'static str,
    permission: Permission,
    label: fn(Locale) -> &'static str,
    badge: fn(&super::ShopCounts) -> i64,
}

fn none(_: &super::ShopCounts) -> i64 {
    0
}

const NAV: &[NavItem] = &[
    NavItem {
        href: "/admin",
        permission: Permission::AdminAccess,
        label: |l| td_string!(l, admin.nav_dashboard),
        badge: none,
    },
    NavItem {
        href: "/admin/orders",
        permission: Permission::OrderRead,
        label: |l| td_string!(l, admin.nav_orders),
        badge: |c| c.awaiting_shipment,
    },
    NavItem {
        href: "/admin/after-sales",
        permission: Permission::AfterSalesHandle,
        label: |l| td_string!(l, admin.nav_after_sales),
        badge: |c| c.after_sales_due,
    },
    NavItem {
        href: "/admin/tickets",
        permission: Permission::TicketWork,
        label: |l| td_string!(l, admin.nav_tickets),
        badge: |c| c.tickets_due,
    },
    NavItem {
        href: "/admin/help",
        permission: Permission::HelpEdit,
        label: |l| td_string!(l, admin.nav_help),
        badge: none,
    },
    NavItem {
        href: "/admin/products",
        permission: Permission::ProductEdit,
        label: |l| td_string!(l, admin.nav_products),
        badge: none,
    },
    NavItem {
        href: "/admin/categories",
        permission: Permission::CategoryEdit,
        label: |l| td_string!(l, admin.nav_categories),
        badge: none,
    },
    NavItem {
        href: "/admin/inventory",
        permission: Permission::StockAdjust,
        label: |l| td_string!(l, admin.nav_inventory),
        badge: |c| c.low_stock,
    },
    NavItem {
        href: "/admin/customers",
        permission: Permission::CustomerRead,
        label: |l| td_string!(l, admin.nav_customers),
        badge: none,
    },
    NavItem {
        href: "/admin/promotions",
        permission: Permission::PromotionEdit,
        label: |l| td_string!(l, admin.nav_promotions),
        badge: none,
    },
    NavItem {
        href: "/admin/reviews",
        permission: Permission::ReviewModerate,
        label: |l| td_string!(l, admin.nav_reviews),
        badge: |c| c.pending_reviews,
    },
    NavItem {
        href: "/admin/loyalty",
        permission: Permission::PromotionEdit,
        label: |l| td_string!(l, admin.nav_loyalty),
        badge: none,
    },
    NavItem {
        href: "/admin/insights",
        permission: Permission::ReportRead,
        label: |l| td_string!(l, admin.nav_insights),
        badge: none,
    },
    NavItem {
        href: "/admin/staff",
        permission: Permission::StaffManage,
        label: |l| td_string!(l, admin.nav_staff),
        badge: none,
    },
    NavItem {
        href: "/admin/mail",
        permission: Permission::MailManage,
        label: |l| td_string!(l, admin.nav_mail),
        badge: |c| c.dead_mail,
    },
    NavItem {
        href: "/admin/audit",
        permission: Permission::AuditRead,
        label: |l| td_string!(l, admin.nav_audit),
        badge: none,
    },
];

#[component]
fn AdminNav(me: Overview, badges: RwSignal<Option<super::ShopCounts>>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let items = NAV
        .iter()
        .filter(|item| me.me.can(item.permission))
        .map(|item| {
            let href = item.href;
            let label = item.label;
            let count = item.badge;
            let first = count(&me.counts);
            // The latest counts once reloaded; the page's own until then.
            let badge = move || badges.get().map_or(first, |c| count(&c));
            let current = move || {
                let path = location.pathname.get();
                let on = if href == "/admin" {
                    path == "/admin" || path == "/admin/"
                } else {
                    path == href || path.starts_with(&format!("{href}/"))
                };
                on.then_some("page")
            };
            view! {
                <li>
                    <a href=href aria-current=current>
                        {move || label(i18n.get_locale())}
                        {move || {
                            let n = badge();
                            (n > 0).then(|| view! { <span class="badge" data-testid=format!("badge-{}", href.trim_start_matches("/admin/"))>{n}</span> })
                        }}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="admin-nav" aria-label=move || td_string!(i18n.get_locale(), admin.nav_label)>
            <ul>{items}</ul>
        </nav>
    }
}

/// A back-office route that needs `permission`: a role without it gets the
/// 403 panel (and, rendered on the server, status 403) rather than a page of
/// refused calls (the server refuses them anyway). The page is only built once the shell knows who is signed in, so
/// its Resources are created once per render.
pub fn gated<F, V>(permission: Permission, page: F) -> impl Fn() -> AnyView + Clone + Send + 'static
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        let admin = use_admin();
        let page = page.clone();
        (move || {
            if admin.can(permission) {
                page().into_any()
            } else {
                view! { <AdminError error=AppError::Forbidden /> }.into_any()
            }
        })
        .into_any()
    }
}
