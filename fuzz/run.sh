#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 600): `fuzz/run.sh csdl 600`, `fuzz/run.sh json 10`.
# CONTRIBUTING.md documents this script, and .ci/run runs it (10 s per target), so the documented
# command is the one that is checked. RUSTC_BOOTSTRAP=1 lets the stable toolchain take
# cargo-fuzz's nightly-only flags; the corpus directory is ignored by git, and libFuzzer stops if a
# directory it is given does not exist, hence the mkdir.
set -euo pipefail
target="${1:?usage: fuzz/run.sh csdl|json [SECONDS]}"
seconds="${2:-600}"
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
mkdir -p "corpus/$target"
case "$target" in
  csdl)
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a csdl corpus/csdl seeds/csdl ../../shared/corpus/csdl -- \
      -max_total_time="$seconds" -max_len=20000 -dict=csdl.dict -timeout=10 -rss_limit_mb=2048 ;;
  json)
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a json corpus/json seeds/json \
      ../../shared/corpus/graph-docs ../../shared/corpus/graph-docs-2021 -- \
      -max_total_time="$seconds" -max_len=8192 -dict=json.dict -timeout=10 -rss_limit_mb=2048 ;;
  *) echo "unknown fuzz target $target (csdl or json)" >&2; exit 2 ;;
esac
