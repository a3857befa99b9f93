//! `/admin/after-sales/:number`: one request with the shopper's evidence,
//! what it covers and for how much, the refund preview, the decisions the
//! state allows (approve, refuse, extend once, receive and inspect) and
//! the timeline.
use super::api::{
    ApproveAfterSales, DecideComplaint, DispatchAfterSales, ExtendAfterSales, ReceiveAfterSales,
    RefuseAfterSales, staff_after_sales,
};
use super::dispatch::{DispatchForm, ExchangePanel};
use crate::accounts::Permission;
use crate::admin::components::minor_to_input;
use crate::admin::shell::{AdminError, use_admin};
use crate::aftersales::components::{
    Deadline, EvidencePhotos, RequestBadge, actor_text, entry_text, kind_text, refusal_text,
};
use crate::aftersales::queue::{LineInspection, StaffRequest};
use crate::aftersales::{Fault, RequestKind, RequestStatus};
use crate::error::AppError;
use crate::i18n::*;
use crate::payments::Actor;
use crate::text::parse_money;
use crate::ui::kit::{form_data, format_money};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy)]
struct Actions {
    approve: ServerAction<ApproveAfterSales>,
    refuse: ServerAction<RefuseAfterSales>,
    extend: ServerAction<ExtendAfterSales>,
    receive: ServerAction<ReceiveAfterSales>,
    dispatch: ServerAction<DispatchAfterSales>,
    complaint: ServerAction<DecideComplaint>,
}

#[component]
pub fn AdminAfterSalesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let a = Actions {
        approve: ServerAction::new(),
        refuse: ServerAction::new(),
        extend: ServerAction::new(),
        receive: ServerAction::new(),
        dispatch: ServerAction::new(),
        complaint: ServerAction::new(),
    };
    let version = move || {
        (
            a.approve.version().get(),
            a.refuse.version().get(),
            a.extend.version().get(),
            a.receive.version().get(),
            a.dispatch.version().get(),
            a.complaint.version().get(),
        )
    };
    let request = crate::ui::kit::resource(
        move || (number(), i18n.get_locale().as_str().to_string(), version()),
        |(n, lang, _)| staff_after_sales(n, lang),
    );
    view! {
        <p><a href="/admin/after-sales">{t!(i18n, aftersales.staff_back)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(request, move |r| match r {
                Ok(req) => view! { <RequestView req a /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

/// Who did it, as staff read it: the shopper is "the buyer", not "you".
fn staff_actor_text(locale: Locale, a: Actor) -> &'static str {
    match a {
        Actor::Shopper => td_string!(locale, aftersales.actor_buyer),
        other => actor_text(locale, other),
    }
}

/// An action's outcome in words (the after-sales refusals included).
pub(super) fn outcome<T>(value: Option<Result<T, AppError>>) -> Option<AppError> {
    value.and_then(|r| r.err())
}

#[component]
pub(super) fn Outcome(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let key = match &e {
                AppError::Validation(list) => list.first().map(|f| f.key).unwrap_or(e.key()),
                other => other.key(),
            };
            view! { <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), key)}</p> }
        })
    }
}

