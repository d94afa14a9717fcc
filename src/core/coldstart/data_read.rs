//! Reads `data/coldstart.json` into `ColdData` by hand: one small reader per entry shape (a sourced value,
//! a spread, a keep-alive, a rule) instead of serde's derived visitors, which cost ~40 KB of wasm for
//! fifteen structs parsed once. Like the derive with `deny_unknown_fields`: every field required, no
//! unknown field, and an error names the key path (`lambda.vpc_penalty_ms.unit: missing`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::data::{
    AzureFacts, CloudRunFacts, ColdData, ColdStarts, ContainerAppsFacts, ContainerFacts, Families, KeepAlive,
    KeepAliveDefaults, LambdaFacts, LambdaManagedFacts, ModelAssumptions, PlatformSpreads, Rule, Sourced, Spread,
    WorkersFacts,
};

/// One JSON object being read, with its key path for errors.
struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// `value` as an object that has exactly the keys `keys`.
    fn new(value: &'a Value, path: String, keys: &[&str]) -> Result<Obj<'a>, String> {
        let map = value.as_object().ok_or_else(|| format!("{path}: not an object"))?;
        if let Some(k) = map.keys().find(|k| !keys.contains(&k.as_str())) {
            return Err(format!("{path}: unknown field {k}"));
        }
        Ok(Obj { path, map })
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn get(&self, key: &str) -> Result<&'a Value, String> {
        self.map.get(key).ok_or_else(|| format!("{}: missing", self.path(key)))
    }

    fn obj(&self, key: &str, keys: &[&str]) -> Result<Obj<'a>, String> {
        Obj::new(self.get(key)?, self.path(key), keys)
    }

    fn num(&self, key: &str) -> Result<f64, String> {
        self.get(key)?.as_f64().ok_or_else(|| format!("{}: not a number", self.path(key)))
    }

    fn text(&self, key: &str) -> Result<String, String> {
        self.get(key)?.as_str().map(str::to_string).ok_or_else(|| format!("{}: not a string", self.path(key)))
    }

    fn sourced(&self, key: &str) -> Result<Sourced, String> {
        let o = self.obj(key, &["value", "unit", "source", "as_of", "status"])?;
        Ok(Sourced {
            value: o.num("value")?,
            unit: o.text("unit")?,
            source: o.text("source")?,
            as_of: o.text("as_of")?,
            status: o.text("status")?,
        })
    }

    fn keep_alive(&self, key: &str) -> Result<KeepAlive, String> {
        let o = self.obj(key, &["min", "max", "unit", "source", "as_of", "status"])?;
        Ok(KeepAlive {
            min: o.num("min")?,
            max: o.num("max")?,
            unit: o.text("unit")?,
            source: o.text("source")?,
            as_of: o.text("as_of")?,
            status: o.text("status")?,
        })
    }

    fn rule(&self, key: &str) -> Result<Rule, String> {
        let o = self.obj(key, &["source", "as_of", "status"])?;
        Ok(Rule { source: o.text("source")?, as_of: o.text("as_of")?, status: o.text("status")? })
    }

    fn spreads(&self, key: &str) -> Result<PlatformSpreads, String> {
        let o = self.obj(key, &["unit", "families", "fallback"])?;
        let families = o.get("families")?;
        let names = families.as_object().ok_or_else(|| format!("{}: not an object", o.path("families")))?;
        let mut out = BTreeMap::new();
        for name in names.keys() {
            let f = Obj::new(
                &names[name],
                format!("{}.{name}", o.path("families")),
                &["median", "lo67", "hi67", "lo95", "hi95", "source", "as_of", "status"],
            )?;
            let spread = Spread {
                median: f.num("median")?,
                lo67: f.num("lo67")?,
                hi67: f.num("hi67")?,
                lo95: f.num("lo95")?,
                hi95: f.num("hi95")?,
                source: f.text("source")?,
                as_of: f.text("as_of")?,
                status: f.text("status")?,
            };
            out.insert(name.clone(), spread);
        }
        Ok(PlatformSpreads { unit: o.text("unit")?, families: out, fallback: o.text("fallback")? })
    }

    fn families(&self, key: &str) -> Result<Families, String> {
        let o = self.obj(key, &["families", "source", "as_of", "status"])?;
        let list = o.get("families")?.as_array().ok_or_else(|| format!("{}: not a list", o.path("families")))?;
        let families = list
            .iter()
            .map(|v| v.as_str().map(str::to_string).ok_or_else(|| format!("{}: not a string", o.path("families"))))
            .collect::<Result<Vec<String>, String>>()?;
        Ok(Families { families, source: o.text("source")?, as_of: o.text("as_of")?, status: o.text("status")? })
    }
}

