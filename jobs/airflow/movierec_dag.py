"""Airflow DAG: one task per movierec stage, in pipeline order, each a spark-submit through
submit.sh for the day the DAG run covers (its data interval's start).

The stage list and each stage's execution timeout are read from jobs/stages.conf, the same file
movierec.Main packages and runs, so the DAG and `./submit.sh pipeline` cannot drift apart. Run
this file directly (`python3 movierec_dag.py`) to print the stages and timeouts without Airflow.

What an operator can rely on:
  - exit 2 from submit.sh (bad usage or configuration) fails the task at once, without retries;
    exit 1 (the job failed) is retried;
  - each task has an execution timeout, so one hung job cannot hold max_active_runs forever;
  - a task that times out or is cleared sends SIGTERM to submit.sh, which kills the Spark driver
    it submitted (cluster deploy mode included) before it exits; the task waits for that;
  - the timetable is pinned to daily data intervals, so the partition date ({{ data_interval_start
    | ds }}) is the day the run covers on Airflow 2.x and 3.x alike;
  - the master and deploy mode come from conf/<env>.conf (launch.master, launch.deploy-mode);
    submit.sh refuses to run a cluster master on an embedded Spark.

Settings (environment of the Airflow worker):
  MOVIEREC_HOME         checkout or install directory holding submit.sh (default: two levels up)
  MOVIEREC_ENV          conf/<env>.conf to use (default: cluster)
  MOVIEREC_STAGES_FILE  the stages file (default: ../stages.conf beside this folder)
Credentials never go here: submit.sh and Spark read them from the worker's environment or from
Hadoop credential providers.
"""
import os
import re
import signal
import subprocess
import sys
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
MOVIEREC_HOME = os.environ.get("MOVIEREC_HOME", os.path.dirname(os.path.dirname(HERE)))
MOVIEREC_ENV = os.environ.get("MOVIEREC_ENV", "cluster")
STAGES_FILE = os.environ.get("MOVIEREC_STAGES_FILE", os.path.join(HERE, "..", "stages.conf"))

# submit.sh's exit codes: 0 done, 1 the job failed (worth a retry), 2 bad usage or configuration
# (a retry fails the same way).
EXIT_USAGE = 2
# How long submit.sh gets, after SIGTERM, to kill its driver and exit before SIGKILL.
KILL_GRACE_SECONDS = 60

_STAGES = re.compile(r"^\s*stages\s*[=:]\s*\[([^\]]*)\]", re.MULTILINE)
_TIMEOUTS = re.compile(r"^\s*execution-timeout-minutes\s*\{([^}]*)\}", re.MULTILINE)
_TIMEOUT = re.compile(r"^\s*([a-z][a-z0-9-]*)\s*[=:]\s*([0-9]+)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def _text(path):
    with open(path, encoding="utf-8") as f:
        return "\n".join(line for line in f.read().splitlines() if not line.lstrip().startswith("#"))


def pipeline_stages(path=STAGES_FILE):
    """The stage names in order, from the `stages = [...]` line of the stages file."""
    match = _STAGES.search(_text(path))
    if not match:
        raise ValueError(f"{path}: no 'stages = [...]' line")
    stages = [s.strip().strip('"') for s in match.group(1).split(",") if s.strip()]
    bad = [s for s in stages if not _NAME.match(s)]
    if bad or not stages:
        raise ValueError(f"{path}: bad stage names {bad or stages}")
    return stages


def stage_timeouts(path=STAGES_FILE):
    """Each stage's execution timeout, from the `execution-timeout-minutes { ... }` block."""
    match = _TIMEOUTS.search(_text(path))
    if not match:
        raise ValueError(f"{path}: no 'execution-timeout-minutes {{ ... }}' block")
    timeouts = {}
    for line in re.split(r"[\n,]", match.group(1)):
        if not line.strip():
            continue
        entry = _TIMEOUT.match(line)
        if not entry or int(entry.group(2)) <= 0:
            raise ValueError(f"{path}: '{line.strip()}' is not 'stage = minutes' (minutes > 0)")
        timeouts[entry.group(1)] = timedelta(minutes=int(entry.group(2)))
    missing = [s for s in pipeline_stages(path) if s not in timeouts]
    if missing:
        raise ValueError(f"{path}: no execution timeout for {missing}")
    return timeouts


if __name__ == "__main__":
    timeouts = stage_timeouts()
    for stage in pipeline_stages():
        print(f"{stage} {int(timeouts[stage].total_seconds() // 60)}")
    sys.exit(0)

import pendulum  # noqa: E402
from airflow.exceptions import AirflowException, AirflowFailException  # noqa: E402
from airflow.timetables.interval import CronDataIntervalTimetable  # noqa: E402

try:  # Airflow 3's authoring interface
    from airflow.sdk import DAG, BaseOperator
except ImportError:  # Airflow 2.x
    from airflow import DAG
    from airflow.models import BaseOperator


class MovierecStageOperator(BaseOperator):
    """Runs `submit.sh <stage> --run-date <date> --env <env>` and maps its exit code to Airflow's
    outcomes; on kill (timeout, clear, mark failed) it lets submit.sh stop its driver first."""

    template_fields = ("run_date",)

    def __init__(self, *, stage, run_date, home=MOVIEREC_HOME, env_name=MOVIEREC_ENV, **kwargs):
        super().__init__(**kwargs)
        self.stage = stage
        self.run_date = run_date
        self.home = home
        self.env_name = env_name
        self._process = None

    def command(self):
        return [
            os.path.join(self.home, "submit.sh"),
            self.stage,
            "--run-date",
            self.run_date,
            "--env",
            self.env_name,
        ]

    def execute(self, context):
        # A session of its own: a kill reaches submit.sh and its children, not the worker.
        self._process = subprocess.Popen(
            self.command(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
        )
        for line in self._process.stdout:
            self.log.info("%s", line.rstrip("\n"))
        code = self._process.wait()
        if code == 0:
            return
        if code == EXIT_USAGE:
            raise AirflowFailException(
                f"submit.sh {self.stage} exited 2: bad usage or configuration (see the log above);"
                " not retried"
            )
        raise AirflowException(f"submit.sh {self.stage} exited {code}: the job failed")

    def on_kill(self):
        process = self._process
        if process is None or process.poll() is not None:
            return
        # submit.sh traps SIGTERM: it kills the driver it submitted, then exits.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


default_args = {
    "owner": "movierec",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="movierec",
    description="MovieLens ratings to recommendation tables, one Spark job per stage",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    # Pinned: Airflow 3's default for a cron string runs without a data interval, which would make
    # the date a run writes the day it fires instead of the day it covers.
    schedule=CronDataIntervalTimetable("@daily", timezone=pendulum.timezone("UTC")),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["movierec", "spark"],
) as dag:
    timeouts = stage_timeouts()
    previous = None
    for stage in pipeline_stages():
        task = MovierecStageOperator(
            task_id=stage,
            stage=stage,
            run_date="{{ data_interval_start | ds }}",
            execution_timeout=timeouts[stage],
        )
        if previous is not None:
            previous >> task
        previous = task
