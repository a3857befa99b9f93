//! `/admin/mail`: a test e-mail and what became of it, and the messages
//! that failed every try, each with "send again" and "discard". Every
//! state is written out ("Undeliverable", "Tried 6 times", the server's
//! answer), not only coloured.
use super::api::{DiscardMail, RetryMail, TestMail, admin_mail};
use super::{Delivery, MailItem, MailOverview};
use crate::accounts::components::{field_error, outcome};
use crate::admin::components::EmptyState;
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text};
use leptos::prelude::*;

/// A delivery state in words.
pub fn delivery_text(locale: Locale, d: Delivery) -> &'static str {
    match d {
        Delivery::Waiting => td_string!(locale, admin.mail_status_waiting),
        Delivery::Retrying => td_string!(locale, admin.mail_status_retrying),
        Delivery::Sent => td_string!(locale, admin.mail_status_sent),
        Delivery::Undeliverable => td_string!(locale, admin.mail_status_undeliverable),
        Delivery::Discarded => td_string!(locale, admin.mail_status_discarded),
    }
}

/// An outbox status as stored (the audit log's "delivery" field) in words.
pub fn stored_status_text(locale: Locale, status: &str) -> Option<&'static str> {
    Some(delivery_text(
        locale,
        match status {
            "pending" => Delivery::Waiting,
            "sent" => Delivery::Sent,
            "dead" => Delivery::Undeliverable,
            "discarded" => Delivery::Discarded,
            _ => return None,
        },
    ))
}

#[component]
pub fn MailPage() -> impl IntoView {
    let i18n = use_i18n();
    let test = ServerAction::<TestMail>::new();
    let retry = ServerAction::<RetryMail>::new();
    let discard = ServerAction::<DiscardMail>::new();
    let refresh = RwSignal::new(0u32);
    let data = crate::ui::kit::resource(
        move || {
            let changed = test.version().get() + retry.version().get() + discard.version().get();
            (i18n.get_locale(), changed, refresh.get())
        },
        |(locale, _, _)| admin_mail(locale.as_str().to_string()),
    );
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin.mail_title)}</h1>
            <p class="muted">{t!(i18n, admin.mail_intro)}</p>
        </header>
        <TestForm action=test />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(o) => view! { <Lists o retry discard refresh /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn TestForm(action: ServerAction<TestMail>) -> impl IntoView {
    let i18n = use_i18n();
    let to = RwSignal::new(String::new());
    let error = field_error(action, "to");
    let queued =
        Signal::derive(move || td_string!(i18n.get_locale(), admin.mail_test_queued).to_string());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(TestMail {
            to: to.get_untracked(),
            lang: i18n.get_locale_untracked().as_str().to_string(),
        });
    };
    view! {
        <section class="card" aria-labelledby="mail-test-title">
            <h2 id="mail-test-title">{t!(i18n, admin.mail_test_title)}</h2>
            <p class="muted">{t!(i18n, admin.mail_test_intro)}</p>
            <form class="filter-bar" on:submit=on_submit>
                <label class="grow">
                    <span>{t!(i18n, admin.mail_test_to)}</span>
                    <input
                        type="email"
                        name="to"
                        required
                        autocomplete="email"
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby="mail-test-error"
                        prop:value=move || to.get()
                        on:input=move |ev| to.set(event_target_value(&ev))
                    />
                </label>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, admin.mail_test_submit)}
                </button>
            </form>
            <p class="field-error" id="mail-test-error" aria-live="polite">
                {move || error.get().map(|k| error_text(i18n.get_locale(), k))}
            </p>
            <FormStatus result=outcome(action) success=queued />
        </section>
    }
}

#[component]
fn Lists(
    o: MailOverview,
    retry: ServerAction<RetryMail>,
    discard: ServerAction<DiscardMail>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (waiting, dead_total) = (o.waiting, o.dead_total);
    let tests = (!o.tests.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="mail-tests-title">
                <h2 id="mail-tests-title">{t!(i18n, admin.mail_tests_title)}</h2>
                <ul class="admin-cards mail-list">
                    {o.tests.into_iter().map(|m| view! { <Message m /> }).collect_view()}
                </ul>
            </section>
        }
    });
    let dead = if o.dead.is_empty() {
        view! { <EmptyState testid="mail-dead-none">{t!(i18n, admin.mail_dead_none)}</EmptyState> }
            .into_any()
    } else {
        view! {
            <p class="muted">{move || td_string!(i18n.get_locale(), admin.mail_dead_count, count = dead_total).to_string()}</p>
            <ul class="admin-cards mail-list">
                {o.dead.into_iter().map(|m| view! { <DeadMessage m retry discard /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p class="button-row">
            <span class="muted">{move || td_string!(i18n.get_locale(), admin.mail_waiting, count = waiting).to_string()}</span>
            " "
            <button class="btn small" type="button" on:click=move |_| refresh.update(|n| *n += 1)>
                {t!(i18n, admin.mail_refresh)}
            </button>
        </p>
        {tests}
        <section class="card" aria-labelledby="mail-dead-title">
            <h2 id="mail-dead-title">{t!(i18n, admin.mail_dead_title)}</h2>
            <FormStatus result=outcome(retry) />
            <FormStatus result=outcome(discard) />
            {dead}
        </section>
    }
}

/// One message: its subject, recipient, state, tries and the server's
/// last answer.
#[component]
fn Message(m: MailItem, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let delivery = m.delivery;
    let attempts = m.attempts;
    view! {
        <li class="admin-card mail-item" data-testid="mail-item">
            <div class="mail-line">
                <strong>{m.subject.clone()}</strong>
                <span class="tag" data-delivery=format!("{delivery:?}")>{move || delivery_text(i18n.get_locale(), delivery)}</span>
            </div>
            <p class="muted">
                {t!(i18n, admin.mail_to)} " " <span class="strong">{m.to.clone()}</span>
                " · " <time>{m.at.clone()}</time>
                {(attempts > 0).then(|| view! {
                    " · " {move || td_string!(i18n.get_locale(), admin.mail_tries, count = attempts).to_string()}
                })}
            </p>
            {m.last_error.clone().map(|e| view! {
                <p class="mail-error">{t!(i18n, admin.mail_error)} " " <code>{e}</code></p>
            })}
            {children.map(|c| c())}
        </li>
    }
}

#[component]
fn DeadMessage(
    m: MailItem,
    retry: ServerAction<RetryMail>,
    discard: ServerAction<DiscardMail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, to) = (m.id, m.to.clone());
    let (to_a, to_b) = (to.clone(), to);
    view! {
        <Message m>
            <p class="button-row">
                <button
                    class="btn small primary"
                    type="button"
                    aria-label=move || td_string!(i18n.get_locale(), admin.mail_retry_label, to = to_a.clone()).to_string()
                    disabled=move || retry.pending().get()
                    on:click=move |_| { retry.dispatch(RetryMail { id }); }
                >
                    {t!(i18n, admin.mail_retry)}
                </button>
                " "
                <button
                    class="btn small"
                    type="button"
                    aria-label=move || td_string!(i18n.get_locale(), admin.mail_discard_label, to = to_b.clone()).to_string()
                    disabled=move || discard.pending().get()
                    on:click=move |_| { discard.dispatch(DiscardMail { id }); }
                >
                    {t!(i18n, admin.mail_discard)}
                </button>
            </p>
        </Message>
    }
}
