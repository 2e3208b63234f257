"""Take the README's screenshots: a question page and the budget page for the worked example.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshot-*.png
    .venv/bin/python scripts/screenshots.py --out DIR

Needs the development packages (Playwright) and Debian's chromium (`make browser`). The portal
runs in this process on a free port, with the demo council and a throwaway SQLite database.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH = 1280


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import expect, sync_playwright
    from werkzeug.serving import WSGIRequestHandler, make_server

    from portal import create_app, store
    from portal.settings import Settings
    from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.journey import answer_quickly, send_answers_quickly, start_quickly
    from tests.web.helpers import CSRF_RE, WORKED_EXAMPLE

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'portal.db'}"
        store.upgrade(database_url)
        app = create_app(
            Settings(
                environment="demo",
                secret_key="screenshots-only-" + "x" * 32,
                database_url=database_url,
                content_dir=ROOT / "content",
                demo_sign_in=True,
            )
        )
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(
                    base_url=f"http://127.0.0.1:{server.server_port}",
                    viewport={"width": WIDTH, "height": 800},
                    locale="en-GB",
                )
                page = context.new_page()

                assessment = start_quickly(page)
                question = answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="nutrition")
                page.goto(question)
                expect(page.get_by_role("heading", level=1)).to_contain_text(
                    "Do you need help to eat and drink?"
                )
                page.screenshot(path=out / "screenshot-question.png", full_page=True)

                budget = send_answers_quickly(page)
                page.goto(budget)
                expect(page.get_by_text("£118.80 a week", exact=True)).to_be_visible()
                page.screenshot(path=out / "screenshot-budget.png", full_page=True)

                # A support plan with one item: a personal assistant for 7.5 hours a week.
                plan = budget.replace("/budget", "/plan")
                token = CSRF_RE.search(page.request.get(plan + "/add").text()).group(1)
                chosen = page.request.post(
                    plan + "/add", form={"csrf_token": token, "help": "personal_assistant"}
                )
                # The item form carries a one-time token, so that sending it twice adds the item once.
                send_token = re.search(
                    r'name="send_token" type="hidden" value="([^"]+)"', chosen.text()
                ).group(1)
                page.request.post(
                    chosen.url,
                    form={
                        "csrf_token": token,
                        "send_token": send_token,
                        "quantity": "7.5",
                        "frequency": "per_week",
                        "needs": "personal_hygiene",
                        "management": "direct_payment",
                        "provider": "Ana Silva",
                    },
                )
                page.goto(plan)
                expect(page.get_by_role("heading", level=1)).to_be_visible()
                expect(page.get_by_text("£123.75").first).to_be_visible()
                page.screenshot(path=out / "screenshot-plan.png", full_page=True)
                browser.close()
        finally:
            server.shutdown()
            app.extensions["db_engine"].dispose()
    for name in ("screenshot-question.png", "screenshot-budget.png", "screenshot-plan.png"):
        print(out / name)


if __name__ == "__main__":
    main()
