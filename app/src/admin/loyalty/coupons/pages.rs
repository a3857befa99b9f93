//! The membership page's coupon cards: a coupon's terms (who may use it)
//! with the coupons that have some listed, and giving a coupon to one
//! shopper or to a level and above. Each field with its own message.
use super::CouponsOverview;
use super::api::{IssueCoupon, SaveBirthdayCoupon, SaveCouponTerms, admin_coupons};
use crate::accounts::components::{field_error, outcome};
use crate::admin::customers::pages::level_text;
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::loyalty::levels::MemberLevel;
use crate::ui::kit::{Field, FormStatus, error_text, form_data, fresh_key};
use leptos::prelude::*;

/// The three cards, with their data.
#[component]
pub fn CouponCards() -> impl IntoView {
    let i18n = use_i18n();
    let terms = ServerAction::<SaveCouponTerms>::new();
    let issue = ServerAction::<IssueCoupon>::new();
    let birthday = ServerAction::<SaveBirthdayCoupon>::new();
    // Read again after a save that worked only: a refused one keeps the
    // forms as typed, with their messages.
    let saved = RwSignal::new(0u32);
    on_success(terms, saved);
    on_success(issue, saved);
    on_success(birthday, saved);
    let data = crate::ui::kit::resource(
        move || (i18n.get_locale(), saved.get()),
        |(locale, _)| admin_coupons(locale.as_str().to_string()),
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(o) => view! {
                    <TermsCard o=o.clone() action=terms />
                    <IssueCard codes=o.codes.clone() action=issue />
                    <BirthdayCard code=o.birthday_code days=o.birthday_days action=birthday />
                }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

/// Counts `action`'s successes in `saved`.
fn on_success<A>(action: ServerAction<A>, saved: RwSignal<u32>)
where
    A: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            saved.update(|n| *n += 1);
        }
    });
}

/// The levels a coupon may be kept to, or given to (regular is everyone).
const LEVELS: [MemberLevel; 3] = [MemberLevel::Silver, MemberLevel::Gold, MemberLevel::Vip];

/// The coupons there are, under a code field.
fn codes_hint(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = codes.join(", ");
    view! { <p class="field-hint">{move || td_string!(i18n.get_locale(), admin_promo.coupon_codes, codes = list.clone()).to_string()}</p> }
}

#[component]
fn TermsCard(o: CouponsOverview, action: ServerAction<SaveCouponTerms>) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        action.dispatch(SaveCouponTerms {
            code: v("code"),
            wallet_only: v("wallet_only") == "on",
            claimable: v("claimable") == "on",
            min_level: v("min_level"),
            valid_days: v("valid_days"),
        });
    };
    let level_error = field_error(action, "min_level");
    view! {
        <section class="card" aria-labelledby="coupon-terms-title">
            <h2 id="coupon-terms-title">{t!(i18n, admin_promo.coupon_terms_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.coupon_terms_hint)}</p>
            <form class="stack-form" on:submit=submit data-testid="coupon-terms-form" novalidate>
                <Field name="code" form="terms" error=field_error(action, "code")>{t!(i18n, admin_promo.coupon_code)}</Field>
                <label class="check">
                    <input type="checkbox" name="wallet_only" />
                    <span>{t!(i18n, admin_promo.coupon_wallet_only)}</span>
                </label>
                <label class="check">
                    <input type="checkbox" name="claimable" />
                    <span>{t!(i18n, admin_promo.coupon_claimable)}</span>
                </label>
                <div class="field">
                    <label for="terms-min_level">{t!(i18n, admin_promo.coupon_min_level)}</label>
                    <select id="terms-min_level" name="min_level">
                        <option value="">{t!(i18n, admin_promo.coupon_any_level)}</option>
                        {LEVELS.into_iter().map(|lv| view! {
                            <option value=lv.as_str()>{move || level_text(l(), lv.as_str())}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" aria-live="polite">{move || level_error.get().map(|k| error_text(l(), k))}</p>
                </div>
                <Field name="valid_days" form="terms" required=false error=field_error(action, "valid_days")
                    hint=view! { {t!(i18n, admin_promo.coupon_valid_days_hint)} }.into_any()>
                    {t!(i18n, admin_promo.coupon_valid_days)}
                </Field>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin_promo.coupon_terms_save)}</button>
                <FormStatus result=outcome(action) success=Signal::derive(move || td_string!(l(), admin_promo.coupon_terms_saved).to_string()) />
            </form>
            {terms_list(o)}
        </section>
    }
}

