#!/usr/bin/env bash
# README command 2: install everything, build with warnings as errors, and run the whole test suite
# (unit, integration, interop against transformers/tokenizers/safetensors, GUI offscreen).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
start=$(date +%s)
bash "$root/scripts/build.sh" release
built=$(date +%s)
export QT_QPA_PLATFORM=offscreen
cd "$root"
ctest --preset release "$@"
echo "build $((built - start)) s, tests $(( $(date +%s) - built )) s"
