#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the plugin jar (no Spark distribution needed): one
# master and N workers (one core and a memory limit each), separate JVMs bound to 127.0.0.1.
#
#   runner-spark/cluster/local-cluster.sh start [N]     # master spark://127.0.0.1:7077 + N workers (default 2)
#   runner-spark/cluster/local-cluster.sh status
#   runner-spark/cluster/local-cluster.sh kill-worker I # SIGKILL worker I (1..N): a crash, for fault tests
#   runner-spark/cluster/local-cluster.sh stop
#
# Everything lives in a directory the script owns (METARL_SPARK_CLUSTER_DIR, default
# runner-spark/target/local-cluster): home/ (SPARK_HOME; home/jars/ holds links to the daemons' jars,
# which Spark's launcher puts on every executor's class path), logs/, pids/, work/ (the executors'
# working directories) and tmp/. stop ends exactly the pids in pids/ (checked against the class they
# run) and then any executor whose working directory is under work/.
#
# Settings (environment): METARL_SPARK_PORT (7077), METARL_SPARK_UI_PORT (8080; workers take a free
# port), METARL_SPARK_WORKER_MEMORY (2g), METARL_SPARK_JAR (runner-spark/target/metarl-runner-spark-plugin.jar;
# build it with ./mvnw -B -Pspark -pl runner-spark -am package -DskipTests), METARL_SPARK_CLASSPATH
# (instead of the jar: a class path for the daemons, as the tests use), METARL_SPARK_WAIT (60 s).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${METARL_SPARK_CLUSTER_DIR:-$ROOT/runner-spark/target/local-cluster}"
PORT="${METARL_SPARK_PORT:-7077}"
UI_PORT="${METARL_SPARK_UI_PORT:-8080}"
MEMORY="${METARL_SPARK_WORKER_MEMORY:-2g}"
WAIT="${METARL_SPARK_WAIT:-60}"
JAR="${METARL_SPARK_JAR:-$ROOT/runner-spark/target/metarl-runner-spark-plugin.jar}"
CP="${METARL_SPARK_CLASSPATH:-$JAR}"
MASTER_CLASS=org.apache.spark.deploy.master.Master
WORKER_CLASS=org.apache.spark.deploy.worker.Worker
# Java 17: the JDK internals Spark opens (Spark's JavaModuleOptions, the list of runner-spark's pom)
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"

die() { echo "local-cluster: $*" >&2; exit 1; }

# the pid in a pid file, if that process is alive and runs the expected class
alive() { # file class
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$2" || return 1
  echo "$pid"
}

