//! Provisioned containers behind one ALB: AWS Fargate tasks, EC2 instances, EKS on EC2 nodes.
//! Sizing follows the capacity model in `capacity`.

use super::bill::{Bill, num, rate};
use super::capacity::{self, Burst, Fleet, Unit, fleet};
use super::hidden::spot;
use super::limits::{Limit, LimitKind};
use super::{Usage, front_door};
use crate::core::catalog::Rates;
use crate::core::coldstart::Provisioned;
use crate::core::scenario::{Arch, Ec2Pricing, HOURS_PER_MONTH, Scenario};
use crate::core::select::{larger, smaller};

pub(super) fn fargate_limits(s: &Scenario, _: &Rates) -> Option<Limit> {
    s.needs_gpu.then(|| Limit::hard(LimitKind::Gpu, "needs_gpu: Fargate offers no GPUs".into()))
}

/// One valid Fargate task size: its vCPUs and the memory it takes, GB (AWS ECS task-size table).
struct TaskSize {
    vcpu: f64,
    min_gb: f64,
    max_gb: f64,
    step_gb: f64,
}

fn task_sizes(r: &Rates) -> [TaskSize; 7] {
    let t = |vcpu, min_gb, max_gb, step_gb| TaskSize { vcpu, min_gb, max_gb, step_gb };
    [
        t(
            r.fargate_task_v0_25_vcpu,
            r.fargate_task_v0_25_min_gb,
            r.fargate_task_v0_25_max_gb,
            r.fargate_task_v0_25_step_gb,
        ),
        t(
            r.fargate_task_v0_5_vcpu,
            r.fargate_task_v0_5_min_gb,
            r.fargate_task_v0_5_max_gb,
            r.fargate_task_v0_5_step_gb,
        ),
        t(r.fargate_task_v1_vcpu, r.fargate_task_v1_min_gb, r.fargate_task_v1_max_gb, r.fargate_task_v1_step_gb),
        t(r.fargate_task_v2_vcpu, r.fargate_task_v2_min_gb, r.fargate_task_v2_max_gb, r.fargate_task_v2_step_gb),
        t(r.fargate_task_v4_vcpu, r.fargate_task_v4_min_gb, r.fargate_task_v4_max_gb, r.fargate_task_v4_step_gb),
        t(r.fargate_task_v8_vcpu, r.fargate_task_v8_min_gb, r.fargate_task_v8_max_gb, r.fargate_task_v8_step_gb),
        t(r.fargate_task_v16_vcpu, r.fargate_task_v16_min_gb, r.fargate_task_v16_max_gb, r.fargate_task_v16_step_gb),
    ]
}

/// The task Fargate runs, and whether the scenario's vCPU and memory were rounded up to it.
struct Task {
    unit: Unit,
    vcpu_rounded: bool,
    memory_rounded: bool,
}

impl Task {
    fn rounding(&self, s: &Scenario) -> String {
        let mut notes = Vec::new();
        if self.vcpu_rounded {
            notes.push(format!("{} vCPU rounded up to a valid size", num(s.fargate_vcpu)));
        }
        if self.memory_rounded {
            notes.push(format!(
                "{} MB rounded up to {} GB, the next valid memory",
                num(s.memory_mb),
                num(self.unit.gb)
            ));
        }
        if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) }
    }
}

/// The valid task (docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html):
/// the smallest size with at least `fargate_vcpu` vCPUs whose memory range holds `memory_mb`; its
/// memory is `memory_mb` rounded up to the size's step, at least the size's minimum.
fn fargate_task(s: &Scenario, r: &Rates) -> Task {
    let need_gb = s.memory_mb / 1024.0;
    let sizes = task_sizes(r);
    let fit = sizes.iter().filter(|t| t.vcpu >= s.fargate_vcpu - 1e-9).find(|t| t.max_gb >= need_gb - 1e-9);
    let size = fit.unwrap_or(&sizes[sizes.len() - 1]);
    let gb = if need_gb <= size.min_gb {
        size.min_gb
    } else {
        ((need_gb / size.step_gb - 1e-9).ceil() * size.step_gb).min(size.max_gb.max(need_gb))
    };
    Task {
        unit: Unit { vcpu: size.vcpu, gb, burst: None },
        vcpu_rounded: (size.vcpu - s.fargate_vcpu).abs() > 1e-9,
        memory_rounded: (gb - need_gb).abs() > 1e-9,
    }
}

