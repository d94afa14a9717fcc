//! The seed articles the claims come from, by title: a reader knows an article by its title (its first
//! line), not by the file name the claims data cites. `about` tells apart two articles of the same title.

use serde::Deserialize;

/// The articles data, embedded like the claims.
const ARTICLES_JSON: &str = include_str!("../../../data/articles.json");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The seed file name that `Claim::source` cites.
    pub file: String,
    pub title: String,
    /// What the article covers, in a few words (shown under the title).
    pub about: String,
}

/// Every article. The file is embedded, so a parse error is a build-time bug (tests/claims.rs).
pub fn articles() -> Vec<Article> {
    serde_json::from_str(ARTICLES_JSON).expect("data/articles.json matches the Article schema (tests/claims.rs)")
}
