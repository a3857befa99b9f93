//! Texts and small views shared by the after-sales pages: what a kind and
//! a status are called, and the current deadline as a countdown.
use super::{RequestKind, RequestStatus};
use crate::error::ErrorKey;
use crate::i18n::*;
use crate::payments::Actor;
use leptos::prelude::*;

/// A refusal's message: the after-sales ones here (kept out of the
/// storefront's bundle), every other through `ui::kit::error_text`.
pub fn refusal_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::AfterSalesNotPaid => td_string!(locale, errors.after_sales_not_paid),
        ErrorKey::AfterSalesCancelled => td_string!(locale, errors.after_sales_cancelled),
        ErrorKey::AfterSalesNotShipped => td_string!(locale, errors.after_sales_not_shipped),
        ErrorKey::AfterSalesReturnNeeded => td_string!(locale, errors.after_sales_return_needed),
        ErrorKey::AfterSalesWindowClosed => td_string!(locale, errors.after_sales_window_closed),
        ErrorKey::AfterSalesExcluded => td_string!(locale, errors.after_sales_excluded),
        ErrorKey::AfterSalesNothingLeft => td_string!(locale, errors.after_sales_nothing_left),
        ErrorKey::AfterSalesTooMany => td_string!(locale, errors.after_sales_too_many),
        ErrorKey::AfterSalesRepairFault => td_string!(locale, errors.after_sales_repair_fault),
        ErrorKey::AfterSalesExtendedOnce => td_string!(locale, errors.after_sales_extended_once),
        ErrorKey::AfterSalesInspected => td_string!(locale, errors.after_sales_inspected),
        ErrorKey::AfterSalesUnitsMismatch => td_string!(locale, errors.after_sales_units_mismatch),
        ErrorKey::AfterSalesPending => td_string!(locale, errors.after_sales_pending),
        ErrorKey::AfterSalesExchangeVariant => {
            td_string!(locale, errors.after_sales_exchange_variant)
        }
        ErrorKey::AfterSalesNotInspected => td_string!(locale, errors.after_sales_not_inspected),
        ErrorKey::AfterSalesChargeUnpaid => td_string!(locale, errors.after_sales_charge_unpaid),
        ErrorKey::AfterSalesRuleEmpty => td_string!(locale, errors.after_sales_rule_empty),
        ErrorKey::AfterSalesPhotos => td_string!(locale, errors.after_sales_photos),
        ErrorKey::AfterSalesComplaintClosed => {
            td_string!(locale, errors.after_sales_complaint_closed)
        }
        ErrorKey::AfterSalesComplaintEarly => {
            td_string!(locale, errors.after_sales_complaint_early)
        }
        ErrorKey::AfterSalesComplaintFinal => {
            td_string!(locale, errors.after_sales_complaint_final)
        }
        ErrorKey::AfterSalesUnitsTaken => td_string!(locale, errors.after_sales_units_taken),
        other => crate::ui::kit::error_text(locale, other),
    }
}

/// A complaint's state in words ("投诉处理中", "投诉成立", "投诉未成立").
pub fn complaint_text(
    locale: Locale,
    c: crate::aftersales::complaint::ComplaintStatus,
) -> &'static str {
    use crate::aftersales::complaint::ComplaintStatus::*;
    match c {
        Open => td_string!(locale, aftersales.complaint_open),
        Upheld => td_string!(locale, aftersales.complaint_upheld),
        Dismissed => td_string!(locale, aftersales.complaint_dismissed),
    }
}

pub fn kind_text(locale: Locale, k: RequestKind) -> &'static str {
    match k {
        RequestKind::RefundOnly => td_string!(locale, aftersales.kind_refund_only),
        RequestKind::ReturnRefund => td_string!(locale, aftersales.kind_return_refund),
        RequestKind::Exchange => td_string!(locale, aftersales.kind_exchange),
        RequestKind::Repair => td_string!(locale, aftersales.kind_repair),
    }
}

pub fn kind_hint(locale: Locale, k: RequestKind) -> &'static str {
    match k {
        RequestKind::RefundOnly => td_string!(locale, aftersales.kind_refund_only_hint),
        RequestKind::ReturnRefund => td_string!(locale, aftersales.kind_return_refund_hint),
        RequestKind::Exchange => td_string!(locale, aftersales.kind_exchange_hint),
        RequestKind::Repair => td_string!(locale, aftersales.kind_repair_hint),
    }
}

pub fn status_text(locale: Locale, s: RequestStatus) -> &'static str {
    use RequestStatus::*;
    match s {
        Requested => td_string!(locale, aftersales.status_requested),
        Approved => td_string!(locale, aftersales.status_approved),
        Refused => td_string!(locale, aftersales.status_refused),
        Withdrawn => td_string!(locale, aftersales.status_withdrawn),
        BuyerShipped => td_string!(locale, aftersales.status_buyer_shipped),
        Received => td_string!(locale, aftersales.status_received),
        Refunded => td_string!(locale, aftersales.status_refunded),
        Exchanged => td_string!(locale, aftersales.status_exchanged),
        Repaired => td_string!(locale, aftersales.status_repaired),
    }
}

