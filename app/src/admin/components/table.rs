//! The back office's table of records and its "nothing here" line, so every
//! page draws them the same way (and the styles in `main.css` apply).
use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// A table of records that scrolls sideways in its own box on a narrow
/// screen rather than widening the page. `children` are its `<thead>` and
/// `<tbody>`, written as plain markup by the page.
#[component]
pub fn DataTable(
    /// Its `data-testid`.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Classes besides `data`, e.g. "ap-table".
    #[prop(optional)]
    class: &'static str,
    /// Its accessible name, for a table that no heading or caption names.
    #[prop(optional, into)]
    label: Option<TextProp>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "data".to_string()
    } else {
        format!("data {class}")
    };
    view! {
        <div class="table-wrap">
            <table
                class=class
                data-testid=testid
                aria-label=move || label.as_ref().map(|l| l.get().to_string())
            >
                {children()}
            </table>
        </div>
    }
}

/// What a list or table shows when it has nothing to show.
#[component]
pub fn EmptyState(
    /// Its `data-testid`.
    #[prop(optional)]
    testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! { <p class="empty" data-testid=testid>{children()}</p> }
}
