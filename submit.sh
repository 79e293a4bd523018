#!/usr/bin/env bash
# Runs one movierec job.
#
#   ./submit.sh <job> [--run-date YYYY-MM-DD] [--master URL] [--deploy-mode client|cluster]
#                     [--env NAME] [--config FILE ...] [--conf key=value ...] [job options]
#
# With SPARK_HOME set (or spark-submit on PATH) the job goes through spark-submit with the
# application jar; otherwise it runs on an embedded local Spark (local[*]) from the Maven-resolved
# jars. In a source checkout the jar is built first when missing or older than the sources; a
# deployed install (the jar, this script, conf/ and jobs/, no pom.xml) never builds, and runs
# through spark-submit. The job's exit code is
# this script's exit code: 0 done, 1 job failed, 2 bad usage or configuration (in cluster deploy
# mode on a standalone master: the driver's final state, FINISHED 0, otherwise 1).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/movierec.jar"
# A deployed install may keep the jar beside this script.
if [ ! -f "$HERE/pom.xml" ] && [ ! -f "$JAR" ] && [ -f "$HERE/movierec.jar" ]; then
  JAR="$HERE/movierec.jar"
fi
CLASSPATH_FILE="$HERE/target/classpath.txt"
JVM_OPTIONS_FILE="$HERE/target/jvm-options.txt"
# The benchmarks are not in the product jar: bench-* jobs (and --help) add their jar when present.
BENCH_JAR="$HERE/target/movierec-bench.jar"

# submit.sh's own options; the jobs and their options come from the application (Main --help).
launcher_usage() {
  cat <<'USAGE'
Usage: ./submit.sh <job> [launcher options] [job options]
       ./submit.sh --help            this text and every job
       ./submit.sh <job> --help      this text and every option of <job>

Launcher options (submit.sh's own; it passes conf/application.conf, conf/<env>.conf and
jobs/<job>.conf to the job as --config-file layers, then each --config):
  --run-date YYYY-MM-DD        the partition to write (default: today in UTC)
  --master URL                 Spark master URL (default: launch.master of the config, else
                               local[*] embedded, or spark-submit's own default)
  --deploy-mode client|cluster client (default) or cluster; spark-submit only
  --env NAME                   config environment: reads conf/<env>.conf (default: $MOVIEREC_ENV
                               or local)
  --config FILE                one more HOCON file, over conf/ and jobs/<job>.conf (repeatable)
  --conf KEY=VALUE             spark.* keys are Spark settings, other keys movierec settings

Without SPARK_HOME (and no spark-submit on PATH) the job runs on an embedded local Spark;
MOVIEREC_EXTRA_CLASSPATH adds jars to it (e.g. hadoop-aws for s3a://), MOVIEREC_JAVA_OPTS JVM
options (split on spaces; e.g. -XX:TieredStopAtLevel=1 for short runs).
USAGE
}

die_usage() {
  echo "submit.sh: $1 (./submit.sh --help lists the jobs and options)" >&2
  exit 2
}

[ $# -ge 1 ] || die_usage "no job given; usage: ./submit.sh <job> [options]"
job="$1"
shift
help_for=""
case "$job" in
  -h | --help | help)
    help_for="${1:-}"
    [ -z "$help_for" ] || [[ "$help_for" =~ ^[a-z][a-z0-9-]{0,40}$ ]] || die_usage "'$help_for' is not a job name"
    ;;
  *)
    [[ "$job" =~ ^[a-z][a-z0-9-]{0,40}$ ]] || die_usage "'$job' is not a job name"
    for a in "$@"; do
      case "$a" in -h | --help) help_for="$job" ;; esac
    done
    if [ -n "$help_for" ]; then job=help; fi
    ;;
esac

run_date=""
master=""
deploy_mode=""
env_name="${MOVIEREC_ENV:-local}"
extra_configs=()
spark_confs=()
app_confs=()
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --run-date | --master | --deploy-mode | --env | --config | --conf)
      [ $# -ge 2 ] || die_usage "$1 needs a value"
      case "$1" in
        --run-date) run_date="$2" ;;
        --master) master="$2" ;;
        --deploy-mode) deploy_mode="$2" ;;
        --env) env_name="$2" ;;
        --config)
          [ -f "$2" ] || die_usage "--config '$2' is not a file"
          extra_configs+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
          ;;
        --conf)
          [[ "$2" == *=* ]] || die_usage "--conf '$2' is not of the form key=value"
          if [[ "$2" == spark.* ]]; then spark_confs+=("$2"); else app_confs+=(--conf "$2"); fi
          ;;
      esac
      shift 2
      ;;
    *)
      app_args+=("$1")
      shift
      ;;
  esac
