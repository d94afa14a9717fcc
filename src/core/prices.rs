//! The catalogue as a reader sees it (the Prices page, `crossover prices`): which provider and service
//! each entry belongs to, its status in words, its age, and whether it is old or unverified. The
//! provider of a key is also what a per-provider discount scales (`overrides::UserPrices`).

use serde::Serialize;

use super::catalog::{Catalog, PriceEntry, Status};

/// An entry older than this (days before the catalogue's date) is marked old.
pub const OLD_AFTER_DAYS: i64 = 365;

/// Who sells what a catalogue entry prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Azure,
    Google,
    Cloudflare,
}

impl Provider {
    pub const ALL: [Provider; 4] = [Provider::Aws, Provider::Azure, Provider::Google, Provider::Cloudflare];

    /// The id of overrides and links: `discount.aws`.
    pub fn id(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Google => "google",
            Provider::Cloudflare => "cloudflare",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Azure => "Azure",
            Provider::Google => "Google Cloud",
            Provider::Cloudflare => "Cloudflare",
        }
    }

    pub fn from_id(id: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// Key prefix → provider and service, most specific first (`commit.lambda.` before any shorter match).
/// `tests` below require every catalogue key to match one.
const SERVICES: &[(&str, Provider, &str)] = &[
    ("lambda.", Provider::Aws, "Lambda"),
    ("lmi.", Provider::Aws, "Lambda Managed Instances"),
    ("apigw.", Provider::Aws, "API Gateway"),
    ("alb.", Provider::Aws, "Application Load Balancer"),
    ("fargate.", Provider::Aws, "Fargate"),
    ("spot.", Provider::Aws, "Fargate Spot"),
    ("ec2.", Provider::Aws, "EC2"),
    ("eks.", Provider::Aws, "EKS"),
    ("vpc.", Provider::Aws, "VPC"),
    ("nat.", Provider::Aws, "NAT gateway"),
    ("egress.aws.", Provider::Aws, "Data transfer out"),
    ("logs.cloudwatch.", Provider::Aws, "CloudWatch Logs"),
    ("commit.lambda.", Provider::Aws, "Savings Plans"),
    ("commit.fargate.", Provider::Aws, "Savings Plans"),
    ("commit.ec2.", Provider::Aws, "Savings Plans"),
    ("azure.consumption.", Provider::Azure, "Functions Consumption"),
    ("azure.flex.", Provider::Azure, "Functions Flex Consumption"),
    ("aca.", Provider::Azure, "Container Apps"),
    ("egress.azure.", Provider::Azure, "Data transfer out"),
    ("logs.azure.", Provider::Azure, "Azure Monitor Logs"),
    ("commit.container_apps.", Provider::Azure, "Savings plan for compute"),
    ("cloud_run.", Provider::Google, "Cloud Run"),
    ("egress.gcp.", Provider::Google, "Data transfer out"),
    ("logs.gcp.", Provider::Google, "Cloud Logging"),
    ("commit.cloud_run.", Provider::Google, "Committed use discounts"),
    ("workers.", Provider::Cloudflare, "Workers"),
    ("egress.cloudflare.", Provider::Cloudflare, "Data transfer out"),
];

/// The provider and service of a catalogue key.
pub fn service_of(key: &str) -> Option<(Provider, &'static str)> {
    SERVICES.iter().find(|(prefix, ..)| key.starts_with(prefix)).map(|&(_, p, s)| (p, s))
}

/// Whether an entry is money (its unit starts with `$`), so a provider's discount scales it; limits,
/// sizes and fractions are not prices.
pub fn is_price(entry: &PriceEntry) -> bool {
    entry.unit.starts_with('$')
}

/// The status as the page and `crossover prices` name it.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Ok => "official",
        Status::Secondary => "secondary",
        Status::Unverified => "unverified",
        Status::Derived => "derived",
        Status::Override => "yours",
    }
}

/// Every status label, in the order the page's filter lists them.
pub const STATUS_LABELS: [&str; 5] = ["official", "secondary", "unverified", "derived", "yours"];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's `days_from_civil`).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day an as-of text starts with: `2026-11-23 (collected)`, `2026-06` or `2024`. A month or year
/// alone counts from its first day, so an entry is never younger than its text allows.
pub fn day_of(text: &str) -> Option<i64> {
    let head: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let mut parts = head.split('-').filter(|p| !p.is_empty());
    let year: i64 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| days(year, month, day))
}