# the executors (or any process) whose working directory is under work/
executors() {
  local p cwd
  [ -d "$DIR/work" ] || return 0
  for p in /proc/[0-9]*; do
    cwd="$(readlink "$p/cwd" 2>/dev/null || true)"
    case "$cwd" in "$DIR/work"/*) echo "${p#/proc/}" ;; esac
  done
}

wait_for() { # log pattern what pidfile class
  local i
  for ((i = 0; i < WAIT * 5; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$4" "$5" >/dev/null || { tail -n 30 "$1" >&2; return 1; }
    sleep 0.2
  done
  tail -n 30 "$1" >&2
  echo "local-cluster: $3 not ready after ${WAIT}s" >&2
  return 1
}

start() {
  local n="${1:-2}" i
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "start N: N workers, an integer >= 1 (got '$n')"
  if alive "$DIR/pids/master.pid" "$MASTER_CLASS" >/dev/null; then
    die "already running (pids in $DIR/pids); stop it first"
  fi
  local first="${CP%%:*}"
  [ -e "$first" ] || die "$first not found: build the plugin with ./mvnw -B -Pspark -pl runner-spark -am package -DskipTests"
  mkdir -p "$DIR/home/jars" "$DIR/home/conf" "$DIR/logs" "$DIR/pids" "$DIR/work" "$DIR/tmp"
  rm -f "$DIR/home/jars/"*.jar "$DIR/pids/"*.pid
  local IFS_OLD="$IFS" e
  IFS=:
  for e in $CP; do
    case "$e" in *.jar) [ -f "$e" ] && ln -sf "$(cd "$(dirname "$e")" && pwd)/$(basename "$e")" "$DIR/home/jars/" ;; esac
  done
  IFS="$IFS_OLD"
  export SPARK_HOME="$DIR/home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$DIR/tmp"
  export SPARK_LOG_DIR="$DIR/logs" SPARK_PID_DIR="$DIR/pids" SPARK_CONF_DIR="$DIR/home/conf"
  # shellcheck disable=SC2086
  nohup java -Xmx512m $OPENS -Djava.io.tmpdir="$DIR/tmp" -Dspark.worker.timeout=15 -cp "$CP" "$MASTER_CLASS" \
    --host 127.0.0.1 --port "$PORT" --webui-port "$UI_PORT" > "$DIR/logs/master.log" 2>&1 < /dev/null &
  echo $! > "$DIR/pids/master.pid"
  wait_for "$DIR/logs/master.log" "I have been elected leader" master "$DIR/pids/master.pid" "$MASTER_CLASS" \
    || { stop; die "the master did not start (log: $DIR/logs/master.log)"; }
  for ((i = 1; i <= n; i++)); do
    mkdir -p "$DIR/work/worker-$i"
    # shellcheck disable=SC2086
    nohup java -Xmx512m $OPENS -Djava.io.tmpdir="$DIR/tmp" -cp "$CP" "$WORKER_CLASS" \
      --host 127.0.0.1 --cores 1 --memory "$MEMORY" --webui-port 0 --work-dir "$DIR/work/worker-$i" \
      "spark://127.0.0.1:$PORT" > "$DIR/logs/worker-$i.log" 2>&1 < /dev/null &
    echo $! > "$DIR/pids/worker-$i.pid"
  done
  for ((i = 1; i <= n; i++)); do
    wait_for "$DIR/logs/worker-$i.log" "Successfully registered with master" "worker $i" "$DIR/pids/worker-$i.pid" "$WORKER_CLASS" \
      || { stop; die "worker $i did not register (log: $DIR/logs/worker-$i.log)"; }
  done
  echo "local-cluster: master spark://127.0.0.1:$PORT (pid $(cat "$DIR/pids/master.pid")), $n workers x 1 core x $MEMORY; logs in $DIR/logs"
}

status() {
  local f name pid any=1
  for f in "$DIR"/pids/*.pid; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .pid)"
    if [ "$name" = master ]; then pid="$(alive "$f" "$MASTER_CLASS" || true)"; else pid="$(alive "$f" "$WORKER_CLASS" || true)"; fi
    if [ -n "$pid" ]; then echo "$name: running (pid $pid)"; any=0; else echo "$name: not running"; fi
  done
  for pid in $(executors); do echo "executor: running (pid $pid)"; any=0; done
  return $any
}

kill_worker() {
  local i="${1:-}" pid
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || die "kill-worker I: the worker's number (1..N)"
  pid="$(alive "$DIR/pids/worker-$i.pid" "$WORKER_CLASS")" || die "worker $i is not running"
  kill -KILL "$pid"
  echo "local-cluster: worker $i (pid $pid) killed with SIGKILL"
}

stop() {
  local f pid class i left
  for f in "$DIR"/pids/worker-*.pid "$DIR/pids/master.pid"; do
    [ -e "$f" ] || continue
    class="$WORKER_CLASS"; [ "$(basename "$f")" = master.pid ] && class="$MASTER_CLASS"
    if pid="$(alive "$f" "$class")"; then
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do [ -e "/proc/$pid" ] || break; sleep 0.2; done
      [ -e "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
      echo "local-cluster: stopped $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
  # executors outlive a worker killed with SIGKILL for a moment; end any left in our work directory
  for ((i = 0; i < 25; i++)); do
    left="$(executors)"
    [ -z "$left" ] && break
    sleep 0.2
  done
  for pid in $left; do
    kill -KILL "$pid" 2>/dev/null && echo "local-cluster: killed executor pid $pid (left in $DIR/work)"
  done
  return 0
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  kill-worker) kill_worker "${2:-}" ;;
  *) echo "usage: $0 start [N] | status | kill-worker I | stop" >&2; exit 2 ;;
esac