done
# The same master URL forms Main accepts (CommandLine.MASTER): a typo fails before spark-submit.
master_re='^(local(\[(\*|[1-9][0-9]*)(,[1-9][0-9]*)?\])?|spark://[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*|yarn|k8s://(https?://)?[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^ ]*)?)$'
if [ -n "$master" ] && ! [[ "$master" =~ $master_re ]]; then
  die_usage "--master '$master' is not a Spark master URL: use local[N], local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT"
fi

if [ -z "$run_date" ]; then
  run_date="$(date -u +%Y-%m-%d)"
fi
[[ "$run_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die_usage "--run-date '$run_date' is not YYYY-MM-DD"
[[ "$env_name" =~ ^[a-z0-9_-]+$ ]] || die_usage "--env '$env_name' is not an environment name"
case "$deploy_mode" in
  "" | client | cluster) ;;
  *) die_usage "--deploy-mode '$deploy_mode' is not client or cluster" ;;
esac

config_files=("$HERE/conf/application.conf")
if [ -f "$HERE/conf/$env_name.conf" ]; then
  config_files+=("$HERE/conf/$env_name.conf")
elif [ "$env_name" != "local" ]; then
  die_usage "no conf/$env_name.conf for --env $env_name"
fi
if [ -f "$HERE/jobs/$job.conf" ]; then
  config_files+=("$HERE/jobs/$job.conf")
fi
config_files+=("${extra_configs[@]+"${extra_configs[@]}"}")

# Builds the application jar and the embedded-run classpath when missing or stale (a source
# checkout only: a deployed install has no pom.xml and is never built).
ensure_jar() {
  if [ ! -f "$HERE/pom.xml" ]; then
    [ -f "$JAR" ] || {
      echo "submit.sh: no movierec.jar in $HERE/target or $HERE: copy the built jar there" >&2
      exit 2
    }
    return 0
  fi
  local sources=()
  for d in "$HERE/src/main" "$HERE/src/bench" "$HERE/pom.xml"; do
    if [ -e "$d" ]; then sources+=("$d"); fi
  done
  if [ -f "$JAR" ] && [ -f "$CLASSPATH_FILE" ] && [ -f "$JVM_OPTIONS_FILE" ] &&
    [ -z "$(find "${sources[@]}" -newer "$JAR" -print -quit)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || {
    echo "submit.sh: $JAR is missing and Maven (mvn) is not installed to build it" >&2
    exit 1
  }
  echo "submit.sh: building $JAR ..." >&2
  # Maven's console library writes colour codes even in batch mode; off a terminal they are
  # noise in logs (Airflow's, a file), so they are stripped unless stderr is a terminal.
  local strip='s/\x1b\[[0-9;]*[A-Za-z]//g'
  [ -t 2 ] && strip=''
  if ! (cd "$HERE" &&
    set -o pipefail &&
    mvn -B -q -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true package 2>&1 |
    sed -e "$strip") >&2; then
    echo "submit.sh: the build failed; see the Maven output above" >&2
    exit 1
  fi
}
ensure_jar

spark_submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  spark_submit="$(command -v spark-submit)"
fi
# The classpath of a JVM started here: the Maven-resolved jars of a source checkout, else the
# jars of the Spark that spark-submit belongs to.
runtime_classpath() {
  if [ -f "$CLASSPATH_FILE" ]; then
    cat "$CLASSPATH_FILE"
  elif [ -n "$spark_submit" ]; then
    echo "$(dirname "$(dirname "$spark_submit")")/jars/*"
  fi
}

app_jars="$JAR"
case "$job" in help | --help | -h | bench-*)
  if [ -f "$BENCH_JAR" ]; then app_jars="$JAR:$BENCH_JAR"; fi
  ;;
esac

