"""The simulated users of benchmarks/load_test.py (run by it through locust; not on its own).

Every user takes one account from the JSON file in PLANEVAL_LOAD_CONFIG, which load_test.py
wrote after creating the accounts:

- filler (填报人, API token): enters values with the bulk upsert, quoting the version it read
  (on 409 it reads again and retries), reads its report and values, and submits its report;
- drc (发改委统筹, API token): returns or accepts submitted reports, reopens accepted or signed ones;
- leader (分管领导, API token): signs accepted reports;
- reader (web session, logs in through the login form): opens list and dashboard pages.

Everything the clients see goes to the JSON-lines file in PLANEVAL_LOAD_LOG: every request
(name, status, time), every bulk write before it is sent (``attempt``, with the rows and their
unique values) and after an acknowledgement (``ack``, HTTP 2xx, with the stored versions), and
every acknowledged workflow step. load_test.py checks the database against this file.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

with open(os.environ["PLANEVAL_LOAD_CONFIG"], encoding="utf-8") as config:
    CONFIG = json.load(config)
# Open for the whole run (locust imports this file once); the process's exit closes it.
_LOG = open(os.environ["PLANEVAL_LOAD_LOG"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115
_ACCOUNTS = itertools.cycle(CONFIG["accounts"])
_SERIAL = itertools.count(1)
TIMEOUT = 60  # seconds; a request queued behind a saturated server is slow, not lost


def log(**record) -> None:
    # Greenlets switch only on I/O, and a line-buffered write of one line is one write() call.
    _LOG.write(json.dumps(record, ensure_ascii=False) + "\n")


@events.request.add_listener
def _record_request(request_type, name, response_time, response_length, response=None, exception=None, **_):
    status = getattr(response, "status_code", 0) or 0
    code = None
    if status >= 400:
        try:
            code = response.json().get("code")
        except ValueError:  # an HTML error page, not JSON
            code = None
    error = None
    if status == 0:  # no answer: the underlying error, not locust's wrapper of it
        cause = getattr(response, "error", None) or exception
        error = f"{type(cause).__name__}: {str(cause)[:80]}" if cause is not None else "no answer"
    log(ev="req", t=time.time(), name=name, status=status, ms=round(response_time, 2), code=code, err=error)


def unique_value(serial: int, n: int) -> str:
    """A value no other write of the run uses, with six decimals ending in a non-zero digit so that
    every formatting of it (str, JSON, the audit detail) keeps all six."""
    return f"{serial * 1_000_000 + n}.{random.randint(0, 99999):05d}{random.randint(1, 9)}"


class Planner(HttpUser):
    wait_time = between(CONFIG["wait_min"], CONFIG["wait_max"])

    def on_start(self):
        self.account = next(_ACCOUNTS)
        self.serial = next(_SERIAL)
        self.writes = 0
        self.role = self.account["role"]
        if self.role == "reader":
            self.login()
        else:
            self.client.headers["Authorization"] = f"Token {self.account['token']}"

    # -- helpers -----------------------------------------------------------------------------

    def get_json(self, url: str, name: str):
        with self.client.get(url, name=name, timeout=TIMEOUT, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            return response.json()

    def login(self) -> None:
        form = self.client.get("/accounts/login/", name="page: 登录", timeout=TIMEOUT)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text or "")
        if not token:
            return
        self.client.post("/accounts/login/", name="POST 登录", timeout=TIMEOUT,
                         data={"username": self.account["username"], "password": self.account["password"],
                               "csrfmiddlewaretoken": token.group(1)},
                         headers={"Referer": f"{self.host}/accounts/login/"})

    def step(self, submission: int, action: str, body: dict) -> None:
        """One workflow step; an acknowledged one is logged with the submission's version after it."""
        with self.client.post(f"/api/v1/submissions/{submission}/{action}/", json=body, name=f"POST {action}",
                              timeout=TIMEOUT, catch_response=True) as response:
            if response.status_code == 200:
                data = response.json()
                log(ev="transition", t=time.time(), sub=submission, action=action, version=data["version"],
                    state=data["state"], user=self.account["username"])
            elif response.status_code in (400, 403):
                response.success()  # the report moved on since it was read (another user's step): correct
            else:
                response.failure(f"HTTP {response.status_code}")

    # -- what each role does -----------------------------------------------------------------

    @task
    def act(self):
        getattr(self, f"act_{self.role}")()

    def act_filler(self):
        choice = random.random()
        if choice < 0.55:
            self.enter_values()
        elif choice < 0.75:
            self.get_json(f"/api/v1/submissions/{self.account['submission']}/", "GET submission detail")
        elif choice < 0.85:
            self.get_json(f"/api/v1/values/?campaign={self.account['campaign']}&unit={self.account['unit']}"
                          f"&page_size=200", "GET values (unit)")
        else:
            detail = self.get_json(f"/api/v1/submissions/{self.account['submission']}/", "GET submission detail")
            if detail and "submit" in detail["allowed_actions"]:
                self.step(self.account["submission"], "submit", {"confirmed_by": "基准测试单位负责人"})

    def versions(self, indicators) -> dict | None:
        stored = {}
        for indicator in indicators:
            page = self.get_json(f"/api/v1/values/?indicator={indicator}&page_size=200", "GET values (indicator)")
            if page is None:
                return None
            for row in page["results"]:
                stored[(row["indicator"], row["period"], row["kind"])] = row["version"]
        return stored

    def enter_values(self):
        cells = random.sample(self.account["cells"], k=random.randint(1, min(5, len(self.account["cells"]))))
        submission = self.account["submission"]
        for _ in range(4):  # the first try and up to three after a 409
            stored = self.versions({indicator for indicator, _, _ in cells})
            if stored is None:
                return
            rows = []
            for indicator, period, kind in cells:
                self.writes += 1
                rows.append({"indicator": indicator, "period": period, "kind": kind, "source": "基准测试",
                             "value": unique_value(self.serial, self.writes),
                             "version": stored.get((indicator, period, kind), 0)})
            write = uuid.uuid4().hex
            log(ev="attempt", t=time.time(), id=write, sub=submission, user=self.account["username"],
                rows=[[r["indicator"], r["period"], r["kind"], r["value"]] for r in rows])
            with self.client.post(f"/api/v1/submissions/{submission}/values/", json=rows, name="POST values (bulk)",
                                  timeout=TIMEOUT, catch_response=True) as response:
                status = response.status_code
                if status == 200:
                    results = response.json()["results"]
                    log(ev="ack", t=time.time(), id=write,
                        results=[[r["id"], r["version"], r["value"]] for r in results])
                    return
                if status == 409:
                    response.success()  # someone saved first: read again and retry, as a client should
                    continue
                if status == 400 and response.json().get("code") == "refused":
                    response.success()  # the report is under review or signed: nothing may be written
                    return
                response.failure(f"HTTP {status}")
                return

    def act_drc(self):
        campaign = self.account["campaign"]
        if random.random() < 0.7:
            page = self.get_json(f"/api/v1/submissions/?campaign={campaign}&state=submitted&page_size=50",
                                 "GET submissions (submitted)")
            if page and page["results"]:
                submission = random.choice(page["results"])["id"]
                if random.random() < 0.5:
                    self.step(submission, "return", {"comment": "请补充数据来源（基准测试）。"})
                else:
                    self.step(submission, "accept", {})
        else:
            state = random.choice(["accepted", "signed"])
            page = self.get_json(f"/api/v1/submissions/?campaign={campaign}&state={state}&page_size=50",
                                 f"GET submissions ({state})")
            if page and page["results"]:
                self.step(random.choice(page["results"])["id"], "reopen", {"comment": "重新打开（基准测试）。"})

    def act_leader(self):
        campaign = self.account["campaign"]
        if random.random() < 0.5:
            page = self.get_json(f"/api/v1/submissions/?campaign={campaign}&state=accepted&page_size=50",
                                 "GET submissions (accepted)")
            if page and page["results"]:
                self.step(random.choice(page["results"])["id"], "sign", {})
        else:
            self.get_json(f"/api/v1/indicators/?campaign={campaign}&page_size=50", "GET indicators")

    def act_reader(self):
        name, path = random.choice(self.account["pages"])
        with self.client.get(path, name=f"page: {name}", timeout=TIMEOUT, catch_response=True) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"HTTP {response.status_code} {response.url}")
