//! STUB — owned by the simulation work: a small deterministic PRNG (no `rand` in the wasm bundle).
