#![cfg(not(target_arch = "wasm32"))]
//! Platform colours come from the platform table only: the charts and the cost table's swatches read it
//! (`chart::platform_colour`), and no style sheet repeats a platform's colour by hand.

use crossover::chart::{Style, css, platform_colour};
use crossover::core::cost::PLATFORMS;

fn style_sheets() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/styles");
    let mut sheets: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("styles/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("readable css").to_lowercase()))
        .collect();
    sheets.sort();
    sheets
}

#[test]
fn style_sheets_hold_no_platform_colour() {
    let sheets = style_sheets();
    assert!(!sheets.is_empty(), "no style sheet found");
    for row in PLATFORMS {
        for style in [Style::light(1.0), Style::dark(1.0)] {
            let hex = css(platform_colour(row.id, &style));
            for (path, text) in &sheets {
                assert!(!text.contains(&hex), "{path} repeats {}'s colour {hex}: draw it from the table", row.key);
            }
        }
        for (path, text) in &sheets {
            assert!(!text.contains(&format!(".p-{}", row.key)), "{path} styles {} by hand", row.key);
        }
    }
}

#[test]
fn every_platform_has_its_own_colour_in_each_theme() {
    for style in [Style::light(1.0), Style::dark(1.0)] {
        let colours: Vec<String> = PLATFORMS.iter().map(|row| css(platform_colour(row.id, &style))).collect();
        for (i, c) in colours.iter().enumerate() {
            assert!(!colours[..i].contains(c), "{} shares {c}", PLATFORMS[i].key);
            assert_ne!(c, &css(style.background), "{} disappears into the background", PLATFORMS[i].key);
        }
    }
}
