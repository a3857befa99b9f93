//! The super admin's page: the role × permission matrix (each box saves at
//! once) and the staff list with its create form, and a form that makes an
//! existing shopper account staff (its new password is shown here once).
use super::api::{CreateStaff, PromoteStaff, SetGrant, UpdateStaff, list_role_grants, staff_list};
use super::{NewStaff, Promoted, RoleGrants, StaffMember, is_locked_grant};
use crate::accounts::{Permission, Role};
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::ui::kit::{Field, FormStatus, error_text, permission_text, role_text};
use leptos::prelude::*;

const STAFF_ROLES: [Role; 4] = [
    Role::SuperAdmin,
    Role::OperationsManager,
    Role::CatalogEditor,
    Role::CustomerService,
];

/// Keeps the role chosen in a select. Its options are [`STAFF_ROLES`], so
/// every value parses.
fn pick_role(role: RwSignal<Role>, ev: &leptos::ev::Event) {
    if let Some(r) = Role::parse(&event_target_value(ev)) {
        role.set(r);
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetGrant>::new();
    let create = ServerAction::<CreateStaff>::new();
    let update = ServerAction::<UpdateStaff>::new();
    let promote = ServerAction::<PromoteStaff>::new();
    let grants = crate::ui::kit::resource(move || set.version().get(), |_| list_role_grants());
    let members = crate::ui::kit::resource(
        move || {
            (
                create.version().get(),
                update.version().get(),
                promote.version().get(),
            )
        },
        |_| staff_list(),
    );
    let grant_error = move || {
        set.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> })
    };
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin.staff_title)}</h1>
            <p class="muted">{t!(i18n, admin.staff_intro)}</p>
        </header>
        <section class="section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{t!(i18n, admin.matrix_title)}</h2>
            {grant_error}
            <MatrixScroll ready=Signal::derive(move || grants.get().is_some())>
                <Transition fallback=|| ()>
                    {crate::ui::kit::drawn(grants, move |r| match r {
                        Ok(list) => view! { <MatrixTable list set /> }.into_any(),
                        Err(e) => view! { <AdminError error=e /> }.into_any(),
                    })}
                </Transition>
            </MatrixScroll>
        </section>
        <section class="section" aria-labelledby="staff-list-title">
            <h2 id="staff-list-title">{t!(i18n, admin.staff_list_title)}</h2>
            <Transition fallback=|| ()>
                {crate::ui::kit::drawn(members, move |r| match r {
                    Ok(list) => view! {
                        <ul class="admin-cards">
                            {list.into_iter().map(|m| view! { <StaffRow member=m update /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e /> }.into_any(),
                })}
            </Transition>
            <StaffForm create />
            <PromoteForm promote />
        </section>
    }
}

/// The matrix's scroll box. On a phone the role columns do not fit, and a
/// bare `overflow: auto` cut the last one off with nothing to say so. Here
/// the permission column stays put (CSS), the right edge shades while more
/// columns are hidden, a hint shows only while the table is wider than the
/// box, and the box is a named, focusable region so keyboard users can
/// scroll it with the arrow keys. It sits outside the Transition, so saving
/// a box (which rebuilds the table) keeps the scroll position.
#[component]
fn MatrixScroll(
    /// Whether the table has arrived (the width is measured again then).
    ready: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    let overflows = RwSignal::new(false);
    let more_right = RwSignal::new(false);
    // `try_`: a frame requested just before the page closed may run after
    // the node is gone.
    let measure = move || {
        if let Some(Some(el)) = node.try_get_untracked() {
            let (scroll, client) = (el.scroll_width(), el.client_width());
            overflows.set(scroll > client);
            more_right.set(el.scroll_left() + client < scroll - 1);
        }
    };
    // Browser only (effects do not run on the server). The other language's
    // labels change the table's width; the next frame has the new layout.
    Effect::new(move |_| {
        let _ = ready.get();
        let _ = i18n.get_locale();
        if node.get().is_some() {
            request_animation_frame(measure);
        }
    });
    Effect::new(move |_| {
        let resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || resize.remove());
    });
    view! {
        <p class="scroll-hint" id="matrix-hint" data-testid="matrix-hint" hidden=move || !overflows.get()>
            {t!(i18n, admin.matrix_scroll_hint)}
        </p>
        <div class=move || if more_right.get() { "scroll-frame more-right" } else { "scroll-frame" }>
            <div
                class="table-wrap"
                node_ref=node
                role="region"
                tabindex="0"
                aria-label=move || td_string!(i18n.get_locale(), admin.matrix_region)
                aria-describedby=move || overflows.get().then_some("matrix-hint")
                data-testid="matrix-scroll"
                on:scroll=move |_| measure()
            >
                {children()}
            </div>
        </div>
    }
}

