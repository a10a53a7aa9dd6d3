#!/usr/bin/env bash
# Meta-gradient vs fixed (gamma, lambda) on CartPole-v1, same env-step budget, 5 seeds, run one after
# another so the throughput figures are comparable. The fixed arms keep the extension with learn = []
# (which does nothing: bit-identical to a run without it, see TrainingTest). Usage (from the repository root, after
#   mvn -B -q -o install -DskipTests -pl app):
#   extensions-metagradient/experiment/run.sh [OUT_DIR] [ENV_STEPS]
set -euo pipefail
OUT=${1:-/tmp/metagradient-experiment}
STEPS=${2:-150000}
JAR=app/target/metarl-app.jar
CONF=examples/metagradient-cartpole.conf
mkdir -p "$OUT"
for seed in 1 2 3 4 5; do
  for arm in meta fixed-0.9 fixed-0.99; do
    case $arm in
      meta) sets=() ;;
      fixed-0.9) sets=(--set 'metarl.metagradient.learn=[]') ;;
      fixed-0.99) sets=(--set 'metarl.metagradient.learn=[]' --set metarl.returns.gamma=0.99) ;;
    esac
    java -jar "$JAR" train --config "$CONF" --seed "$seed" --out "$OUT/$arm-$seed" \
      --set metarl.training.env-steps="$STEPS" --set metarl.training.progress-interval=0 "${sets[@]}" \
      | grep -E '^(training|inference):' | sed "s/^/$arm seed $seed /"
  done
done
