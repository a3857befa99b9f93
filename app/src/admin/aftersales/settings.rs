//! `/admin/after-sales/settings`: the after-sales policy (deadlines, the
//! return window, where returns go), the reasons shoppers choose from in
//! both languages, and the rules that approve new requests by themselves.
use super::api::{
    AddAfterSalesRule, DeleteAfterSalesRule, SaveAfterSalesPolicy, SaveAfterSalesReason,
    after_sales_settings,
};
use super::request::{Outcome, outcome};
use crate::admin::customers::pages::level_text;
use crate::admin::shell::AdminError;
use crate::aftersales::components::kind_text;
use crate::aftersales::rules::{
    AutoRule, LEVELS, Policy, ReasonEdit, ReasonRow, RuleEdit, Settings,
};
use crate::aftersales::{Fault, RequestKind};
use crate::i18n::*;
use crate::ui::kit::{form_data, format_money};
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Actions {
    policy: ServerAction<SaveAfterSalesPolicy>,
    reason: ServerAction<SaveAfterSalesReason>,
    add_rule: ServerAction<AddAfterSalesRule>,
    delete_rule: ServerAction<DeleteAfterSalesRule>,
}

#[component]
pub fn AfterSalesSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let a = Actions {
        policy: ServerAction::new(),
        reason: ServerAction::new(),
        add_rule: ServerAction::new(),
        delete_rule: ServerAction::new(),
    };
    let settings = crate::ui::kit::resource(
        move || {
            (
                a.policy.version().get(),
                a.reason.version().get(),
                a.add_rule.version().get(),
                a.delete_rule.version().get(),
            )
        },
        |_| after_sales_settings(),
    );
    view! {
        <p><a href="/admin/after-sales">{t!(i18n, aftersales.staff_back)}</a></p>
        <header class="page-head"><h1>{t!(i18n, aftersales.settings_title)}</h1></header>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(settings, move |r| match r {
                Ok(s) => view! {
                    <PolicyForm policy=s.policy.clone() action=a.policy />
                    <ReasonsPanel reasons=s.reasons.clone() action=a.reason />
                    <RulesPanel settings=s a />
                }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

/// An action's result without its value: only whether it went through.
fn done<T>(
    v: Option<Result<T, crate::error::AppError>>,
) -> Option<Result<(), crate::error::AppError>> {
    v.map(|r| r.map(|_| ()))
}

/// "Saved" once an action went through, else its refusal.
#[component]
fn Saved(#[prop(into)] value: Signal<Option<Result<(), crate::error::AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || matches!(value.get(), Some(Ok(()))).then(|| view! {
            <p class="form-status ok" role="status">{t!(i18n, aftersales.settings_saved)}</p>
        })}
        <Outcome error=Signal::derive(move || outcome(value.get())) />
    }
}

fn number_field(name: &'static str, label: &'static str, value: i32, max: i32) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <input type="number" name=name min="0" max=max.to_string() value=value.to_string() inputmode="numeric" required />
        </label>
    }
}

#[component]
fn PolicyForm(policy: Policy, action: ServerAction<SaveAfterSalesPolicy>) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let n = |k: &str| f(k).trim().parse::<i32>().unwrap_or(-1);
        action.dispatch(SaveAfterSalesPolicy {
            policy: Policy {
                return_days: n("return_days"),
                warranty_days: n("warranty_days"),
                answer_days: n("answer_days"),
                ship_days: n("ship_days"),
                receive_days: n("receive_days"),
                return_address: f("return_address"),
            },
        });
    };
    let l = i18n.get_locale_untracked();
    view! {
        <section class="section panel" aria-labelledby="policy-title">
            <h2 id="policy-title">{t!(i18n, aftersales.policy_title)}</h2>
            <form class="stack-form" on:submit=submit>
                <div class="inline-form">
                    {number_field("return_days", td_string!(l, aftersales.policy_return_days), policy.return_days, 365)}
                    {number_field("warranty_days", td_string!(l, aftersales.policy_warranty_days), policy.warranty_days, 3650)}
                    {number_field("answer_days", td_string!(l, aftersales.policy_answer_days), policy.answer_days, 30)}
                    {number_field("ship_days", td_string!(l, aftersales.policy_ship_days), policy.ship_days, 60)}
                    {number_field("receive_days", td_string!(l, aftersales.policy_receive_days), policy.receive_days, 60)}
                </div>
                <label class="field">
                    <span>{t!(i18n, aftersales.policy_return_address)}</span>
                    <textarea name="return_address" rows="2" maxlength="300" required>{policy.return_address.clone()}</textarea>
                </label>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, aftersales.policy_save)}</button>
                <Saved value=Signal::derive(move || done(action.value().get())) />
            </form>
        </section>
    }
}