pub(super) fn fargate_price(u: &Usage, bill: &mut Bill) {
    let (s, r) = (u.s, u.r);
    let task = fargate_task(s, r);
    let (vcpu_h, gb_h, label) = match s.arch {
        Arch::X86_64 => (r.fargate_vcpu_h_x86, r.fargate_gb_h_x86, "x86_64"),
        Arch::Arm64 => (r.fargate_vcpu_h_arm, r.fargate_gb_h_arm, "arm64 (Graviton)"),
    };
    let unit = &task.unit;
    let f = fleet(u, unit);
    let task_hourly = unit.vcpu * vcpu_h + unit.gb * gb_h;
    // Fargate Spot takes the tasks above the minimum, which stays on demand (x86 only).
    let on_spot = s.fargate_spot && spot::available(s.arch);
    let min = f64::from(s.min_capacity);
    let split = if on_spot {
        spot::split(f.unit_hours, min, HOURS_PER_MONTH, u.h)
    } else {
        spot::SpotSplit { on_demand_task_hours: f.unit_hours, spot_task_hours: 0.0, spot_price_factor: 1.0 }
    };
    let on_demand = split.on_demand_task_hours;
    bill.add("Fargate vCPU", on_demand * unit.vcpu * vcpu_h, || {
        let spot = if on_spot {
            format!(" on demand, the minimum of {},", num(min))
        } else if s.fargate_spot {
            " (Fargate Spot runs x86 tasks only: all on demand)".to_string()
        } else {
            String::new()
        };
        format!(
            "{} task-h{spot} (mean {} tasks, peak {}) × {} vCPU{} × {}/vCPU-h ({label})",
            num(on_demand),
            num(f.mean_units()),
            num(f.peak_units),
            num(unit.vcpu),
            task.rounding(s),
            rate(vcpu_h)
        )
    });
    bill.add("Fargate memory", on_demand * unit.gb * gb_h, || {
        format!("{} task-h × {} GB × {}/GB-h", num(on_demand), num(unit.gb), rate(gb_h))
    });
    if on_spot && split.spot_task_hours > 0.0 {
        let discount = 1.0 - split.spot_price_factor;
        bill.add("Fargate Spot", split.spot_task_hours * task_hourly * split.spot_price_factor, || {
            format!(
                "{} task-h above the minimum × {}/task-h × (1 − {}% Spot discount); a task can be stopped at two minutes' notice",
                num(split.spot_task_hours),
                rate((task_hourly * 1e6).round() / 1e6),
                num(discount * 100.0)
            )
        });
        u.flag(bill, &["spot.fargate_discount"]);
    }
    // Savings Plans cover on-demand tasks only, and only the quietest hour's count is always running.
    let trough = if on_spot { f.trough_units.min(min) } else { f.trough_units };
    bill.commit(trough * task_hourly, on_demand * task_hourly, || {
        format!("{} on-demand tasks in the quietest hour", num(trough))
    });
    front_door::alb(u, bill, r.alb_lcu_gb_per_h_instance);
}

/// An EC2 instance type of the catalogue (also what Lambda Managed Instances launch).
pub(super) struct Instance {
    pub name: &'static str,
    pub arch: Arch,
    pub vcpu: f64,
    pub gib: f64,
    /// On-demand $ per hour.
    pub hourly: f64,
    /// Burstable (t3, t4g): its CPU baseline and surplus price.
    pub burst: Option<Burst>,
}

