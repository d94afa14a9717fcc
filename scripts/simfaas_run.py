"""Runs SimFaaS (pinned in scripts/bench.sh) on one scenario and prints one JSON line.

usage: python simfaas_run.py ARRIVAL_RATE MAX_TIME_S [SEED]
Warm service 1.991 s and cold service 2.244 s (exponential), expiration threshold 600 s: the SimFaaS
README example, with the arrival rate and simulated time as arguments.
"""
import json
import sys
import time

import numpy as np
from simfaas.ServerlessSimulator import ServerlessSimulator

rate = float(sys.argv[1])
max_time = float(sys.argv[2])
np.random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

started = time.perf_counter()
sim = ServerlessSimulator(
    arrival_rate=rate,
    warm_service_rate=1 / 1.991,
    cold_service_rate=1 / 2.244,
    expiration_threshold=600,
    max_time=max_time,
    maximum_concurrency=100_000,
)
sim.generate_trace(debug_print=False, progress=False)
r = sim.get_result_dict()
wall = time.perf_counter() - started
print(json.dumps({
    "rate": rate,
    "max_time_s": max_time,
    "wall_s": wall,
    "requests": int(r["reqs_total"]),
    "prob_cold": float(r["prob_cold"]),
    "avg_instances": float(r["inst_count_avg"]),
}))
