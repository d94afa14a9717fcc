//! Reads `data/coldstart.json` into `ColdData` by hand: one small reader per entry shape (a sourced value,
//! a spread, a keep-alive, a rule) instead of serde's derived visitors, which cost ~40 KB of wasm for
//! fifteen structs parsed once. Like the derive with `deny_unknown_fields`: every field required, no
//! unknown field, and an error names the key path (`lambda.vpc_penalty_ms.unit: missing`). A reader
//! returns a placeholder on error and keeps the first error, which `read` returns: an early return per
//! field (`?`) would make the compiler write a clean-up path for every field already read.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::data::{
    AzureFacts, CloudRunFacts, ColdData, ColdStarts, ContainerAppsFacts, ContainerFacts, Families, KeepAlive,
    KeepAliveDefaults, LambdaFacts, LambdaManagedFacts, ModelAssumptions, PlatformSpreads, Rule, Sourced, Spread,
    WorkersFacts,
};

/// One JSON object being read, with its key path for errors, and the first error of the whole read.
struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
    first_error: &'a RefCell<Option<String>>,
}

/// An empty object, read in place of one that is missing or not an object.
static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'a> Obj<'a> {
    /// `value` as an object that has exactly the keys `keys` (else an empty one, and the error kept).
    fn new(value: &'a Value, path: String, keys: &[&str], first_error: &'a RefCell<Option<String>>) -> Obj<'a> {
        let obj = Obj { path, map: &EMPTY, first_error };
        match value.as_object() {
            None => obj.fail(format!("{}: not an object", obj.path)),
            Some(map) => {
                if let Some(k) = map.keys().find(|k| !keys.contains(&k.as_str())) {
                    obj.fail(format!("{}: unknown field {k}", obj.path));
                }
                return Obj { map, ..obj };
            }
        }
        obj
    }

    /// Keeps `error` if it is the first.
    fn fail(&self, error: String) {
        self.first_error.borrow_mut().get_or_insert(error);
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn get(&self, key: &str) -> &'a Value {
        self.map.get(key).unwrap_or_else(|| {
            self.fail(format!("{}: missing", self.path(key)));
            &Value::Null
        })
    }

    fn obj(&self, key: &str, keys: &[&str]) -> Obj<'a> {
        let value = self.get(key);
        if value.is_null() {
            // Already reported as missing (or null): read an empty object without a second error.
            return Obj { path: self.path(key), map: &EMPTY, first_error: self.first_error };
        }
        Obj::new(value, self.path(key), keys, self.first_error)
    }

    fn num(&self, key: &str) -> f64 {
        self.get(key).as_f64().unwrap_or_else(|| {
            self.fail(format!("{}: not a number", self.path(key)));
            f64::NAN
        })
    }

    fn text(&self, key: &str) -> String {
        match self.get(key).as_str() {
            Some(t) => t.to_string(),
            None => {
                self.fail(format!("{}: not a string", self.path(key)));
                String::new()
            }
        }
    }

    fn sourced(&self, key: &str) -> Sourced {
        let o = self.obj(key, &["value", "unit", "source", "as_of", "status"]);
        Sourced {
            value: o.num("value"),
            unit: o.text("unit"),
            source: o.text("source"),
            as_of: o.text("as_of"),
            status: o.text("status"),
        }
    }

    fn keep_alive(&self, key: &str) -> KeepAlive {
        let o = self.obj(key, &["min", "max", "unit", "source", "as_of", "status"]);
        KeepAlive {
            min: o.num("min"),
            max: o.num("max"),
            unit: o.text("unit"),
            source: o.text("source"),
            as_of: o.text("as_of"),
            status: o.text("status"),
        }
    }

    fn rule(&self, key: &str) -> Rule {
        let o = self.obj(key, &["source", "as_of", "status"]);
        Rule { source: o.text("source"), as_of: o.text("as_of"), status: o.text("status") }
    }

    fn spreads(&self, key: &str) -> PlatformSpreads {
        let o = self.obj(key, &["unit", "families", "fallback"]);
        let path = o.path("families");
        let mut families = BTreeMap::new();
        for (name, value) in o.get("families").as_object().into_iter().flatten() {
            let keys = ["median", "lo67", "hi67", "lo95", "hi95", "source", "as_of", "status"];
            let f = Obj::new(value, format!("{path}.{name}"), &keys, self.first_error);
            let spread = Spread {
                median: f.num("median"),
                lo67: f.num("lo67"),
                hi67: f.num("hi67"),
                lo95: f.num("lo95"),
                hi95: f.num("hi95"),
                source: f.text("source"),
                as_of: f.text("as_of"),
                status: f.text("status"),
            };
            families.insert(name.clone(), spread);
        }
        PlatformSpreads { unit: o.text("unit"), families, fallback: o.text("fallback") }
    }

    fn families(&self, key: &str) -> Families {
        let o = self.obj(key, &["families", "source", "as_of", "status"]);
        let families = match o.get("families").as_array() {
            Some(list) => list
                .iter()
                .map(|v| match v.as_str() {
                    Some(t) => t.to_string(),
                    None => {
                        o.fail(format!("{}: not a string", o.path("families")));
                        String::new()
                    }
                })
                .collect(),
            None => {
                o.fail(format!("{}: not a list", o.path("families")));
                Vec::new()
            }
        };
        Families { families, source: o.text("source"), as_of: o.text("as_of"), status: o.text("status") }
    }
}