/// What happened, for the timeline: the step, not the state it left.
pub fn event_text(locale: Locale, s: RequestStatus) -> &'static str {
    use RequestStatus::*;
    match s {
        Requested => td_string!(locale, aftersales.event_requested),
        Approved => td_string!(locale, aftersales.event_approved),
        Refused => td_string!(locale, aftersales.event_refused),
        Withdrawn => td_string!(locale, aftersales.event_withdrawn),
        BuyerShipped => td_string!(locale, aftersales.event_buyer_shipped),
        Received => td_string!(locale, aftersales.event_received),
        Refunded => td_string!(locale, aftersales.event_refunded),
        Exchanged => td_string!(locale, aftersales.event_exchanged),
        Repaired => td_string!(locale, aftersales.event_repaired),
    }
}

/// A timeline entry in words: a change of state, or a deadline extended,
/// or returned units inspected.
pub fn entry_text(locale: Locale, e: &super::RequestEvent) -> &'static str {
    match e.what.as_str() {
        "extended" => td_string!(locale, aftersales.event_extended),
        "inspected" => td_string!(locale, aftersales.event_inspected),
        "paid" => td_string!(locale, aftersales.event_paid),
        "complained" => td_string!(locale, aftersales.event_complained),
        "complaint_upheld" => td_string!(locale, aftersales.event_complaint_upheld),
        "complaint_dismissed" => td_string!(locale, aftersales.event_complaint_dismissed),
        _ => event_text(locale, e.status),
    }
}

pub fn actor_text(locale: Locale, a: Actor) -> &'static str {
    match a {
        Actor::Shopper => td_string!(locale, aftersales.actor_shopper),
        Actor::System => td_string!(locale, aftersales.actor_system),
        Actor::Staff => td_string!(locale, aftersales.actor_staff),
    }
}

#[component]
pub fn RequestBadge(status: RequestStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status-badge as-{}", status.as_str()) data-testid="request-status" data-status=status.as_str()>
            {move || status_text(i18n.get_locale(), status)}
        </span>
    }
}

/// "2 d 5 h left" from seconds, as of when the page was made.
pub fn time_left(locale: Locale, secs: i64) -> String {
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    if secs <= 0 {
        td_string!(locale, aftersales.time_up).to_string()
    } else if days > 0 {
        td_string!(
            locale,
            aftersales.time_left_days,
            days = days,
            hours = hours
        )
        .to_string()
    } else {
        td_string!(
            locale,
            aftersales.time_left_hours,
            hours = hours,
            minutes = minutes
        )
        .to_string()
    }
}

/// What happens when, for the request's current state: who must act by
/// when, what the shop does if they don't, and the time left.
#[component]
pub fn Deadline(
    status: RequestStatus,
    kind: RequestKind,
    at: String,
    seconds_left: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let l = i18n.get_locale();
        let at = at.clone();
        match status {
            RequestStatus::Requested => {
                td_string!(l, aftersales.deadline_requested, at = at).to_string()
            }
            RequestStatus::Approved => {
                td_string!(l, aftersales.deadline_approved, at = at).to_string()
            }
            RequestStatus::BuyerShipped if kind.refunds() => {
                td_string!(l, aftersales.deadline_buyer_shipped, at = at).to_string()
            }
            RequestStatus::BuyerShipped => {
                td_string!(l, aftersales.deadline_buyer_shipped_other, at = at).to_string()
            }
            _ => td_string!(l, aftersales.deadline_other, at = at).to_string(),
        }
    };
    view! {
        <p class="deadline" data-testid="request-deadline">
            <span>{text}</span>" "
            <strong class="countdown">{move || time_left(i18n.get_locale(), seconds_left)}</strong>
        </p>
    }
}

/// The shopper's photos as thumbnails, each opening the large picture
/// (an after-sales request's, or a ticket's: `testid` names the list).
#[component]
pub fn EvidencePhotos(
    photos: Vec<String>,
    #[prop(default = "request-photos")] testid: &'static str,
) -> impl IntoView {
    use crate::media::{ImageSize, image_url};
    let i18n = use_i18n();
    view! {
        <ul class="evidence-photos" data-testid=testid>
            {photos.into_iter().enumerate().map(|(i, sha)| {
                let n = i + 1;
                view! {
                    <li>
                        <a href=image_url(&sha, ImageSize::Large, true)>
                            <img src=image_url(&sha, ImageSize::Thumb, true) width="96" height="96" loading="lazy"
                                alt=move || td_string!(i18n.get_locale(), aftersales.photo_alt, n = n).to_string() />
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

// The shared action runner, where the request pages have always found it.
pub use crate::ui::kit::act;