/// The catalogue's instance types: general purpose, compute and memory optimised, x86 and Graviton,
/// 2 to 64 GiB; t3/t4g are burstable.
pub(super) fn instances(r: &Rates) -> Vec<Instance> {
    let i = |name, arch, vcpu, gib, hourly, burst| Instance { name, arch, vcpu, gib, hourly, burst };
    // The burstable families: x86 t3 and Graviton t4g, each with its own surplus price.
    let t3 = |name, vcpu, gib, hourly, baseline| {
        i(name, Arch::X86_64, vcpu, gib, hourly, Some(Burst { baseline, surplus_vcpu_h: r.ec2_surplus_vcpu_h_t3 }))
    };
    let t4g = |name, vcpu, gib, hourly, baseline| {
        i(name, Arch::Arm64, vcpu, gib, hourly, Some(Burst { baseline, surplus_vcpu_h: r.ec2_surplus_vcpu_h_t4g }))
    };
    vec![
        t3("t3.small", r.ec2_t3_small_vcpu, r.ec2_t3_small_gib, r.ec2_t3_small_hourly, r.ec2_t3_small_baseline),
        t3("t3.medium", r.ec2_t3_medium_vcpu, r.ec2_t3_medium_gib, r.ec2_t3_medium_hourly, r.ec2_t3_medium_baseline),
        t3("t3.large", r.ec2_t3_large_vcpu, r.ec2_t3_large_gib, r.ec2_t3_large_hourly, r.ec2_t3_large_baseline),
        t3("t3.xlarge", r.ec2_t3_xlarge_vcpu, r.ec2_t3_xlarge_gib, r.ec2_t3_xlarge_hourly, r.ec2_t3_xlarge_baseline),
        t3(
            "t3.2xlarge",
            r.ec2_t3_2xlarge_vcpu,
            r.ec2_t3_2xlarge_gib,
            r.ec2_t3_2xlarge_hourly,
            r.ec2_t3_2xlarge_baseline,
        ),
        i("m5.large", Arch::X86_64, r.ec2_m5_large_vcpu, r.ec2_m5_large_gib, r.ec2_m5_large_hourly, None),
        i("m6i.large", Arch::X86_64, r.ec2_m6i_large_vcpu, r.ec2_m6i_large_gib, r.ec2_m6i_large_hourly, None),
        i("m6i.xlarge", Arch::X86_64, r.ec2_m6i_xlarge_vcpu, r.ec2_m6i_xlarge_gib, r.ec2_m6i_xlarge_hourly, None),
        i("m6i.2xlarge", Arch::X86_64, r.ec2_m6i_2xlarge_vcpu, r.ec2_m6i_2xlarge_gib, r.ec2_m6i_2xlarge_hourly, None),
        i("m6i.4xlarge", Arch::X86_64, r.ec2_m6i_4xlarge_vcpu, r.ec2_m6i_4xlarge_gib, r.ec2_m6i_4xlarge_hourly, None),
        i("c6i.large", Arch::X86_64, r.ec2_c6i_large_vcpu, r.ec2_c6i_large_gib, r.ec2_c6i_large_hourly, None),
        i("c6i.xlarge", Arch::X86_64, r.ec2_c6i_xlarge_vcpu, r.ec2_c6i_xlarge_gib, r.ec2_c6i_xlarge_hourly, None),
        i("c6i.2xlarge", Arch::X86_64, r.ec2_c6i_2xlarge_vcpu, r.ec2_c6i_2xlarge_gib, r.ec2_c6i_2xlarge_hourly, None),
        i("c6i.4xlarge", Arch::X86_64, r.ec2_c6i_4xlarge_vcpu, r.ec2_c6i_4xlarge_gib, r.ec2_c6i_4xlarge_hourly, None),
        i("r6i.large", Arch::X86_64, r.ec2_r6i_large_vcpu, r.ec2_r6i_large_gib, r.ec2_r6i_large_hourly, None),
        i("r6i.xlarge", Arch::X86_64, r.ec2_r6i_xlarge_vcpu, r.ec2_r6i_xlarge_gib, r.ec2_r6i_xlarge_hourly, None),
        i("r6i.2xlarge", Arch::X86_64, r.ec2_r6i_2xlarge_vcpu, r.ec2_r6i_2xlarge_gib, r.ec2_r6i_2xlarge_hourly, None),
        t4g("t4g.small", r.ec2_t4g_small_vcpu, r.ec2_t4g_small_gib, r.ec2_t4g_small_hourly, r.ec2_t4g_small_baseline),
        t4g(
            "t4g.medium",
            r.ec2_t4g_medium_vcpu,
            r.ec2_t4g_medium_gib,
            r.ec2_t4g_medium_hourly,
            r.ec2_t4g_medium_baseline,
        ),
        t4g("t4g.large", r.ec2_t4g_large_vcpu, r.ec2_t4g_large_gib, r.ec2_t4g_large_hourly, r.ec2_t4g_large_baseline),
        t4g(
            "t4g.xlarge",
            r.ec2_t4g_xlarge_vcpu,
            r.ec2_t4g_xlarge_gib,
            r.ec2_t4g_xlarge_hourly,
            r.ec2_t4g_xlarge_baseline,
        ),
        t4g(
            "t4g.2xlarge",
            r.ec2_t4g_2xlarge_vcpu,
            r.ec2_t4g_2xlarge_gib,
            r.ec2_t4g_2xlarge_hourly,
            r.ec2_t4g_2xlarge_baseline,
        ),
        i("m6g.large", Arch::Arm64, r.ec2_m6g_large_vcpu, r.ec2_m6g_large_gib, r.ec2_m6g_large_hourly, None),
        i("m7g.large", Arch::Arm64, r.ec2_m7g_large_vcpu, r.ec2_m7g_large_gib, r.ec2_m7g_large_hourly, None),
        i("m7g.xlarge", Arch::Arm64, r.ec2_m7g_xlarge_vcpu, r.ec2_m7g_xlarge_gib, r.ec2_m7g_xlarge_hourly, None),
        i("m7g.2xlarge", Arch::Arm64, r.ec2_m7g_2xlarge_vcpu, r.ec2_m7g_2xlarge_gib, r.ec2_m7g_2xlarge_hourly, None),
        i("m7g.4xlarge", Arch::Arm64, r.ec2_m7g_4xlarge_vcpu, r.ec2_m7g_4xlarge_gib, r.ec2_m7g_4xlarge_hourly, None),
        i("c6g.large", Arch::Arm64, r.ec2_c6g_large_vcpu, r.ec2_c6g_large_gib, r.ec2_c6g_large_hourly, None),
        i("c7g.large", Arch::Arm64, r.ec2_c7g_large_vcpu, r.ec2_c7g_large_gib, r.ec2_c7g_large_hourly, None),
        i("c7g.xlarge", Arch::Arm64, r.ec2_c7g_xlarge_vcpu, r.ec2_c7g_xlarge_gib, r.ec2_c7g_xlarge_hourly, None),
        i("c7g.2xlarge", Arch::Arm64, r.ec2_c7g_2xlarge_vcpu, r.ec2_c7g_2xlarge_gib, r.ec2_c7g_2xlarge_hourly, None),
        i("c7g.4xlarge", Arch::Arm64, r.ec2_c7g_4xlarge_vcpu, r.ec2_c7g_4xlarge_gib, r.ec2_c7g_4xlarge_hourly, None),
        i("r7g.large", Arch::Arm64, r.ec2_r7g_large_vcpu, r.ec2_r7g_large_gib, r.ec2_r7g_large_hourly, None),
        i("r7g.xlarge", Arch::Arm64, r.ec2_r7g_xlarge_vcpu, r.ec2_r7g_xlarge_gib, r.ec2_r7g_xlarge_hourly, None),
        i("r7g.2xlarge", Arch::Arm64, r.ec2_r7g_2xlarge_vcpu, r.ec2_r7g_2xlarge_gib, r.ec2_r7g_2xlarge_hourly, None),
    ]
}