fn terms_list(o: CouponsOverview) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    if o.terms.is_empty() {
        return view! { <p class="muted">{t!(i18n, admin_promo.coupon_terms_none)}</p> }.into_any();
    }
    view! {
        <ul class="plain member-price-list" data-testid="coupon-terms" aria-labelledby="coupon-terms-title">
            {o.terms.into_iter().map(|t| {
                let who = move || match (t.wallet_only, t.min_level) {
                    (true, Some(lv)) => td_string!(l(), admin_promo.coupon_who_wallet_level, level = level_text(l(), lv.as_str())).to_string(),
                    (true, None) => td_string!(l(), admin_promo.coupon_who_wallet).to_string(),
                    (false, Some(lv)) => td_string!(l(), admin_promo.coupon_who_level, level = level_text(l(), lv.as_str())).to_string(),
                    (false, None) => td_string!(l(), admin_promo.coupon_who_anyone).to_string(),
                };
                let days = t.valid_days;
                let (held, used, claimable) = (t.held, t.used, t.claimable);
                view! {
                    <li>
                        <strong>{t.code}</strong>" · "{t.name}<br />
                        {who}" · "
                        {move || match days {
                            Some(d) => td_string!(l(), admin_promo.coupon_valid_for, days = d).to_string(),
                            None => td_string!(l(), admin_promo.coupon_valid_while_runs).to_string(),
                        }}" · "
                        {claimable.then(|| view! { {t!(i18n, admin_promo.coupon_claimable_short)}" · " })}
                        <span class="muted">{move || td_string!(l(), admin_promo.coupon_copies, held = held, used = used).to_string()}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn IssueCard(codes: Vec<String>, action: ServerAction<IssueCoupon>) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let key = StoredValue::new(None::<String>);
    let to = RwSignal::new("shopper".to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        let k = key.get_value().unwrap_or_else(fresh_key);
        key.set_value(Some(k.clone()));
        action.dispatch(IssueCoupon {
            code: v("code"),
            to: v("to"),
            email: v("email"),
            level: v("level"),
            reason: v("reason"),
            key: k,
        });
    };
    // A new form after each issue: its key is used.
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            key.set_value(None);
        }
    });
    let issued = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let count = move || match action.value().get() {
        Some(Ok(n)) => td_string!(l(), admin_promo.coupon_issued, n = n).to_string(),
        _ => String::new(),
    };
    let level_error = field_error(action, "level");
    view! {
        <section class="card" aria-labelledby="coupon-issue-title">
            <h2 id="coupon-issue-title">{t!(i18n, admin_promo.coupon_issue_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.coupon_issue_hint)}</p>
            <form class="stack-form" on:submit=submit data-testid="coupon-issue-form" novalidate>
                <Field name="code" form="issue" error=field_error(action, "code")>{t!(i18n, admin_promo.coupon_code)}</Field>
                {codes_hint(codes)}
                <fieldset class="choice-group">
                    <legend>{t!(i18n, admin_promo.coupon_issue_to)}</legend>
                    <label class="check">
                        <input type="radio" name="to" value="shopper" checked on:change=move |_| to.set("shopper".into()) />
                        <span>{t!(i18n, admin_promo.coupon_to_shopper)}</span>
                    </label>
                    <label class="check">
                        <input type="radio" name="to" value="level" on:change=move |_| to.set("level".into()) />
                        <span>{t!(i18n, admin_promo.coupon_to_level)}</span>
                    </label>
                </fieldset>
                <div hidden=move || to.get() != "shopper">
                    <Field name="email" form="issue" kind="email" error=field_error(action, "email")>{t!(i18n, admin_promo.coupon_email)}</Field>
                </div>
                <div class="field" hidden=move || to.get() != "level">
                    <label for="issue-level">{t!(i18n, admin_promo.coupon_level)}</label>
                    <select id="issue-level" name="level">
                        {LEVELS.into_iter().map(|lv| view! {
                            <option value=lv.as_str() selected=lv == MemberLevel::Gold>{move || level_text(l(), lv.as_str())}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" aria-live="polite">{move || level_error.get().map(|k| error_text(l(), k))}</p>
                </div>
                <Field name="reason" form="issue" error=field_error(action, "reason")>{t!(i18n, admin_promo.coupon_reason)}</Field>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin_promo.coupon_issue)}</button>
                <FormStatus result=issued />
                <p class="form-status ok" role="status" data-testid="coupon-issued">{count}</p>
            </form>
        </section>
    }
}

#[component]
fn BirthdayCard(
    code: Option<String>,
    days: i32,
    action: ServerAction<SaveBirthdayCoupon>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        action.dispatch(SaveBirthdayCoupon {
            code: v("code"),
            days_before: v("days_before"),
        });
    };
    let now = code.clone();
    view! {
        <section class="card" aria-labelledby="birthday-title">
            <h2 id="birthday-title">{t!(i18n, admin_promo.birthday_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.birthday_hint)}</p>
            <p data-testid="birthday-now">{move || match &now {
                Some(c) => td_string!(l(), admin_promo.birthday_now, code = c.clone(), days = days).to_string(),
                None => td_string!(l(), admin_promo.birthday_none).to_string(),
            }}</p>
            <form class="stack-form" on:submit=submit data-testid="birthday-form" novalidate>
                <Field name="code" form="birthday" required=false value=code.unwrap_or_default() error=field_error(action, "code")
                    hint=view! { {t!(i18n, admin_promo.birthday_code_hint)} }.into_any()>
                    {t!(i18n, admin_promo.coupon_code)}
                </Field>
                <Field name="days_before" form="birthday" value=days.to_string() error=field_error(action, "days_before")>
                    {t!(i18n, admin_promo.birthday_days)}
                </Field>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin_promo.birthday_save)}</button>
                <FormStatus result=outcome(action) success=Signal::derive(move || td_string!(l(), admin_promo.birthday_saved).to_string()) />
            </form>
        </section>
    }
}
