#!/usr/bin/env bash
# README command 1: install everything, build, and run the main job on the built-in demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/build.sh" release
exec "$root/build/release/app/sparsetune" demo "$@"
