//! `/admin/orders` (search) and `/admin/orders/:number` (the record and its
//! actions). Filters live in the URL so a search can be shared or reloaded.
use super::api::{
    CancelOrderAdmin, DeliverOrder, NoteOrder, RefundOrder, ReviewOrder, ShipOrder, TrackOrder,
    get_admin_order, search_orders,
};
use super::risk::{RiskPanel, RiskRules};
use super::{AdminOrder, CARRIERS, OrderQuery, OrderRow};
use crate::accounts::Permission;
use crate::admin::components::{EmptyState, minor_to_input, reset_on_success};
use crate::admin::shell::{AdminError, bump_badges, use_admin};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::orders::OrderStatus;
use crate::orders::components::{StatusBadge, Timeline, payment_text, status_text};
use crate::payments::RefundStatus;
use crate::risk::RiskHold;
use crate::text::{parse_money, url_encode};
use crate::ui::kit::{FormStatus, error_text, form_data, format_money};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let read = move || {
        query.with(|q| OrderQuery {
            status: q.get("status").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            risk: q.get("risk").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    };
    let results = crate::ui::kit::resource(read, search_orders);
    let reviews = use_admin().can(Permission::OrderRisk);
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let params = [
            ("status", f("status")),
            ("from", f("from")),
            ("to", f("to")),
            ("q", f("q")),
            ("risk", f("risk")),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(&v)))
        .collect::<Vec<_>>()
        .join("&");
        navigate(&format!("/admin/orders?{params}"), Default::default());
    };
    let current = read();
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin.orders_title)}</h1>
            {reviews.then(|| view! { <a class="btn" href="/admin/orders?risk=held">{t!(i18n, admin.risk_queue)}</a> })}
        </header>
        {move || (reviews && query.with(|q| q.get("risk").as_deref() == Some("held"))).then(|| view! { <RiskRules /> })}
        <form class="filter-bar" on:submit=on_submit role="search">
            <label>
                <span>{t!(i18n, admin.filter_status)}</span>
                <select name="status">
                    <option value="" selected=current.status.is_empty()>{t!(i18n, admin.all)}</option>
                    {OrderStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=current.status == s.as_str()>{move || status_text(i18n.get_locale(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, admin.risk_filter)}</span>
                <select name="risk">
                    <option value="" selected=current.risk.is_empty()>{t!(i18n, admin.all)}</option>
                    <option value="held" selected=current.risk == "held">{t!(i18n, admin.risk_held)}</option>
                </select>
            </label>
            <label><span>{t!(i18n, admin.filter_from)}</span><input type="date" name="from" value=current.from.clone() /></label>
            <label><span>{t!(i18n, admin.filter_to)}</span><input type="date" name="to" value=current.to.clone() /></label>
            <label class="grow">
                <span>{t!(i18n, admin.filter_order_q)}</span>
                <input type="search" name="q" value=current.q.clone() placeholder=move || td_string!(i18n.get_locale(), admin.filter_order_hint) />
            </label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(results, move |r| match r {
                Ok(list) if list.rows.is_empty() => view! { <EmptyState testid="orders-empty">{t!(i18n, admin.no_orders)}</EmptyState> }.into_any(),
                Ok(list) => {
                    let page = read().page;
                    let more = list.has_more;
                    view! {
                        <ul class="admin-cards" data-testid="admin-orders">
                            {list.rows.into_iter().map(|o| view! { <OrderCard o /> }).collect_view()}
                        </ul>
                        <Pager page more base=move || page_base(&query.get()) />
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

/// The current URL's query without `page`, for the pager's links.
fn page_base(q: &leptos_router::params::ParamsMap) -> String {
    let mut parts = Vec::new();
    for key in ["status", "from", "to", "q", "risk"] {
        if let Some(v) = q.get(key).filter(|v| !v.is_empty()) {
            parts.push(format!("{key}={}", url_encode(&v)));
        }
    }
    format!("/admin/orders?{}", parts.join("&"))
}

#[component]
pub fn Pager(
    page: i64,
    more: bool,
    base: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |p: i64| format!("{}&page={p}", base());
    view! {
        <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), admin.pages)>
            {(page > 0).then(|| view! { <a class="btn small" href=link(page - 1)>{t!(i18n, admin.prev_page)}</a> })}
            <span class="muted">{move || td_string!(i18n.get_locale(), admin.page_n, n = page + 1).to_string()}</span>
            {more.then(|| view! { <a class="btn small" href=link(page + 1)>{t!(i18n, admin.next_page)}</a> })}
        </nav>
    }
}

#[component]
fn OrderCard(o: OrderRow) -> impl IntoView {
    let i18n = use_i18n();
    let pay = o.payment_status;
    view! {
        <li class="admin-card order-row" data-testid=format!("order-{}", o.number)>
            <a class="strong" href=format!("/admin/orders/{}", o.number)>{o.number.clone()}</a>
            <StatusBadge status=o.status />
            <span class="muted">{move || payment_text(i18n.get_locale(), pay)}</span>
            {(o.risk_hold == RiskHold::Held).then(|| {
                let score = o.risk_score;
                view! {
                    <span class="tag danger" data-testid="order-risk">{move || td_string!(i18n.get_locale(), admin.risk_held_score, score = score).to_string()}</span>
                }
            })}
            <span>{o.customer.clone()} " " <span class="muted">{o.email.clone()}</span></span>
            <span>{format_money(o.total_minor, &o.currency)}</span>
            <time class="muted">{o.placed_at.clone()}</time>
        </li>
    }
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let ship = ServerAction::<ShipOrder>::new();
    let track = ServerAction::<TrackOrder>::new();
    let deliver = ServerAction::<DeliverOrder>::new();
    let note = ServerAction::<NoteOrder>::new();
    let cancel = ServerAction::<CancelOrderAdmin>::new();
    let refund = ServerAction::<RefundOrder>::new();
    let review = ServerAction::<ReviewOrder>::new();
    let actions = Actions {
        ship,
        track,
        deliver,
        note,
        cancel,
        refund,
        review,
    };
    let version = move || {
        (
            ship.version().get(),
            track.version().get(),
            deliver.version().get(),
            note.version().get(),
            cancel.version().get(),
            refund.version().get(),
            review.version().get(),
        )
    };
    Effect::new(move |prev: Option<(usize, usize, usize, usize)>| {
        let v = (
            ship.version().get(),
            cancel.version().get(),
            deliver.version().get(),
            review.version().get(),
        );
        if prev.is_some() {
            bump_badges();
        }
        v
    });
    let order =
        crate::ui::kit::resource(move || (number(), version()), |(n, _)| get_admin_order(n));
    view! {
        <p><a href="/admin/orders">{t!(i18n, admin.back_to_orders)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(order, move |r| match r {
                Ok(o) => view! { <OrderView o actions /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    ship: ServerAction<ShipOrder>,
    track: ServerAction<TrackOrder>,
    deliver: ServerAction<DeliverOrder>,
    note: ServerAction<NoteOrder>,
    cancel: ServerAction<CancelOrderAdmin>,
    refund: ServerAction<RefundOrder>,
    review: ServerAction<ReviewOrder>,
}

fn field_err<T, S>(value: S, field: &'static str) -> Signal<Option<ErrorKey>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    Signal::derive(move || {
        value
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field(field))
    })
}

fn unit<T, S>(value: S) -> Signal<Option<Result<(), AppError>>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    Signal::derive(move || value.get().map(|r| r.map(|_| ())))
}

#[component]
fn FieldMsg(error: Signal<Option<ErrorKey>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="field-error" aria-live="polite">{move || error.get().map(|k| error_text(i18n.get_locale(), k))}</p> }
}

#[component]
fn OrderView(o: AdminOrder, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let admin = use_admin();
    let d = o.detail.clone();
    let number = d.number.clone();
    let cur = d.currency.clone();
    let pay = d.payment_status;
    let ship_to = d.ship_to.clone();
    let can_ship = o.can(OrderStatus::Shipped);
    let can_deliver = o.can(OrderStatus::Delivered);
    let can_cancel = o.can(OrderStatus::Cancelled);
    let shipped = matches!(
        d.status,
        OrderStatus::Shipped | OrderStatus::Delivered | OrderStatus::Completed
    );
    let refundable = o.refundable_minor;
    let held = o.shipping_held();
    let risk_held = o.risk.hold == RiskHold::Held;
    let risk =
        (o.risk.hold != RiskHold::None || !o.risk.reasons.is_empty()).then(|| o.risk.clone());
    view! {
        <header class="page-head order-head">
            <h1 data-testid="admin-order-number">{number.clone()}</h1>
            <StatusBadge status=d.status />
            <span class="tag" data-testid="admin-payment-status">{move || payment_text(i18n.get_locale(), pay)}</span>
            <p class="muted">{d.placed_at.clone()}</p>
        </header>
        <div class="admin-grid">
            <section class="panel">
                <h2>{t!(i18n, admin.customer)}</h2>
                <p>
                    {match o.customer_id {
                        Some(id) => view! { <a href=format!("/admin/customers/{id}")>{o.customer.clone()}</a> }.into_any(),
                        None => view! { <span>{t!(i18n, admin.guest)}</span> }.into_any(),
                    }}
                    " " <span class="muted">{o.email.clone()}</span>
                </p>
                <h3>{t!(i18n, admin.ship_to)}</h3>
                <p>{ship_to.recipient} " · " {ship_to.phone}<br />{ship_to.region} " " {ship_to.line1}</p>
                {d.carrier.clone().map(|c| view! {
                    <p data-testid="admin-tracking">{t!(i18n, admin.carrier)}{t!(i18n, common.colon)}{c} " · " {d.tracking_number.clone().unwrap_or_default()}</p>
                })}
            </section>
            <section class="panel">
                <h2>{t!(i18n, admin.items)}</h2>
                <ul class="plain">
                    {d.items.iter().map(|i| view! {
                        <li>{i.name.clone()} " " <span class="muted">{i.options.clone()}</span> " × " {i.qty} " — " {format_money(i.paid_minor, &cur)}</li>
                    }).collect_view()}
                </ul>
                {(d.points_spent > 0).then(|| {
                    let points = d.points_spent.to_string();
                    let paid = format_money(d.points_minor, &cur);
                    view! {
                        <p data-testid="admin-order-points">
                            {move || td_string!(i18n.get_locale(), cart.points_line, points = points.clone()).to_string()}
                            {t!(i18n, common.colon)}{format!("−{paid}")}
                        </p>
                    }
                })}
                <p class="strong">{t!(i18n, admin.total)}{t!(i18n, common.colon)}{format_money(d.total_minor, &cur)}</p>
                <p class="muted">{t!(i18n, admin.refundable)}{t!(i18n, common.colon)}<span data-testid="refundable">{format_money(refundable, &cur)}</span></p>
            </section>
        </div>
        {risk.map(|risk| view! { <RiskPanel number=number.clone() risk action=actions.review /> })}
        <section class="section panel">
            <h2>{t!(i18n, admin.actions)}</h2>
            {(can_ship && held).then(|| view! { <p class="form-status error" role="status" data-testid="ship-held">{move || if risk_held {
                td_string!(i18n.get_locale(), errors.order_held)
            } else {
                td_string!(i18n.get_locale(), errors.after_sales_pending)
            }}</p> })}
            {(can_ship && !held && admin.can(Permission::OrderShip)).then(|| view! { <ShipForm number=number.clone() action=actions.ship /> })}
            {(shipped && admin.can(Permission::OrderShip)).then(|| view! { <TrackForm number=number.clone() action=actions.track /> })}
            {(can_deliver && admin.can(Permission::OrderShip)).then(|| {
                let n = number.clone();
                view! {
                    <div class="inline-form">
                        <button class="btn" type="button" on:click=move |_| { actions.deliver.dispatch(DeliverOrder { number: n.clone() }); }>{t!(i18n, admin.mark_delivered)}</button>
                        <FormStatus result=unit(actions.deliver.value()) />
                    </div>
                }
            })}
            {(refundable > 0 && admin.can(Permission::OrderRefund)).then(|| view! { <RefundForm number=number.clone() left=refundable currency=cur.clone() action=actions.refund /> })}
            {(can_cancel && admin.can(Permission::OrderRefund)).then(|| view! { <CancelForm number=number.clone() action=actions.cancel /> })}
            {(!admin.can(Permission::OrderShip) && !admin.can(Permission::OrderRefund)).then(|| view! { <p class="muted">{t!(i18n, admin.read_only)}</p> })}
        </section>
        <div class="admin-grid">
            <section class="panel">
                <h2>{t!(i18n, admin.history)}</h2>
                <Timeline events=d.events.clone() />
                {(!d.tracking.is_empty()).then(|| view! {
                    <h3>{t!(i18n, admin.tracking_events)}</h3>
                    <ul class="plain" data-testid="admin-tracking-events">
                        {d.tracking.iter().map(|t| view! { <li><time class="muted">{t.at.clone()}</time> " " {t.location.clone()} " " {t.description.clone()}</li> }).collect_view()}
                    </ul>
                })}
                {(!o.after_sales.is_empty()).then(|| view! {
                    <h3>{t!(i18n, aftersales.staff_title)}</h3>
                    <ul class="plain" data-testid="admin-order-after-sales">
                        {o.after_sales.iter().map(|r| {
                            let (kind, status) = (r.kind, r.status);
                            view! {
                                <li>
                                    <a href=format!("/admin/after-sales/{}", r.number)>{r.number.clone()}</a>
                                    " " <span class="muted">{move || crate::aftersales::components::kind_text(i18n.get_locale(), kind)}</span>
                                    " " <crate::aftersales::components::RequestBadge status=status />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(!o.refunds.is_empty()).then(|| view! {
                    <h3>{t!(i18n, admin.refunds)}</h3>
                    <ul class="plain" data-testid="admin-refunds">
                        {o.refunds.iter().map(|r| view! {
                            <li>{format_money(r.amount_minor, &cur)} " · " {r.reason.clone()} {(!r.author.is_empty()).then(|| format!(" · {}", r.author))} " · " <time class="muted">{r.at.clone()}</time> " " {refund_status(r.status)}</li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section class="panel">
                <h2>{t!(i18n, admin.notes)}</h2>
                <ul class="plain" data-testid="admin-notes">
                    {o.notes.iter().map(|n| view! { <li><strong>{n.author.clone()}</strong> " " <time class="muted">{n.at.clone()}</time><br />{n.body.clone()}</li> }).collect_view()}
                </ul>
                {admin.can(Permission::OrderShip).then(|| view! { <NoteForm number=number.clone() action=actions.note /> })}
            </section>
        </div>
    }
}

#[component]
fn ShipForm(number: String, action: ServerAction<ShipOrder>) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(ShipOrder {
            number: number.clone(),
            carrier: f("carrier"),
            tracking: f("tracking"),
        });
    };
    view! {
        <form class="inline-form" on:submit=on_submit data-testid="ship-form">
            <h3>{t!(i18n, admin.ship_title)}</h3>
            <label>
                <span>{t!(i18n, admin.carrier)}</span>
                <input name="carrier" list="carriers" required maxlength="40" autocomplete="off" />
                <datalist id="carriers">{CARRIERS.iter().map(|c| view! { <option value=*c /> }).collect_view()}</datalist>
                <FieldMsg error=field_err(action.value(), "carrier") />
            </label>
            <label>
                <span>{t!(i18n, admin.tracking_number)}</span>
                <input name="tracking" required maxlength="40" autocomplete="off" />
                <FieldMsg error=field_err(action.value(), "tracking") />
            </label>
            <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin.ship)}</button>
            <FormStatus result=unit(action.value()) />
        </form>
    }
}

#[component]
fn TrackForm(number: String, action: ServerAction<TrackOrder>) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(TrackOrder {
            number: number.clone(),
            location: f("location"),
            text: f("text"),
        });
    };
    let form_ref = NodeRef::<leptos::html::Form>::new();
    reset_on_success(form_ref, move || {
        action.value().with(|v| matches!(v, Some(Ok(_))))
    });
    view! {
        <form class="inline-form" on:submit=on_submit node_ref=form_ref data-testid="track-form">
            <h3>{t!(i18n, admin.track_title)}</h3>
            <label><span>{t!(i18n, admin.location)}</span><input name="location" maxlength="60" /></label>
            <label class="grow">
                <span>{t!(i18n, admin.track_text)}</span>
                <input name="text" required maxlength="200" />
                <FieldMsg error=field_err(action.value(), "text") />
            </label>
            <button class="btn" type="submit">{t!(i18n, admin.add)}</button>
            <FormStatus result=unit(action.value()) />
        </form>
    }
}

#[component]
fn RefundForm(
    number: String,
    left: i64,
    currency: String,
    action: ServerAction<RefundOrder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let bad_amount = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        match parse_money(&f("amount")) {
            Some(amount_minor) => {
                bad_amount.set(false);
                action.dispatch(RefundOrder {
                    number: number.clone(),
                    amount_minor,
                    reason: f("reason"),
                });
            }
            None => bad_amount.set(true),
        }
    };
    let amount_err = Signal::derive(move || {
        if bad_amount.get() {
            Some(ErrorKey::NumberInvalid)
        } else {
            field_err(action.value(), "amount").get()
        }
    });
    let form_ref = NodeRef::<leptos::html::Form>::new();
    reset_on_success(form_ref, move || {
        action.value().with(|v| matches!(v, Some(Ok(_))))
    });
    view! {
        <form class="inline-form" on:submit=on_submit node_ref=form_ref data-testid="refund-form">
            <h3>{t!(i18n, admin.refund_title)}</h3>
            <label>
                <span>{t!(i18n, admin.amount)} " (" {currency} ")"</span>
                <input name="amount" inputmode="decimal" required value=minor_to_input(left) />
                <FieldMsg error=amount_err />
            </label>
            <label class="grow">
                <span>{t!(i18n, admin.reason)}</span>
                <input name="reason" required maxlength="200" />
                <FieldMsg error=field_err(action.value(), "reason") />
            </label>
            <button class="btn danger" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin.refund)}</button>
            <FormStatus result=unit(action.value()) />
        </form>
    }
}

#[component]
fn CancelForm(number: String, action: ServerAction<CancelOrderAdmin>) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(CancelOrderAdmin {
            number: number.clone(),
            reason: f("reason"),
        });
    };
    view! {
        <form class="inline-form" on:submit=on_submit data-testid="cancel-form">
            <h3>{t!(i18n, admin.cancel_title)}</h3>
            <label class="grow">
                <span>{t!(i18n, admin.reason)}</span>
                <input name="reason" required maxlength="200" />
                <FieldMsg error=field_err(action.value(), "reason") />
            </label>
            <button class="btn danger" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin.cancel_order)}</button>
            <FormStatus result=unit(action.value()) />
        </form>
    }
}

#[component]
fn NoteForm(number: String, action: ServerAction<NoteOrder>) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(NoteOrder {
            number: number.clone(),
            body: f("body"),
        });
    };
    let form_ref = NodeRef::<leptos::html::Form>::new();
    reset_on_success(form_ref, move || {
        action.value().with(|v| matches!(v, Some(Ok(_))))
    });
    view! {
        <form class="stack-form" on:submit=on_submit node_ref=form_ref data-testid="note-form">
            <label for="note-body">{t!(i18n, admin.add_note)}</label>
            <textarea id="note-body" name="body" rows="3" maxlength="1000" required></textarea>
            <FieldMsg error=field_err(action.value(), "body") />
            <button class="btn small" type="submit">{t!(i18n, admin.save)}</button>
        </form>
    }
}

/// A refund's state as a translated tag (the provider may still be working on it).
fn refund_status(status: RefundStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        RefundStatus::Done => "tag ok",
        RefundStatus::Failed => "tag danger",
        RefundStatus::Pending => "tag",
    };
    view! {
        <span class=class data-status=status.as_str()>
            {move || match status {
                RefundStatus::Done => td_string!(i18n.get_locale(), admin.refund_done),
                RefundStatus::Failed => td_string!(i18n.get_locale(), admin.refund_failed),
                RefundStatus::Pending => td_string!(i18n.get_locale(), admin.refund_pending),
            }}
        </span>
    }
}