/// The fields of one reason (empty for a new one).
fn reason_fields(r: Option<&ReasonRow>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let fault = r.map_or(Fault::Seller, |r| r.fault);
    let l = i18n.get_locale_untracked();
    view! {
        <label>
            <span>{t!(i18n, aftersales.reason_name_zh)}</span>
            <input name="name_zh" maxlength="60" required value=r.map(|r| r.name_zh.clone()).unwrap_or_default() />
        </label>
        <label>
            <span>{t!(i18n, aftersales.reason_name_en)}</span>
            <input name="name_en" maxlength="60" required value=r.map(|r| r.name_en.clone()).unwrap_or_default() />
        </label>
        <label>
            <span>{t!(i18n, aftersales.reason_fault)}</span>
            <select name="fault">
                <option value="seller" selected=fault == Fault::Seller>{t!(i18n, aftersales.seller_pays)}</option>
                <option value="change_of_mind" selected=fault == Fault::ChangeOfMind>{t!(i18n, aftersales.buyer_pays)}</option>
            </select>
        </label>
        {number_field("photos_required", td_string!(l, aftersales.reason_photos), r.map_or(0, |r| r.photos_required), 5)}
        {number_field("position", td_string!(l, aftersales.reason_position), r.map_or(100, |r| r.position), 10_000)}
        <label class="check">
            <input type="checkbox" name="active" checked=r.is_none_or(|r| r.active) />
            <span>{t!(i18n, aftersales.reason_active)}</span>
        </label>
    }
}

fn read_reason(ev: &leptos::ev::SubmitEvent, id: Option<i64>) -> ReasonEdit {
    let f = form_data(ev);
    let n = |k: &str| f(k).trim().parse::<i32>().unwrap_or(-1);
    ReasonEdit {
        id,
        name_zh: f("name_zh"),
        name_en: f("name_en"),
        fault: if f("fault") == "change_of_mind" {
            Fault::ChangeOfMind
        } else {
            Fault::Seller
        },
        photos_required: n("photos_required"),
        active: f("active") == "on",
        position: n("position"),
    }
}

