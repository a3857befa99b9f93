//! Server data for pages: resources that read their value with the same
//! `serde_json` reader the server functions use.
//!
//! Why: a resource hydrates from the page's serialised text
//! (`serde_json::from_str`), while refetching it through its server function
//! reads the response body (`serde_json::from_slice`). Each reader is a
//! separate copy of every deserialiser in the WASM, so the default codec
//! compiled every resource type's deserialiser twice (about a quarter of
//! the storefront's serde code, docs/bundle.md). Decoding the text as bytes
//! keeps one copy.
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, read with `serde_json::from_slice` (see the module's note).
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A page's server data, loaded on the server and handed to the browser.
pub type Data<T> = Resource<T, Json>;

/// Server data loaded once per page.
pub type OnceData<T> = OnceResource<T, Json>;

/// Like `Resource::new`: `fetcher` runs again whenever `source` changes.
#[track_caller]
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// Like `OnceResource::new`: loaded once.
#[track_caller]
pub fn once<T>(fut: impl Future<Output = T> + Send + 'static) -> OnceData<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    OnceResource::new_with_options(fut, false)
}

/// The view of a page's server data: drawn again when the data changes, and
/// only then.
///
/// Why: a view drawn inside a reactive closure also follows every signal it
/// reads while drawing, such as the language or the URL's query. Those are
/// notified once more after hydration (with the same values), which drew
/// the whole page a second time. With erased view types a second drawing
/// removes and re-adds every attribute, which in Chromium left the "in stock
/// only" checkbox inside the folded filter panel without a box, and could
/// undo what a shopper had already typed. The data's source already holds
/// the language and the query, so a real change still redraws, through it.
pub fn drawn<T, V>(
    data: Data<T>,
    draw: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl Fn() -> Option<V> + Send + Sync + 'static
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    move || data.get().map(|value| untrack(|| draw(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_it_encodes() {
        let v: Result<Vec<(i64, String)>, String> = Ok(vec![(7, "灯 lamp".into())]);
        let text = <Json as Encoder<_>>::encode(&v).unwrap();
        let back: Result<Vec<(i64, String)>, String> = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, v);
        assert!(<Json as Decoder<Vec<i64>>>::decode("[1,").is_err());
    }
}
