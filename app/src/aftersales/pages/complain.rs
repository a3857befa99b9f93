//! The shopper's complaint (投诉) on the request page: the form while one
//! may be filed, and the complaint and its decision once it is.
use crate::aftersales::api::complain_after_sales;
use crate::aftersales::complaint::{ComplaintStatus, ComplaintView};
use crate::aftersales::components::{act, complaint_text, refusal_text};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::form_data;
use leptos::prelude::*;

#[component]
pub fn ComplaintSection(
    number: String,
    /// A guest's request link secret.
    token: Option<String>,
    complaint: Option<ComplaintView>,
    until: Option<String>,
    version: RwSignal<u32>,
) -> impl IntoView {
    match (complaint, until) {
        (Some(c), _) => view! { <Filed c /> }.into_any(),
        (None, Some(until)) => {
            view! { <ComplainForm number=(number, token) until version /> }.into_any()
        }
        (None, None) => ().into_any(),
    }
}

#[component]
fn Filed(c: ComplaintView) -> impl IntoView {
    let i18n = use_i18n();
    let status = c.status;
    view! {
        <section class="panel complaint" aria-labelledby="complaint-title" data-testid="complaint">
            <h2 id="complaint-title">{t!(i18n, aftersales.complaint)}</h2>
            <p>
                <span class=if status == ComplaintStatus::Open { "tag warn" } else { "tag" } data-testid="complaint-status">
                    {move || complaint_text(i18n.get_locale(), status)}
                </span>
                " "<span class="muted">{c.opened_at.clone()}</span>
            </p>
            <p class="muted">{t!(i18n, aftersales.complaint_yours)}{t!(i18n, common.colon)}{c.statement.clone()}</p>
            {match (status, c.decided_at.clone()) {
                (ComplaintStatus::Open, _) | (_, None) => view! {
                    <p>{t!(i18n, aftersales.complaint_waiting)}</p>
                }.into_any(),
                (_, Some(at)) => view! {
                    <p data-testid="complaint-decision">
                        <strong>{t!(i18n, aftersales.complaint_decision)}{t!(i18n, common.colon)}</strong>
                        {c.decision.clone()}" "<span class="muted">{at}</span>
                    </p>
                    <p class="muted">{t!(i18n, aftersales.complaint_final)}</p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ComplainForm(
    number: (String, Option<String>),
    until: String,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let open = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let ((number, token), statement) = (number.clone(), f("statement"));
        act(
            busy,
            error,
            version,
            complain_after_sales(number, token, statement),
        );
    };
    let until_text = until.clone();
    view! {
        <section class="panel complaint" aria-labelledby="complain-title">
            <h2 id="complain-title">{t!(i18n, aftersales.complain_title)}</h2>
            <p class="muted" data-testid="complain-until">
                {move || td_string!(i18n.get_locale(), aftersales.complain_hint, until = until_text.clone()).to_string()}
            </p>
            <Show when=move || open.get() fallback=move || view! {
                <button class="btn" type="button" on:click=move |_| open.set(true)>{t!(i18n, aftersales.complain_start)}</button>
            }>
                <form class="stack-form after-sales-form" on:submit=submit.clone()>
                    <label class="field">
                        <span>{t!(i18n, aftersales.complain_statement)}</span>
                        <textarea name="statement" required maxlength="1000" rows="4"></textarea>
                        {move || error.get().and_then(|e| e.field("statement")).map(|k| view! {
                            <span class="field-error" role="alert">{move || refusal_text(i18n.get_locale(), k)}</span>
                        })}
                    </label>
                    {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                        <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), e.key())}</p>
                    })}
                    <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, aftersales.complain_submit)}</button>
                </form>
            </Show>
        </section>
    }
}
