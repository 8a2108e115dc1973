"""Residents filing, reading and answering while staff work the queue (issue 7, "Load"); run by load_test.py.

Reads the plan benchmarks/load/world.py wrote (LOAD_PLAN) and appends what the server accepted to LOAD_ACCEPTED
(one line a 201: "order <id>" or "survey <id>"), so the run can be checked against the database afterwards.
Names group requests by endpoint, so the stats give one p99 per endpoint.
"""

import itertools
import json
import os
import random
import threading
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
ACCEPTED = open(os.environ["LOAD_ACCEPTED"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed on quit)
_accepted_lock = threading.Lock()
_residents = itertools.cycle(PLAN["residents"])
_staff = itertools.cycle(PLAN["staff"])
MAX_REPORTS = 3  # a household files a few repairs at most in five minutes
EXPECTED = {409}  # two staff taking the same order: one wins, the other is told (not a failure)


def accepted(kind: str, pk: int) -> None:
    with _accepted_lock:
        ACCEPTED.write(f"{kind} {pk}\n")


def api(user, token: str):
    user.client.headers.update({"Authorization": f"Token {token}", "Accept-Language": "zh-hans"})


class ResidentUser(HttpUser):
    fixed_count = len(PLAN["residents"])
    wait_time = between(2, 8)

    def on_start(self):
        self.me = next(_residents)
        self.reports = 0
        self.answered = False
        api(self, self.me["token"])
        self.client.cookies.set("__Host-sessionid", self.me["session"])

    @task(4)
    def reads_notices(self):
        self.client.get("/api/v1/me/notices/", name="/api/v1/me/notices/")
        notice = random.choice(PLAN["notice_ids"])
        self.client.get(f"/api/v1/me/notices/{notice}/", name="/api/v1/me/notices/{id}/")

    @task(3)
    def opens_the_estate_home(self):
        self.client.get("/", name="/ (estate home)", allow_redirects=True)

    @task(2)
    def checks_my_home(self):
        self.client.get("/me/", name="/me/")

    @task(3)
    def follows_my_repairs(self):
        with self.client.get("/api/v1/me/repairs/", name="/api/v1/me/repairs/", catch_response=True) as r:
            rows = r.json().get("results", []) if r.ok else []
        if rows:
            pk = random.choice(rows)["id"]
            self.client.get(f"/api/v1/me/repairs/{pk}/", name="/api/v1/me/repairs/{id}/")

    @task(1)
    def reports_a_repair(self):
        if self.reports >= MAX_REPORTS:
            return
        self.reports += 1
        body = {"trade": random.choice(PLAN["trades"]), "description": "压力测试：卫生间水龙头滴水，关不紧。",
                "unit_id": self.me["unit_id"], "location_detail": "卫生间"}  # fmt: skip
        with self.client.post("/api/v1/me/repairs/", json=body, name="/api/v1/me/repairs/", catch_response=True) as r:
            if r.status_code == 201:
                accepted("order", r.json()["id"])
            else:
                r.failure(f"{r.status_code} {r.text[:200]}")

    @task(1)
    def answers_the_survey(self):
        if self.answered:
            return
        survey = self.me["survey_id"]
        self.client.get(f"/api/v1/me/surveys/{survey}/", name="/api/v1/me/surveys/{id}/")
        url, name = f"/api/v1/me/surveys/{survey}/response/", "/api/v1/me/surveys/{id}/response/"
        with self.client.post(url, json=self.me["survey_answers"], name=name, catch_response=True) as r:
            if r.status_code == 201:
                self.answered = True
                accepted("survey", survey)
            else:
                r.failure(f"{r.status_code} {r.text[:200]}")


class StaffUser(HttpUser):
    fixed_count = len(PLAN["staff"])
    wait_time = between(1, 3)

    def on_start(self):
        self.me = next(_staff)
        api(self, self.me["token"])

    def _queue(self, **filters) -> list[dict]:
        query = "&".join(f"{k}={v}" for k, v in {"estate__slug": PLAN["estate"], **filters}.items())
        with self.client.get(f"/api/v1/staff/work-orders/?{query}", name="/api/v1/staff/work-orders/",
                             catch_response=True) as r:  # fmt: skip
            return r.json().get("results", []) if r.ok else []

    def _act(self, order: dict, action: str, **body) -> dict | None:
        url, name = f"/api/v1/staff/work-orders/{order['id']}/{action}/", f"/api/v1/staff/work-orders/{{id}}/{action}/"
        body = {"expected_version": order["version"], **body}
        with self.client.post(url, json=body, name=name, catch_response=True) as r:
            if r.status_code in EXPECTED:
                r.success()
                return None
            return r.json() if r.ok else None

    @task
    def works_the_queue(self):
        if self.me["role"] == "dispatcher":
            orders = self._queue(status="submitted")
            if orders:
                order = self._act(random.choice(orders[:10]), "accept")
                if order and order["status"] == "accepted":
                    self._act(order, "assign", technician_id=random.choice(PLAN["technician_ids"]))
        else:
            for order in self._queue(status="assigned", assignee=self.me["user_id"])[:3]:
                started = self._act(order, "start")
                if started:
                    self._act(started, "complete", note="已更换阀芯，试水正常。")


@events.quitting.add_listener
def _close(environment, **kwargs):
    ACCEPTED.close()