if [ "$job" = help ] || [ "$job" = --help ] || [ "$job" = -h ]; then
  launcher_usage
  echo
  [ -n "$(runtime_classpath)" ] || die_usage "this install has no embedded Spark: set SPARK_HOME to list the jobs"
  exec java -cp "$app_jars:$(runtime_classpath)" movierec.Main ${help_for:+"$help_for"} --help
fi

config_args=()
for f in "${config_files[@]}"; do
  config_args+=(--config-file "$f")
done

# Launch settings (master, memory, cores, extra Spark settings) from the layered config; the
# ones it leaves unset are not passed, so spark-defaults.conf and dynamic allocation decide them.
launch_master=""
launch_deploy_mode=client
driver_memory=""
executor_memory=""
executor_cores=""
num_executors=""
launch_confs=()
# An explicit --deploy-mode takes part in the checks (cluster mode refuses relative paths).
mode_conf=()
if [ -n "$deploy_mode" ]; then mode_conf=(--conf "launch.deploy-mode=$deploy_mode"); fi
launch_output="$(java -cp "$JAR" movierec.jobs.LaunchSettings "${config_args[@]}" \
  "${app_confs[@]+"${app_confs[@]}"}" "${mode_conf[@]+"${mode_conf[@]}"}" 2>&1)" || {
  status=$?
  echo "$launch_output" >&2
  exit "$status"
}
while IFS= read -r line; do
  key="${line%%=*}"
  value="${line#*=}"
  case "$key" in
    master) launch_master="$value" ;;
    deploy-mode) launch_deploy_mode="$value" ;;
    driver-memory) driver_memory="$value" ;;
    executor-memory) executor_memory="$value" ;;
    executor-cores) executor_cores="$value" ;;
    num-executors) num_executors="$value" ;;
    conf) launch_confs+=("$value") ;;
  esac
done <<<"$launch_output"
deploy_mode="${deploy_mode:-$launch_deploy_mode}"
master="${master:-$launch_master}"

# The console progress bar only where a person watches.
progress=false
if [ -t 2 ]; then progress=true; fi

if [ -z "$spark_submit" ]; then
  # Embedded local Spark: one JVM, Spark and Hadoop from the Maven-resolved classpath. A cluster
  # master never falls back to it: the job would run on this machine instead.
  [ "$deploy_mode" = client ] || die_usage "--deploy-mode cluster needs spark-submit (set SPARK_HOME)"
  case "$master" in
    "" | local*) ;;
    *) die_usage "master '$master' needs spark-submit: set SPARK_HOME (or put spark-submit on PATH)" ;;
  esac
  [ -f "$CLASSPATH_FILE" ] ||
    die_usage "this install has no embedded Spark ($CLASSPATH_FILE): set SPARK_HOME to run through spark-submit"
  read -r -a jvm_options <"$JVM_OPTIONS_FILE"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # A native BLAS (OpenBLAS) would start a thread per core inside each of Spark's task threads:
  # measured on 2 cores, ALS at rank 100 took 90 s instead of 22 s. One thread per call, as
  # Spark sets for its executors (SPARK-41188); an explicit value is kept.
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  conf_args=()
  for c in "${launch_confs[@]+"${launch_confs[@]}"}" "${spark_confs[@]+"${spark_confs[@]}"}"; do
    conf_args+=(--conf "$c")
  done
  # recommend-for answers at a terminal, where class loading (Hadoop, Parquet) is most of the
  # time: its JVM maps a class-data archive (CDS) made by its first run after each build, which
  # halves the time to an answer. -Xlog:disable keeps the JVM's CDS notes off stdout; an archive
  # that does not validate is ignored. exec, always: a signal to this script reaches the JVM.
  cds=()
  jsa="$HERE/target/recommend-for.jsa"
  if [ "$job" = recommend-for ]; then
    if [ -f "$jsa" ] && [ "$jsa" -nt "$JAR" ]; then
      cds=("-XX:SharedArchiveFile=$jsa" -Xlog:disable)
    else
      rm -f "$jsa"
      cds=("-XX:ArchiveClassesAtExit=$jsa" -Xlog:disable)
    fi
  fi
  # Local mode runs every executor inside this JVM: unless launch.driver-memory says otherwise,
  # it gets half of the machine's memory (at least 1g), which the job logs.
  derived=()
  if [ -z "$driver_memory" ]; then
    machine_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || true)"
    if [ -z "$machine_kb" ]; then
      machine_kb=$(($(sysctl -n hw.memsize 2>/dev/null || echo 8589934592) / 1024))
    fi
    half_gb=$((machine_kb / 2 / 1024 / 1024))
    [ "$half_gb" -ge 1 ] || half_gb=1
    driver_memory="${half_gb}g"
    derived=("-Dmovierec.launch.derived-driver-memory=${driver_memory}, half of this machine's $((machine_kb / 1024 / 1024)) GB (launch.driver-memory is unset)")
  fi
  # Extra JVM options of this one JVM, e.g. a cheaper JIT for short runs (the tests start dozens).
  read -r -a extra_java <<<"${MOVIEREC_JAVA_OPTS:-}"
  exec java "-Xmx${driver_memory}" -Xss4m "${derived[@]+"${derived[@]}"}" "${jvm_options[@]}" "${cds[@]+"${cds[@]}"}" \
    "${extra_java[@]+"${extra_java[@]}"}" \
    "-Dlog4j2.configurationFile=$HERE/conf/log4j2.properties" \
    -cp "$app_jars:$(cat "$CLASSPATH_FILE")${MOVIEREC_EXTRA_CLASSPATH:+:$MOVIEREC_EXTRA_CLASSPATH}" \
    movierec.Main "$job" \
    --run-date "$run_date" ${master:+--master "$master"} "${config_args[@]}" \
    --conf "spark.ui.showConsoleProgress=$progress" \
    "${conf_args[@]+"${conf_args[@]}"}" "${app_confs[@]+"${app_confs[@]}"}" \
    "${app_args[@]+"${app_args[@]}"}"