#[component]
fn RequestView(req: StaffRequest, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let admin = use_admin();
    let (kind, status, fault) = (req.kind, req.status, req.fault);
    let cur = req.currency.clone();
    let refunds = admin.can(Permission::OrderRefund);
    let receiving = status == RequestStatus::BuyerShipped;
    view! {
        <header class="page-head order-head">
            <h1 data-testid="staff-request-number">{req.number.clone()}</h1>
            <RequestBadge status=status />
            <span class="tag">{move || kind_text(i18n.get_locale(), kind)}</span>
            <p class="muted">
                {t!(i18n, aftersales.order)} " "
                <a href=format!("/admin/orders/{}", req.order_number)>{req.order_number.clone()}</a>
                " · " {req.customer.clone()} " · " {req.opened_at.clone()}
            </p>
        </header>
        {req.deadline.clone().map(|at| view! { <Deadline status kind at seconds_left=req.seconds_left.unwrap_or(0) /> })}
        {req.auto_rule.map(|id| view! {
            <p class="muted" data-testid="auto-rule">{move || td_string!(i18n.get_locale(), aftersales.staff_auto_rule, id = id).to_string()}</p>
        })}
        {req.extended_reason.clone().map(|r| view! {
            <p class="muted" data-testid="extended">{move || td_string!(i18n.get_locale(), aftersales.staff_extended, reason = r.clone()).to_string()}</p>
        })}
        {req.complaint.clone().map(|c| view! {
            <super::complaint::ComplaintPanel number=req.number.clone() c action=a.complaint />
        })}
        <div class="admin-grid">
            <section class="panel">
                <h2>{t!(i18n, aftersales.staff_evidence)}</h2>
                <dl class="summary">
                    <div><dt>{t!(i18n, aftersales.reason)}</dt><dd>{req.reason.clone()}</dd></div>
                    <div><dt>{t!(i18n, aftersales.staff_who_pays)}</dt><dd>{move || match fault {
                        Fault::Seller => td_string!(i18n.get_locale(), aftersales.seller_pays),
                        Fault::ChangeOfMind => td_string!(i18n.get_locale(), aftersales.buyer_pays),
                    }}</dd></div>
                    <div><dt>{t!(i18n, aftersales.staff_note)}</dt><dd>{if req.note.is_empty() { "—".to_string() } else { req.note.clone() }}</dd></div>
                    {req.return_tracking.clone().map(|t| view! {
                        <div><dt>{t!(i18n, aftersales.return_tracking)}</dt><dd data-testid="staff-return-tracking">{format!("{} {t}", req.return_carrier.clone().unwrap_or_default())}</dd></div>
                    })}
                </dl>
                {(!req.photos.is_empty()).then(|| view! { <EvidencePhotos photos=req.photos.clone() /> })}
            </section>
            // An exchange or repair gives money back only as a cheaper
            // variant's difference (shown with the exchange) or goodwill.
            {(req.kind.refunds() || req.goodwill_minor > 0).then(|| view! { <RefundPanel req=req.clone() /> })}
        </div>
        {(kind == RequestKind::Exchange).then(|| view! { <ExchangePanel req=req.clone() /> })}
        <ItemsPanel req=req.clone() />
        <section class="section panel">
            <h2>{t!(i18n, admin.actions)}</h2>
            {req.can(RequestStatus::Approved).then(|| view! {
                <ApproveForm number=req.number.clone() currency=cur.clone() goodwill=refunds && kind == RequestKind::RefundOnly action=a.approve />
            })}
            {req.can(RequestStatus::Refused).then(|| view! { <ReasonForm number=req.number.clone() refuse=true refuse_action=a.refuse extend_action=a.extend /> })}
            {req.can_extend().then(|| view! { <ReasonForm number=req.number.clone() refuse=false refuse_action=a.refuse extend_action=a.extend /> })}
            {(receiving || req.can_inspect()).then(|| view! {
                <ReceiveForm req=req.clone() goodwill=refunds && receiving && kind == RequestKind::ReturnRefund action=a.receive />
            })}
            {req.can_dispatch().then(|| view! { <DispatchForm req=req.clone() action=a.dispatch /> })}
            {status.is_final().then(|| view! { <p class="muted">{t!(i18n, aftersales.staff_final)}</p> })}
        </section>
        <section class="section panel">
            <h2>{t!(i18n, aftersales.timeline)}</h2>
            <ol class="timeline" data-testid="staff-timeline">
                {req.events.iter().map(|e| {
                    let (actor, entry) = (e.actor, e.clone());
                    view! {
                        <li data-event=e.status.as_str() data-what=e.what.clone()>
                            <span class="dot" aria-hidden="true"></span>
                            <strong>{move || entry_text(i18n.get_locale(), &entry)}</strong>
                            <span class="muted">{move || staff_actor_text(i18n.get_locale(), actor)}</span>
                            <time>{e.at.clone()}</time>
                            {(!e.note.is_empty()).then(|| view! { <p class="muted event-note">{e.note.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn RefundPanel(req: StaffRequest) -> impl IntoView {
    let i18n = use_i18n();
    let cur = req.currency.clone();
    let refunded = matches!(
        req.status,
        RequestStatus::Refunded | RequestStatus::Exchanged
    ) && req.refunded_minor > 0;
    view! {
        <section class="panel" data-testid="refund-preview">
            <h2>{t!(i18n, aftersales.staff_refund)}</h2>
            <dl class="summary">
                <div><dt>{t!(i18n, aftersales.staff_offer)}</dt><dd>{format_money(req.refund_minor, &cur)}</dd></div>
                {(req.goodwill_minor > 0).then(|| view! {
                    <div><dt>{t!(i18n, aftersales.staff_goodwill)}</dt><dd>{format_money(req.goodwill_minor, &cur)} " · " {req.goodwill_reason.clone()}</dd></div>
                })}
                {if refunded {
                    view! { <div class="total"><dt>{t!(i18n, aftersales.refund_amount)}</dt><dd data-testid="staff-refunded">{format_money(req.refunded_minor, &cur)}</dd></div> }.into_any()
                } else if req.kind.refunds() && !req.status.is_final() {
                    view! {
                        <div><dt>{t!(i18n, aftersales.staff_left)}</dt><dd>{format_money(req.order_left_minor, &cur)}</dd></div>
                        <div class="total"><dt>{t!(i18n, aftersales.refund_expected)}</dt><dd data-testid="staff-preview">{format_money(req.refund_preview(0), &cur)}</dd></div>
                    }.into_any()
                } else {
                    ().into_any()
                }}
            </dl>
        </section>
    }
}

#[component]
fn ItemsPanel(req: StaffRequest) -> impl IntoView {
    let i18n = use_i18n();
    let cur = req.currency.clone();
    view! {
        <section class="section panel">
            <h2>{t!(i18n, aftersales.items)}</h2>
            <ul class="plain" data-testid="staff-items">
                {req.items.iter().map(|it| {
                    let (qty, r, d, s) = (it.qty, it.restocked, it.damaged, it.scrapped);
                    view! {
                        <li>
                            <strong>{it.name.clone()}</strong> " " <span class="muted">{it.options.clone()} " · " {it.sku.clone()}</span>
                            " " {move || td_string!(i18n.get_locale(), aftersales.qty_times, qty = qty).to_string()}
                            " — " {format_money(it.goods_minor + it.shipping_minor, &cur)}
                            {it.exchange_options.clone().map(|o| view! {
                                <span class="tag" data-testid="exchange-to">{move || td_string!(i18n.get_locale(), aftersales.exchange_to_value, options = o.clone()).to_string()}</span>
                            })}
                            {it.inspected.then(|| view! {
                                <span class="tag ok" data-testid="inspection">
                                    {move || td_string!(i18n.get_locale(), aftersales.staff_inspected, restocked = r, damaged = d, scrapped = s).to_string()}
                                </span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Goodwill fields, for staff who may refund: an amount and its reason.
fn goodwill_fields(currency: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label>
            <span>{t!(i18n, aftersales.staff_goodwill)} " (" {currency} ")"</span>
            <input name="goodwill" inputmode="decimal" value=minor_to_input(0) />
        </label>
        <label class="grow">
            <span>{t!(i18n, aftersales.staff_goodwill_reason)}</span>
            <input name="goodwill_reason" maxlength="200" />
        </label>
    }
}

#[component]
fn ApproveForm(
    number: String,
    currency: String,
    goodwill: bool,
    action: ServerAction<ApproveAfterSales>,
) -> impl IntoView {
    let i18n = use_i18n();
    let bad = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let amount = if goodwill {
            parse_money(&f("goodwill"))
        } else {
            Some(0)
        };
        bad.set(amount.is_none());
        if let Some(goodwill_minor) = amount {
            action.dispatch(ApproveAfterSales {
                numbers: vec![number.clone()],
                goodwill_minor,
                goodwill_reason: f("goodwill_reason"),
            });
        }
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="approve-form">
            <h3>{t!(i18n, aftersales.staff_approve_title)}</h3>
            {goodwill.then(|| goodwill_fields(currency.clone()))}
            {move || bad.get().then(|| view! { <p class="field-error" role="alert">{t!(i18n, errors.number_invalid)}</p> })}
            <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, aftersales.staff_approve)}</button>
            <Outcome error=Signal::derive(move || outcome(action.value().get())) />
        </form>
    }
}

/// Refusing (the shopper reads the reason) or extending the deadline once.
#[component]
fn ReasonForm(
    number: String,
    refuse: bool,
    refuse_action: ServerAction<RefuseAfterSales>,
    extend_action: ServerAction<ExtendAfterSales>,
) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (number, reason) = (number.clone(), form_data(&ev)("reason"));
        if refuse {
            refuse_action.dispatch(RefuseAfterSales { number, reason });
        } else {
            extend_action.dispatch(ExtendAfterSales { number, reason });
        }
    };
    let error = Signal::derive(move || {
        if refuse {
            outcome(refuse_action.value().get())
        } else {
            outcome(extend_action.value().get())
        }
    });
    let id = if refuse {
        "refuse-reason"
    } else {
        "extend-reason"
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid=if refuse { "refuse-form" } else { "extend-form" }>
            <h3>{move || if refuse { td_string!(i18n.get_locale(), aftersales.staff_refuse_title) } else { td_string!(i18n.get_locale(), aftersales.staff_extend_title) }}</h3>
            <label class="grow">
                <span>{t!(i18n, admin.reason)}</span>
                <input id=id name="reason" required maxlength="200" />
            </label>
            <button class=if refuse { "btn danger" } else { "btn" } type="submit">
                {move || if refuse { td_string!(i18n.get_locale(), aftersales.staff_refuse) } else { td_string!(i18n.get_locale(), aftersales.staff_extend) }}
            </button>
            <Outcome error=error />
        </form>
    }
}

#[component]
fn ReceiveForm(
    req: StaffRequest,
    goodwill: bool,
    action: ServerAction<ReceiveAfterSales>,
) -> impl IntoView {
    let i18n = use_i18n();
    let bad = RwSignal::new(false);
    // A repair's goods go back to the shopper: nothing to put on the shelf.
    let repair = req.kind == RequestKind::Repair;
    let lines: Vec<(i64, i32)> = if repair {
        Vec::new()
    } else {
        req.items.iter().map(|i| (i.order_item_id, i.qty)).collect()
    };
    let number = req.number.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let n = |name: String| f(&name).trim().parse::<i32>().unwrap_or(-1);
        let found: Vec<LineInspection> = lines
            .iter()
            .map(|(id, _)| LineInspection {
                order_item_id: *id,
                restocked: n(format!("restocked-{id}")),
                damaged: n(format!("damaged-{id}")),
                scrapped: n(format!("scrapped-{id}")),
            })
            .collect();
        let amount = if goodwill {
            parse_money(&f("goodwill"))
        } else {
            Some(0)
        };
        bad.set(amount.is_none());
        if let Some(goodwill_minor) = amount {
            action.dispatch(ReceiveAfterSales {
                number: number.clone(),
                lines: found,
                goodwill_minor,
                goodwill_reason: f("goodwill_reason"),
            });
        }
    };
    let receiving = req.status == RequestStatus::BuyerShipped;
    view! {
        <form class="stack-form" on:submit=submit data-testid="receive-form">
            <h3>{move || if receiving { td_string!(i18n.get_locale(), aftersales.staff_receive_title) } else { td_string!(i18n.get_locale(), aftersales.staff_inspect_title) }}</h3>
            {(!repair).then(|| req.items.iter().map(|it| inspection_row(it.order_item_id, it.name.clone(), it.qty)).collect_view())}
            {goodwill.then(|| view! { <div class="inline-form">{goodwill_fields(req.currency.clone())}</div> })}
            {move || bad.get().then(|| view! { <p class="field-error" role="alert">{t!(i18n, errors.number_invalid)}</p> })}
            <button class="btn primary" type="submit" disabled=move || action.pending().get()>
                {move || if receiving { td_string!(i18n.get_locale(), aftersales.staff_receive) } else { td_string!(i18n.get_locale(), aftersales.staff_inspect) }}
            </button>
            <Outcome error=Signal::derive(move || outcome(action.value().get())) />
        </form>
    }
}

/// One line's units: how many go back to stock, are damaged, are scrapped.
fn inspection_row(id: i64, name: String, qty: i32) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |what: &'static str, label: fn(Locale) -> &'static str, value: i32| {
        view! {
            <label>
                <span>{move || label(i18n.get_locale())}</span>
                <input type="number" name=format!("{what}-{id}") min="0" max=qty.to_string() value=value.to_string() inputmode="numeric" required />
            </label>
        }
    };
    view! {
        <fieldset class="inline-form inspection">
            <legend>{name} " " {move || td_string!(i18n.get_locale(), aftersales.qty_times, qty = qty).to_string()}</legend>
            {field("restocked", |l| td_string!(l, aftersales.staff_restocked), qty)}
            {field("damaged", |l| td_string!(l, aftersales.staff_damaged), 0)}
            {field("scrapped", |l| td_string!(l, aftersales.staff_scrapped), 0)}
        </fieldset>
    }
}
