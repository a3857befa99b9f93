//! The price summary: list price, sale savings, every discount line with its
//! promotion's name, shipping, and the total.
use crate::cart::Quote;
use crate::i18n::*;
use crate::promotions::{CouponProblem, PromotionKind};
use crate::ui::kit::format_money;
use leptos::prelude::*;

pub fn coupon_problem_text(locale: Locale, p: CouponProblem, currency: &str) -> String {
    match p {
        CouponProblem::Unknown => td_string!(locale, cart.coupon_unknown).to_string(),
        CouponProblem::NotStarted => td_string!(locale, cart.coupon_not_started).to_string(),
        CouponProblem::Expired => td_string!(locale, cart.coupon_expired).to_string(),
        CouponProblem::UsedUp => td_string!(locale, cart.coupon_used_up).to_string(),
        CouponProblem::AlreadyUsed => td_string!(locale, cart.coupon_already_used).to_string(),
        CouponProblem::NoEligibleItems => {
            td_string!(locale, cart.coupon_no_eligible_items).to_string()
        }
        CouponProblem::MinSpend { short_minor } => td_string!(
            locale,
            cart.coupon_min_spend,
            amount = format_money(short_minor, currency)
        )
        .to_string(),
        CouponProblem::NotInWallet => td_string!(locale, cart.coupon_not_in_wallet).to_string(),
        CouponProblem::MembersOnly { level } => {
            use crate::loyalty::levels::MemberLevel as L;
            let level = match level {
                L::Regular => td_string!(locale, loyalty.level_regular),
                L::Silver => td_string!(locale, loyalty.level_silver),
                L::Gold => td_string!(locale, loyalty.level_gold),
                L::Vip => td_string!(locale, loyalty.level_vip),
            };
            td_string!(locale, cart.coupon_members_only, level = level).to_string()
        }
    }
}

fn kind_text(locale: Locale, k: PromotionKind) -> &'static str {
    match k {
        PromotionKind::Coupon => td_string!(locale, cart.kind_coupon),
        PromotionKind::Threshold => td_string!(locale, cart.kind_threshold),
        PromotionKind::Sale => td_string!(locale, cart.kind_sale),
        PromotionKind::NewCustomer => td_string!(locale, cart.kind_new_customer),
    }
}

#[component]
pub fn Summary(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let cur = quote.currency.clone();
    let money = move |m: i64| format_money(m, &cur);
    let m = money.clone();
    view! {
        <dl class="summary" data-testid="summary">
            <div><dt>{t!(i18n, cart.subtotal)}</dt><dd data-testid="subtotal">{m(quote.list_minor)}</dd></div>
            {(quote.sale_savings_minor > 0).then(|| {
                let m = money.clone();
                view! {
                    <div class="saving"><dt>{t!(i18n, cart.sale_savings)}</dt><dd>{format!("−{}", m(quote.sale_savings_minor))}</dd></div>
                }
            })}
            {quote.discounts.iter().map(|d| {
                let m = money.clone();
                let kind = d.kind;
                view! {
                    <div class="saving" data-testid="discount" data-kind=kind.as_str()>
                        <dt>
                            <span class="chip">{move || kind_text(i18n.get_locale(), kind)}</span>
                            " "{d.label.clone()}
                        </dt>
                        <dd>{format!("−{}", m(d.amount_minor))}</dd>
                    </div>
                }
            }).collect_view()}
            {quote.points.as_ref().and_then(|p| Some((p.line.clone()?, p.amount_minor))).map(|(line, amount)| {
                let m = money.clone();
                view! {
                    <div class="saving" data-testid="points-used">
                        <dt>{line}</dt>
                        <dd>{format!("−{}", m(amount))}</dd>
                    </div>
                }
            })}
            <div>
                <dt>{t!(i18n, cart.shipping)}</dt>
                <dd data-testid="shipping">{
                    let m = money.clone();
                    let net = quote.shipping_minor - quote.shipping_discount_minor;
                    move || if net == 0 { td_string!(i18n.get_locale(), cart.free).to_string() } else { m(net) }
                }</dd>
            </div>
            <div class="total"><dt>{t!(i18n, cart.total)}</dt><dd data-testid="total">{money(quote.total_minor)}</dd></div>
        </dl>
        {quote.free_shipping_short_minor.map(|short| {
            let amount = format_money(short, &quote.currency);
            view! { <p class="hint-line">{move || td_string!(i18n.get_locale(), cart.free_shipping_short, amount = amount.clone()).to_string()}</p> }
        })}
        {quote.member_note.map(|note| view! { <p class="hint-line" data-testid="member-note">{note}</p> })}
    }
}
