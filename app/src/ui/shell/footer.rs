use crate::catalog::components::use_menu;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let menu = use_menu();
    view! {
        <footer class="site-footer">
            <div class="footer-grid">
                <section>
                    <p class="footer-brand">"Agora"</p>
                    <p>{t!(i18n, common.footer_about)}</p>
                </section>
                <section>
                    <h2>{t!(i18n, common.footer_promise_title)}</h2>
                    <ul>
                        <li>{t!(i18n, common.footer_promise_1)}</li>
                        <li>{t!(i18n, common.footer_promise_2)}</li>
                        <li>{t!(i18n, common.footer_promise_3)}</li>
                    </ul>
                </section>
                <nav aria-label=move || td_string!(i18n.get_locale(), common.footer_nav)>
                    <h2>{t!(i18n, common.footer_shop)}</h2>
                    <Transition fallback=|| ()>
                        <ul>
                            {move || menu.top().into_iter().map(|c| view! {
                                <li><a href=format!("/c/{}", c.slug)>{c.name}</a></li>
                            }).collect_view()}
                        </ul>
                    </Transition>
                </nav>
            </div>
            <p class="footer-links">
                <a href="/help" data-testid="footer-help">{t!(i18n, help.footer_link)}</a>
                <a href="/tickets/new" data-testid="footer-contact">{t!(i18n, tickets.contact)}</a>
                <a href="/privacy" data-testid="footer-privacy">{t!(i18n, privacy.footer_link)}</a>
                <a href="/display" data-testid="footer-display">{t!(i18n, display.footer_link)}</a>
            </p>
            <p class="copyright">{t!(i18n, common.footer_rights)}</p>
        </footer>
    }
}
