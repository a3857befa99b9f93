//! The sandbox provider's hosted payment page. It stands for a provider's
//! website: the shopper pays (or fails, or cancels) here, never on the
//! shop's own forms, so no card data reaches the shop.
use crate::error::AppError;
use crate::i18n::*;
use crate::payments::SandboxOutcome;
use crate::payments::api::{sandbox_charge, sandbox_decide};
use crate::ui::{ErrorNote, NotFound, Seo, error_text, format_money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SandboxPayPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference").unwrap_or_default());
    let charge = Resource::new(reference, sandbox_charge);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let decide = move |outcome: SandboxOutcome| {
        let r = reference();
        busy.set(true);
        spawn_local(async move {
            match sandbox_decide(r, outcome).await {
                Ok(back) => {
                    let _ = window().location().set_href(&back);
                }
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), checkout.sandbox_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/sandbox"
        />
        // The provider's own frame: the shop's header and footer are left
        // out for /sandbox/ paths (ui::Layout).
        <div class="provider-page">
            <div class="provider-bar">
                <span class="provider-mark" aria-hidden="true"></span>
                <span data-testid="provider-name">{t!(i18n, checkout.sandbox_provider)}</span>
            </div>
            <section class="sandbox-pay auth-card">
                <p class="sandbox-brand" data-testid="sandbox-badge">{t!(i18n, checkout.sandbox_brand)}</p>
                <h1>{t!(i18n, checkout.sandbox_title)}</h1>
                <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                    {move || charge.get().map(|r| match r {
                        Ok(c) if c.status == "open" => view! {
                            <p class="muted">{t!(i18n, checkout.sandbox_merchant)}" · "{c.merchant_order.clone()}</p>
                            <p class="price big" data-testid="sandbox-amount">{format_money(c.amount_minor, &c.currency)}</p>
                            <p class="muted">{t!(i18n, checkout.sandbox_note)}</p>
                            {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> })}
                            <div class="stack">
                                <button class="btn primary block" data-testid="sandbox-pay" disabled=move || busy.get()
                                    on:click=move |_| decide(SandboxOutcome::Pay)>{t!(i18n, checkout.sandbox_pay)}</button>
                                <button class="btn block" data-testid="sandbox-fail" disabled=move || busy.get()
                                    on:click=move |_| decide(SandboxOutcome::Fail)>{t!(i18n, checkout.sandbox_fail)}</button>
                                <button class="btn block" data-testid="sandbox-cancel" disabled=move || busy.get()
                                    on:click=move |_| decide(SandboxOutcome::Cancel)>{t!(i18n, checkout.sandbox_cancel)}</button>
                            </div>
                        }.into_any(),
                        Ok(c) => view! {
                            <p>{t!(i18n, checkout.sandbox_settled)}</p>
                            <a class="btn primary" rel="external" href=c.return_url.clone()>{t!(i18n, checkout.sandbox_back)}</a>
                        }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    })}
                </Transition>
            </section>
        </div>
    }
}
