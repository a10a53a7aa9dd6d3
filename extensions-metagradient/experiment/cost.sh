#!/usr/bin/env bash
# Cost of the extension: alternating runs with and without meta-gradients (same seed, same budget),
# so background load on the shared machine hits both alike. Prints env-steps/s of each run.
#   extensions-metagradient/experiment/cost.sh [PAIRS] [ENV_STEPS]
set -euo pipefail
PAIRS=${1:-4}
STEPS=${2:-50000}
for i in $(seq 1 "$PAIRS"); do
  for arm in meta none; do
    sets=()
    [ "$arm" = none ] && sets=(--set 'metarl.metagradient.learn=[]')
    java -jar app/target/metarl-app.jar train --config examples/metagradient-cartpole.conf --seed 1 \
      --out "/tmp/metagradient-cost/$arm-$i" --set metarl.training.env-steps="$STEPS" \
      --set metarl.training.progress-interval=0 --set metarl.inference.trials=1 "${sets[@]}" \
      | grep -E '^training:' | sed "s/^/$arm pair $i /"
  done
done
