#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven-resolved Spark jars (no Spark
# download): one master and two workers (1 core, 2 GB each unless WORKER_CORES / WORKER_MEMORY say
# otherwise), every server on 127.0.0.1.
#
#   scripts/local-cluster.sh start    assemble the Spark home, start the servers, wait until the
#                                     workers have registered; prints the master URL
#   scripts/local-cluster.sh stop     stop exactly the processes this script started (by pid)
#   scripts/local-cluster.sh status   which of them are running
#
# Then: SPARK_HOME=<printed spark home> ./submit.sh pipeline --master spark://127.0.0.1:7077
# Ports (env): MASTER_PORT (7077), MASTER_UI_PORT (18080), WORKER_UI_PORT (18081, +1 per worker).
# Workers (env): WORKER_CORES (1) and WORKER_MEMORY (2g) each; a client-mode driver takes
# spark-submit's --driver-memory (submit.sh passes launch.driver-memory).
# State, logs and the Spark home live in target/local-cluster/ (CLUSTER_DIR to move them).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CLUSTER_DIR:-$HERE/target/local-cluster}"
SPARK_HOME_DIR="$DIR/spark-home"
MASTER_PORT="${MASTER_PORT:-7077}"
MASTER_UI_PORT="${MASTER_UI_PORT:-18080}"
WORKER_UI_PORT="${WORKER_UI_PORT:-18081}"
WORKERS=2
WORKER_CORES="${WORKER_CORES:-1}"
WORKER_MEMORY="${WORKER_MEMORY:-2g}"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

die() {
  echo "local-cluster.sh: $*" >&2
  exit 1
}

ensure_built() {
  if [ ! -f "$HERE/target/classpath.txt" ] || [ ! -f "$HERE/target/jvm-options.txt" ]; then
    (cd "$HERE" && mvn -B -q -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true \
      package) >&2 || die "the build failed"
  fi
}

# A Spark home is a jars/ folder, a RELEASE file and bin/spark-submit; the launcher of executor
# JVMs reads the jars from SPARK_HOME/jars.
assemble_home() {
  rm -rf "$SPARK_HOME_DIR"
  mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/bin" "$SPARK_HOME_DIR/conf"
  local jar
  tr ':' '\n' <"$HERE/target/classpath.txt" | while read -r jar; do
    [ -n "$jar" ] && ln -sf "$jar" "$SPARK_HOME_DIR/jars/$(basename "$jar")"
  done
  local spark_core
  spark_core="$(ls "$SPARK_HOME_DIR/jars" | grep -m1 '^spark-core_')" ||
    die "no spark-core jar on the classpath"
  echo "Spark ${spark_core#spark-core_2.13-} (assembled from Maven jars)" >"$SPARK_HOME_DIR/RELEASE"
  # This home serves the loopback cluster only: its client binds to loopback too.
  cat >"$SPARK_HOME_DIR/bin/spark-submit" <<SUBMIT
#!/usr/bin/env bash
export SPARK_LOCAL_IP="\${SPARK_LOCAL_IP:-127.0.0.1}"
# A client-mode driver runs in this JVM: --driver-memory sizes it and --driver-java-options are
# its options, as Spark's own launcher does.
heap=1g
driver_opts=""
prev=""
for a in "\$@"; do
  case "\$prev" in --driver-memory) heap="\$a" ;; --driver-java-options) driver_opts="\$a" ;; esac
  case "\$a" in
    --driver-memory=*) heap="\${a#*=}" ;;
    --driver-java-options=*) driver_opts="\${a#*=}" ;;
  esac
  prev="\$a"
done
# SPARK_SUBMIT_OPTS: extra options of this JVM, as Spark's launcher reads them.
# shellcheck disable=SC2086
exec java "-Xmx\$heap" $(cat "$HERE/target/jvm-options.txt") \${SPARK_SUBMIT_OPTS:-} \$driver_opts \\
  -cp "$SPARK_HOME_DIR/jars/*" org.apache.spark.deploy.SparkSubmit "\$@"
SUBMIT
  # spark-class runs any Spark main class, as in a real Spark home (submit.sh kills a standalone
  # driver with it).
  cat >"$SPARK_HOME_DIR/bin/spark-class" <<CLASS
#!/usr/bin/env bash
export SPARK_LOCAL_IP="\${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx512m $(cat "$HERE/target/jvm-options.txt") -cp "$SPARK_HOME_DIR/jars/*" "\$@"
CLASS
  chmod +x "$SPARK_HOME_DIR/bin/spark-submit" "$SPARK_HOME_DIR/bin/spark-class"
}

alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

launch() {
  local name="$1"
  shift
  # SPARK_DAEMON_JAVA_OPTS: extra options of the master and worker JVMs, as in a Spark install.
  # shellcheck disable=SC2086
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    nohup java -Xmx512m $(cat "$HERE/target/jvm-options.txt") ${SPARK_DAEMON_JAVA_OPTS:-} \
    -cp "$SPARK_HOME_DIR/jars/*" "$@" >"$DIR/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
}

wait_for() {
  local file="$1" pattern="$2" what="$3" i
  for i in $(seq 1 60); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    sleep 1
  done
  die "$what did not come up in 60 s; see $file"
}

start() {
  mkdir -p "$DIR"
  alive "$DIR/master.pid" && die "already running (pid $(cat "$DIR/master.pid")); stop it first"
  # A port held by another cluster (one started with another CLUSTER_DIR) would take this one's
  # workers and jobs without a word: refuse instead.
  local port
  for port in "$MASTER_PORT" "$MASTER_UI_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "127.0.0.1:$port is in use (another cluster? scripts/local-cluster.sh status with its CLUSTER_DIR)"
    fi
  done
  ensure_built
  assemble_home
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT"
  wait_for "$DIR/master.log" "New state: ALIVE" "the master"
  local i
  for i in $(seq 1 $WORKERS); do
    mkdir -p "$DIR/work$i"
    launch "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" \
      --webui-port $((WORKER_UI_PORT + i - 1)) --work-dir "$DIR/work$i" "$MASTER_URL"
  done
  for i in $(seq 1 $WORKERS); do
    wait_for "$DIR/worker$i.log" "Successfully registered with master" "worker $i"
  done
  echo "master $MASTER_URL (UI http://127.0.0.1:$MASTER_UI_PORT), $WORKERS workers of $WORKER_CORES cores and $WORKER_MEMORY"
  echo "SPARK_HOME=$SPARK_HOME_DIR"
}

stop() {
  local f pid
  for f in "$DIR"/worker*.pid "$DIR"/master.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "stopped $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
}

status() {
  local f found=1
  for f in "$DIR"/master.pid "$DIR"/worker*.pid; do
    [ -f "$f" ] || continue
    found=0
    if alive "$f"; then
      echo "$(basename "$f" .pid): running (pid $(cat "$f"))"
    else
      echo "$(basename "$f" .pid): not running (stale pid $(cat "$f"))"
    fi
  done
  [ $found -eq 0 ] || echo "not started"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: scripts/local-cluster.sh start|stop|status" >&2
    exit 2
    ;;
esac