/// A lower bound on a type's monthly cost at `hourly`: the hourly need is the larger of CPU and
/// memory, so the instance-hours U are at least the larger of their sums (or the minimum fleet); a
/// burstable type also pays for the month's work W above what U instances sustain at baseline, and
/// more instances than that bound cost at least min(U·h + (W − b·v·U)·p, max(U, W ÷ b·v)·h).
fn lower_bound<'a>(u: &'a Usage) -> impl Fn(&Instance, f64) -> f64 + 'a {
    let s = u.s;
    let hours = u.seconds_per_weight() / 3600.0 * u.weights.len() as f64;
    let in_flight_hours = u.rate * u.duration_s * hours;
    let work = in_flight_hours * s.cpu_fraction;
    move |i: &Instance, hourly: f64| {
        let cpu = work / (i.vcpu * s.target_utilization);
        let memory = in_flight_hours * u.memory_gb / i.gib;
        let units = larger(larger(cpu, memory), f64::from(s.min_capacity) * hours);
        match i.burst {
            None => units * hourly,
            Some(b) => {
                let sustained = b.baseline * i.vcpu;
                let with_surplus = units * hourly + larger(work - sustained * units, 0.0) * b.surplus_vcpu_h;
                smaller(with_surplus, larger(units, work / sustained) * hourly)
            }
        }
    }
}

