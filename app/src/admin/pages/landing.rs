use crate::accounts::components::SignInForm;
use crate::admin::api::admin_overview;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::Seo;
use crate::ui::{ErrorNote, permission_text, role_text, use_auth};
use leptos::prelude::*;

#[component]
pub fn AdminLanding() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let overview = Resource::new(move || auth.version(), |_| admin_overview());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), admin.title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/admin"
        />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || overview.get().map(|r| match r {
                Ok(o) => {
                    let role = o.me.role;
                    let perms = o.me.permissions.clone();
                    let c = o.counts.clone();
                    view! {
                        <header class="page-head">
                            <h1>{t!(i18n, admin.title)}</h1>
                            <p class="muted">{t!(i18n, admin.welcome, name = o.me.display_name.clone())}</p>
                            <p>{t!(i18n, admin.your_role)} " " <span class="tag">{move || role_text(i18n.get_locale(), role)}</span></p>
                        </header>
                        <section class="section" aria-labelledby="stats-title">
                            <h2 id="stats-title">{t!(i18n, admin.stats_title)}</h2>
                            <dl class="stats">
                                <div><dt>{t!(i18n, admin.stat_customers)}</dt><dd>{c.customers}</dd></div>
                                <div><dt>{t!(i18n, admin.stat_staff)}</dt><dd>{c.staff}</dd></div>
                                <div><dt>{t!(i18n, admin.stat_products)}</dt><dd>{c.listed_products}</dd></div>
                                <div><dt>{t!(i18n, admin.stat_categories)}</dt><dd>{c.categories}</dd></div>
                            </dl>
                        </section>
                        <section class="section" aria-labelledby="perms-title">
                            <h2 id="perms-title">{t!(i18n, admin.your_permissions)}</h2>
                            <ul class="perm-list">
                                {perms.into_iter().map(|p| view! { <li>{move || permission_text(i18n.get_locale(), p)}</li> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                }
                Err(AppError::Unauthenticated) => view! {
                    <section class="auth-card">
                        <h1>{t!(i18n, admin.title)}</h1>
                        <p class="muted">{t!(i18n, admin.staff_only)}</p>
                        <SignInForm next=Some("/admin".to_string()) />
                    </section>
                }.into_any(),
                Err(AppError::Forbidden) => view! {
                    <section class="message-page">
                        <p class="big-code" aria-hidden="true">"403"</p>
                        <h1>{t!(i18n, admin.forbidden_title)}</h1>
                        <p>{t!(i18n, admin.forbidden_body)}</p>
                        <a class="btn primary" href="/">{t!(i18n, common.back_home)}</a>
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}
