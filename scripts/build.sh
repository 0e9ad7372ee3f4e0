#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then configures and builds with the given CMake preset
# (default: release). Incremental: a re-run with nothing changed takes seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-release}"
bash "$root/scripts/setup.sh"
# ccache must ignore the timestamps that CMake's precompiled headers carry, or it never hits.
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
cd "$root"
if [ ! -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset" >"/tmp/sparsetune-configure-$preset.log" 2>&1 || { cat "/tmp/sparsetune-configure-$preset.log"; exit 1; }
  sed -n "/following features have been enabled/,/^-- Configuring/p" "/tmp/sparsetune-configure-$preset.log" | grep -v "^-- Configuring" || true
fi
cmake --build --preset "$preset"
