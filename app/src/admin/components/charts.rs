//! Charts drawn as plain SVG on the server: no chart library in the WASM
//! bundle, readable before hydration, and each chart carries its figures
//! as text (a table in a <details>) for screen readers and for checking.
use leptos::prelude::*;

/// One bar: its label, its value, and the value as shown ("¥1,234.00").
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub label: String,
    pub value: i64,
    pub display: String,
}

/// Horizontal bars, one per row, scaled to the largest value. Works at any
/// width: the bar is a percentage of the row.
#[component]
pub fn BarChart(
    #[prop(into)] title: String,
    bars: Vec<Bars>,
    #[prop(into)] testid: String,
    #[prop(into)] empty: String,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    if bars.is_empty() {
        return view! { <p class="muted" data-testid=testid>{empty}</p> }.into_any();
    }
    let rows = bars
        .into_iter()
        .map(|b| {
            let pct = (b.value.max(0) as f64 / max as f64 * 100.0).max(0.5);
            view! {
                <li>
                    <span class="bar-label">{b.label}</span>
                    <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect x="0" y="0" width=format!("{pct:.2}") height="10" rx="1.5" />
                    </svg>
                    <span class="bar-value">{b.display}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title}</figcaption>
            <ul class="bar-chart">{rows}</ul>
        </figure>
    }
    .into_any()
}

/// A line (with its area) over evenly spaced points, e.g. 30 days of sales.
/// `points` are (x label, value, value as shown).
#[component]
pub fn LineChart(
    #[prop(into)] title: String,
    points: Vec<(String, i64, String)>,
    #[prop(into)] testid: String,
    /// Header of the data table's columns.
    #[prop(into)]
    columns: (String, String),
) -> impl IntoView {
    const W: f64 = 600.0;
    const H: f64 = 200.0;
    const PAD: f64 = 8.0;
    let n = points.len().max(2);
    let max = points.iter().map(|p| p.1).max().unwrap_or(0).max(1) as f64;
    let xy: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64;
            let y = H - PAD - (H - 2.0 * PAD) * (p.1.max(0) as f64 / max);
            (x, y)
        })
        .collect();
    let line = xy
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let area = match (xy.first(), xy.last()) {
        (Some(first), Some(last)) => format!(
            "{:.1},{:.1} {line} {:.1},{:.1}",
            first.0,
            H - PAD,
            last.0,
            H - PAD
        ),
        _ => String::new(),
    };
    let top = points
        .iter()
        .max_by_key(|p| p.1)
        .map(|p| p.2.clone())
        .unwrap_or_default();
    let first_label = points.first().map(|p| p.0.clone()).unwrap_or_default();
    let last_label = points.last().map(|p| p.0.clone()).unwrap_or_default();
    let dots = xy
        .iter()
        .zip(points.iter())
        .map(|((x, y), p)| {
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="3"><title>{format!("{} {}", p.0, p.2)}</title></circle> }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| view! { <tr><td>{p.0.clone()}</td><td>{p.2.clone()}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title.clone()}</figcaption>
            <div class="line-chart">
                <span class="axis-top">{top}</span>
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title preserveAspectRatio="none">
                    <line class="grid" x1="0" y1=format!("{}", H - PAD) x2=format!("{W}") y2=format!("{}", H - PAD) />
                    <polygon class="area" points=area />
                    <polyline class="line" points=line />
                    {dots}
                </svg>
                <div class="axis-x"><span>{first_label}</span><span>{last_label}</span></div>
            </div>
            <details>
                <summary>{columns.0.clone()} " / " {columns.1.clone()}</summary>
                <table class="data"><thead><tr><th>{columns.0}</th><th>{columns.1}</th></tr></thead><tbody>{rows}</tbody></table>
            </details>
        </figure>
    }
}
