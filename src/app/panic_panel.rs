//! If the app panics anyway, the page must not freeze silently: the hook logs the panic and replaces the
//! page with a plain panel (no Yew, which may be mid-render) offering a reset and the link to report.

use std::panic::PanicHookInfo;

fn show(info: &PanicHookInfo<'_>) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    let report = web_sys::window()?.location().href().ok()?;
    let panel = document.create_element("section").ok()?;
    panel.set_id("error-panel");
    panel.set_attribute("role", "alert").ok()?;
    let title = document.create_element("h2").ok()?;
    title.set_text_content(Some("Crossover hit an internal error"));
    let message = document.create_element("p").ok()?;
    // Text content, never HTML: the message may quote user input.
    message.set_text_content(Some(&format!("{info}")));
    let reset = document.create_element("a").ok()?;
    reset.set_id("error-reset");
    reset.set_attribute("href", "./?reset=1").ok()?;
    reset.set_text_content(Some("Reset scenario"));
    let help = document.create_element("p").ok()?;
    help.set_text_content(Some("To report it, include this link, which reproduces your scenario:"));
    let link = document.create_element("input").ok()?;
    link.set_id("error-link");
    link.set_attribute("readonly", "").ok()?;
    link.set_attribute("value", &report).ok()?;
    link.set_attribute("aria-label", "Link to report").ok()?;
    for child in [&title, &message, &reset, &help, &link] {
        panel.append_child(child).ok()?;
    }
    body.set_text_content(None);
    body.append_child(&panel).ok()?;
    Some(())
}

/// Through Yew, which otherwise installs its own hook when it first renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show(info);
    }));
}
