//! `data/coldstart.json`: keep-alive defaults, Lambda cold-start adders and other platforms' measured
//! cold starts, each with its source and as-of date. Embedded at build time.

use serde::Deserialize;

use super::SimTarget;

const JSON: &str = include_str!("../../../data/coldstart.json");

#[derive(Clone, Debug, Deserialize)]
pub struct Sourced {
    pub value: f64,
    pub source: String,
    pub as_of: String,
}

#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Spread {
    /// Median cold start, s.
    pub median: f64,
    /// 95th percentile ("up to"), s.
    pub p95: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct KeepAlive {
    pub min: f64,
    pub max: f64,
    pub source: String,
    pub as_of: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct KeepAliveDefaults {
    pub aws_lambda: KeepAlive,
    pub azure_consumption: KeepAlive,
    pub cloud_run: KeepAlive,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LambdaFacts {
    pub placement_overhead_ms: Sourced,
    pub vpc_penalty_ms: Sourced,
    pub package_ms_per_mb_zip: Sourced,
    pub package_ms_per_mb_image: Sourced,
    pub package_baseline_mb: Sourced,
    pub snapstart_restore_p50_ms: Sourced,
    pub scale_burst_environments: Sourced,
    pub scale_burst_window_s: Sourced,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PlatformSpreads {
    pub nodejs: Spread,
    #[serde(default)]
    pub dotnet: Option<Spread>,
    #[serde(default)]
    pub go: Option<Spread>,
    pub python: Spread,
    pub source: String,
    pub as_of: String,
}

impl PlatformSpreads {
    /// (runtime family, spread); the first entry is the fallback for unmeasured families.
    pub fn by_family(&self) -> Vec<(String, Spread)> {
        let mut v = vec![("nodejs".to_string(), self.nodejs), ("python".to_string(), self.python)];
        v.extend(self.dotnet.map(|s| ("dotnet".to_string(), s)));
        v.extend(self.go.map(|s| ("go".to_string(), s)));
        v
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct OtherPlatforms {
    pub azure_consumption: PlatformSpreads,
    pub cloud_run: PlatformSpreads,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ModelAssumptions {
    pub lognormal_sigma: Sourced,
    pub keep_warm_ping_ms: Sourced,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ColdData {
    pub as_of: String,
    pub keep_alive_s: KeepAliveDefaults,
    pub lambda: LambdaFacts,
    pub other_platforms_cold_start_s: OtherPlatforms,
    pub model: ModelAssumptions,
}

impl ColdData {
    /// The embedded data; a malformed file is a build defect caught by the unit test below.
    pub fn builtin() -> ColdData {
        serde_json::from_str(JSON).expect("data/coldstart.json matches ColdData")
    }

    /// The embedded data, decoded once per process (pricing many scenarios reads it per scenario).
    pub fn shared() -> &'static ColdData {
        static DATA: std::sync::OnceLock<ColdData> = std::sync::OnceLock::new();
        DATA.get_or_init(ColdData::builtin)
    }

    pub fn keep_alive(&self, t: SimTarget) -> &KeepAlive {
        match t {
            SimTarget::AwsLambda => &self.keep_alive_s.aws_lambda,
            // Flex publishes no idle time; the Consumption plan's measured one stands in.
            SimTarget::AzureConsumption | SimTarget::AzureFlex => &self.keep_alive_s.azure_consumption,
            SimTarget::CloudRun => &self.keep_alive_s.cloud_run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses_and_is_sourced() {
        let d = ColdData::builtin();
        assert!(!d.as_of.is_empty());
        for t in [SimTarget::AwsLambda, SimTarget::AzureConsumption, SimTarget::AzureFlex, SimTarget::CloudRun] {
            let k = d.keep_alive(t);
            assert!(k.min > 0.0 && k.max >= k.min && !k.source.is_empty() && !k.as_of.is_empty());
        }
        let l = &d.lambda;
        for f in [&l.placement_overhead_ms, &l.vpc_penalty_ms, &l.package_ms_per_mb_zip] {
            assert!(f.value >= 0.0 && !f.source.is_empty() && !f.as_of.is_empty());
        }
        let o = &d.other_platforms_cold_start_s;
        assert!(!o.azure_consumption.source.is_empty() && !o.cloud_run.as_of.is_empty());
        assert!(d.model.lognormal_sigma.value > 0.0 && !d.model.keep_warm_ping_ms.source.is_empty());
    }
}
