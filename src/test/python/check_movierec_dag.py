"""Checks the Airflow DAG's structure and its task's behaviour without Airflow installed: a
minimal stand-in for the few Airflow names the DAG imports records what the DAG builds.

Usage: python3 check_movierec_dag.py DAG_FILE STAGES_FILE WORK_DIR. Exits 0 when every check
holds, 1 with the failing check otherwise.
"""
import importlib.util
import os
import subprocess
import sys
import time
import types
from datetime import timedelta


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class Timetable:
    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone


class Log:
    def __init__(self):
        self.lines = []

    def info(self, fmt, *args):
        self.lines.append(fmt % args)


class Dag:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        Dag.current = self
        return self

    def __exit__(self, *exc):
        Dag.current = None


class BaseOperator:
    def __init__(self, task_id, execution_timeout=None, **kwargs):
        self.task_id = task_id
        self.execution_timeout = execution_timeout
        self.kwargs = kwargs
        self.upstream = []
        self.log = Log()
        Dag.current.tasks.append(self)

    def __rshift__(self, other):
        other.upstream.append(self)
        return other


def install_stand_ins():
    def module(name, **names):
        m = types.ModuleType(name)
        m.__dict__.update(names)
        sys.modules[name] = m

    module("airflow", DAG=Dag)
    module("airflow.models", BaseOperator=BaseOperator)
    module("airflow.exceptions", AirflowException=AirflowException,
           AirflowFailException=AirflowFailException)
    module("airflow.timetables")
    module("airflow.timetables.interval", CronDataIntervalTimetable=Timetable)
    module("pendulum", timezone=lambda name: "tz:" + name,
           datetime=lambda *a, tz=None: ("datetime", a, tz))


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)


def fake_submit(home, body):
    os.makedirs(home, exist_ok=True)
    path = os.path.join(home, "submit.sh")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/usr/bin/env bash\n" + body + "\n")
    os.chmod(path, 0o755)


def main(dag_file, stages_file, work):
    install_stand_ins()
    home = os.path.join(work, "home")
    os.environ["MOVIEREC_HOME"] = home
    os.environ["MOVIEREC_ENV"] = "prod"
    os.environ["MOVIEREC_STAGES_FILE"] = stages_file
    spec = importlib.util.spec_from_file_location("movierec_dag", dag_file)
    dag_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dag_module)
    dag = dag_module.dag

    stages = dag_module.pipeline_stages(stages_file)
    timeouts = dag_module.stage_timeouts(stages_file)
    tasks = dag.tasks
    check([t.task_id for t in tasks] == stages, f"one task per stage, in order: {stages}")
    for previous, task in zip(tasks, tasks[1:]):
        check(task.upstream == [previous], f"{task.task_id} runs after {previous.task_id} only")
    check(tasks[0].upstream == [], "the first stage waits for nothing")
    for t in tasks:
        check(isinstance(t.execution_timeout, timedelta) and t.execution_timeout > timedelta(0),
              f"{t.task_id} has an execution timeout")
        check(t.execution_timeout == timeouts[t.task_id], f"{t.task_id}'s timeout is the file's")
        check(t.run_date == "{{ data_interval_start | ds }}",
              f"{t.task_id} writes the day its data interval starts: {t.run_date}")
        check("run_date" in type(t).template_fields, "the run date is templated")
        check(t.command() == [os.path.join(home, "submit.sh"), t.stage, "--run-date",
                              t.run_date, "--env", "prod"], f"command: {t.command()}")
    kw = dag.kwargs
    check(isinstance(kw["schedule"], Timetable) and kw["schedule"].cron == "@daily",
          "the timetable is pinned to daily data intervals")
    check(kw["schedule"].timezone == "tz:UTC", "in UTC")
    check(kw["max_active_runs"] == 1 and kw["catchup"] is False, "one run at a time, no catchup")
    check(kw["default_args"]["retries"] >= 1, "a failed job is retried")

    task = tasks[0]
    fake_submit(home, "echo line one; exit 0")
    task.execute({})
    check(task.log.lines == ["line one"], f"submit.sh's output reaches the task log: "
                                          f"{task.log.lines}")

    fake_submit(home, "echo 'unknown config key'; exit 2")
    try:
        task.execute({})
        check(False, "exit 2 fails the task")
    except AirflowFailException as e:
        check("not retried" in str(e), str(e))

    fake_submit(home, "exit 1")
    try:
        task.execute({})
        check(False, "exit 1 fails the task")
    except AirflowFailException:
        check(False, "exit 1 is retried, not failed for good")
    except AirflowException as e:
        check("exited 1" in str(e), str(e))

    # A kill (timeout or clear) reaches submit.sh, which stops its driver before it exits.
    marker = os.path.join(work, "driver-killed")
    fake_submit(home, f"trap 'touch {marker}; exit 143' TERM; echo started; "
                      "while true; do sleep 0.1; done")
    task.log.lines.clear()
    import threading
    runner = threading.Thread(target=lambda: _expect_failure(task))
    runner.start()
    deadline = time.time() + 20
    while task._process is None or not task.log.lines:
        check(time.time() < deadline, "the task started submit.sh")
        time.sleep(0.05)
    task.on_kill()
    runner.join(20)
    check(not runner.is_alive(), "the task ended after the kill")
    check(os.path.exists(marker), "submit.sh got SIGTERM and ran its clean-up")
    check(task._process.returncode == 143, f"submit.sh exited {task._process.returncode}")
    print("ok")


def _expect_failure(task):
    try:
        task.execute({})
    except AirflowException:
        pass


if __name__ == "__main__":
    main(*sys.argv[1:4])
