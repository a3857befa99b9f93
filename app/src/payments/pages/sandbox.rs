//! The sandbox provider's hosted payment page. It stands for a provider's
//! website: the shopper pays (or fails, or cancels) here, never on the
//! shop's own forms, so no card data reaches the shop. Without JavaScript
//! its buttons post a form (`payments::forms`).
use crate::error::AppError;
use crate::i18n::*;
use crate::payments::api::{sandbox_charge, sandbox_decide};
use crate::payments::forms::SandboxDecideForm;
use crate::payments::{SandboxChargeStatus, SandboxOutcome};
use crate::ui::kit::{ErrorNote, NotFound, Seo, error_text, format_money};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SandboxPayPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference").unwrap_or_default());
    let charge = crate::ui::kit::resource(reference, sandbox_charge);
    let busy = RwSignal::new(false);
    // A decision posted without JavaScript that failed comes back here with
    // its error in the URL.
    let refused = ServerAction::<SandboxDecideForm>::new()
        .value()
        .get_untracked()
        .and_then(Result::err);
    let error = RwSignal::new(refused);
    let decide = move |ev: leptos::ev::MouseEvent, outcome: SandboxOutcome| {
        ev.prevent_default();
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
        // out for /sandbox/ paths (ui::shell::Layout).
        <div class="provider-page">
            <div class="provider-bar">
                <span class="provider-mark" aria-hidden="true"></span>
                <span data-testid="provider-name">{t!(i18n, checkout.sandbox_provider)}</span>
            </div>
            <section class="sandbox-pay auth-card">
                <p class="sandbox-brand" data-testid="sandbox-badge">{t!(i18n, checkout.sandbox_brand)}</p>
                <h1>{t!(i18n, checkout.sandbox_title)}</h1>
                <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                    {crate::ui::kit::drawn(charge, move |r| match r {
                        Ok(c) if c.status == SandboxChargeStatus::Open => view! {
                            <p class="muted">{t!(i18n, checkout.sandbox_merchant)}" · "{c.merchant_order.clone()}</p>
                            <p class="price big" data-testid="sandbox-amount">{format_money(c.amount_minor, &c.currency)}</p>
                            <p class="muted">{t!(i18n, checkout.sandbox_note)}</p>
                            {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> })}
                            <form class="stack" method="post" action=SandboxDecideForm::url()>
                                <input type="hidden" name="reference" value=reference() />
                                <button type="submit" name="outcome" value="pay" class="btn primary block" data-testid="sandbox-pay" disabled=move || busy.get()
                                    on:click=move |ev| decide(ev, SandboxOutcome::Pay)>{t!(i18n, checkout.sandbox_pay)}</button>
                                <button type="submit" name="outcome" value="fail" class="btn block" data-testid="sandbox-fail" disabled=move || busy.get()
                                    on:click=move |ev| decide(ev, SandboxOutcome::Fail)>{t!(i18n, checkout.sandbox_fail)}</button>
                                <button type="submit" name="outcome" value="cancel" class="btn block" data-testid="sandbox-cancel" disabled=move || busy.get()
                                    on:click=move |ev| decide(ev, SandboxOutcome::Cancel)>{t!(i18n, checkout.sandbox_cancel)}</button>
                            </form>
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
