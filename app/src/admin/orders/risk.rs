//! Risk review in the back office: an order's score and reasons with the
//! decision (release it to ship, or cancel it), and the rules and
//! threshold, edited above the review queue (`/admin/orders?risk=held`).
use super::api::{ReviewOrder, SaveRiskPolicy, risk_policy};
use crate::accounts::Permission;
use crate::admin::shell::use_admin;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::risk::{OrderRisk, PolicyForm, RiskHold, RiskReason, RiskRule};
use crate::ui::kit::{FormStatus, error_text, form_data};
use leptos::prelude::*;

/// A rule that fired, in words with what it saw.
pub fn reason_text(locale: Locale, r: &RiskReason) -> String {
    let n = r.observed;
    match r.rule {
        RiskRule::AddressBurst => td_string!(locale, admin.risk_reason_burst, n = n).to_string(),
        RiskRule::CodRefused => td_string!(locale, admin.risk_reason_cod, n = n).to_string(),
        RiskRule::RefundRate => td_string!(locale, admin.risk_reason_refunds, n = n).to_string(),
        RiskRule::DisposableEmail => td_string!(locale, admin.risk_reason_email).to_string(),
    }
}

/// A message in words, with the back office's own keys (kept out of the
/// storefront's bundle, whose `error_text` only knows them as "bad request").
pub fn risk_error_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::DomainInvalid => td_string!(locale, errors.domain_invalid),
        ErrorKey::OrderHeld => td_string!(locale, errors.order_held),
        other => error_text(locale, other),
    }
}

pub fn hold_text(locale: Locale, h: RiskHold) -> &'static str {
    match h {
        RiskHold::None => td_string!(locale, admin.risk_none),
        RiskHold::Held => td_string!(locale, admin.risk_held),
        RiskHold::Released => td_string!(locale, admin.risk_released),
        RiskHold::Rejected => td_string!(locale, admin.risk_rejected),
    }
}

/// The review on an order's page; shown once a rule fired.
#[component]
pub fn RiskPanel(
    number: String,
    risk: OrderRisk,
    action: ServerAction<ReviewOrder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hold = risk.hold;
    let (score, threshold) = (risk.score, risk.threshold);
    let decide = hold == RiskHold::Held && use_admin().can(Permission::OrderRisk);
    view! {
        <section class="section panel risk" aria-labelledby="risk-title" data-testid="risk-panel">
            <h2 id="risk-title">{t!(i18n, admin.risk_title)}" "
                <span class=if hold == RiskHold::Held { "tag danger" } else { "tag" } data-testid="risk-hold">
                    {move || hold_text(i18n.get_locale(), hold)}
                </span>
            </h2>
            <p data-testid="risk-score">{move || td_string!(i18n.get_locale(), admin.risk_score_line, score = score, threshold = threshold).to_string()}</p>
            <ul class="plain" data-testid="risk-reasons">
                {risk.reasons.iter().map(|r| {
                    let (r, points) = (r.clone(), r.points);
                    view! { <li>{move || reason_text(i18n.get_locale(), &r)}" "<span class="muted">{move || td_string!(i18n.get_locale(), admin.risk_points, n = points).to_string()}</span></li> }
                }).collect_view()}
            </ul>
            {decide.then(|| view! { <ReviewForm number action /> })}
            {(hold == RiskHold::Held && !decide).then(|| view! { <p class="muted">{t!(i18n, admin.risk_managers_only)}</p> })}
        </section>
    }
}

#[component]
fn ReviewForm(number: String, action: ServerAction<ReviewOrder>) -> impl IntoView {
    let i18n = use_i18n();
    let n = number.clone();
    let release = move |_| {
        action.dispatch(ReviewOrder {
            number: n.clone(),
            release: true,
            reason: String::new(),
        });
    };
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reason = form_data(&ev)("reason");
        action.dispatch(ReviewOrder {
            number: number.clone(),
            release: false,
            reason,
        });
    };
    let result = Signal::derive(move || action.value().get());
    let field = Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field("reason"))
    });
    view! {
        <div class="button-row">
            <button class="btn primary" type="button" on:click=release disabled=move || action.pending().get()>{t!(i18n, admin.risk_release)}</button>
        </div>
        <form class="inline-form" on:submit=reject aria-labelledby="risk-reject-title">
            <h3 id="risk-reject-title">{t!(i18n, admin.risk_reject_title)}</h3>
            <label class="grow">
                <span>{t!(i18n, admin.reason)}</span>
                <input name="reason" required maxlength="200" />
            </label>
            <button class="btn danger" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin.risk_reject)}</button>
            <p class="field-error" aria-live="polite">{move || field.get().map(|k| error_text(i18n.get_locale(), k))}</p>
        </form>
        <FormStatus result=result />
    }
}

