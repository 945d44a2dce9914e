//! The bar across the top of the page: the playground's name and what it does.

use yew::{Html, function_component, html};

/// The page header.
#[function_component(TopBar)]
pub fn top_bar() -> Html {
    html! {
        <header class="top-bar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#2f6feb" />
                    <path d="M16 5.5 25 9v6.2c0 5.6-3.8 9.9-9 11.3-5.2-1.4-9-5.7-9-11.3V9z" fill="#fff" />
                    <path d="m11.8 16.2 3 3 5.6-6" fill="none" stroke="#2f6feb" stroke-width="2.4"
                        stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <h1 class="brand-name">{ "IAM Policy Playground" }</h1>
            </div>
            <p class="tagline">
                { "AWS IAM policies evaluated as AWS documents them, in your browser" }
            </p>
        </header>
    }
}
