"""Whole journeys, as people take them, for the load run (`benchmarks/load/run.py`).

Each simulated person signs in (demo sign-in), starts a self-assessment, answers every question by
following Continue, sends it, reads the budget, adds a helper to the support plan and raises a
disagreement with the care manager (which sends the council an email). Every answer the portal
acknowledged (a 302 to the next page) is written to the file named by LOAD_ACK_LOG, so the run can check
afterwards that none was lost.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import threading
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, for its test examples
from tests.examples import WORKED_EXAMPLE  # noqa: E402  (after the path is set)

HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
NAME = re.compile(r'name="([^"]+)"')
VALUE = re.compile(r'value="([^"]*)"')
ANSWERS = WORKED_EXAMPLE  # the worked example in ras-demo.md, as every test layer uses it
PEOPLE = ("alex", "sam", "jo")
_log_lock = threading.Lock()
# Open for the whole run: every user thread appends the answers the portal acknowledged.
_log = open(os.environ.get("LOAD_ACK_LOG", os.devnull), "a", buffering=1)  # noqa: SIM115


def hidden_fields(html: str) -> dict[str, str]:
    fields = {}
    for tag in HIDDEN.findall(html):
        name, value = NAME.search(tag), VALUE.search(tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def answer_fields(question_id: str, value: str) -> dict[str, str]:
    if question_id == "date_of_birth":
        year, month, day = value.split("-")
        return {"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}
    return {question_id: value}


class Person(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        page = self.client.get("/sign-in/demo", name="/sign-in/demo")
        self.client.post(
            "/sign-in/demo",
            data={**hidden_fields(page.text), "person": random.choice(PEOPLE)},
            name="/sign-in/demo [POST]",
        )

    def _form(self, url: str, data: dict, name: str, expect: tuple[int, ...] = (302,)):
        page = self.client.get(url, name=name)
        with self.client.post(
            url,
            data={**hidden_fields(page.text), **data},
            name=f"{name} [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code}, wanted {' or '.join(map(str, expect))}")
            else:
                response.success()
            return response

    @task
    def whole_journey(self) -> None:
        started = self._form("/assessments/new", {"for_whom": "myself"}, "/assessments/new")
        if started.status_code != 302:
            return
        assessment = started.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        base = f"/assessments/{assessment}"
        url = f"{base}/questions/date_of_birth"
        for _ in range(len(ANSWERS) + 1):
            if "/questions/" not in url:
                break
            question = url.split("?")[0].rsplit("/", 1)[-1]
            response = self._form(
                url, answer_fields(question, ANSWERS[question]), "/assessments/[id]/questions/[question]"
            )
            if response.status_code != 302:
                return
            with _log_lock:
                _log.write(
                    json.dumps({"assessment": assessment, "question": question, "value": ANSWERS[question]})
                    + "\n"
                )
            url = response.headers["Location"]
        self._form(f"{base}/send", {"confirm": "y"}, "/assessments/[id]/send")
        self.client.get(f"{base}/budget", name="/assessments/[id]/budget")
        self._form(f"{base}/plan/add", {"help": "personal_assistant"}, "/assessments/[id]/plan/add")
        self._form(
            f"{base}/plan/add/personal_assistant",
            {
                "quantity": "7.5",
                "frequency": "per_week",
                "needs": ["nutrition", "personal_hygiene"],
                "management": "direct_payment",
                "provider": "Ana Silva",
            },
            "/assessments/[id]/plan/add/[item]",
        )
        self.client.get(f"{base}/plan", name="/assessments/[id]/plan")
        self._form(
            f"{base}/disagree/care-manager",
            {
                "reason": "I need help every night, and the budget does not pay for it.",
                "amount": "150",
                "talk": "call",
                "contact_by": "phone",
                "contact_details": "01632 960001",
            },
            "/assessments/[id]/disagree/care-manager",
            # The simulated people share three demo accounts, and a person who presses "Myself" while an empty
            # form of theirs is open is given that same form (as with two tabs). So two of them can fill in
            # one form: the second to disagree is told, with a 409, that it has been done.
            expect=(302, 409),
        )
        self.client.get(f"{base}/disagree/timeline", name="/assessments/[id]/disagree/timeline")