/// `ColdData` from the text of `data/coldstart.json`, or the first problem, named by its key path.
pub fn read(text: &str) -> Result<ColdData, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let d = Obj::new(
        &root,
        String::new(),
        &[
            "as_of",
            "statuses",
            "keep_alive_s",
            "lambda",
            "cold_start_s",
            "unmeasured_runtime",
            "azure_consumption",
            "cloud_run",
            "cloudflare_workers",
            "azure_container_apps",
            "lambda_managed",
            "containers",
            "model",
        ],
    )?;
    let k = d.obj("keep_alive_s", &["aws_lambda", "azure_consumption", "cloud_run", "cloudflare_workers"])?;
    let l = d.obj(
        "lambda",
        &[
            "placement_overhead_ms",
            "vpc_penalty_ms",
            "package_ms_per_mb_zip",
            "package_ms_per_mb_image",
            "package_baseline_mb",
            "snapstart_restore_p50_ms",
            "scale_burst_environments",
            "scale_burst_window_s",
        ],
    )?;
    let c = d.obj("cold_start_s", &["azure_consumption", "cloud_run"])?;
    let a = d.obj(
        "azure_consumption",
        &[
            "http_concurrency",
            "vcpu_per_instance",
            "scale_interval_http_s",
            "scale_interval_other_s",
            "max_instances",
            "package_ms_per_mb",
        ],
    )?;
    let r = d.obj("cloud_run", &["package_ms_per_mb_zip", "package_ms_per_mb_image"])?;
    let w = d.obj("cloudflare_workers", &["isolate_start_ms", "concurrency_per_isolate", "runtime_families"])?;
    let ca = d.obj("azure_container_apps", &["polling_interval_s", "cold_start"])?;
    let lm = d.obj("lambda_managed", &["scale_lag_s"])?;
    let ct = d.obj(
        "containers",
        &["fargate_start_s", "ec2_start_s", "eks_start_s", "metric_delay_s", "scale_in_cooldown_s", "sync_timeout_s"],
    )?;
    let m = d.obj("model", &["lognormal_sigma", "keep_warm_ping_ms"])?;
    Ok(ColdData {
        as_of: d.text("as_of")?,
        statuses: d.text("statuses")?,
        keep_alive_s: KeepAliveDefaults {
            aws_lambda: k.keep_alive("aws_lambda")?,
            azure_consumption: k.keep_alive("azure_consumption")?,
            cloud_run: k.keep_alive("cloud_run")?,
            cloudflare_workers: k.keep_alive("cloudflare_workers")?,
        },
        lambda: LambdaFacts {
            placement_overhead_ms: l.sourced("placement_overhead_ms")?,
            vpc_penalty_ms: l.sourced("vpc_penalty_ms")?,
            package_ms_per_mb_zip: l.sourced("package_ms_per_mb_zip")?,
            package_ms_per_mb_image: l.sourced("package_ms_per_mb_image")?,
            package_baseline_mb: l.sourced("package_baseline_mb")?,
            snapstart_restore_p50_ms: l.sourced("snapstart_restore_p50_ms")?,
            scale_burst_environments: l.sourced("scale_burst_environments")?,
            scale_burst_window_s: l.sourced("scale_burst_window_s")?,
        },
        cold_start_s: ColdStarts {
            azure_consumption: c.spreads("azure_consumption")?,
            cloud_run: c.spreads("cloud_run")?,
        },
        unmeasured_runtime: d.rule("unmeasured_runtime")?,
        azure_consumption: AzureFacts {
            http_concurrency: a.sourced("http_concurrency")?,
            vcpu_per_instance: a.sourced("vcpu_per_instance")?,
            scale_interval_http_s: a.sourced("scale_interval_http_s")?,
            scale_interval_other_s: a.sourced("scale_interval_other_s")?,
            max_instances: a.sourced("max_instances")?,
            package_ms_per_mb: a.sourced("package_ms_per_mb")?,
        },
        cloud_run: CloudRunFacts {
            package_ms_per_mb_zip: r.sourced("package_ms_per_mb_zip")?,
            package_ms_per_mb_image: r.sourced("package_ms_per_mb_image")?,
        },
        cloudflare_workers: WorkersFacts {
            isolate_start_ms: w.sourced("isolate_start_ms")?,
            concurrency_per_isolate: w.sourced("concurrency_per_isolate")?,
            runtime_families: w.families("runtime_families")?,
        },
        azure_container_apps: ContainerAppsFacts {
            polling_interval_s: ca.sourced("polling_interval_s")?,
            cold_start: ca.rule("cold_start")?,
        },
        lambda_managed: LambdaManagedFacts { scale_lag_s: lm.sourced("scale_lag_s")? },
        containers: ContainerFacts {
            fargate_start_s: ct.sourced("fargate_start_s")?,
            ec2_start_s: ct.sourced("ec2_start_s")?,
            eks_start_s: ct.sourced("eks_start_s")?,
            metric_delay_s: ct.sourced("metric_delay_s")?,
            scale_in_cooldown_s: ct.sourced("scale_in_cooldown_s")?,
            sync_timeout_s: ct.sourced("sync_timeout_s")?,
        },
        model: ModelAssumptions {
            lognormal_sigma: m.sourced("lognormal_sigma")?,
            keep_warm_ping_ms: m.sourced("keep_warm_ping_ms")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_an_unknown_or_a_mistyped_field_is_named_by_its_path() {
        let text = crate::core::data_files::coldstart();
        assert!(read(text).is_ok());
        let root: Value = serde_json::from_str(text).unwrap();
        let edit = |f: &dyn Fn(&mut Value)| {
            let mut v = root.clone();
            f(&mut v);
            read(&v.to_string()).unwrap_err()
        };
        let e = edit(&|v| {
            v["lambda"]["vpc_penalty_ms"].as_object_mut().unwrap().remove("unit");
        });
        assert_eq!(e, "lambda.vpc_penalty_ms.unit: missing");
        let e = edit(&|v| v["model"]["extra"] = Value::from(1));
        assert_eq!(e, "model: unknown field extra");
        let e = edit(&|v| v["cold_start_s"]["cloud_run"]["families"]["nodejs"]["median"] = Value::from("1"));
        assert_eq!(e, "cold_start_s.cloud_run.families.nodejs.median: not a number");
        let e = edit(&|v| v["cloudflare_workers"]["runtime_families"]["families"] = Value::from(3));
        assert_eq!(e, "cloudflare_workers.runtime_families.families: not a list");
        assert!(read("[").is_err());
    }
}
