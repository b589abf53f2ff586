"""Load and fault test: a few hundred simulated users against gunicorn and PostgreSQL, then a check
that every acknowledged write is in the database exactly once, with its history and audit record.

    .venv/bin/python benchmarks/load_test.py                          # 300 users, 60 s
    .venv/bin/python benchmarks/load_test.py --fault kill-worker      # SIGKILL a worker 3 times
    .venv/bin/python benchmarks/load_test.py --fault restart-db       # stop PostgreSQL 5 s, start it
    .venv/bin/python benchmarks/load_test.py --users 100 --run-time 30

1. Starts a private PostgreSQL 15 server (initdb in a temporary folder, run as the ``postgres``
   system user on a free loopback port), so the shared server on 5432 is never touched and the
   database can be restarted; migrates, loads the demo and ``generate-scale --jurisdictions 10``.
2. Creates the load's accounts (not part of the product's demo): two fillers (API tokens) for each
   of the first units that lead an indicator, a DRC and a leader per campaign, and ~10 % readers
   who log in through the form; puts those units' reports in 填报中 with every item judged, so
   a submit can succeed.
3. Serves the app with gunicorn on 127.0.0.1 (gthread workers, DEBUG off, persistent database
   connections) and runs locust headless, bounded by ``--run-time`` (benchmarks/load/locustfile.py).
4. With ``--fault kill-worker`` it SIGKILLs a random gunicorn worker at 25 %, 50 % and 75 % of the
   run (gunicorn starts a new one); with ``--fault restart-db`` it stops PostgreSQL (fast shutdown:
   open connections are cut) at a third of the run, waits ``--outage`` seconds and starts it again,
   without touching gunicorn, and measures how long until requests succeed again
   (``--no-health-checks`` serves without CONN_HEALTH_CHECKS, to see what it changes).
5. Checks the database against what the clients were told (see ``verify``) and prints requests,
   outcomes by kind, throughput, p50/p95/p99 per endpoint, acknowledged writes, and missing,
   duplicated or half-written ones (all must be 0).
6. Stops locust, gunicorn and PostgreSQL and deletes the folder, also on error or Ctrl-C.

Exits 1 when a check fails.
"""
from __future__ import annotations

import argparse
import atexit
import collections
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "planeval_load"
READER_PASSWORD = "Bench-Reader-2026!x"
SOURCE = "基准测试"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cleanup:
    """Stop whatever was started, last first, exactly once, whatever happens."""

    def __init__(self):
        self.steps: list[tuple[str, object]] = []
        atexit.register(self.run)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: sys.exit(1))

    def add(self, label: str, step) -> None:
        self.steps.append((label, step))

    def run(self) -> None:
        while self.steps:
            label, step = self.steps.pop()
            try:
                step()
            except Exception as error:  # noqa: BLE001 — whatever failed, clean up the rest
                print(f"cleanup: {label} failed: {error}", file=sys.stderr)


class PrivatePostgres:
    """A throw-away PostgreSQL server the benchmark may stop and start at will."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "pgdata"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args],
                       check=True, capture_output=True, text=True)

    def init(self) -> None:
        shutil.chown(self.folder, "postgres")
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(self.data),
                        "-U", "planeval", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True, text=True)

    def start(self) -> None:
        self.pg_ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200",
                    "-l", str(self.folder / "postgres.log"), "-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str) -> str:
        return f"postgres://planeval@127.0.0.1:{self.port}/{database}"


# -- set-up ----------------------------------------------------------------------------------

def django_setup(database_url: str, var_dir: Path) -> None:
    os.environ.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings.base",
                      PLANEVAL_ENV="development", PLANEVAL_DEBUG="false", PLANEVAL_VAR_DIR=str(var_dir),
                      PLANEVAL_SERVER_TIMING="false", PLANEVAL_ALLOWED_HOSTS="127.0.0.1,localhost")
    import django

    django.setup()


def load_data(jurisdictions: int) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from planeval.demo.services import demo_load
    from planeval.regions.scale import scale_generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    demo_load(password=settings.DEMO_PASSWORD)
    scale_generate(jurisdictions=jurisdictions)
    print(f"database ready (migrate, demo, generate-scale --jurisdictions {jurisdictions}): "
          f"{time.perf_counter() - started:.1f} s")


def _cells(indicator) -> list[list]:
    """Value cells a filler may write for an indicator: yearly estimates and actuals, 2024's months."""
    start, end = indicator.plan.start_year, indicator.plan.end_year
    cells = [[indicator.id, str(year), "estimate"] for year in range(start, end + 1)]
    cells += [[indicator.id, str(year), "actual"] for year in range(start, min(end, 2024) + 1)]
    cells += [[indicator.id, f"2024-{month:02d}", "estimate"] for month in range(1, 13)]
    return cells


