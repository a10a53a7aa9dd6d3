#!/usr/bin/env bash
# Behaviour fingerprint of the shipped agents: trains a fixed set of runs with the given metarl jar and
# prints the SHA-256 of each run's episodes.csv, updates.csv and final checkpoint/parameters.bin. Two
# jars whose outputs are identical line for line behave identically byte for byte on these runs.
#   scripts/identity-runs.sh JAR OUTDIR [CHECKOUT] > hashes.txt
# CHECKOUT (default: this repository) is the checkout whose examples/ the jar was built with. Used to
# check refactors: build the jar of each commit (./mvnw -Dmaven.test.skip=true package -pl app -am, then
# copy app/target/metarl-app.jar with app/target/lib), run this for both, and diff the outputs.
set -euo pipefail
JAR="$1"; OUT="$2"
ROOT="${3:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
run() {
  local id="$1"; shift
  java -Xss4m -jar "$JAR" train --out "$OUT/$id" "$@" > "$OUT/$id.log" 2>&1 || { echo "$id FAILED"; tail -5 "$OUT/$id.log" >&2; return; }
  for f in episodes.csv updates.csv checkpoint/parameters.bin; do
    if [ -f "$OUT/$id/$f" ]; then
      echo "$id $f $(sha256sum "$OUT/$id/$f" | cut -c1-16)"
    else
      echo "$id $f MISSING"
    fi
  done
}
cd "$ROOT"
run quickstart --config examples/rl2-quickstart.conf
run a2c-cartpole --config examples/a2c-cartpole.conf
run a3c-cartpole-1w --config examples/a3c-cartpole.conf --set metarl.agent.workers=1
run rl2-cartpole-dist --config examples/rl2-cartpole-distribution.conf --set metarl.training.env-steps=300000
run metagradient --config examples/metagradient-cartpole.conf --set metarl.training.env-steps=60000
run rl2-a3c-1w --config examples/rl2-quickstart.conf --set metarl.agent.base=a3c --set metarl.agent.workers=1 --set metarl.training.env-steps=200000
run rl2-shards --config examples/rl2-quickstart.conf --set metarl.agent.learner-threads=2 --set metarl.training.env-steps=200000
run a2c-pendulum --config examples/a2c-pendulum.conf --set metarl.training.env-steps=100000
run metagradient-rl2 --config examples/metagradient-rl2-bandit.conf --set metarl.training.env-steps=100000
