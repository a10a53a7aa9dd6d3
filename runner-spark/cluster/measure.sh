#!/usr/bin/env bash
# The figures of SPARK.md ("A standalone cluster on one machine"): the smoke grid and one ES epoch on a
# local-cluster.sh cluster of 1 and of 2 one-core workers, the per-task overhead, and a worker killed
# with SIGKILL during the ES epoch. Needs app/target/metarl-app.jar and the plugin jar (-Pspark package);
# starts and stops its own cluster (METARL_SPARK_CLUSTER_DIR etc. as in local-cluster.sh).
#   runner-spark/cluster/measure.sh [OUT_DIR]     # default /tmp/metarl-spark-measure
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-/tmp/metarl-spark-measure}"
C="$ROOT/runner-spark/cluster/local-cluster.sh"
PORT="${METARL_SPARK_PORT:-7077}"
rm -rf "$OUT"; mkdir -p "$OUT/plugins"
ln -s "${METARL_SPARK_JAR:-$ROOT/runner-spark/target/metarl-runner-spark-plugin.jar}" "$OUT/plugins/"
OPENS="$(sed -n 's#.*<spark.add-opens>\(.*\)</spark.add-opens>.*#\1#p' "$ROOT/runner-spark/pom.xml")"
metarl() { OMP_NUM_THREADS=1 java -Xss4m $OPENS -jar "$ROOT/app/target/metarl-app.jar" "$@" --plugins-dir "$OUT/plugins"; }
trap '"$C" stop >/dev/null' EXIT
# loss.json as JSON (its keys' order varies from run to run); fitness.csv's epoch seconds
same_loss() { python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$1" "$2" && echo identical || echo DIFFERENT; }
epochs() { awk -F, 'NR > 1 {printf "%s epoch %d %s s", (NR > 2 ? "," : ""), $1, $NF}' "$1"; }
cat > "$OUT/es.conf" <<CONF
metarl {
  seed = 11
  environment { plugin = point-goal, episode-length = 50 }
  epg {
    inner { lifetime = 2048, eval-episodes = 2 }
    outer { epochs = 2, population = 8 }
  }
}
CONF
# per-task overhead: 24 tiny cells (a few ms of work each), one worker, time between the first and last cell
sed -e 's/seeds = \[1, 2\]/seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]/' -e 's/max-steps = 100/max-steps = 5/g' \
  -e 's/trials = 16/trials = 1/; s/trials = 8/trials = 1/; s/episodes-per-trial = 32/episodes-per-trial = 2/; s/episodes-per-trial = 8/episodes-per-trial = 2/' \
  -e '/meta-a2c/d' "$ROOT/examples/experiment-smoke.conf" > "$OUT/tiny.conf"
span() { # first and last elapsed of a grid's progress lines
  grep -o 'elapsed [0-9.]* s' "$1" | sed -n '1p;$p' | awk '{print $2}' | paste -sd' ' | awk '{printf "%.2f s over %d cells\n", $2-$1, 23}'
}
metarl experiment "$ROOT/examples/experiment-smoke.conf" --parallelism 2 --out "$OUT/smoke-local" > "$OUT/smoke-local.log"
metarl experiment "$OUT/tiny.conf" --parallelism 1 --out "$OUT/tiny-local" > "$OUT/tiny-local.log"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"
echo "tiny grid, local engine, 1 thread: $(span "$OUT/tiny-local.log")" | tee -a "$OUT/figures.txt"
for t in 1 2; do
  metarl epg evolve --config "$OUT/es.conf" --out "$OUT/es-threads-$t" --set metarl.epg.outer.workers=$t > "$OUT/es-threads-$t.log"
  echo "ES (8 members x 2048 steps), local engine, $t thread(s): $(epochs "$OUT/es-threads-$t/fitness.csv")" | tee -a "$OUT/figures.txt"
done
for n in 1 2; do
  "$C" start "$n" > /dev/null
  s0=$(date +%s.%N)
  metarl experiment "$ROOT/examples/experiment-smoke.conf" --engine spark --master "spark://127.0.0.1:$PORT" --out "$OUT/smoke-$n" > "$OUT/smoke-$n.log"
  s1=$(date +%s.%N)
  same=0; for f in $(cd "$OUT/smoke-local" && find . -name episodes.csv); do cmp -s "$OUT/smoke-local/$f" "$OUT/smoke-$n/$f" && same=$((same + 1)); done
  echo "smoke grid, $n worker(s): command $(echo "$s1 - $s0" | bc) s, $(grep -o 'finished ([^)]*) in [0-9.]* s' "$OUT/smoke-$n.log"); $same/9 episodes.csv identical to the local engine" | tee -a "$OUT/figures.txt"
  metarl epg evolve --config "$OUT/es.conf" --out "$OUT/es-$n" --set metarl.epg.execution.engine=spark \
    --set "metarl.epg.execution.master=\"spark://127.0.0.1:$PORT\"" > "$OUT/es-$n.log"
  echo "ES (8 members x 2048 steps), $n worker(s): $(epochs "$OUT/es-$n/fitness.csv"); loss.json $(same_loss "$OUT/es-$n/loss.json" "$OUT/es-threads-2/loss.json") to the local engine's" | tee -a "$OUT/figures.txt"
  if [ "$n" = 1 ]; then
    metarl experiment "$OUT/tiny.conf" --engine spark --master "spark://127.0.0.1:$PORT" --out "$OUT/tiny-spark" > "$OUT/tiny-spark.log"
    echo "tiny grid, spark 1 worker: $(span "$OUT/tiny-spark.log")" | tee -a "$OUT/figures.txt"
  fi
  "$C" stop > /dev/null
done
# a worker killed with SIGKILL during the ES epoch (2 workers), as soon as its executor runs a member
"$C" start 2 > /dev/null
W="${METARL_SPARK_CLUSTER_DIR:-$ROOT/runner-spark/target/local-cluster}/work/worker-1"
rm -rf "$W"/app-*
metarl epg evolve --config "$OUT/es.conf" --out "$OUT/es-kill" --set metarl.epg.execution.engine=spark \
  --set "metarl.epg.execution.master=\"spark://127.0.0.1:$PORT\"" > "$OUT/es-kill.log" &
for _ in $(seq 1 1200); do grep -qs 'Running task' "$W"/app-*/*/stderr && break; sleep 0.05; done
sleep 0.5; "$C" kill-worker 1
wait
echo "ES epoch, 2 workers, worker 1 killed 0.5 s after its executor started its first member: $(epochs "$OUT/es-kill/fitness.csv"); loss.json $(same_loss "$OUT/es-kill/loss.json" "$OUT/es-threads-2/loss.json") to the local engine's" | tee -a "$OUT/figures.txt"
diff <(cut -d, -f1-6 "$OUT/es-2/fitness.csv") <(cut -d, -f1-6 "$OUT/es-kill/fitness.csv") && echo "fitness.csv (without seconds) identical to the undisturbed run" | tee -a "$OUT/figures.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"