fi

submit_args=(--class movierec.Main --name "movierec-$job" --deploy-mode "$deploy_mode")
if [ "$app_jars" != "$JAR" ]; then submit_args+=(--jars "$BENCH_JAR"); fi
if [ -n "$driver_memory" ]; then submit_args+=(--driver-memory "$driver_memory"); fi
if [ -n "$executor_memory" ]; then submit_args+=(--executor-memory "$executor_memory"); fi
if [ -n "$executor_cores" ]; then submit_args+=(--executor-cores "$executor_cores"); fi
if [ -n "$num_executors" ]; then submit_args+=(--conf "spark.executor.instances=$num_executors"); fi
submit_args+=(--conf "spark.ui.showConsoleProgress=$progress")
if [ -n "$master" ]; then submit_args+=(--master "$master"); fi
for c in "${launch_confs[@]+"${launch_confs[@]}"}" "${spark_confs[@]+"${spark_confs[@]}"}"; do
  submit_args+=(--conf "$c")
done
if [ "$deploy_mode" = client ]; then
  submit_args+=(--driver-java-options "-Dlog4j2.configurationFile=file:$HERE/conf/log4j2.properties")
  exec "$spark_submit" "${submit_args[@]}" "$JAR" "$job" --run-date "$run_date" \
    "${config_args[@]}" "${app_confs[@]+"${app_confs[@]}"}" "${app_args[@]+"${app_args[@]}"}"
fi

# Cluster mode: the driver starts on a cluster node, before any file shipped with --files is in
# its working directory (standalone), so each config file travels as its text on the command line
# (base64, one argument each). The files' text, not the resolved config: ${?ENV} substitutions
# resolve on the driver's node, and no secret from this machine's environment is put in arguments.
config_args=()
for f in "${config_files[@]}"; do
  config_args+=(--config-text "$(basename "$f"):$(base64 -w0 <"$f")")
done
# The driver JVM gets the same module flags as executors and embedded runs (Java 17); a deployed
# install relies on the ones spark-submit adds itself.
if [ -f "$JVM_OPTIONS_FILE" ]; then
  submit_args+=(--conf "spark.driver.extraJavaOptions=$(cat "$JVM_OPTIONS_FILE")")
fi
# A signal to this script (a scheduler's timeout or kill) must not leave the driver running on
# the cluster: a retry would start a second one for the same run date. The client's log names
# what was submitted; kill_driver stops it through the cluster manager, then the client.
client_log="$(mktemp "${TMPDIR:-/tmp}/movierec-submit.XXXXXX")"
trap 'rm -f "$client_log"' EXIT
kill_confs=()
for c in "${launch_confs[@]+"${launch_confs[@]}"}" "${spark_confs[@]+"${spark_confs[@]}"}"; do
  kill_confs+=(--conf "$c")
