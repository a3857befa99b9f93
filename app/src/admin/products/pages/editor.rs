//! `/admin/products/new` and `/admin/products/:id`: the product editor.
//! The whole form lives in one signal and is saved in one request; the
//! server checks everything again and answers with per-field errors.
use super::super::api::{SaveImages, SaveProduct, get_product_editor};
use super::super::{
    AttributeValue, Choice, ImageEdit, Pair, ProductEditor, ProductForm, VariantForm,
};
use crate::admin::shell::AdminError;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let images = ServerAction::<SaveImages>::new();
    let data = crate::ui::kit::resource(
        move || (id(), images.version().get()),
        |(id, _)| get_product_editor(id),
    );
    view! {
        <p><a href="/admin/products">{t!(i18n, admin_catalog.back_to_products)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(ed) => view! { <Editor ed images /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

type Errors = Signal<Option<AppError>>;

fn field_error(errors: Errors, field: String) -> Signal<Option<ErrorKey>> {
    Signal::derive(move || errors.get().and_then(|e| e.field(&field)))
}

/// A labelled text input bound to part of the form.
#[component]
fn TextIn(
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    error: Signal<Option<ErrorKey>>,
    #[prop(default = 120)] max: usize,
    #[prop(default = false)] required: bool,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let err_id = format!("{id}-error");
    let err_id2 = err_id.clone();
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                maxlength=max
                required=required
                prop:value=value
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=err_id
                on:input=move |ev| set.run(event_target_value(&ev))
            />
            <p class="field-error" id=err_id2 aria-live="polite">{move || error.get().map(|k| error_text(i18n.get_locale(), k))}</p>
        </div>
    }
}

/// Reads or writes variant `i` (a removed row's closures do nothing).
fn with_variant<T: Default>(
    form: RwSignal<ProductForm>,
    i: usize,
    f: impl FnOnce(&VariantForm) -> T,
) -> T {
    form.with(|p| p.variants.get(i).map(f).unwrap_or_default())
}

fn update_variant(form: RwSignal<ProductForm>, i: usize, f: impl FnOnce(&mut VariantForm)) {
    form.update(|p| {
        if let Some(v) = p.variants.get_mut(i) {
            f(v)
        }
    });
}

#[component]
fn Editor(ed: ProductEditor, images: ServerAction<SaveImages>) -> impl IntoView {
    let i18n = use_i18n();
    let mut initial = ed.form.clone();
    // One row per attribute, so each can be filled in.
    for a in &ed.attributes {
        if !initial.attributes.iter().any(|x| x.attribute_id == a.id) {
            initial.attributes.push(AttributeValue {
                attribute_id: a.id,
                value: Pair::default(),
            });
        }
    }
    let form = RwSignal::new(initial);
    let is_new = ed.form.id.is_none();
    let save = ServerAction::<SaveProduct>::new();
    let errors: Errors = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get()
            && is_new
        {
            navigate(&format!("/admin/products/{id}?saved=1"), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut f = form.get_untracked();
        f.attributes
            .retain(|a| !a.value.zh.trim().is_empty() || !a.value.en.trim().is_empty());
        save.dispatch(SaveProduct { form: f });
    };
    let saved_msg =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.saved).to_string());
    let result = Signal::derive(move || save.value().get().map(|r| r.map(|_| ())));
    let query = use_query_map();
    let just_created = move || query.with(|q| q.get("saved").is_some());
    view! {
        <header class="page-head">
            <h1>{move || if is_new { td_string!(i18n.get_locale(), admin_catalog.new_product) } else { td_string!(i18n.get_locale(), admin_catalog.edit_product) }}</h1>
            {move || just_created().then(|| view! { <p class="form-status ok" role="status">{t!(i18n, admin_catalog.saved)}</p> })}
        </header>
        <form class="editor" on:submit=on_submit novalidate data-testid="product-form">
            <BasicsPanel form errors categories=ed.categories />
            <OptionsPanel form errors />
            <VariantsPanel form errors />
            <AttributesPanel form attributes=ed.attributes />
            <FormStatus result success=saved_msg />
            {move || errors.get().filter(|e| matches!(e, AppError::Validation(_))).map(|_| view! {
                <p class="form-status error" role="alert">{t!(i18n, admin_catalog.fix_errors)}</p>
            })}
            <div class="sticky-actions">
                <button class="btn primary" type="submit" data-testid="save-product" disabled=move || save.pending().get()>{t!(i18n, admin_catalog.save_product)}</button>
            </div>
        </form>
        {ed.form.id.map(|pid| view! { <ImagesPanel product_id=pid list=ed.images.clone() action=images /> })}
    }
}

/// Names, descriptions, slug, category, tags and the listed/featured flags.
#[component]
fn BasicsPanel(
    form: RwSignal<ProductForm>,
    errors: Errors,
    categories: Vec<Choice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |f: &str| field_error(errors, f.to_string());
    let tr = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let text = |get: fn(&ProductForm) -> String, set: fn(&mut ProductForm, String)| {
        (
            Signal::derive(move || form.with(get)),
            Callback::new(move |v: String| form.update(|p| set(p, v))),
        )
    };
    let (slug, set_slug) = text(|p| p.slug.clone(), |p, v| p.slug = v);
    let (name_zh, set_name_zh) = text(|p| p.name.zh.clone(), |p, v| p.name.zh = v);
    let (name_en, set_name_en) = text(|p| p.name.en.clone(), |p, v| p.name.en = v);
    let (tags, set_tags) = text(|p| p.tags.clone(), |p, v| p.tags = v);
    view! {
        <section class="panel">
            <h2>{t!(i18n, admin_catalog.basics)}</h2>
            <div class="two-col">
                <TextIn id="p-name-zh".into() label=tr(|l| td_string!(l, admin_catalog.name_zh)) value=name_zh set=set_name_zh error=err("name_zh") required=true />
                <TextIn id="p-name-en".into() label=tr(|l| td_string!(l, admin_catalog.name_en)) value=name_en set=set_name_en error=err("name_en") required=true />
            </div>
            <div class="two-col">
                <div class="field">
                    <label for="p-desc-zh">{t!(i18n, admin_catalog.description_zh)}</label>
                    <textarea id="p-desc-zh" rows="4" maxlength="4000" prop:value=move || form.with(|p| p.description.zh.clone())
                        on:input=move |ev| form.update(|p| p.description.zh = event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="p-desc-en">{t!(i18n, admin_catalog.description_en)}</label>
                    <textarea id="p-desc-en" rows="4" maxlength="4000" prop:value=move || form.with(|p| p.description.en.clone())
                        on:input=move |ev| form.update(|p| p.description.en = event_target_value(&ev))></textarea>
                </div>
            </div>
            <div class="two-col">
                <TextIn id="p-slug".into() label=tr(|l| td_string!(l, admin_catalog.slug)) value=slug set=set_slug error=err("slug") max=100 required=true />
                <div class="field" class:invalid=move || err("category_id").get().is_some()>
                    <label for="p-category">{t!(i18n, admin_catalog.category)}</label>
                    <select id="p-category" on:change=move |ev| form.update(|p| p.category_id = event_target_value(&ev).parse().unwrap_or(0))>
                        <option value="0">{t!(i18n, admin_catalog.choose)}</option>
                        {categories.into_iter().map(|c: Choice| {
                            let cid = c.id;
                            view! { <option value=cid.to_string() selected=move || form.with(|p| p.category_id == cid)>{c.label}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error">{move || err("category_id").get().map(|k| error_text(i18n.get_locale(), k))}</p>
                </div>
            </div>
            <p class="field-hint muted">{t!(i18n, admin_catalog.slug_hint)}</p>
            <TextIn id="p-tags".into() label=tr(|l| td_string!(l, admin_catalog.tags)) value=tags set=set_tags error=err("tags") max=700 />
            <div class="checks">
                <label><input type="checkbox" id="p-listed" prop:checked=move || form.with(|p| p.listed) on:change=move |ev| form.update(|p| p.listed = event_target_checked(&ev)) /> " " {t!(i18n, admin_catalog.listed_label)}</label>
                <label><input type="checkbox" id="p-featured" prop:checked=move || form.with(|p| p.featured) on:change=move |ev| form.update(|p| p.featured = event_target_checked(&ev)) /> " " {t!(i18n, admin_catalog.featured_label)}</label>
            </div>
        </section>
    }
}

/// One Chinese and one English value per catalog attribute (rows left empty
/// on both sides are dropped when saving).
#[component]
fn AttributesPanel(form: RwSignal<ProductForm>, attributes: Vec<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h2>{t!(i18n, admin_catalog.attributes)}</h2>
            {attributes.into_iter().map(|a| {
                let aid = a.id;
                let get = move |en: bool| Signal::derive(move || form.with(|p| p.attributes.iter().find(|x| x.attribute_id == aid).map(|x| if en { x.value.en.clone() } else { x.value.zh.clone() }).unwrap_or_default()));
                let set = move |en: bool| Callback::new(move |v: String| form.update(|p| if let Some(x) = p.attributes.iter_mut().find(|x| x.attribute_id == aid) { if en { x.value.en = v } else { x.value.zh = v } }));
                let label = a.label.clone();
                let label2 = a.label;
                view! {
                    <div class="two-col">
                        <TextIn id=format!("attr-{aid}-zh") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.in_zh, label = label.clone()).to_string()) value=get(false) set=set(false) error=Signal::derive(|| None) max=200 />
                        <TextIn id=format!("attr-{aid}-en") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.in_en, label = label2.clone()).to_string()) value=get(true) set=set(true) error=Signal::derive(|| None) max=200 />
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn OptionsPanel(form: RwSignal<ProductForm>, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || form.with(|p| p.options.len());
    let add = move |_| {
        form.update(|p| {
            if p.options.len() < 3 {
                p.options.push(Pair::default());
                for v in &mut p.variants {
                    v.values.push(Pair::default());
                }
            }
        })
    };
    view! {
        <section class="panel">
            <h2>{t!(i18n, admin_catalog.options)}</h2>
            <p class="muted small">{t!(i18n, admin_catalog.options_hint)}</p>
            <p class="field-error">{move || field_error(errors, "options".into()).get().map(|k| error_text(i18n.get_locale(), k))}</p>
            {move || (0..count()).map(|i| {
                let get = move |en: bool| Signal::derive(move || form.with(|p| p.options.get(i).map(|o| if en { o.en.clone() } else { o.zh.clone() }).unwrap_or_default()));
                let set = move |en: bool| Callback::new(move |v: String| form.update(|p| if let Some(o) = p.options.get_mut(i) { if en { o.en = v } else { o.zh = v } }));
                let remove = move |_| form.update(|p| {
                    if i < p.options.len() {
                        p.options.remove(i);
                        for v in &mut p.variants {
                            if i < v.values.len() { v.values.remove(i); }
                        }
                    }
                });
                view! {
                    <div class="two-col with-remove">
                        <TextIn id=format!("opt-{i}-zh") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.option_name_zh, n = i + 1).to_string()) value=get(false) set=set(false) error=field_error(errors, format!("options.{i}_zh")) max=30 required=true />
                        <TextIn id=format!("opt-{i}-en") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.option_name_en, n = i + 1).to_string()) value=get(true) set=set(true) error=field_error(errors, format!("options.{i}_en")) max=30 required=true />
                        <button class="btn small danger" type="button" on:click=remove>{t!(i18n, admin_catalog.remove)}</button>
                    </div>
                }
            }).collect_view()}
            {move || (count() < 3).then(|| view! { <button class="btn small" type="button" data-testid="add-option" on:click=add>{t!(i18n, admin_catalog.add_option)}</button> })}
        </section>
    }
}

#[component]
fn VariantsPanel(form: RwSignal<ProductForm>, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || form.with(|p| p.variants.len());
    let add = move |_| {
        form.update(|p| {
            let values = vec![Pair::default(); p.options.len()];
            p.variants.push(VariantForm {
                values,
                ..VariantForm::default()
            });
        })
    };
    view! {
        <section class="panel">
            <h2>{t!(i18n, admin_catalog.variants)}</h2>
            <p class="field-error">{move || field_error(errors, "variants".into()).get().map(|k| error_text(i18n.get_locale(), k))}</p>
            {move || (0..count()).map(|i| {
                let e = move |f: &str| field_error(errors, format!("variants.{i}.{f}"));
                let existing = with_variant(form, i, |v| v.id.is_some());
                let stock_now = with_variant(form, i, |v| v.stock);
                let options = form.with(|p| p.options.clone());
                let sku = Signal::derive(move || with_variant(form, i, |v| v.sku.clone()));
                let price = Signal::derive(move || with_variant(form, i, |v| v.price.clone()));
                let stock = Signal::derive(move || with_variant(form, i, |v| v.stock.to_string()));
                let safety = Signal::derive(move || with_variant(form, i, |v| v.safety_stock.to_string()));
                let int = |s: String| s.trim().parse::<i32>().unwrap_or(-1);
                view! {
                    <fieldset class="variant" data-testid=format!("variant-{i}")>
                        <legend>{move || td_string!(i18n.get_locale(), admin_catalog.variant_n, n = i + 1).to_string()}</legend>
                        <div class="four-col">
                            <TextIn id=format!("v-{i}-sku") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.sku).to_string()) value=sku set=Callback::new(move |s: String| update_variant(form, i, |v| v.sku = s)) error=e("sku") max=64 required=true />
                            <TextIn id=format!("v-{i}-price") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.price).to_string()) value=price set=Callback::new(move |s: String| update_variant(form, i, |v| v.price = s)) error=e("price") max=14 required=true />
                            {if existing {
                                view! { <div class="field"><span class="label">{t!(i18n, admin_catalog.stock)}</span><p><strong>{stock_now}</strong> " " <a class="small" href="/admin/inventory">{t!(i18n, admin_catalog.adjust_in_inventory)}</a></p></div> }.into_any()
                            } else {
                                view! { <TextIn id=format!("v-{i}-stock") kind="number" label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.opening_stock).to_string()) value=stock set=Callback::new(move |s: String| update_variant(form, i, |v| v.stock = int(s))) error=e("stock") max=8 /> }.into_any()
                            }}
                            <TextIn id=format!("v-{i}-safety") kind="number" label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.safety_stock).to_string()) value=safety set=Callback::new(move |s: String| update_variant(form, i, |v| v.safety_stock = int(s))) error=e("safety_stock") max=8 />
                        </div>
                        <p class="field-error">{move || e("values").get().map(|k| error_text(i18n.get_locale(), k))}</p>
                        {options.iter().enumerate().map(|(j, o)| {
                            let get = move |en: bool| Signal::derive(move || with_variant(form, i, |v| v.values.get(j).map(|x| if en { x.en.clone() } else { x.zh.clone() }).unwrap_or_default()));
                            let set = move |en: bool| Callback::new(move |s: String| update_variant(form, i, |v| if let Some(x) = v.values.get_mut(j) { if en { x.en = s } else { x.zh = s } }));
                            let (zh, en) = (o.zh.clone(), o.en.clone());
                            view! {
                                <div class="two-col">
                                    <TextIn id=format!("v-{i}-val-{j}-zh") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.in_zh, label = zh.clone()).to_string()) value=get(false) set=set(false) error=field_error(errors, format!("variants.{i}.values.{j}_zh")) max=30 required=true />
                                    <TextIn id=format!("v-{i}-val-{j}-en") label=Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.in_en, label = en.clone()).to_string()) value=get(true) set=set(true) error=field_error(errors, format!("variants.{i}.values.{j}_en")) max=30 required=true />
                                </div>
                            }
                        }).collect_view()}
                        <button class="btn small danger" type="button" on:click=move |_| form.update(|p| { if i < p.variants.len() { p.variants.remove(i); } })>{t!(i18n, admin_catalog.remove_variant)}</button>
                    </fieldset>
                }
            }).collect_view()}
            <button class="btn small" type="button" data-testid="add-variant" on:click=add>{t!(i18n, admin_catalog.add_variant)}</button>
        </section>
    }
}