def _judge_everything(submission, user) -> None:
    """A complete report (every item rated, remedies given), so a submit can go through: set-up
    of the benchmark's own fixture, written directly like generate-scale's sample data."""
    from django.utils import timezone

    from planeval.submissions.models import IndicatorReport, ProjectReport, TaskReport
    from planeval.submissions.selectors import (
        unit_indicators,
        unit_projects,
        unit_tasks,
    )

    now = timezone.now()
    text = "基准测试：按计划推进。"
    for indicator in unit_indicators(submission.campaign, submission.unit):
        IndicatorReport.objects.update_or_create(submission=submission, indicator=indicator, defaults={
            "rating": "A", "explanation": text, "recovery_measures": text, "updated_by": user, "updated_at": now})
    for task in unit_tasks(submission.campaign, submission.unit):
        TaskReport.objects.update_or_create(submission=submission, task=task, defaults={
            "rating": "A", "progress": text, "next_steps": text, "updated_by": user, "updated_at": now})
    for project in unit_projects(submission.campaign, submission.unit):
        ProjectReport.objects.update_or_create(submission=submission, project=project, defaults={
            "rating": "A", "progress": text, "next_steps": text, "updated_by": user, "updated_at": now})


def _user(username: str, role: str, jurisdiction, unit=None, password: str | None = None):
    from planeval.accounts.models import RoleAssignment, User

    user = User(username=username, full_name=username)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, unit=unit, note=SOURCE)
    return user


