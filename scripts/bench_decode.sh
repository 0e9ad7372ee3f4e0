#!/usr/bin/env bash
# End-to-end decode benchmark (issue 4): a random ~111 M-parameter Llama (hidden 1024, 8 layers,
# vocabulary 8192, tied head), every decoder Linear pruned by magnitude, then `sparsetune profile`:
# greedy decoding with LibTorch's dense path vs the sparse kernels, same tokens checked.
#   scripts/bench_decode.sh [SPARSITY=0.75] [VALUES=f32] [THREADS=2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sparsity="${1:-0.75}" values="${2:-f32}" threads="${3:-2}"
bin="$root/build/release/app/sparsetune"
work="$root/build/bench-decode"
mkdir -p "$work"
[ -f "$work/dense/config.json" ] || "$root/.venv/bin/python" "$root/scripts/make_random_llama.py" "$work/dense"
"$bin" prune "$work/dense" --method magnitude --sparsity "$sparsity" --json --out "$work/sparse-$sparsity" >/dev/null
exec "$bin" profile "$work/sparse-$sparsity" --threads "$threads" --values "$values" --new-tokens 32 --repeats 5 --no-store