done
if [[ "$master" == k8s://* ]]; then
  # A pod name of ours, so the kill can name it before the client has printed anything.
  driver_pod="movierec-$job-$run_date-$$-$RANDOM-driver"
  submit_args+=(--conf "spark.kubernetes.driver.pod.name=$driver_pod")
fi
kill_driver() {
  local id=""
  case "$master" in
    spark://*)
      id="$(grep -o 'driver-[0-9]\{14\}-[0-9]\{4,\}' "$client_log" | head -1)"
      # The standalone master's RPC client (its REST server, which spark-submit --kill needs, is
      # off by default).
      [ -z "$id" ] || "$(dirname "$spark_submit")/spark-class" org.apache.spark.deploy.Client \
        kill "$master" "$id" >&2 || true
      ;;
    yarn)
      id="$(grep -o 'application_[0-9]*_[0-9]*' "$client_log" | head -1)"
      [ -z "$id" ] || "$spark_submit" --master yarn "${kill_confs[@]+"${kill_confs[@]}"}" --kill "$id" >&2 || true
      ;;
    k8s://*)
      local namespace=default
      for c in "${launch_confs[@]+"${launch_confs[@]}"}" "${spark_confs[@]+"${spark_confs[@]}"}"; do
        case "$c" in spark.kubernetes.namespace=*) namespace="${c#*=}" ;; esac
      done
      id="$namespace:$driver_pod"
      "$spark_submit" --master "$master" "${kill_confs[@]+"${kill_confs[@]}"}" --kill "$id" >&2 || true
      ;;
  esac
  echo "submit.sh: stopped; killed the driver ${id:-(not submitted yet)}" >&2
  kill -TERM "$client_pid" 2>/dev/null || true
  wait "$client_pid" 2>/dev/null || true
  exit 143
}

if [[ "$master" != spark://* ]]; then
  # YARN and Kubernetes clients wait for the driver and exit with its outcome.
  "$spark_submit" "${submit_args[@]}" "$JAR" "$job" --run-date "$run_date" \
    "${config_args[@]}" "${app_confs[@]+"${app_confs[@]}"}" "${app_args[@]+"${app_args[@]}"}" \
    > >(tee "$client_log" >&2) 2>&1 &
  client_pid=$!
  trap kill_driver TERM INT
  status=0
  wait "$client_pid" || status=$?
  exit "$status"
fi

# A standalone master's client exits 0 whatever the driver's fate, and logs that fate only at
# INFO (--verbose): wait for the driver, read its final state from the client's log, and turn it
# into this script's exit code.
submit_args+=(--verbose --conf spark.standalone.submit.waitAppCompletion=true)
"$spark_submit" "${submit_args[@]}" "$JAR" "$job" --run-date "$run_date" \
  "${config_args[@]}" "${app_confs[@]+"${app_confs[@]}"}" "${app_args[@]+"${app_args[@]}"}" \
  >"$client_log" 2>&1 &
client_pid=$!
trap kill_driver TERM INT
# Shown: the client's progress and problems, not --verbose's listing of every argument.
tail -n +1 -f --pid="$client_pid" "$client_log" |
  grep --line-buffered -E 'ClientEndpoint|WARN|ERROR|Error|Exception' >&2 &
tail_pid=$!
status=0
wait "$client_pid" || status=$?
wait "$tail_pid" || true
driver_state="$(sed -n 's/.*State of driver \([^ ]*\) is \([A-Z]*\).*/\1 \2/p' "$client_log" | tail -1)"
case "${driver_state#* }" in
  FINISHED)
    echo "submit.sh: driver ${driver_state% *} finished" >&2
    exit 0
    ;;
  FAILED | ERROR | KILLED)
    echo "submit.sh: driver ${driver_state% *} ended ${driver_state#* }; its log is" \
      "work/${driver_state% *}/stderr under the work directory of the worker named above" >&2
    exit 1
    ;;
  *)
    cat "$client_log" >&2
    echo "submit.sh: spark-submit exited $status without reporting the driver's final state" >&2
    exit 1
    ;;
esac
