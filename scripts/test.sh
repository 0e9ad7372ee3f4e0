#!/usr/bin/env bash
# README command 2: install everything, build with warnings as errors, and run the whole test suite
# (unit, integration, interop against transformers/tokenizers/safetensors, GUI offscreen), then the unit and
# integration tests again on the lower code paths (see below). Arguments go to a single ctest run instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
start=$(date +%s)
bash "$root/scripts/build.sh" release
built=$(date +%s)
export QT_QPA_PLATFORM=offscreen
cd "$root"
if [ $# -gt 0 ]; then
  ctest --preset release "$@"
  echo "build $((built - start)) s, tests $(( $(date +%s) - built )) s"
  exit 0
fi

ctest --preset release
native=$(date +%s)

# An AVX-512 machine runs other code than an AVX2-only one in LibTorch (ATen's kernels, its oneDNN and MKL)
# and in our sparse kernels. Capping all four proves the AVX2 paths on any machine; the kernel tests run once
# more with the scalar kernels. On a CPU without AVX2 the native run above already took the lowest paths.
if grep -qw avx2 /proc/cpuinfo; then
  echo "== unit and integration tests with ATen, oneDNN, MKL and the sparse kernels capped at AVX2"
  ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 SPARSETUNE_CPU_ISA=avx2 \
    ctest --preset release -L 'unit|integration'
fi
lowered=$(date +%s)
echo "== kernel tests with the scalar sparse kernels"
SPARSETUNE_CPU_ISA=scalar ctest --preset release -L kernels
echo "build $((built - start)) s, tests $((native - built)) s, AVX2 pass $((lowered - native)) s," \
     "scalar pass $(( $(date +%s) - lowered )) s"
