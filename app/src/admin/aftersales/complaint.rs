//! The complaint on a request, as the back office shows it: the shopper's
//! statement beside the request's own evidence and timeline (drawn by the
//! request page), and the decision, which only a super admin or the
//! operations manager may take; everyone else sees that it waits for them.
use super::api::DecideComplaint;
use super::request::Outcome;
use crate::accounts::Permission;
use crate::admin::shell::use_admin;
use crate::aftersales::complaint::{ComplaintStatus, ComplaintView};
use crate::aftersales::components::{complaint_text, status_text};
use crate::i18n::*;
use crate::ui::kit::form_data;
use leptos::prelude::*;

#[component]
pub fn ComplaintPanel(
    number: String,
    c: ComplaintView,
    action: ServerAction<DecideComplaint>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = c.status;
    let was = c.request_status;
    let may_decide = use_admin().can(Permission::AfterSalesComplaints);
    view! {
        <section class="section panel complaint" aria-labelledby="complaint-title" data-testid="staff-complaint">
            <h2 id="complaint-title">{t!(i18n, aftersales.complaint)}" "
                <span class=if status == ComplaintStatus::Open { "tag danger" } else { "tag" } data-testid="staff-complaint-status">
                    {move || complaint_text(i18n.get_locale(), status)}
                </span>
            </h2>
            <dl class="summary">
                <div><dt>{t!(i18n, aftersales.complaint_statement)}</dt><dd data-testid="complaint-statement">{c.statement.clone()}</dd></div>
                <div><dt>{t!(i18n, aftersales.complaint_filed)}</dt><dd>{c.opened_at.clone()}</dd></div>
                <div><dt>{t!(i18n, aftersales.complaint_about)}</dt><dd>{move || status_text(i18n.get_locale(), was)}</dd></div>
                {c.decided_at.clone().map(|at| view! {
                    <div><dt>{t!(i18n, aftersales.complaint_decision)}</dt><dd data-testid="staff-complaint-decision">{c.decision.clone()}" · "{at}</dd></div>
                })}
            </dl>
            {match (status, may_decide) {
                (ComplaintStatus::Open, true) => view! { <DecideForm number action /> }.into_any(),
                (ComplaintStatus::Open, false) => view! {
                    <p class="muted" data-testid="complaint-not-yours">{t!(i18n, aftersales.complaint_managers_only)}</p>
                }.into_any(),
                _ => view! { <p class="muted">{t!(i18n, aftersales.complaint_final)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn DecideForm(number: String, action: ServerAction<DecideComplaint>) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(DecideComplaint {
            number: number.clone(),
            upheld: f("outcome") == "upheld",
            decision: f("decision"),
        });
    };
    let error = Signal::derive(move || super::request::outcome(action.value().get()));
    view! {
        <form class="stack-form after-sales-form" on:submit=submit data-testid="complaint-form">
            <fieldset class="choice-group">
                <legend>{t!(i18n, aftersales.complaint_outcome)}</legend>
                <label class="choice">
                    <input type="radio" name="outcome" value="upheld" required />
                    <span>{t!(i18n, aftersales.complaint_uphold)}</span>
                </label>
                <label class="choice">
                    <input type="radio" name="outcome" value="dismissed" required />
                    <span>{t!(i18n, aftersales.complaint_dismiss)}</span>
                </label>
            </fieldset>
            <label class="field">
                <span>{t!(i18n, aftersales.complaint_decision_label)}</span>
                <textarea name="decision" required maxlength="500" rows="3"></textarea>
            </label>
            <p class="muted">{t!(i18n, aftersales.complaint_final)}</p>
            <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, aftersales.complaint_decide)}</button>
            <Outcome error=error />
        </form>
    }
}