#[component]
fn ReasonsPanel(
    reasons: Vec<ReasonRow>,
    action: ServerAction<SaveAfterSalesReason>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SaveAfterSalesReason {
            reason: read_reason(&ev, None),
        });
    };
    view! {
        <section class="section panel" aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t!(i18n, aftersales.reasons_title)}</h2>
            <p class="muted">{t!(i18n, aftersales.reasons_hint)}</p>
            <Saved value=Signal::derive(move || done(action.value().get())) />
            <ul class="plain settings-list">
                {reasons.into_iter().map(|r| {
                    let id = r.id;
                    let name = r.name_zh.clone();
                    let save = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        action.dispatch(SaveAfterSalesReason { reason: read_reason(&ev, Some(id)) });
                    };
                    view! {
                        <li>
                            <form class="inline-form" on:submit=save data-testid="reason-form" data-code=r.code.clone()>
                                {reason_fields(Some(&r))}
                                <button class="btn" type="submit" aria-label=move || td_string!(i18n.get_locale(), aftersales.reason_save_label, name = name.clone()).to_string()>
                                    {t!(i18n, aftersales.reason_save)}
                                </button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="inline-form" on:submit=add aria-labelledby="reason-add-title">
                <h3 id="reason-add-title">{t!(i18n, aftersales.reason_add_title)}</h3>
                {reason_fields(None)}
                <button class="btn primary" type="submit">{t!(i18n, aftersales.reason_add)}</button>
            </form>
        </section>
    }
}

/// A rule in words: each condition it sets, joined.
fn rule_text(locale: Locale, rule: &AutoRule, reasons: &[ReasonRow], currency: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(k) = rule.kind {
        parts.push(kind_text(locale, k).to_string());
    }
    if let Some(m) = rule.max_refund_minor {
        parts.push(
            td_string!(
                locale,
                aftersales.rule_up_to,
                amount = format_money(m, currency)
            )
            .to_string(),
        );
    }
    if let Some(l) = &rule.min_level {
        parts.push(
            td_string!(
                locale,
                aftersales.rule_level_up,
                level = level_text(locale, l)
            )
            .to_string(),
        );
    }
    if let Some(r) = rule
        .reason_id
        .and_then(|id| reasons.iter().find(|r| r.id == id))
    {
        parts.push(if locale == Locale::en {
            r.name_en.clone()
        } else {
            r.name_zh.clone()
        });
    }
    if rule.unshipped_only {
        parts.push(td_string!(locale, aftersales.rule_unshipped).to_string());
    }
    parts.join(" · ")
}

#[component]
fn RulesPanel(settings: Settings, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let Settings {
        rules,
        reasons,
        currency,
        ..
    } = settings;
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        a.add_rule.dispatch(AddAfterSalesRule {
            rule: RuleEdit {
                kind: f("kind"),
                max_refund: f("max_refund"),
                min_level: f("min_level"),
                reason_id: f("reason_id").parse().unwrap_or(0),
                unshipped_only: f("unshipped_only") == "on",
            },
        });
    };
    let listed = reasons.clone();
    view! {
        <section class="section panel" aria-labelledby="rules-title">
            <h2 id="rules-title">{t!(i18n, aftersales.rules_title)}</h2>
            <p class="muted">{t!(i18n, aftersales.rules_hint)}</p>
            {rules.is_empty().then(|| view! { <p class="muted">{t!(i18n, aftersales.rules_none)}</p> })}
            <ul class="plain settings-list" data-testid="rules">
                {rules.into_iter().map(|rule| {
                    let (id, text_of) = (rule.id, (rule.clone(), listed.clone(), currency.clone()));
                    view! {
                        <li data-testid="rule">
                            <strong>"#"{id}</strong> " "
                            <span>{move || rule_text(i18n.get_locale(), &text_of.0, &text_of.1, &text_of.2)}</span> " "
                            <button class="btn danger" type="button"
                                aria-label=move || td_string!(i18n.get_locale(), aftersales.rule_delete_label, id = id).to_string()
                                on:click=move |_| { a.delete_rule.dispatch(DeleteAfterSalesRule { id }); }>
                                {t!(i18n, aftersales.rule_delete)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Saved value=Signal::derive(move || done(a.delete_rule.value().get())) />
            <form class="inline-form" on:submit=add aria-labelledby="rule-add-title">
                <h3 id="rule-add-title">{t!(i18n, aftersales.rule_add_title)}</h3>
                <label>
                    <span>{t!(i18n, aftersales.rule_kind)}</span>
                    <select name="kind">
                        <option value="">{t!(i18n, aftersales.rule_any)}</option>
                        {RequestKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{move || kind_text(i18n.get_locale(), k)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, aftersales.rule_max_refund)}</span>
                    <input name="max_refund" inputmode="decimal" maxlength="12" />
                </label>
                <label>
                    <span>{t!(i18n, aftersales.rule_min_level)}</span>
                    <select name="min_level">
                        <option value="">{t!(i18n, aftersales.rule_any)}</option>
                        {LEVELS.into_iter().map(|l| view! { <option value=l>{move || level_text(i18n.get_locale(), l)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, aftersales.rule_reason)}</span>
                    <select name="reason_id">
                        <option value="0">{t!(i18n, aftersales.rule_any)}</option>
                        {reasons.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name_zh.clone()} " / " {r.name_en.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" name="unshipped_only" />
                    <span>{t!(i18n, aftersales.rule_unshipped)}</span>
                </label>
                <button class="btn primary" type="submit">{t!(i18n, aftersales.rule_add)}</button>
                <Saved value=Signal::derive(move || done(a.add_rule.value().get())) />
            </form>
        </section>
    }
}