/// `ColdData` from the text of `data/coldstart.json`, or the first problem, named by its key path.
pub fn read(text: &str) -> Result<ColdData, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let first_error = RefCell::new(None);
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
        &first_error,
    );
    let k = d.obj("keep_alive_s", &["aws_lambda", "azure_consumption", "cloud_run", "cloudflare_workers"]);
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
    );
    let c = d.obj("cold_start_s", &["azure_consumption", "cloud_run"]);
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
    );
    let r = d.obj("cloud_run", &["package_ms_per_mb_zip", "package_ms_per_mb_image"]);
    let w = d.obj("cloudflare_workers", &["isolate_start_ms", "concurrency_per_isolate", "runtime_families"]);
    let ca = d.obj("azure_container_apps", &["polling_interval_s", "cold_start"]);
    let lm = d.obj("lambda_managed", &["scale_lag_s"]);
    let ct = d.obj(
        "containers",
        &["fargate_start_s", "ec2_start_s", "eks_start_s", "metric_delay_s", "scale_in_cooldown_s", "sync_timeout_s"],
    );
    let m = d.obj("model", &["lognormal_sigma", "keep_warm_ping_ms"]);
    let data = ColdData {
        as_of: d.text("as_of"),
        statuses: d.text("statuses"),
        keep_alive_s: KeepAliveDefaults {
            aws_lambda: k.keep_alive("aws_lambda"),
            azure_consumption: k.keep_alive("azure_consumption"),
            cloud_run: k.keep_alive("cloud_run"),
            cloudflare_workers: k.keep_alive("cloudflare_workers"),
        },
        lambda: LambdaFacts {
            placement_overhead_ms: l.sourced("placement_overhead_ms"),
            vpc_penalty_ms: l.sourced("vpc_penalty_ms"),
            package_ms_per_mb_zip: l.sourced("package_ms_per_mb_zip"),
            package_ms_per_mb_image: l.sourced("package_ms_per_mb_image"),
            package_baseline_mb: l.sourced("package_baseline_mb"),
            snapstart_restore_p50_ms: l.sourced("snapstart_restore_p50_ms"),
            scale_burst_environments: l.sourced("scale_burst_environments"),
            scale_burst_window_s: l.sourced("scale_burst_window_s"),
        },
        cold_start_s: ColdStarts {
            azure_consumption: c.spreads("azure_consumption"),
            cloud_run: c.spreads("cloud_run"),
        },
        unmeasured_runtime: d.rule("unmeasured_runtime"),
        azure_consumption: AzureFacts {
            http_concurrency: a.sourced("http_concurrency"),
            vcpu_per_instance: a.sourced("vcpu_per_instance"),
            scale_interval_http_s: a.sourced("scale_interval_http_s"),
            scale_interval_other_s: a.sourced("scale_interval_other_s"),
            max_instances: a.sourced("max_instances"),
            package_ms_per_mb: a.sourced("package_ms_per_mb"),
        },
        cloud_run: CloudRunFacts {
            package_ms_per_mb_zip: r.sourced("package_ms_per_mb_zip"),
            package_ms_per_mb_image: r.sourced("package_ms_per_mb_image"),
        },
        cloudflare_workers: WorkersFacts {
            isolate_start_ms: w.sourced("isolate_start_ms"),
            concurrency_per_isolate: w.sourced("concurrency_per_isolate"),
            runtime_families: w.families("runtime_families"),
        },
        azure_container_apps: ContainerAppsFacts {
            polling_interval_s: ca.sourced("polling_interval_s"),
            cold_start: ca.rule("cold_start"),
        },
        lambda_managed: LambdaManagedFacts { scale_lag_s: lm.sourced("scale_lag_s") },
        containers: ContainerFacts {
            fargate_start_s: ct.sourced("fargate_start_s"),
            ec2_start_s: ct.sourced("ec2_start_s"),
            eks_start_s: ct.sourced("eks_start_s"),
            metric_delay_s: ct.sourced("metric_delay_s"),
            scale_in_cooldown_s: ct.sourced("scale_in_cooldown_s"),
            sync_timeout_s: ct.sourced("sync_timeout_s"),
        },
        model: ModelAssumptions {
            lognormal_sigma: m.sourced("lognormal_sigma"),
            keep_warm_ping_ms: m.sourced("keep_warm_ping_ms"),
        },
    };
    match first_error.into_inner() {
        Some(e) => Err(e),
        None => Ok(data),
    }
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
