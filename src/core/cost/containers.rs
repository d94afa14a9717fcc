//! Provisioned containers behind one ALB: AWS Fargate tasks, EC2 instances, EKS on EC2 nodes.
//! Sizing follows the capacity model in `capacity`.

use super::bill::{Bill, num, rate};
use super::capacity::{Unit, fleet};
use super::limits::{Limit, LimitKind};
use super::{Usage, front_door};
use crate::core::catalog::Rates;
use crate::core::scenario::{Arch, Ec2Pricing, SECONDS_PER_MONTH, Scenario};

/// Valid Fargate task vCPU sizes (AWS ECS task-size table).
const FARGATE_VCPU: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

pub(super) fn fargate_limits(s: &Scenario, _: &Rates) -> Option<Limit> {
    s.needs_gpu.then(|| Limit::hard(LimitKind::Gpu, "needs_gpu: Fargate offers no GPUs".into()))
}

/// The task: `fargate_vcpu` rounded up to a valid size; memory the larger of that size's minimum
/// (2 GB per vCPU) and `memory_mb` rounded up to whole GB. If that exceeds the size's maximum
/// (8 GB per vCPU), the next vCPU size is used.
fn fargate_task(s: &Scenario, r: &Rates) -> Unit {
    let need_gb = s.memory_mb / 1024.0;
    let mut last = Unit { vcpu: 16.0, gb: need_gb.ceil() };
    for &vcpu in FARGATE_VCPU.iter().filter(|&&v| v >= s.fargate_vcpu - 1e-9) {
        let min = r.fargate_min_gb_per_vcpu * vcpu;
        let gb = if need_gb <= min { min } else { need_gb.ceil() };
        last = Unit { vcpu, gb };
        if gb <= r.fargate_max_gb_per_vcpu * vcpu {
            break;
        }
    }
    last
}

pub(super) fn fargate_price(u: &Usage, bill: &mut Bill) {
    let r = u.r;
    let task = fargate_task(u.s, r);
    let (vcpu_h, gb_h, label) = match u.s.arch {
        Arch::X86_64 => (r.fargate_vcpu_h_x86, r.fargate_gb_h_x86, "x86_64"),
        Arch::Arm64 => (r.fargate_vcpu_h_arm, r.fargate_gb_h_arm, "arm64 (Graviton)"),
    };
    let f = fleet(u, &task);
    bill.add("Fargate vCPU", f.unit_hours * task.vcpu * vcpu_h, || {
        format!(
            "{} task-h (mean {} tasks, peak {}) × {} vCPU × {}/vCPU-h ({label})",
            num(f.unit_hours),
            num(f.mean_units()),
            num(f.peak_units),
            num(task.vcpu),
            rate(vcpu_h)
        )
    });
    bill.add("Fargate memory", f.unit_hours * task.gb * gb_h, || {
        format!("{} task-h × {} GB × {}/GB-h", num(f.unit_hours), num(task.gb), rate(gb_h))
    });
    front_door::alb(u, bill, r.alb_lcu_gb_per_h_instance);
}

struct Instance {
    name: &'static str,
    arch: Arch,
    vcpu: f64,
    gib: f64,
    hourly: f64,
}

fn instances(r: &Rates) -> [Instance; 6] {
    let i = |name, arch, vcpu, gib, hourly| Instance { name, arch, vcpu, gib, hourly };
    [
        i("t3.small", Arch::X86_64, r.ec2_t3_small_vcpu, r.ec2_t3_small_gib, r.ec2_t3_small_hourly),
        i("t3.medium", Arch::X86_64, r.ec2_t3_medium_vcpu, r.ec2_t3_medium_gib, r.ec2_t3_medium_hourly),
        i("m5.large", Arch::X86_64, r.ec2_m5_large_vcpu, r.ec2_m5_large_gib, r.ec2_m5_large_hourly),
        i("m6g.large", Arch::Arm64, r.ec2_m6g_large_vcpu, r.ec2_m6g_large_gib, r.ec2_m6g_large_hourly),
        i("m7g.large", Arch::Arm64, r.ec2_m7g_large_vcpu, r.ec2_m7g_large_gib, r.ec2_m7g_large_hourly),
        i("c6g.large", Arch::Arm64, r.ec2_c6g_large_vcpu, r.ec2_c6g_large_gib, r.ec2_c6g_large_hourly),
    ]
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

pub(super) fn ec2_price(u: &Usage, bill: &mut Bill) {
    instances_price(u, bill, false);
}

pub(super) fn eks_price(u: &Usage, bill: &mut Bill) {
    instances_price(u, bill, true);
}

/// EC2 (or EKS nodes): the cheapest catalogue instance type that fits, sized by the capacity
/// model. Reserved pricing applies the 1-yr no-upfront discount to every instance-hour (as a
/// commitment covering the fleet would). EKS adds the control plane; both add one ALB.
fn instances_price(u: &Usage, bill: &mut Bill, eks: bool) {
    let (s, r) = (u.s, u.r);
    let discount = match s.ec2_pricing {
        Ec2Pricing::OnDemand => 0.0,
        Ec2Pricing::Reserved1y => r.ec2_reserved_1y_discount.min(1.0),
    };
    let all = instances(r);
    let any_fit = all.iter().any(|i| fits(i, s));
    // When nothing fits (infeasible) the same-arch types are still priced, for reference.
    let best = all
        .iter()
        .filter(|i| if any_fit { fits(i, s) } else { i.arch == s.arch })
        .map(|i| {
            let f = fleet(u, &Unit { vcpu: i.vcpu, gb: i.gib });
            let hourly = i.hourly * (1.0 - discount);
            (f.unit_hours * hourly, i, f, hourly)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((usd, i, f, hourly)) = best {
        let what = if eks { "EKS nodes" } else { "EC2 instances" };
        bill.add(what, usd, || {
            let terms = match s.ec2_pricing {
                Ec2Pricing::OnDemand => "on demand".to_string(),
                Ec2Pricing::Reserved1y => format!("1-yr reserved, {}% off", num(discount * 100.0)),
            };
            format!(
                "{} × {} (cheapest fit; mean {}, peak {}) = {} instance-h × {}/h ({terms})",
                i.name,
                num(f.mean_units()),
                num(f.mean_units()),
                num(f.peak_units),
                num(f.unit_hours),
                rate(hourly)
            )
        });
    }
    if eks {
        let hours = SECONDS_PER_MONTH / 3600.0;
        bill.add("EKS control plane", hours * r.eks_control_plane_hourly, || {
            let flag = if u.unverified(&["eks.control_plane_hourly"]) { " (UNVERIFIED)" } else { "" };
            format!("{} h × {}/h{flag}", num(hours), rate(r.eks_control_plane_hourly))
        });
    }
    front_door::alb(u, bill, r.alb_lcu_gb_per_h_instance);
}