/// An instance fits when it has the architecture and room for one request's `memory_mb`.
fn fits(i: &Instance, s: &Scenario) -> bool {
    i.arch == s.arch && i.gib >= s.memory_mb / 1024.0
}

/// EC2 instances and EKS nodes: the same instance types.
pub(super) fn ec2_limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    if s.needs_gpu {
        return Some(Limit::hard(LimitKind::Gpu, "needs_gpu: the catalogue holds no GPU instance types".into()));
    }
    (!instances(r).iter().any(|i| fits(i, s))).then(|| {
        Limit::hard(
            LimitKind::Memory,
            format!("memory {} MB exceeds every {:?} instance type in the catalogue", num(s.memory_mb), s.arch),
        )
    })
}

fn discount(s: &Scenario, r: &Rates) -> f64 {
    match s.ec2_pricing {
        Ec2Pricing::OnDemand => 0.0,
        Ec2Pricing::Reserved1y => r.ec2_reserved_1y_discount.min(1.0),
    }
}

/// A priced instance type: (monthly USD, type, fleet, hourly rate, surplus credits USD).
type Choice<'a> = (f64, &'a Instance, Fleet, f64, f64);

/// `cheapest_instance` with the type as its index in `instances`: (types that fit, choice).
pub(super) type Ec2Choice = (usize, Option<(f64, usize, Fleet, f64, f64)>);

/// The indices in `all` of the types that fit; when none does (infeasible), of the same-arch types, still
/// priced for reference. They do not depend on the volume: a cost curve picks them once.
fn candidates(s: &Scenario, all: &[Instance]) -> Vec<usize> {
    let any_fit = all.iter().any(|i| fits(i, s));
    (0..all.len()).filter(|&k| if any_fit { fits(&all[k], s) } else { all[k].arch == s.arch }).collect()
}

/// The types tried, and the cheapest that fits with its fleet: (monthly USD, type, fleet, hourly rate,
/// surplus credits USD).
fn cheapest_instance<'a>(u: &Usage, all: &'a [Instance], discount: f64) -> (usize, Option<Choice<'a>>) {
    let types = u.ec2_candidates(|| candidates(u.s, all));
    let count = types.len();
    // Sizing every type hour by hour is the costly part: try types in order of a lower bound on
    // their cost (the month's CPU and memory needs, or the minimum fleet, at the hourly price) and
    // stop once the bound passes the best cost found.
    let bound = lower_bound(u);
    let mut left: Vec<Option<(f64, &Instance)>> = types
        .iter()
        .map(|&k| {
            let i = &all[k];
            Some((bound(i, i.hourly * (1.0 - discount)), i))
        })
        .collect();
    // The search usually stops after a few types, so they are picked one at a time (the lowest bound,
    // the first of equals: a stable sort's order) rather than all sorted.
    let mut next = || {
        let mut at: Option<(usize, f64)> = None;
        for (k, c) in left.iter().enumerate() {
            if let Some((low, _)) = c
                && at.is_none_or(|(_, l)| low.total_cmp(&l).is_lt())
            {
                at = Some((k, *low));
            }
        }
        at.and_then(|(k, _)| left[k].take())
    };
    let mut best: Option<Choice> = None;
    while let Some((low, i)) = next() {
        if best.as_ref().is_some_and(|b| low >= b.0) {
            break;
        }
        let f = fleet(u, &Unit { vcpu: i.vcpu, gb: i.gib, burst: i.burst });
        let hourly = i.hourly * (1.0 - discount);
        let surplus = i.burst.map_or(0.0, |b| f.surplus_vcpu_hours * b.surplus_vcpu_h);
        let usd = f.unit_hours * hourly + surplus;
        if best.as_ref().is_none_or(|b| usd < b.0) {
            best = Some((usd, i, f, hourly, surplus));
        }
    }
    (count, best)
}

