//! `data/coldstart.json`: every parameter of the execution models — keep-alive defaults, Lambda's cold-start
//! adders, other platforms' measured cold starts, Azure's scale controller, Workers' isolates, the container
//! fleets' start times — each with its unit, source, as-of date and status. Compiled in natively; fetched by the site (`core::data_files`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::SimTarget;

/// The statuses an entry may carry (the file's `statuses` key says what each means).
pub const STATUSES: [&str; 6] = ["OK", "2nd", "measured", "derived", "proxy", "assumption"];

#[derive(Clone, Debug)]
pub struct Sourced {
    pub value: f64,
    pub unit: String,
    pub source: String,
    pub as_of: String,
    pub status: String,
}

/// One runtime family's measured end-to-end cold start, seconds: the median and the central 67 % and 95 %
/// ranges (Shilkov's charts), i.e. the 16.5th/83.5th and 2.5th/97.5th percentiles.
#[derive(Clone, Debug)]
pub struct Spread {
    pub median: f64,
    pub lo67: f64,
    pub hi67: f64,
    pub lo95: f64,
    pub hi95: f64,
    pub source: String,
    pub as_of: String,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct KeepAlive {
    pub min: f64,
    pub max: f64,
    pub unit: String,
    pub source: String,
    pub as_of: String,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct KeepAliveDefaults {
    pub aws_lambda: KeepAlive,
    pub azure_consumption: KeepAlive,
    pub cloud_run: KeepAlive,
    pub cloudflare_workers: KeepAlive,
}

#[derive(Clone, Debug)]
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

/// A platform's cold starts by runtime family; families without a measurement start like `fallback`.
#[derive(Clone, Debug)]
pub struct PlatformSpreads {
    pub unit: String,
    pub families: BTreeMap<String, Spread>,
    pub fallback: String,
}

#[derive(Clone, Debug)]
pub struct ColdStarts {
    pub azure_consumption: PlatformSpreads,
    pub cloud_run: PlatformSpreads,
}

/// A rule with no number of its own.
#[derive(Clone, Debug)]
pub struct Rule {
    pub source: String,
    pub as_of: String,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct AzureFacts {
    pub http_concurrency: Sourced,
    pub vcpu_per_instance: Sourced,
    pub scale_interval_http_s: Sourced,
    pub scale_interval_other_s: Sourced,
    pub max_instances: Sourced,
    pub package_ms_per_mb: Sourced,
}

#[derive(Clone, Debug)]
pub struct CloudRunFacts {
    pub package_ms_per_mb_zip: Sourced,
    pub package_ms_per_mb_image: Sourced,
}

#[derive(Clone, Debug)]
pub struct Families {
    pub families: Vec<String>,
    pub source: String,
    pub as_of: String,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct WorkersFacts {
    pub isolate_start_ms: Sourced,
    pub concurrency_per_isolate: Sourced,
    pub runtime_families: Families,
}

#[derive(Clone, Debug)]
pub struct ContainerAppsFacts {
    pub polling_interval_s: Sourced,
    /// Which measurements stand in for a replica's start.
    pub cold_start: Rule,
}

#[derive(Clone, Debug)]
pub struct LambdaManagedFacts {
    pub scale_lag_s: Sourced,
}

#[derive(Clone, Debug)]
pub struct ContainerFacts {
    pub fargate_start_s: Sourced,
    pub ec2_start_s: Sourced,
    pub eks_start_s: Sourced,
    pub metric_delay_s: Sourced,
    pub scale_in_cooldown_s: Sourced,
    pub sync_timeout_s: Sourced,
}

#[derive(Clone, Debug)]
pub struct ModelAssumptions {
    pub lognormal_sigma: Sourced,
    pub keep_warm_ping_ms: Sourced,
}

#[derive(Clone, Debug)]
pub struct ColdData {
    pub as_of: String,
    pub statuses: String,
    pub keep_alive_s: KeepAliveDefaults,
    pub lambda: LambdaFacts,
    pub cold_start_s: ColdStarts,
    pub unmeasured_runtime: Rule,
    pub azure_consumption: AzureFacts,
    pub cloud_run: CloudRunFacts,
    pub cloudflare_workers: WorkersFacts,
    pub azure_container_apps: ContainerAppsFacts,
    pub lambda_managed: LambdaManagedFacts,
    pub containers: ContainerFacts,
    pub model: ModelAssumptions,
}

impl ColdData {
    /// The embedded data; a malformed file is a build defect caught by the unit test below.
    pub fn builtin() -> ColdData {
        super::data_read::read(crate::core::data_files::coldstart())
            .unwrap_or_else(|e| panic!("data/coldstart.json: {e}"))
    }

    /// The embedded data, parsed once (feasibility checks ask for it per fleet row).
    pub fn shared() -> &'static ColdData {
        static DATA: OnceLock<ColdData> = OnceLock::new();
        DATA.get_or_init(ColdData::builtin)
    }

    /// Idle lifetime before reclaim; provisioned containers are never reclaimed for idleness, so they
    /// take Cloud Run's figure only to fill the field.
    pub fn keep_alive(&self, t: SimTarget) -> &KeepAlive {
        let k = &self.keep_alive_s;
        match t {
            SimTarget::AwsLambda => &k.aws_lambda,
            // Flex publishes no idle time; the Consumption plan's measured one stands in.
            SimTarget::AzureConsumption | SimTarget::AzureFlex => &k.azure_consumption,
            SimTarget::CloudflareWorkers => &k.cloudflare_workers,
            // Container Apps' idle time is its cool-down (`params::keep_alive_for`); fleets are never
            // reclaimed for idleness.
            SimTarget::CloudRun
            | SimTarget::AzureContainerApps
            | SimTarget::AwsLambdaManaged
            | SimTarget::AwsFargate
            | SimTarget::AwsEc2
            | SimTarget::AwsEks => &k.cloud_run,
        }
    }

    /// Whether Workers runs a runtime family (`init::family`).
    pub fn workers_runs(&self, family: &str) -> bool {
        self.cloudflare_workers.runtime_families.families.iter().any(|f| f == family)
    }

    /// Every numeric entry with its name, for the data checks and the "sources" listing.
    pub fn sourced(&self) -> Vec<(&'static str, &Sourced)> {
        let (l, a, c, w, k, m) = (
            &self.lambda,
            &self.azure_consumption,
            &self.cloud_run,
            &self.cloudflare_workers,
            &self.containers,
            &self.model,
        );
        vec![
            ("lambda.placement_overhead_ms", &l.placement_overhead_ms),
            ("lambda.vpc_penalty_ms", &l.vpc_penalty_ms),
            ("lambda.package_ms_per_mb_zip", &l.package_ms_per_mb_zip),
            ("lambda.package_ms_per_mb_image", &l.package_ms_per_mb_image),
            ("lambda.package_baseline_mb", &l.package_baseline_mb),
            ("lambda.snapstart_restore_p50_ms", &l.snapstart_restore_p50_ms),
            ("lambda.scale_burst_environments", &l.scale_burst_environments),
            ("lambda.scale_burst_window_s", &l.scale_burst_window_s),
            ("azure_consumption.http_concurrency", &a.http_concurrency),
            ("azure_consumption.vcpu_per_instance", &a.vcpu_per_instance),
            ("azure_consumption.scale_interval_http_s", &a.scale_interval_http_s),
            ("azure_consumption.scale_interval_other_s", &a.scale_interval_other_s),
            ("azure_consumption.max_instances", &a.max_instances),
            ("azure_consumption.package_ms_per_mb", &a.package_ms_per_mb),
            ("cloud_run.package_ms_per_mb_zip", &c.package_ms_per_mb_zip),
            ("cloud_run.package_ms_per_mb_image", &c.package_ms_per_mb_image),
            ("cloudflare_workers.isolate_start_ms", &w.isolate_start_ms),
            ("cloudflare_workers.concurrency_per_isolate", &w.concurrency_per_isolate),
            ("azure_container_apps.polling_interval_s", &self.azure_container_apps.polling_interval_s),
            ("lambda_managed.scale_lag_s", &self.lambda_managed.scale_lag_s),
            ("containers.fargate_start_s", &k.fargate_start_s),
            ("containers.ec2_start_s", &k.ec2_start_s),
            ("containers.eks_start_s", &k.eks_start_s),
            ("containers.metric_delay_s", &k.metric_delay_s),
            ("containers.scale_in_cooldown_s", &k.scale_in_cooldown_s),
            ("containers.sync_timeout_s", &k.sync_timeout_s),
            ("model.lognormal_sigma", &m.lognormal_sigma),
            ("model.keep_warm_ping_ms", &m.keep_warm_ping_ms),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documented(what: &str, source: &str, as_of: &str, status: &str) {
        assert!(!source.is_empty() && !as_of.is_empty(), "{what}: source and as-of date");
        assert!(STATUSES.contains(&status), "{what}: unknown status {status}");
    }

    #[test]
    fn every_entry_has_a_value_unit_source_date_and_status() {
        let d = ColdData::builtin();
        assert!(!d.as_of.is_empty() && STATUSES.iter().all(|s| d.statuses.contains(&format!("{s} ="))));
        for (name, e) in d.sourced() {
            assert!(e.value.is_finite() && e.value >= 0.0 && !e.unit.is_empty(), "{name}");
            documented(name, &e.source, &e.as_of, &e.status);
        }
        for t in SimTarget::ALL {
            let k = d.keep_alive(t);
            assert!(k.min > 0.0 && k.max >= k.min && k.unit == "s", "{t:?}");
            documented(&format!("{t:?} keep-alive"), &k.source, &k.as_of, &k.status);
        }
        for (platform, p) in [("azure", &d.cold_start_s.azure_consumption), ("cloud run", &d.cold_start_s.cloud_run)] {
            assert!(p.families.contains_key(&p.fallback), "{platform}: fallback family is measured");
            for (family, s) in &p.families {
                let q = [s.lo95, s.lo67, s.median, s.hi67, s.hi95];
                assert!(q.windows(2).all(|w| 0.0 < w[0] && w[0] <= w[1]), "{platform} {family}: {q:?}");
                documented(family, &s.source, &s.as_of, &s.status);
            }
        }
        let u = &d.unmeasured_runtime;
        documented("unmeasured_runtime", &u.source, &u.as_of, &u.status);
        let f = &d.cloudflare_workers.runtime_families;
        documented("workers runtime families", &f.source, &f.as_of, &f.status);
        assert!(d.workers_runs("nodejs") && !d.workers_runs("java") && !d.workers_runs("dotnet"));
    }
}
