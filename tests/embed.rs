//! The static files that make Crossover embeddable: the oEmbed document (valid for type `rich`), its
//! discovery link, the frame-sizing meta, and the parent listener the README and the example share.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

const OEMBED: &str = include_str!("../static/oembed.json");
const INDEX: &str = include_str!("../index.html");
const README: &str = include_str!("../README.md");
const LISTENER: &str = include_str!("../examples/embed-resize.js");
const EXAMPLE: &str = include_str!("../examples/embed.html");

/// The value of `name="…"` in an HTML tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

#[test]
fn the_oembed_document_is_a_valid_rich_embed() {
    let doc: Value = serde_json::from_str(OEMBED).expect("oembed.json is JSON");
    // oEmbed 1.0, section 2.3.4: version and type always; html, width and height for type "rich".
    assert_eq!(doc["version"], "1.0");
    assert_eq!(doc["type"], "rich");
    let (width, height) = (doc["width"].as_u64().expect("width"), doc["height"].as_u64().expect("height"));
    assert!(width >= 300 && height >= 200, "{width}×{height}");
    let html = doc["html"].as_str().expect("html is a string");
    assert!(html.starts_with("<iframe ") && html.ends_with("></iframe>"), "one iframe: {html}");
    assert_eq!(attr(html, "width"), Some(width.to_string().as_str()));
    assert_eq!(attr(html, "height"), Some(height.to_string().as_str()));
    assert_eq!(attr(html, "sandbox"), Some("allow-scripts allow-same-origin allow-popups"));
    assert!(attr(html, "title").is_some(), "the frame has a title for screen readers");
    // Relative until a build stamps the public address in (scripts/stamp.sh, CROSSOVER_PUBLIC_URL).
    assert!(attr(html, "src").is_some_and(|src| src.starts_with("./?embed=")), "{html}");
    assert!(!html.contains("style=") && !html.contains("<script"), "nothing a strict CSP refuses");
    for key in ["title", "provider_name", "cache_age"] {
        assert!(!doc[key].is_null(), "{key}");
    }
}

#[test]
fn the_page_links_the_oembed_document_and_opts_into_frame_sizing() {
    let alternate = INDEX
        .lines()
        .find(|l| l.contains("rel=\"alternate\"") && l.contains("application/json+oembed"))
        .expect("an oEmbed discovery link");
    assert_eq!(attr(alternate, "href"), Some("oembed.json"));
    assert!(INDEX.contains(r#"<link data-trunk rel="copy-file" href="static/oembed.json" />"#), "Trunk copies it");
    assert!(INDEX.contains(r#"<meta name="responsive-embedded-sizing" />"#));
}

#[test]
fn the_readme_and_the_example_use_the_same_parent_listener() {
    let code: Vec<&str> = LISTENER.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    assert!(code.len() <= 10, "the listener is about ten lines: {}", code.len());
    for line in &code {
        assert!(README.contains(line), "README snippet lacks: {line}");
    }
    assert!(LISTENER.contains("'amp'") && LISTENER.contains("'embed-size'"));
    assert!(EXAMPLE.contains(r#"<script src="embed-resize.js"></script>"#), "the example loads it");
    assert!(!EXAMPLE.contains("<style") && !EXAMPLE.contains("unsafe-inline"), "no inline style");
}
