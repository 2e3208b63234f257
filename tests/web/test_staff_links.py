"""Links that were missing: "Sign out on all devices" from the account page and the staff work list, and
"Messages not sent" in the staff's menu for team managers."""

from __future__ import annotations

import pytest

from tests.web.helpers import Portal


def _menu(page) -> dict[str, str]:
    return {a.get_text(strip=True): a["href"] for a in page.select(".govuk-service-navigation__list a")}


def _sign_out_everywhere_by_the_link(portal: Portal, page_url: str) -> None:
    """Follow the link, then press the button it leads to."""
    link = portal.get(page_url).soup.select_one("main a#sign-out-everywhere")
    assert link is not None and link.get_text(strip=True) == "Sign out on all devices"
    page = portal.get(link["href"]).soup
    forms = [f for f in page.select("main form[method=post]") if f.select_one("input[name=everywhere]")]
    assert len(forms) == 1 and forms[0].button.get_text(strip=True) == "Sign out on all devices"
    hidden = {field["name"]: field.get("value", "") for field in forms[0].select("input[type=hidden]")}
    response = portal.client.post(forms[0]["action"], data=hidden)
    assert response.status_code == 303 and response.location == "/signed-out?everywhere=yes"


@pytest.mark.parametrize(("person", "page_url"), [("alex", "/account"), ("chris", "/staff")])
def test_the_account_page_and_the_work_list_lead_to_signing_out_on_all_devices(app, person, page_url):
    here, elsewhere = Portal(app), Portal(app)
    here.sign_in(person)
    elsewhere.sign_in(person)
    elsewhere.get(page_url)
    _sign_out_everywhere_by_the_link(here, page_url)
    for portal in (here, elsewhere):
        assert portal.client.get(page_url).status_code == 302  # both sessions have ended: sign in again


def test_the_account_page_says_why_someone_would_sign_out_everywhere(portal):
    portal.sign_in("alex")
    page = portal.get("/account").soup
    section = page.select_one("h2#all-devices")
    assert section is not None and section.get_text(strip=True) == "Sign out on all your devices"
    assert "someone else has used your account" in section.find_next_sibling("p").get_text()


def test_team_managers_have_messages_not_sent_beside_the_work_list(app):
    pat = Portal(app)
    pat.sign_in("pat")
    menu = _menu(pat.get("/staff").soup)
    assert list(menu)[:3] == ["Work list", "Reviews due", "Messages not sent"]
    assert menu["Messages not sent"] == "/staff/outbox"
    current = pat.get("/staff/outbox").soup.select(".govuk-service-navigation__item--active a")
    assert [a.get_text(strip=True) for a in current] == ["Messages not sent"]


@pytest.mark.parametrize("person", ["chris", "kim", "alex"])
def test_nobody_else_has_messages_not_sent_in_their_menu(app, person):
    portal = Portal(app)
    portal.sign_in(person)
    menu = _menu(portal.get("/account").soup)
    assert "Messages not sent" not in menu
    assert ("Work list" in menu) == (person != "alex")