#[component]
fn ImagesPanel(
    product_id: i64,
    list: Vec<ImageEdit>,
    action: ServerAction<SaveImages>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = RwSignal::new(list);
    let query = use_query_map();
    let upload_note = move || {
        query.with(|q| {
            if q.get("image").is_some() {
                Some(view! { <p class="form-status ok" role="status">{t!(i18n, admin_catalog.image_added)}</p> }.into_any())
            } else if let Some(key) = q.get("image_error") {
                let key: ErrorKey = serde_json::from_value(serde_json::Value::String(key)).unwrap_or(ErrorKey::PhotoInvalid);
                Some(view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), key)}</p> }.into_any())
            } else {
                None
            }
        })
    };
    let result = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.saved).to_string());
    let swap = move |a: usize, b: usize| {
        items.update(|l| {
            if a < l.len() && b < l.len() {
                l.swap(a, b)
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="images-title">
            <h2 id="images-title">{t!(i18n, admin_catalog.images)}</h2>
            {upload_note}
            <ol class="image-list" data-testid="image-list">
                {move || items.get().into_iter().enumerate().map(|(i, img)| {
                    let n = items.with(|l| l.len());
                    let set = move |en: bool| move |ev| {
                        let v = event_target_value(&ev);
                        items.update(|l| if let Some(x) = l.get_mut(i) { if en { x.alt.en = v } else { x.alt.zh = v } })
                    };
                    view! {
                        <li>
                            <img src=img.url.clone() alt=img.alt.zh.clone() width="72" height="72" />
                            <div class="grow">
                                {(i == 0).then(|| view! { <span class="tag ok">{t!(i18n, admin_catalog.cover)}</span> })}
                                <label>{t!(i18n, admin_catalog.alt_zh)} <input value=img.alt.zh.clone() maxlength="200" on:change=set(false) /></label>
                                <label>{t!(i18n, admin_catalog.alt_en)} <input value=img.alt.en.clone() maxlength="200" on:change=set(true) /></label>
                            </div>
                            <div class="row-actions">
                                <button class="btn small" type="button" disabled=i == 0 aria-label=move || td_string!(i18n.get_locale(), admin_catalog.move_up) on:click=move |_| { if i > 0 { swap(i, i - 1) } }>"↑"</button>
                                <button class="btn small" type="button" disabled=i + 1 == n aria-label=move || td_string!(i18n.get_locale(), admin_catalog.move_down) on:click=move |_| swap(i, i + 1)>"↓"</button>
                                <button class="btn small danger" type="button" on:click=move |_| items.update(|l| { if i < l.len() { l.remove(i); } })>{t!(i18n, admin_catalog.remove)}</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <button class="btn" type="button" data-testid="save-images" on:click=move |_| { action.dispatch(SaveImages { id: product_id, images: items.get_untracked() }); }>{t!(i18n, admin_catalog.save_images)}</button>
            <FormStatus result success=saved />
            <form class="upload-form" method="post" action="/admin/upload/product-image" enctype="multipart/form-data" data-testid="upload-form">
                <h3>{t!(i18n, admin_catalog.upload_title)}</h3>
                <input type="hidden" name="product_id" value=product_id.to_string() />
                <label>{t!(i18n, admin_catalog.image_file)} <input type="file" name="file" accept="image/png,image/jpeg,image/webp" required /></label>
                <label>{t!(i18n, admin_catalog.alt_zh)} <input name="alt_zh" maxlength="200" /></label>
                <label>{t!(i18n, admin_catalog.alt_en)} <input name="alt_en" maxlength="200" /></label>
                <button class="btn primary" type="submit">{t!(i18n, admin_catalog.upload)}</button>
            </form>
        </section>
    }
}
