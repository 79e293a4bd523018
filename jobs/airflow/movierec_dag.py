"""Airflow DAG: one task per movierec stage, in pipeline order, each a spark-submit through
submit.sh for the DAG run's logical date ({{ ds }}).

The stage list is read from jobs/stages.conf, the same file movierec.Main packages and runs, so
the DAG and `./submit.sh pipeline` cannot drift apart. Run this file directly
(`python3 movierec_dag.py`) to print the stages without Airflow.

Settings (environment of the Airflow worker):
  MOVIEREC_HOME         checkout or install directory holding submit.sh (default: two levels up)
  MOVIEREC_ENV          conf/<env>.conf to use (default: cluster)
  MOVIEREC_STAGES_FILE  the stages file (default: ../stages.conf beside this folder)
Credentials never go here: submit.sh and Spark read them from the worker's environment or from
Hadoop credential providers.
"""
import os
import re
import sys
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
MOVIEREC_HOME = os.environ.get("MOVIEREC_HOME", os.path.dirname(os.path.dirname(HERE)))
MOVIEREC_ENV = os.environ.get("MOVIEREC_ENV", "cluster")
STAGES_FILE = os.environ.get("MOVIEREC_STAGES_FILE", os.path.join(HERE, "..", "stages.conf"))

_STAGES = re.compile(r"^\s*stages\s*[=:]\s*\[([^\]]*)\]", re.MULTILINE)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def pipeline_stages(path=STAGES_FILE):
    """The stage names in order, from the `stages = [...]` line of the stages file."""
    with open(path, encoding="utf-8") as f:
        text = "\n".join(line for line in f.read().splitlines() if not line.lstrip().startswith("#"))
    match = _STAGES.search(text)
    if not match:
        raise ValueError(f"{path}: no 'stages = [...]' line")
    stages = [s.strip().strip('"') for s in match.group(1).split(",") if s.strip()]
    bad = [s for s in stages if not _NAME.match(s)]
    if bad or not stages:
        raise ValueError(f"{path}: bad stage names {bad or stages}")
    return stages


if __name__ == "__main__":
    print("\n".join(pipeline_stages()))
    sys.exit(0)

from airflow import DAG  # noqa: E402
from airflow.operators.bash import BashOperator  # noqa: E402

default_args = {
    "owner": "movierec",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="movierec",
    description="MovieLens ratings to recommendation tables, one Spark job per stage",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["movierec", "spark"],
) as dag:
    previous = None
    for stage in pipeline_stages():
        # Exit codes: 0 done, 1 the job failed (retried), 2 bad usage or configuration.
        task = BashOperator(
            task_id=stage,
            bash_command=f'"$MOVIEREC_HOME/submit.sh" {stage} --run-date "{{{{ ds }}}}" --env "$MOVIEREC_ENV"',
            env={"MOVIEREC_HOME": MOVIEREC_HOME, "MOVIEREC_ENV": MOVIEREC_ENV},
            append_env=True,
        )
        if previous is not None:
            previous >> task
        previous = task