/// The fleet the latency model queues requests on: Fargate tasks, or the instance type EC2 / EKS would buy.
pub(super) fn provisioned(u: &Usage, ec2: bool) -> Option<Provisioned> {
    if !ec2 {
        return Some(capacity::provisioned(u, &fargate_task(u.s, u.r).unit));
    }
    let (_, best) = cheapest_instance(u, u.instances(), discount(u.s, u.r));
    let (_, i, _, _, _) = best?;
    Some(capacity::provisioned(u, &Unit { vcpu: i.vcpu, gb: i.gib, burst: i.burst }))
}

pub(super) fn ec2_price(u: &Usage, bill: &mut Bill) {
    instances_price(u, bill, false);
}

pub(super) fn eks_price(u: &Usage, bill: &mut Bill) {
    instances_price(u, bill, true);
}

/// EC2 (or EKS nodes): the cheapest catalogue type that fits the memory and the CPU at the target
/// utilisation, sized by the capacity model. A burstable type (t3, t4g; unlimited mode, their default)
/// pays for the CPU it sustains above its baseline in surplus credits, so a busy fleet picks a fixed-
/// performance type. Reserved pricing applies the 1-yr no-upfront discount to every instance-hour (as
/// a commitment covering the fleet would); surplus credits are not discounted. EKS adds the control
/// plane; both add one ALB.
fn instances_price(u: &Usage, bill: &mut Bill, eks: bool) {
    let (s, r) = (u.s, u.r);
    let discount = discount(s, r);
    let all = u.instances();
    // EC2 and EKS buy the same instances: whichever is priced second at this volume reuses the choice.
    let (count, best) = *u.ec2_choice.get_or_init(|| {
        let (count, best) = cheapest_instance(u, all, discount);
        let at = |i: &Instance| all.iter().position(|x| std::ptr::eq(x, i)).unwrap_or(0);
        (count, best.map(|(usd, i, f, hourly, surplus)| (usd, at(i), f, hourly, surplus)))
    });
    let best = best.map(|(usd, k, f, hourly, surplus)| (usd, &all[k], f, hourly, surplus));

    if let Some((_, i, f, hourly, surplus)) = best {
        let what = if eks { "EKS nodes" } else { "EC2 instances" };
        bill.add(what, f.unit_hours * hourly, || {
            let terms = match s.ec2_pricing {
                Ec2Pricing::OnDemand => "on demand".to_string(),
                Ec2Pricing::Reserved1y => format!("1-yr reserved, {}% off", num(discount * 100.0)),
            };
            format!(
                "{} ({} vCPU, {} GiB; cheapest of {count} types that fit) × mean {}, peak {} = {} instance-h × {}/h ({terms})",
                i.name,
                num(i.vcpu),
                num(i.gib),
                num(f.mean_units()),
                num(f.peak_units),
                num(f.unit_hours),
                rate(hourly)
            )
        });
        // A reservation already covers every instance-hour; on demand, a Savings Plan can cover the
        // instances of the quietest hour (not the surplus credits).
        if s.ec2_pricing == Ec2Pricing::OnDemand {
            bill.commit(f.trough_units * hourly, f.unit_hours * hourly, || {
                format!("{} × {} in the quietest hour", num(f.trough_units), i.name)
            });
        }
        if let Some(b) = i.burst.filter(|_| surplus > 0.0) {
            bill.add("CPU credits (unlimited mode)", surplus, || {
                format!(
                    "{} vCPU-h sustained above the {}% baseline of {} (credits earned below it spent within the day) × {}/vCPU-h",
                    num(f.surplus_vcpu_hours),
                    num(b.baseline * 100.0),
                    i.name,
                    rate(b.surplus_vcpu_h)
                )
            });
        }
    }
    if eks {
        bill.add("EKS control plane", HOURS_PER_MONTH * r.eks_control_plane_hourly, || {
            let flag = if u.unverified(&["eks.control_plane_hourly"]) { " (UNVERIFIED)" } else { "" };
            format!("{} h × {}/h{flag}", num(HOURS_PER_MONTH), rate(r.eks_control_plane_hourly))
        });
        u.flag(bill, &["eks.control_plane_hourly"]);
    }
    front_door::alb(u, bill, r.alb_lcu_gb_per_h_instance);
}