def make_accounts(users: int) -> dict:
    """The load's accounts and what each works on; returns the locust configuration."""
    from planeval.accounts.models import Role
    from planeval.api.services import api_token_rotate
    from planeval.campaigns.models import Campaign
    from planeval.domain.workflow import State
    from planeval.organizations.models import Unit
    from planeval.submissions.models import Submission
    from planeval.submissions.selectors import unit_indicators
    from planeval.submissions.services import submission_get_or_create

    campaigns = [c for c in Campaign.objects.filter(status="open").order_by("id")
                 if any(unit_indicators(c, u).exists() for u in Unit.objects.filter(jurisdiction=c.jurisdiction)[:50])]
    readers = max(1, users // 10)
    reviewers = 2 * len(campaigns)
    fillers = max(2, users - readers - reviewers)
    # Units that lead indicators, taken a campaign at a time in turn, so every campaign gets load.
    queues = [[u for u in Unit.objects.filter(jurisdiction=c.jurisdiction).order_by("id")
               if unit_indicators(c, u).exists()] for c in campaigns]
    pairs = []
    while len(pairs) * 2 < fillers and any(queues):
        for campaign, queue in zip(campaigns, queues):
            if queue and len(pairs) * 2 < fillers:
                pairs.append((campaign, queue.pop(0)))
    accounts = []
    for n, (campaign, unit) in enumerate(pairs):
        submission = submission_get_or_create(campaign=campaign, unit=unit)
        first = None
        cells = [cell for indicator in unit_indicators(campaign, unit) for cell in _cells(indicator)]
        for k in range(2):
            user = _user(f"bench_filler_{n:03d}_{k}", Role.FILLER, campaign.jurisdiction, unit)
            first = first or user
            accounts.append({"role": "filler", "username": user.username, "token": api_token_rotate(user=user),
                             "campaign": campaign.id, "unit": unit.id, "submission": submission.id, "cells": cells})
        _judge_everything(submission, first)
        Submission.objects.filter(pk=submission.pk).update(state=State.DRAFT)
    for n, campaign in enumerate(campaigns):
        for role, code in (("drc", Role.DRC), ("leader", Role.LEADER)):
            user = _user(f"bench_{role}_{n:02d}", code, campaign.jurisdiction)
            accounts.append({"role": role, "username": user.username, "token": api_token_rotate(user=user),
                             "campaign": campaign.id})
    for n in range(readers):
        campaign = campaigns[n % len(campaigns)]
        user = _user(f"bench_reader_{n:03d}", Role.DRC, campaign.jurisdiction, password=READER_PASSWORD)
        accounts.append({"role": "reader", "username": user.username, "password": READER_PASSWORD,
                         "pages": reader_pages(campaign)})
    random.Random(2026).shuffle(accounts)
    print(f"accounts: {len(pairs) * 2} fillers on {len(pairs)} units, {len(campaigns)} DRCs, "
          f"{len(campaigns)} leaders, {readers} readers, over {len(campaigns)} campaigns")
    return {"accounts": accounts}


def reader_pages(campaign) -> list[tuple[str, str]]:
    from planeval.submissions.models import Submission

    d, c = campaign.jurisdiction_id, campaign.id
    s = Submission.objects.filter(campaign=campaign).order_by("id").values_list("id", flat=True).first()
    return [("首页", "/"), ("主要指标", f"/j/{d}/indicators/"), ("主要任务", f"/j/{d}/tasks/"),
            ("审核工作台", f"/c/{c}/board/"), ("看板：总览", f"/c/{c}/overview/"),
            ("看板：指标", f"/c/{c}/overview/items/"), ("单位自评报告", f"/s/{s}/")]


def snapshot() -> dict:
    """What the checks compare against: each submission's version and the newest history rows."""
    from django.db.models import Max

    from planeval.monitoring.models import ObservationRevision
    from planeval.submissions.models import Submission, Transition

    audit = None
    try:
        from planeval.audit.models import AuditEvent

        audit = AuditEvent.objects.aggregate(m=Max("id"))["m"] or 0
    except (ImportError, RuntimeError):
        pass
    return {"versions": dict(Submission.objects.values_list("id", "version")),
            "revision": ObservationRevision.objects.aggregate(m=Max("id"))["m"] or 0,
            "transition": Transition.objects.aggregate(m=Max("id"))["m"] or 0,
            "audit": audit}


# -- the run ----------------------------------------------------------------------------------

def start_gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
         "--worker-class", "gthread", "--graceful-timeout", "10",
         # Longer than a user's think time: with gunicorn's 2 s default the server closes idle
         # connections just as clients reuse them, and those requests are reset (nginx in front
         # of a deployment keeps its own connections, docs/deployment.md).
         "--keep-alive", "10", "--log-level", "warning", "--backlog", "2048"],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def workers_of(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def probe(base: str, token: str) -> bool:
    """One request that needs the database (a token lookup and a query). The timeout is long: under
    load a request waits its turn behind the others, and that wait is not a failure."""
    request = urllib.request.Request(f"{base}/api/v1/submissions/?page_size=1",
                                     headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


class Faults(threading.Thread):
    """Injects the chosen fault while locust runs and notes when things happened."""

    def __init__(self, kind: str, run_time: int, gunicorn: subprocess.Popen, postgres: PrivatePostgres,
                 base: str, token: str, outage: float):
        super().__init__(daemon=True)
        self.kind, self.run_time, self.gunicorn, self.postgres = kind, run_time, gunicorn, postgres
        self.base, self.token, self.outage = base, token, outage
        self.events: list[tuple[float, str]] = []
        self.killed: list[int] = []
        self.stop_at = self.up_at = self.recovered_at = self.answered_at = None
        self.started = time.time()

    def note(self, text: str) -> None:
        self.events.append((time.time(), text))

    def run(self) -> None:
        if self.kind == "kill-worker":
            for share in (0.25, 0.5, 0.75):
                time.sleep(max(0.0, self.started + share * self.run_time - time.time()))
                workers = workers_of(self.gunicorn.pid)
                if not workers:
                    self.note("no worker to kill")
                    continue
                victim = random.choice(workers)
                os.kill(victim, signal.SIGKILL)
                self.killed.append(victim)
                self.note(f"SIGKILL worker {victim} (workers were {workers})")
                time.sleep(3)
                self.note(f"workers now {workers_of(self.gunicorn.pid)}")
        elif self.kind == "restart-db":
            time.sleep(self.run_time / 3)
            self.stop_at = time.time()
            self.note("stopping PostgreSQL (fast shutdown: sessions are cut, then a checkpoint)")
            self.postgres.stop()
            self.note("PostgreSQL stopped")
            time.sleep(self.outage)
            self.postgres.start()
            self.up_at = time.time()
            self.note("PostgreSQL started again")
            while time.time() - self.up_at < 120:
                sent = time.time()
                if probe(self.base, self.token):
                    self.recovered_at, self.answered_at = sent, time.time()
                    self.note(f"first request sent after that which succeeded (sent +{sent - self.up_at:.2f} s, "
                              f"answered after {self.answered_at - sent:.1f} s in the queue)")
                    break
                self.note(f"a request sent {sent - self.up_at:.2f} s after the restart failed")
                time.sleep(0.2)


class LockSampler(threading.Thread):
    """Twice a second, what the app's database sessions are doing (pg_stat_activity): how many run,
    how many wait for a lock, and which. Tells a CPU-bound server from one queued on a lock."""

    def __init__(self, postgres: PrivatePostgres):
        super().__init__(daemon=True)
        self.postgres, self.samples = postgres, collections.Counter()
        self.count, self.done = 0, threading.Event()

    def run(self) -> None:
        import psycopg

        connection = None
        while not self.done.wait(0.5):
            try:
                if connection is None or connection.closed:
                    connection = psycopg.connect(f"host=127.0.0.1 port={self.postgres.port} user=planeval "
                                                 f"dbname={DATABASE}", autocommit=True, connect_timeout=2)
                rows = connection.execute(
                    "SELECT state, coalesce(wait_event_type, ''), coalesce(wait_event, '') FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", [DATABASE]).fetchall()
            except psycopg.Error:
                connection = None
                continue
            self.count += 1
            for state, wait_type, wait in rows:
                if state == "active" and wait_type == "Lock":
                    self.samples[f"waiting for a lock ({wait})"] += 1
                elif state == "active":
                    self.samples["running a query" + (f" ({wait_type}: {wait})" if wait_type else "")] += 1
                elif state == "idle in transaction":
                    self.samples["in a transaction, the app working between queries"] += 1
        if connection is not None:
            connection.close()

    def report(self) -> None:
        if not self.count:
            return
        print(f"\ndatabase sessions of the app, mean over {self.count} samples (pg_stat_activity):")
        for name, n in self.samples.most_common(6):
            print(f"  {n / self.count:6.2f}  {name}")


def run_locust(config: Path, log: Path, output: Path, host: str, users: int, spawn_rate: int,
               run_time: int, wait: tuple[float, float], cleanup: Cleanup) -> None:
    locust = Path(sys.executable).with_name("locust")
    data = json.loads(config.read_text())
    data.update(wait_min=wait[0], wait_max=wait[1])
    config.write_text(json.dumps(data, ensure_ascii=False))
    env = dict(os.environ, PLANEVAL_LOAD_CONFIG=str(config), PLANEVAL_LOAD_LOG=str(log))
    process = subprocess.Popen(
        [str(locust), "-f", str(ROOT / "benchmarks" / "load" / "locustfile.py"), "--headless", "--host", host,
         "-u", str(users), "-r", str(spawn_rate), "--run-time", f"{run_time}s", "--stop-timeout", "15",
         "--only-summary", "--loglevel", "WARNING"],
        env=env, cwd=ROOT, stdout=output.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    cleanup.add("locust", lambda: stop_process(process, 5))
    process.wait(timeout=run_time + 120)


# -- the checks -------------------------------------------------------------------------------

def read_log(path: Path) -> dict[str, list[dict]]:
    records = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["ev"]].append(record)
    return records


def _audit_model():
    from django.apps import apps

    if not apps.is_installed("planeval.audit"):
        return None
    from planeval.audit.models import AuditEvent

    return AuditEvent


def verify(records: dict, before: dict) -> dict:
    """Compare the database with what the clients were told.

    Values: every write carries values no other write uses, so its rows are found by value.
    - an acknowledged bulk write: each row has exactly one history row (ObservationRevision) with
      that value, and the stored value's version fits its place in that history (the version the
      client was told); the last history row of each cell is the stored value;
    - any bulk write, acknowledged or not (cut by a killed worker or a stopped database): all its
      rows are stored or none (no half-written request);
    - no history row that no client sent.
    Workflow: the submission's version moved by exactly the number of new Transition rows, and the
    acknowledged step that left version v is the (v − v₀)-th new Transition of that submission.
    Audit (planeval.audit, when installed): one value_change event per history row, naming the
    value, and one transition event per Transition row.
    """
    from planeval.monitoring.models import Observation, ObservationRevision
    from planeval.submissions.models import Submission, Transition

    acks = {a["id"]: a for a in records["ack"]}
    attempts = {a["id"]: a for a in records["attempt"]}
    revisions = collections.defaultdict(list)  # (indicator, period, kind) -> [(id, new_value)]
    by_value = collections.Counter()
    for rid, indicator, period, kind, new_value in ObservationRevision.objects.filter(
            id__gt=before["revision"]).values_list("id", "indicator_id", "period", "kind", "new_value").order_by("id"):
        revisions[(indicator, period, kind)].append((rid, new_value))
        by_value[(indicator, period, kind, new_value)] += 1
    result = collections.Counter()
    sent = set()
    for write_id, attempt in attempts.items():
        found = []
        for indicator, period, kind, value in attempt["rows"]:
            key = (indicator, period, kind, Decimal(value))
            sent.add(key)
            found.append(by_value[key])
        if write_id in acks:
            result["acknowledged bulk writes"] += 1
            result["acknowledged rows"] += len(found)
            result["missing rows"] += sum(1 for n in found if n == 0)
            result["duplicated rows"] += sum(1 for n in found if n > 1)
        else:
            result["unacknowledged bulk writes"] += 1
            if any(found):
                result["unacknowledged but stored (committed, answer lost)"] += 1
                result["half-written bulk writes"] += int(not all(n == 1 for n in found))
                result["duplicated rows"] += sum(1 for n in found if n > 1)
    result["history rows no client sent"] = sum(n for key, n in by_value.items() if key not in sent)

    # The version each acknowledged row was given is its place in the cell's history.
    stored = {(o.indicator_id, str(o.period), o.kind): o for o in Observation.objects.filter(
        indicator_id__in={key[0] for key in revisions})}
    for write_id, ack in acks.items():
        for (indicator, period, kind, value), (obs_id, version, _) in zip(attempts[write_id]["rows"], ack["results"]):
            history = revisions[(indicator, period, kind)]
            observation = stored.get((indicator, period, kind))
            if observation is None or observation.id != obs_id:
                result["acknowledged rows whose value row is gone"] += 1
                continue
            first_version = observation.version - len(history) + 1
            places = [i for i, (_, new_value) in enumerate(history) if new_value == Decimal(value)]
            if places and first_version + places[0] != version:
                result["acknowledged rows with the wrong version"] += 1
    for key, history in revisions.items():
        if stored.get(key) is None or stored[key].value != history[-1][1]:
            result["cells whose stored value is not their last history row"] += 1

    # Workflow steps.
    transitions = collections.defaultdict(list)
    for sid, action in Transition.objects.filter(id__gt=before["transition"]).order_by("id").values_list(
            "submission_id", "action"):
        transitions[sid].append(action)
    after = dict(Submission.objects.values_list("id", "version"))
    for sid, actions in transitions.items():
        if after[sid] - before["versions"].get(sid, 1) != len(actions):
            result["submissions whose version and transitions disagree"] += 1
    seen = set()
    for step in records["transition"]:
        result["acknowledged workflow steps"] += 1
        place = step["version"] - before["versions"].get(step["sub"], 1) - 1
        actions = transitions.get(step["sub"], [])
        if (step["sub"], step["version"]) in seen:
            result["duplicated workflow steps"] += 1
        seen.add((step["sub"], step["version"]))
        if not 0 <= place < len(actions) or actions[place] != step["action"]:
            result["missing workflow steps"] += 1
    result["workflow steps stored"] = sum(len(a) for a in transitions.values())

    AuditEvent = _audit_model()
    if AuditEvent is None or before["audit"] is None:
        result["audit: not checked (planeval.audit not installed)"] = 1
        return result
    events = AuditEvent.objects.filter(id__gt=before["audit"])
    # Each value_change event names the observation and, in its detail, the new value.
    value_events = collections.Counter()
    for target_id, detail in events.filter(action="value_change", target_type="monitoring.observation").values_list(
            "target_id", "detail"):
        new = (detail or {}).get("new")
        value_events[(target_id, None if new is None else Decimal(str(new)))] += 1
    for key, history in revisions.items():
        observation = stored.get(key)
        for _, new_value in history:
            hits = value_events[(str(observation.id), new_value)] if observation else 0
            if hits == 0:
                result["value changes without an audit event"] += 1
            elif hits > 1:
                result["value changes with more than one audit event"] += 1
    audited = collections.Counter(events.filter(action="transition", target_type="submissions.submission")
                                  .values_list("target_id", flat=True))
    for sid, actions in transitions.items():
        if audited[str(sid)] != len(actions):
            result["submissions whose transitions and audit events differ"] += 1
    result["audit events during the run"] = events.count()
    return result


MUST_BE_ZERO = ("missing rows", "duplicated rows", "half-written bulk writes", "history rows no client sent",
                "acknowledged rows whose value row is gone", "acknowledged rows with the wrong version",
                "cells whose stored value is not their last history row",
                "submissions whose version and transitions disagree", "duplicated workflow steps",
                "missing workflow steps", "value changes without an audit event",
                "value changes with more than one audit event",
                "submissions whose transitions and audit events differ")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def outcome(request: dict) -> str:
    status = request["status"]
    if status == 0:
        return f"no answer ({request['err']})"
    if 200 <= status < 300:
        return "2xx"
    if status == 409:
        return "409 stale version (client re-reads and retries)"
    if status in (400, 403) and request.get("code") in ("refused", "permission_denied"):
        return f"{status} {request['code']} (the report moved on: under review, locked, or already handled)"
    return f"HTTP {status}" + (f" {request['code']}" if request.get("code") else "")


def report(records: dict, checks: dict, faults: Faults | None, seconds: float) -> bool:
    requests = records["req"]
    print(f"\nrequests                {len(requests):,} in {seconds:.0f} s = {len(requests) / seconds:.1f} req/s")
    for kind, n in collections.Counter(outcome(r) for r in requests).most_common():
        print(f"  {n:>8,}  {kind}")
    times = collections.defaultdict(list)
    for r in requests:
        if 200 <= r["status"] < 300:
            times[r["name"]].append(r["ms"])
    print(f"\n{'endpoint (2xx only)':<34} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(times, key=lambda n: -len(times[n])):
        ordered = sorted(times[name])
        print(f"{name:<34} {len(ordered):>7,} {percentile(ordered, .5):>8.0f} {percentile(ordered, .95):>8.0f} "
              f"{percentile(ordered, .99):>8.0f}")
    everything = sorted(t for values in times.values() for t in values)
    if everything:
        print(f"{'all':<34} {len(everything):>7,} {percentile(everything, .5):>8.0f} "
              f"{percentile(everything, .95):>8.0f} {percentile(everything, .99):>8.0f}")
    if faults is not None:
        print()
        for at, text in faults.events:
            print(f"  fault  +{at - faults.started:6.1f} s  {text}")
        bad = [r for r in requests if r["status"] == 0 or r["status"] >= 500]
        if faults.up_at:
            print(f"  database unavailable for {faults.up_at - faults.stop_at:.1f} s (shutdown, --outage, start); time to recovery (the first "
                  f"request sent after it was back that succeeded): "
                  + (f"{faults.recovered_at - faults.up_at:.2f} s" if faults.recovered_at
                     else "NEVER (no success within 120 s)"))
            late = [r for r in bad if r["t"] - r["ms"] / 1000 > faults.up_at]
            if late:
                print(f"  {len(late)} requests sent after the database was back failed, the last "
                      f"{max(r['t'] for r in late) - faults.up_at:.2f} s after it was back:")
                for (name, kind), n in collections.Counter((r["name"], outcome(r)) for r in late).most_common(6):
                    print(f"    {n:>4} × {name}: {kind}")
            else:
                print("  no request sent after the database was back failed")
        if bad and faults.events:
            early = [r for r in bad if r["t"] < faults.events[0][0]]
            print(f"  failed requests (5xx or cut) before the first fault: {len(early)}")
        if bad:
            print(f"  failed requests (5xx or cut): {len(bad)}, between +{min(r['t'] for r in bad) - faults.started:.1f}"
                  f" s and +{max(r['t'] for r in bad) - faults.started:.1f} s")
    print("\nchecks against the database")
    ok = True
    for name, n in checks.items():
        if name not in MUST_BE_ZERO:
            print(f"  {name:<58} {n:>8,}")
    audit_checked = not any(name.startswith("audit: not checked") for name in checks)
    for name in MUST_BE_ZERO:
        if audit_checked or "audit" not in name:
            n = checks.get(name, 0)
            print(f"  {name:<58} {n:>8,}  " + ("ok" if n == 0 else "FAILED (must be 0)"))
            ok &= n == 0
    if faults is not None and faults.kind == "restart-db" and not faults.recovered_at:
        ok = False
    print("\nALL CHECKS PASSED" if ok else "\nCHECKS FAILED")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--spawn-rate", type=int, default=50, help="users started per second")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of load")
    parser.add_argument("--wait", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="each user's think time between actions, seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--jurisdictions", type=int, default=10, help="generate-scale districts")
    parser.add_argument("--fault", choices=["none", "kill-worker", "restart-db"], default="none")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down (restart-db)")
    parser.add_argument("--no-health-checks", action="store_true",
                        help="serve with conn_health_checks=False (how the app behaved before CONN_HEALTH_CHECKS)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs) afterwards")
    args = parser.parse_args()

    cleanup = Cleanup()
    folder = Path(tempfile.mkdtemp(prefix="planeval-load-"))
    if not args.keep:
        cleanup.add("temporary folder", lambda: shutil.rmtree(folder, ignore_errors=True))
    else:
        print(f"keeping {folder}")
    postgres = PrivatePostgres(folder, free_port())
    postgres.init()
    postgres.start()
    cleanup.add("PostgreSQL", lambda: postgres.stop() if postgres.running() else None)
    admin = f"host=127.0.0.1 port={postgres.port} user=planeval dbname=postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    database_url = postgres.url(DATABASE) + "?conn_max_age=600" + (
        "&conn_health_checks=False" if args.no_health_checks else "")
    var_dir = folder / "var"
    var_dir.mkdir()
    django_setup(database_url, var_dir)
    load_data(args.jurisdictions)
    config = make_accounts(args.users)
    config_path, log_path = folder / "load.json", folder / "load.jsonl"
    config_path.write_text(json.dumps(config, ensure_ascii=False))
    before = snapshot()
    from django.db import connections

    connections.close_all()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    gunicorn = start_gunicorn(env, port, args.workers, args.threads, folder / "gunicorn.log")
    cleanup.add("gunicorn", lambda: stop_process(gunicorn))
    master = gunicorn.pid
    token = next(a["token"] for a in config["accounts"] if a["role"] == "drc")
    faults = None
    if args.fault != "none":
        faults = Faults(args.fault, args.run_time, gunicorn, postgres, base, token, args.outage)
    print(f"load: {args.users} users (spawn {args.spawn_rate}/s, think {args.wait[0]:g}–{args.wait[1]:g} s), "
          f"{args.run_time} s, gunicorn {args.workers} gthread workers × {args.threads} threads, "
          f"fault: {args.fault}{' (no connection health checks)' if args.no_health_checks else ''}; load average before: {os.getloadavg()[0]:.2f}")
    sampler = LockSampler(postgres)
    sampler.start()
    started = time.time()
    if faults:
        faults.started = started
        faults.start()
    run_locust(config_path, log_path, folder / "locust.out", base, args.users, args.spawn_rate, args.run_time,
               tuple(args.wait), cleanup)
    seconds = time.time() - started
    sampler.done.set()
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min), {os.getloadavg()[1]:.2f} (5 min)")
    if faults:
        faults.join(timeout=130)
    survived = gunicorn.poll() is None and gunicorn.pid == master
    stop_process(gunicorn)
    server_log = (folder / "gunicorn.log").read_text(errors="replace")
    tracebacks = server_log.count("Traceback")
    print(f"gunicorn master survived the run: {'yes' if survived else 'NO'}; "
          f"tracebacks in its log: {tracebacks}")
    if tracebacks:
        errors = collections.Counter(line.strip() for line in server_log.splitlines()
                                     if line and not line.startswith((" ", "Traceback")) and "Error" in line)
        for line, n in errors.most_common(8):
            print(f"  {n:>5} × {line[:160]}")

    records = read_log(log_path)
    checks = verify(records, before)
    connections.close_all()
    sampler.join(timeout=5)
    sampler.report()
    ok = report(records, checks, faults, seconds) and survived
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
