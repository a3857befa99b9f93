//! The display settings in the page: the `<html>` attributes the styles
//! follow, and the form that changes them (on `/display` and the account
//! page).
use super::api::{SaveDisplay, current_display};
use super::{DisplaySettings, TextSize, Theme};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text, use_auth};
use leptos::prelude::*;
use leptos_meta::Html;

/// What the page is drawn with. Provided once per page by the page shell
/// (`ui::shell`), below which every page reads it.
#[derive(Clone, Copy)]
pub struct DisplayCtx {
    /// The server's answer: the account's settings, else the cookie's. Read
    /// again whenever someone signs in or out, since the account's win.
    saved: crate::ui::kit::Data<Result<DisplaySettings, AppError>>,
    /// A choice saved on this page since, applied at once.
    chosen: RwSignal<Option<DisplaySettings>>,
}

impl DisplayCtx {
    /// Creates the settings' resource and provides the context. Call it
    /// where the page shell creates its other resources, in the same order
    /// on the server and in the browser.
    pub fn provide() -> Self {
        let auth = use_auth();
        let saved = crate::ui::kit::resource(move || auth.version(), |_| current_display());
        let chosen = RwSignal::new(None);
        // After signing in or out the server's answer applies again. The
        // first run is hydration, not a sign-in.
        Effect::new(move |prev: Option<()>| {
            auth.version();
            if prev.is_some() {
                chosen.set(None);
            }
        });
        let ctx = DisplayCtx { saved, chosen };
        provide_context(ctx);
        ctx
    }

    /// The settings in force (the defaults while loading, or if reading
    /// them failed).
    pub fn current(&self) -> DisplaySettings {
        self.chosen
            .get()
            .or_else(|| self.saved.get().and_then(Result::ok))
            .unwrap_or_default()
    }

    fn current_untracked(&self) -> DisplaySettings {
        self.chosen
            .get_untracked()
            .or_else(|| self.saved.get_untracked().and_then(Result::ok))
            .unwrap_or_default()
    }
}

pub fn use_display() -> DisplayCtx {
    expect_context::<DisplayCtx>()
}

/// `data-theme` and `data-text` on `<html>`. Inside a Transition, so the
/// server waits for the settings and writes them into the document it
/// sends (leptos_meta puts `<Html>`'s attributes on the `<html>` tag):
/// the first paint already has the right theme. In the browser they follow
/// a new choice without a reload.
#[component]
pub fn DisplayAttrs() -> impl IntoView {
    let ctx = use_display();
    view! {
        <Transition fallback=|| ()>
            {move || ctx.saved.get().map(|_| view! {
                <Html
                    {..}
                    data-theme=move || ctx.current().theme.as_str()
                    data-text=move || ctx.current().text.as_str()
                />
            })}
        </Transition>
    }
}

pub fn theme_text(locale: Locale, theme: Theme) -> &'static str {
    match theme {
        Theme::System => td_string!(locale, display.theme_system),
        Theme::Light => td_string!(locale, display.theme_light),
        Theme::Dark => td_string!(locale, display.theme_dark),
    }
}

pub fn text_size_text(locale: Locale, text: TextSize) -> &'static str {
    match text {
        TextSize::Standard => td_string!(locale, display.text_standard),
        TextSize::Large => td_string!(locale, display.text_large),
        TextSize::Larger => td_string!(locale, display.text_larger),
    }
}

/// The account page's card: the same form under its own heading.
#[component]
pub fn DisplayCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="display-title">
            <h2 id="display-title">{t!(i18n, display.card_title)}</h2>
            <DisplayForm />
        </section>
    }
}

/// The theme and the text size as two radio groups, each with its legend,
/// and the choice in force written out. A plain form: without JavaScript
/// the server saves it and draws the page again with it; with JavaScript
/// the choice applies at once, without a reload.
#[component]
pub fn DisplayForm() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_display();
    let auth = use_auth();
    let action = ServerAction::<SaveDisplay>::new();
    Effect::new(move |_| {
        if let Some(Ok(s)) = action.value().get() {
            ctx.chosen.set(Some(s));
        }
    });
    let outcome = Signal::derive(move || {
        action.value().with(|v| {
            v.as_ref()
                .map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))
        })
    });
    let saved = Signal::derive(move || td_string!(i18n.get_locale(), display.saved).to_string());
    let current = move || {
        let (l, s) = (i18n.get_locale(), ctx.current());
        td_string!(
            l,
            display.current,
            theme = theme_text(l, s.theme),
            text = text_size_text(l, s.text)
        )
        .to_string()
    };
    let kept = move || {
        if auth.current().is_some() {
            td_string!(i18n.get_locale(), display.kept_in_account)
        } else {
            td_string!(i18n.get_locale(), display.kept_in_browser)
        }
    };
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            // Drawn with the settings in force; not again after a save (the
            // radios already show it, and focus stays on the button).
            {move || ctx.saved.get().map(|_| {
                let now = ctx.current_untracked();
                view! {
                    <ActionForm action attr:class="display-form">
                        <p class="display-current" data-testid="display-current">{current}</p>
                        <p class="muted">{kept}</p>
                        {choice_group(
                            "theme",
                            |l| td_string!(l, display.theme_legend),
                            Theme::ALL.map(|t| (t, t == now.theme)),
                            Theme::as_str,
                            theme_text,
                            field_error(action, "theme"),
                        )}
                        {choice_group(
                            "text",
                            |l| td_string!(l, display.text_legend),
                            TextSize::ALL.map(|t| (t, t == now.text)),
                            TextSize::as_str,
                            text_size_text,
                            field_error(action, "text"),
                        )}
                        <FormStatus result=outcome success=saved />
                        <button class="btn primary" type="submit" disabled=move || action.pending().get()>
                            {t!(i18n, display.save)}
                        </button>
                    </ActionForm>
                }
            })}
        </Transition>
    }
}

/// The error the last save reported for `field`.
fn field_error(action: ServerAction<SaveDisplay>, field: &'static str) -> Signal<Option<ErrorKey>> {
    Signal::derive(move || {
        action.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err())
                .and_then(|e| e.field(field))
        })
    })
}

/// One radio group: a fieldset whose legend names it, one labelled radio
/// per option (`(option, checked)`), and the group's error under it.
fn choice_group<T: Copy + Send + Sync + 'static>(
    name: &'static str,
    legend: fn(Locale) -> &'static str,
    options: [(T, bool); 3],
    value: fn(T) -> &'static str,
    label: fn(Locale, T) -> &'static str,
    error: Signal<Option<ErrorKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("display-{name}-error");
    view! {
        <fieldset class="display-group" aria-describedby=error_id>
            <legend>{move || legend(i18n.get_locale())}</legend>
            <div class="display-options">
                {options.into_iter().map(|(option, checked)| view! {
                    <label class="display-option">
                        <input type="radio" name=name value=value(option) checked=checked />
                        <span>{move || label(i18n.get_locale(), option)}</span>
                    </label>
                }).collect_view()}
            </div>
            <p class="field-error" id=error_id.clone() aria-live="polite">
                {move || error.get().map(|k| error_text(i18n.get_locale(), k))}
            </p>
        </fieldset>
    }
}
