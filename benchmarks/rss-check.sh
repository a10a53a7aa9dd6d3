#!/usr/bin/env bash
# Resident set size of a 1M-env-step training run, sampled once a second, reported at 10%, 50% and
# 100% of the budget (issue #7: no off-heap growth). The heap is fixed (-Xms256m -Xmx256m, override with
# RSS_JAVA_OPTS) so that growth would show off-heap leaks, not the heap expanding. Usage:
# benchmarks/rss-check.sh [CONFIG] [STEPS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CONFIG=${1:-examples/a2c-cartpole.conf}
STEPS=${2:-1000000}
OUT=$(mktemp -d)
OMP_NUM_THREADS=1 java ${RSS_JAVA_OPTS:--Xss4m -Xms256m -Xmx256m} -jar app/target/metarl-app.jar train --config "$CONFIG" --out "$OUT/run" \
  --set metarl.training.env-steps=$STEPS --set metarl.training.progress-interval=0 \
  --set metarl.training.checkpoint-every=0 > "$OUT/log" 2>&1 &
PID=$!
echo "fraction,env_steps,rss_mb" > "$OUT/rss.csv"
while kill -0 $PID 2>/dev/null; do
  RSS=$(awk '/VmRSS/ {print $2}' /proc/$PID/status 2>/dev/null || true)
  STEPS_NOW=$(tail -n 1 "$OUT/run/updates.csv" 2>/dev/null | cut -d, -f3 || true)
  if [[ -n "$RSS" && "$STEPS_NOW" =~ ^[0-9]+$ ]]; then
    echo "$(awk -v s=$STEPS_NOW -v t=$STEPS 'BEGIN{printf "%.3f", s/t}'),$STEPS_NOW,$((RSS / 1024))" >> "$OUT/rss.csv"
  fi
  sleep 1
done
wait $PID
for f in 0.10 0.50 1.00; do
  awk -F, -v f=$f 'NR > 1 && $1 <= f + 0.02 {last = $0} END {print "at " f ": " last}' "$OUT/rss.csv"
done
echo "samples: $OUT/rss.csv"