/// The rules and the threshold, for those who may change them.
#[component]
pub fn RiskRules() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveRiskPolicy>::new();
    let form = crate::ui::kit::resource(move || save.version().get(), |_| risk_policy());
    view! {
        <details class="panel risk-rules" data-testid="risk-rules">
            <summary>{t!(i18n, admin.risk_rules_title)}</summary>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(form, move |r| match r {
                    Ok(f) => view! { <RulesForm f save /> }.into_any(),
                    Err(e) => view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> }.into_any(),
                })}
            </Transition>
        </details>
    }
}

/// One number field of the rules form, with its own message.
fn number(
    name: &'static str,
    label: &'static str,
    value: String,
    save: ServerAction<SaveRiskPolicy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e: AppError| e.field(name))
    };
    view! {
        <label>
            <span>{label}</span>
            <input name=name inputmode="numeric" value=value required />
            <span class="field-error" aria-live="polite">{move || error().map(|k| error_text(i18n.get_locale(), k))}</span>
        </label>
    }
}

#[component]
fn RulesForm(f: PolicyForm, save: ServerAction<SaveRiskPolicy>) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        save.dispatch(SaveRiskPolicy {
            form: PolicyForm {
                threshold: v("threshold"),
                burst_points: v("burst_points"),
                burst_orders: v("burst_orders"),
                burst_minutes: v("burst_minutes"),
                cod_points: v("cod_points"),
                cod_refusals: v("cod_refusals"),
                refund_points: v("refund_points"),
                refund_percent: v("refund_percent"),
                refund_min_orders: v("refund_min_orders"),
                email_points: v("email_points"),
                disposable_domains: v("disposable_domains"),
            },
        });
    };
    let l = move || i18n.get_locale();
    let domains_error = move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field("disposable_domains"))
    };
    view! {
        <form class="stack-form risk-form" on:submit=submit aria-label=move || td_string!(l(), admin.risk_rules_title)>
            <p class="muted">{t!(i18n, admin.risk_rules_hint)}</p>
            <div class="inline-form">{number("threshold", td_string!(l(), admin.risk_threshold), f.threshold, save)}</div>
            <fieldset class="choice-group">
                <legend>{t!(i18n, admin.risk_rule_burst)}</legend>
                <div class="inline-form">
                {number("burst_points", td_string!(l(), admin.risk_points_label), f.burst_points, save)}
                {number("burst_orders", td_string!(l(), admin.risk_burst_orders), f.burst_orders, save)}
                {number("burst_minutes", td_string!(l(), admin.risk_burst_minutes), f.burst_minutes, save)}
                </div>
            </fieldset>
            <fieldset class="choice-group">
                <legend>{t!(i18n, admin.risk_rule_cod)}</legend>
                <div class="inline-form">
                {number("cod_points", td_string!(l(), admin.risk_points_label), f.cod_points, save)}
                {number("cod_refusals", td_string!(l(), admin.risk_cod_refusals), f.cod_refusals, save)}
                </div>
            </fieldset>
            <fieldset class="choice-group">
                <legend>{t!(i18n, admin.risk_rule_refunds)}</legend>
                <div class="inline-form">
                {number("refund_points", td_string!(l(), admin.risk_points_label), f.refund_points, save)}
                {number("refund_percent", td_string!(l(), admin.risk_refund_percent), f.refund_percent, save)}
                {number("refund_min_orders", td_string!(l(), admin.risk_refund_min_orders), f.refund_min_orders, save)}
                </div>
            </fieldset>
            <fieldset class="choice-group">
                <legend>{t!(i18n, admin.risk_rule_email)}</legend>
                <div class="inline-form">
                {number("email_points", td_string!(l(), admin.risk_points_label), f.email_points, save)}
                <label class="grow">
                    <span>{t!(i18n, admin.risk_domains)}</span>
                    <textarea name="disposable_domains" rows="4">{f.disposable_domains}</textarea>
                    <span class="field-error" aria-live="polite">{move || domains_error().map(|k| risk_error_text(i18n.get_locale(), k))}</span>
                </label>
                </div>
            </fieldset>
            <button class="btn primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, admin.risk_save)}</button>
            <FormStatus result=Signal::derive(move || save.value().get())
                success=Signal::derive(move || td_string!(l(), admin.risk_saved).to_string()) />
        </form>
    }
}
