"""Server time of every list and dashboard page at province scale, next to a trivial view.

    .venv/bin/python benchmarks/province_pages.py [--requests 30] [--fresh]

1. Uses the PostgreSQL database in DATABASE_URL (default
   postgres://planeval:planeval@127.0.0.1:5432/planeval_bench), creating it if missing
   (``--fresh`` drops and recreates it), migrates it and, unless 示例省 is already there, runs
   ``planeval generate-scale --jurisdictions 100`` (111 jurisdictions, 5,000 units, 4,000
   indicators, 40,000 values, 12,000 tasks, 5,000 projects).
2. Serves the app twice with gunicorn on 127.0.0.1 (2 sync workers, DEBUG off, persistent
   database connections: ``?conn_max_age=600`` is added to DATABASE_URL unless it sets one):
   first with the figure cache off (PLANEVAL_FIGURE_CACHE_SECONDS=0), so every request counts
   its figures afresh, as the first view after a data change does; then with the default cache
   (planeval/core/figure_cache.py), as repeated views between changes run.
3. Each time logs in through the login form as the province's DRC (scale_province_drc) and
   requests each page ``--requests`` times after 3 warm-up requests.
4. Prints, per page and per run, the median and p95 of the server time (the ``Server-Timing``
   header that planeval.core.timing.ServerTimingMiddleware adds: Django's whole request,
   middleware included, without the network or gunicorn's own parsing) and the ratio of the
   median to the floor's.

The floor, the trivial view, is the logged-in user's "page not found" (FLOOR_PATH): the same
server, middleware, session, login, role lookup and navigation shell that every page pays, and
nothing else. ``/healthz`` (no session, no database) is printed for reference: it measures Django
alone, which no page of a logged-in application can approach.

Goal (issue 6): every page under 150 ms median and within 3× of the floor.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://planeval:planeval@127.0.0.1:5432/planeval_bench"
PASSWORD = "planeval-bench-2023!"
USERNAME = "scale_province_drc"
FLOOR_PATH = "/benchmark-floor/"
SERVER_LOG = Path(tempfile.gettempdir()) / "planeval-province-pages.log"


def with_persistent_connections(database_url: str) -> str:
    """The URL with ``conn_max_age=600``: each gunicorn worker keeps its connection (opening one
    costs about 30 ms on this machine, more than most pages), as a deployment should."""
    if "conn_max_age" in database_url.lower():
        return database_url
    return database_url + ("&" if "?" in database_url else "?") + "conn_max_age=600"


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=with_persistent_connections(database_url), DJANGO_SETTINGS_MODULE="config.settings.base",
               PLANEVAL_ENV="development", PLANEVAL_DEBUG="false", PLANEVAL_SERVER_TIMING="true",
               PLANEVAL_ALLOWED_HOSTS="127.0.0.1,localhost")
    return env


def ensure_database(database_url: str, fresh: bool) -> None:
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(scheme="postgresql", path="/postgres", query="").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True,
                          check=False, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(env) -> None:
    manage(env, "migrate", "-v0")
    present = manage(env, "shell", "-c",
                     "from planeval.organizations.models import Jurisdiction;"
                     "print(Jurisdiction.objects.filter(name='示例省', parent__isnull=True).exists())").split()[-1]
    if present != "True":
        started = time.perf_counter()
        print(manage(env, "generate-scale", "--jurisdictions", "100", "--password", PASSWORD).strip())
        print(f"(generate-scale: {time.perf_counter() - started:.1f} s including start-up)")


PAGE_IDS = """
import json
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator
from planeval.submissions.models import Submission
p = Jurisdiction.objects.get(name='示例省', parent__isnull=True)
city = Jurisdiction.objects.filter(parent=p).order_by('id').first()
d = Jurisdiction.objects.filter(parent=city).order_by('id').first()
c = Campaign.objects.get(jurisdiction=d)
i = Indicator.objects.get(plan__jurisdiction=d, name='生产安全事故起数')
s = Submission.objects.filter(campaign=c).order_by('id')[1]
print(json.dumps(dict(p=p.id, city=city.id, d=d.id, c=c.id, i=i.id, s=s.id)))
"""


def pages(ids: dict) -> list[tuple[str, str]]:
    p, city, d, c, i, s = ids["p"], ids["city"], ids["d"], ids["c"], ids["i"], ids["s"]
    return [
        ("floor: 登录后的空白页", "/benchmark-floor/"),
        ("/healthz（无会话、无数据库）", "/healthz"),
        ("首页", "/"),
        ("省：下级行政区划一览（10市）", f"/j/{p}/children/"),
        ("市：下级行政区划一览（10区）", f"/j/{city}/children/"),
        ("市：上级任务分解", f"/j/{city}/upper-tasks/"),
        ("市：衔接审查队列", f"/j/{city}/upward-reviews/"),
        ("区：上级交办任务", f"/j/{d}/assigned-tasks/"),
        ("区：报上级衔接审查", f"/c/{c}/upward-review/"),
        ("区：主要指标", f"/j/{d}/indicators/"),
        ("区：主要任务", f"/j/{d}/tasks/"),
        ("区：规划目录", f"/j/{d}/plans/"),
        ("区：审核工作台", f"/c/{c}/board/"),
        ("区：单位自评报告", f"/s/{s}/"),
        ("区：对标与分项指标", f"/j/{d}/benchmarks/"),
        ("指标：兄弟区县对标", f"/i/{i}/peers/"),
        ("指标：分项分析", f"/i/{i}/breakdown/"),
        ("看板：总览", f"/c/{c}/overview/"),
        ("看板：指标", f"/c/{c}/overview/items/"),
        ("看板：任务", f"/c/{c}/overview/tasks/"),
        ("看板：项目", f"/c/{c}/overview/projects/"),
        ("看板：大屏", f"/c/{c}/overview/screen/"),
        ("看板：单项指标", f"/indicators/{i}/"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # The server's log goes to a file: every floor request logs "Not Found" (main() prints the rest).
    process = subprocess.Popen([str(gunicorn), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
                                "--log-level", "warning"], env=env, cwd=ROOT, stderr=SERVER_LOG.open("w"))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def login(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": USERNAME, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"})
    landing = opener.open(request)
    if "/accounts/login/" in landing.geturl():
        raise SystemExit("login failed")
    return opener


def fetch(opener, url: str, expected: int):
    try:
        response = opener.open(url)
    except urllib.error.HTTPError as error:
        response = error          # the floor is a 404: an HTTPError carries the headers and body too
    response.read()
    if response.status != expected:
        raise SystemExit(f"{url}: HTTP {response.status}")
    if response.geturl() != url:   # a redirect (say, to 修改密码) would time the wrong page
        raise SystemExit(f"{url}: redirected to {response.geturl()}")
    return response


def measure(opener, url: str, n: int) -> list[float]:
    # The floor is the shell's own "page not found": a logged-in request through every middleware,
    # the session, the user's roles and the navigation, with no content of its own.
    expected = 404 if url.endswith(FLOOR_PATH) else 200
    server = []
    for attempt in range(n + 3):
        response = fetch(opener, url, expected)
        timing = re.search(r"dur=([0-9.]+)", response.headers.get("Server-Timing", ""))
        if attempt >= 3:
            server.append(float(timing.group(1)))
    return server


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    env = server_env(database_url)
    ensure_database(database_url, args.fresh)
    prepare(env)
    import json

    ids = json.loads(manage(env, "shell", "-c", PAGE_IDS).strip().splitlines()[-1])
    # Twice: with the figure cache off, every request counts its figures afresh (what the first
    # view after a data change costs); with it on (the default), repeated views reuse them.
    computed = run_pages({**env, "PLANEVAL_FIGURE_CACHE_SECONDS": "0"}, ids, args.requests)
    cached = run_pages(env, ids, args.requests)
    print(f"\n{args.requests} requests per page, gunicorn 2 workers, PostgreSQL (persistent connections), "
          f"DEBUG off; server times in ms (median, p95) and the median's ratio to the floor's")
    print(f"{'page':<28} {'computed':>9} {'p95':>7} {'÷ floor':>7} {'cached':>9} {'p95':>7} {'÷ floor':>7}")
    floors = statistics.median(computed[0][1]), statistics.median(cached[0][1])
    for (label, fresh), (_, reused) in zip(computed, cached):
        cells = []
        for times, floor in ((fresh, floors[0]), (reused, floors[1])):
            median = statistics.median(times)
            cells.append(f"{median:>9.1f} {p95(times):>7.1f} {median / floor:>7.1f}")
        print(f"{label:<28} {cells[0]} {cells[1]}")


def run_pages(env, ids: dict, requests: int) -> list[tuple[str, list[float]]]:
    """Serve the app with ``env`` and measure every page; (label, server times) in page order."""
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        opener = login(base)
        return [(label, measure(opener, base + path, requests)) for label, path in pages(ids)]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        logged = [line for line in SERVER_LOG.read_text().splitlines()
                  if FLOOR_PATH not in line and "AXES:" not in line]
        if logged:
            print(f"\nserver log ({SERVER_LOG}):", *logged[-20:], sep="\n")

if __name__ == "__main__":
    main()