/// Roles across, permissions down; each box saves at once.
#[component]
fn MatrixTable(list: Vec<RoleGrants>, set: ServerAction<SetGrant>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data matrix" data-testid="permission-matrix">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.permission)}</th>
                    {list.iter().map(|g| {
                        let role = g.role;
                        view! { <th scope="col">{move || role_text(i18n.get_locale(), role)}</th> }
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {Permission::ALL.into_iter().map(|p| {
                    let cells = list.iter().map(|g| {
                        let role = g.role;
                        let held = g.permissions.contains(&p);
                        let locked = is_locked_grant(role, p);
                        let id = format!("grant-{}-{}", role.as_str(), p.as_str().replace('.', "-"));
                        view! {
                            <td>
                                <input
                                    type="checkbox"
                                    id=id
                                    checked=held
                                    disabled=locked || set.pending().get()
                                    aria-label=move || format!("{} · {}", role_text(i18n.get_locale(), role), permission_text(i18n.get_locale(), p))
                                    on:change=move |ev| {
                                        set.dispatch(SetGrant {
                                            role,
                                            permission: p,
                                            granted: event_target_checked(&ev),
                                        });
                                    }
                                />
                            </td>
                        }
                    }).collect_view();
                    view! {
                        <tr>
                            <th scope="row">
                                {move || permission_text(i18n.get_locale(), p)}
                                <code class="perm-code">{p.as_str()}</code>
                            </th>
                            {cells}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn StaffRow(member: StaffMember, update: ServerAction<UpdateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let role = RwSignal::new(member.role);
    let id = member.id;
    let disabled = member.disabled;
    let save = move |disable: bool| {
        update.dispatch(UpdateStaff {
            id,
            role: role.get_untracked(),
            disabled: disable,
        });
    };
    view! {
        <li class="admin-card" data-testid=format!("staff-{}", member.email)>
            <div>
                <strong>{member.display_name.clone()}</strong>
                <span class="muted">" " {member.email.clone()}</span>
                {disabled.then(|| view! { <span class="tag danger">{t!(i18n, admin.disabled)}</span> })}
            </div>
            <div class="row-actions">
                <select
                    aria-label=move || td_string!(i18n.get_locale(), admin.role)
                    on:change=move |ev| pick_role(role, &ev)
                    prop:value=move || role.get().as_str()
                >
                    {STAFF_ROLES.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == member.role>{move || role_text(i18n.get_locale(), r)}</option>
                    }).collect_view()}
                </select>
                <button class="btn small" type="button" on:click=move |_| save(disabled)>{t!(i18n, admin.save)}</button>
                <button class="btn small danger" type="button" on:click=move |_| save(!disabled)>
                    {move || if disabled { td_string!(i18n.get_locale(), admin.enable) } else { td_string!(i18n.get_locale(), admin.disable) }}
                </button>
            </div>
        </li>
    }
}

#[component]
fn StaffForm(create: ServerAction<CreateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| {
        Signal::derive(move || {
            create
                .value()
                .get()
                .and_then(|r| r.err())
                .and_then(|e| e.field(field))
        })
    };
    let result = Signal::derive(move || create.value().get().map(|r| r.map(|_| ())));
    let role = RwSignal::new(Role::CustomerService);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = crate::ui::kit::form_data(&ev);
        create.dispatch(CreateStaff {
            member: NewStaff {
                email: form("email"),
                display_name: form("display_name"),
                password: form("password"),
                role: role.get_untracked(),
            },
        });
    };
    view! {
        <form class="card-form" on:submit=on_submit>
            <h3>{t!(i18n, admin.staff_new)}</h3>
            <Field name="email" form="staff" kind="email" error=err("email")>{t!(i18n, admin.email)}</Field>
            <Field name="display_name" form="staff" error=err("display_name")>{t!(i18n, admin.display_name)}</Field>
            <Field name="password" form="staff" kind="password" autocomplete="new-password" error=err("password")>{t!(i18n, admin.password)}</Field>
            <div class="field">
                <label for="staff-role">{t!(i18n, admin.role)}</label>
                <select id="staff-role" on:change=move |ev| pick_role(role, &ev)>
                    {STAFF_ROLES.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == Role::CustomerService>{move || role_text(i18n.get_locale(), r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <FormStatus result success=Signal::derive(move || td_string!(i18n.get_locale(), admin.saved).to_string()) />
            <button class="btn primary" type="submit" disabled=move || create.pending().get()>{t!(i18n, admin.staff_create)}</button>
        </form>
    }
}

/// Makes an existing shopper account staff. The account's new password
/// comes back in the action's answer only: it is shown once, below the
/// form, until the admin closes it, and nothing can show it again.
#[component]
fn PromoteForm(promote: ServerAction<PromoteStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| {
        Signal::derive(move || {
            promote
                .value()
                .get()
                .and_then(|r| r.err())
                .and_then(|e| e.field(field))
        })
    };
    // Failures only: success has its own box with the password.
    let failed: Signal<Option<Result<(), crate::error::AppError>>> =
        Signal::derive(move || promote.value().get().and_then(|r| r.err()).map(Err));
    let promoted = move || promote.value().get().and_then(|r| r.ok());
    let role = RwSignal::new(Role::CustomerService);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = crate::ui::kit::form_data(&ev);
        promote.dispatch(PromoteStaff {
            email: form("email"),
            role: role.get_untracked(),
        });
    };
    view! {
        <form class="card-form" on:submit=on_submit aria-labelledby="promote-title" aria-describedby="promote-intro">
            <h3 id="promote-title">{t!(i18n, admin.staff_promote_title)}</h3>
            <p class="muted" id="promote-intro">{t!(i18n, admin.staff_promote_intro)}</p>
            <Field name="email" form="promote" kind="email" error=err("email")>{t!(i18n, admin.email)}</Field>
            <div class="field">
                <label for="promote-role">{t!(i18n, admin.role)}</label>
                <select id="promote-role" on:change=move |ev| pick_role(role, &ev)>
                    {STAFF_ROLES.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == Role::CustomerService>{move || role_text(i18n.get_locale(), r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <FormStatus result=failed />
            <button class="btn primary" type="submit" disabled=move || promote.pending().get()>{t!(i18n, admin.staff_promote)}</button>
            // A live region that is already in the page, so screen readers
            // announce the box when it appears in it.
            <div role="status" aria-live="polite">
                {move || promoted().map(|p| view! { <OneTimePassword promoted=p promote /> })}
            </div>
        </form>
    }
}

/// The promoted account's new password, readable and selectable in a
/// read-only field, until the admin says they have noted it.
#[component]
fn OneTimePassword(promoted: Promoted, promote: ServerAction<PromoteStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let Promoted {
        email,
        role,
        password,
    } = promoted;
    view! {
        <div class="form-status ok" data-testid="promoted">
            <p>
                {move || td_string!(i18n.get_locale(), admin.staff_promoted, email = email.clone(), role = role_text(i18n.get_locale(), role)).to_string()}
            </p>
            <div class="field">
                <label for="promoted-password">{t!(i18n, admin.staff_promoted_password)}</label>
                <input
                    id="promoted-password"
                    class="mono"
                    type="text"
                    readonly
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="promoted-hint"
                    data-testid="promoted-password"
                    value=password
                />
                <p class="field-hint" id="promoted-hint">{t!(i18n, admin.staff_promoted_hint)}</p>
            </div>
            <button class="btn small" type="button" on:click=move |_| promote.clear()>
                {t!(i18n, admin.staff_promoted_done)}
            </button>
        </div>
    }
}