/// One catalogue entry as listed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriceRow {
    pub key: String,
    pub provider: &'static str,
    pub service: &'static str,
    pub value: f64,
    /// The catalogue's own figure (differs from `value` when it is yours).
    pub list_value: f64,
    pub unit: String,
    pub source: String,
    pub as_of: String,
    pub status: &'static str,
    /// Days from the entry's as-of date to the catalogue's (`None` when the date cannot be read).
    pub age_days: Option<i64>,
    /// Older than a year at the catalogue's date.
    pub old: bool,
    /// The catalogue's status is UNVERIFIED (one weak source), whether or not it is overridden.
    pub unverified: bool,
}

/// The catalogue with any overrides, as listed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriceList {
    pub as_of: String,
    pub region: String,
    pub currency: String,
    pub entries: Vec<PriceRow>,
}

/// Every entry of `cat` in key order, compared with `base` (the catalogue without overrides), aged at
/// `base`'s date.
pub fn list(cat: &Catalog, base: &Catalog) -> PriceList {
    let today = day_of(&base.as_of);
    let entries = cat
        .entries()
        .into_iter()
        .map(|(key, e)| {
            let list = base.entry(key).unwrap_or(e);
            let (provider, service) = service_of(key).map_or(("", ""), |(p, s)| (p.name(), s));
            let age_days = today.zip(day_of(&list.as_of)).map(|(t, d)| t - d);
            PriceRow {
                key: key.to_string(),
                provider,
                service,
                value: e.value,
                list_value: list.value,
                unit: e.unit.clone(),
                source: list.source.clone(),
                as_of: list.as_of.clone(),
                status: status_label(e.status),
                age_days,
                old: age_days.is_some_and(|a| a > OLD_AFTER_DAYS),
                unverified: list.status == Status::Unverified,
            }
        })
        .collect();
    PriceList { as_of: cat.as_of.clone(), region: cat.region.clone(), currency: cat.currency.clone(), entries }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

/// The list as CSV, one row per entry.
pub fn csv(list: &PriceList) -> String {
    let mut out =
        String::from("key,provider,service,value,list_value,unit,source,as_of,status,age_days,old,unverified\n");
    for r in &list.entries {
        let age = r.age_days.map(|a| a.to_string()).unwrap_or_default();
        let fields = [
            csv_field(&r.key),
            csv_field(r.provider),
            csv_field(r.service),
            r.value.to_string(),
            r.list_value.to_string(),
            csv_field(&r.unit),
            csv_field(&r.source),
            csv_field(&r.as_of),
            r.status.to_string(),
            age,
            r.old.to_string(),
            r.unverified.to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_provider() {
        let cat = Catalog::builtin();
        for (key, _) in cat.entries() {
            assert!(service_of(key).is_some(), "{key} has no provider in SERVICES");
        }
        assert_eq!(service_of("commit.cloud_run.instance_1y"), Some((Provider::Google, "Committed use discounts")));
        assert_eq!(service_of("lambda.requests").unwrap().0, Provider::Aws);
    }

    #[test]
    fn dates_of_any_precision_are_read() {
        // 2024-01-01 to 2026-11-30: 366 + 365 + 333 days.
        assert_eq!(day_of("2026-11-30").unwrap() - day_of("2024").unwrap(), 366 + 365 + 333);
        assert_eq!(day_of("2026-11-30").unwrap() - day_of("2026-11-23 (collected, source undated)").unwrap(), 7);
        assert_eq!(day_of("2026-06").unwrap(), day_of("2026-06-01").unwrap());
        assert_eq!(day_of("1970-01-01"), Some(0));
        assert_eq!((day_of("soon"), day_of("2026-13")), (None, None));
    }

    #[test]
    fn the_list_ages_and_marks_entries() {
        let base = Catalog::builtin();
        let mut cat = base.clone();
        cat.set_price("lambda.requests", 0.18).unwrap();
        let list = list(&cat, &base);
        assert_eq!(list.entries.len(), base.entries().len());
        let row = |k: &str| list.entries.iter().find(|r| r.key == k).unwrap();
        let lambda = row("lambda.requests");
        assert_eq!((lambda.value, lambda.list_value, lambda.status), (0.18, 0.2, "yours"));
        assert_eq!((lambda.age_days, lambda.old), (Some(7), false));
        // "2022" → 2022-01-01, far more than a year before 2026-11-30.
        assert!(row("lambda.duration.x86.t2").old);
        assert!(row("spot.fargate_discount").unverified);
        assert_eq!(row("spot.fargate_discount").status, "unverified");
        let text = csv(&list);
        assert_eq!(text.lines().count(), list.entries.len() + 1);
        assert!(text.contains("\nlambda.requests,AWS,Lambda,0.18,0.2,$ per 1M requests,"), "{text}");
    }
}
