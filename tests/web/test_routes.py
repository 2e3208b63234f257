"""Every route is known, and each behaves as expected for someone who is not signed in.
A new route must be added here, so that nobody adds one without thinking about who may use it."""

from __future__ import annotations

# endpoint: what a signed-out GET gets (or None for routes that take an id; test_access covers those)
PUBLIC = {"start.index", "start.accessibility", "start.privacy", "health.live", "health.ready", "auth.sign_in",
          "auth.demo_sign_in", "auth.sign_out", "static", "pictures.picture"}
SIGNED_IN = {"account.home", "account.download", "assessment.new", "assessment.someone_else",
             "dev.messages",  # development and demo only, each their own messages (test_staff.py)
             "staff.work_list"}  # staff only: others get 404 (test_staff.py)
WITH_IDS = {"assessment.task_list", "assessment.question", "assessment.check", "assessment.send",
            "assessment.delete", "budget.show", "disagree.start",
            "disagree.raise_request", "disagree.sent", "disagree.advocate", "disagree.escalate", "disagree.complain",
            "disagree.add_information", "disagree.close", "disagree.timeline", "disagree.ombudsman",
            # a disagreement's reference: staff only, by role and assignment (test_access.py, test_staff.py)
            "staff.case", "staff.answer", "staff.acknowledge", "staff.answer_complaint", "staff.letter",
            "plan.show", "plan.choose", "plan.add", "plan.change", "plan.change_help", "plan.remove", "plan.cost",
            "plan.check", "plan.send", "plan.sent", "plan.pdf"}
PROVIDER_ONLY = {"auth.provider_sign_in", "auth.callback"}  # 404 unless OpenID Connect is set up
POST_ONLY = {"pictures.choose"}  # a button's form; anyone may press it (test_pictures covers it)


def test_every_route_is_known(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    known = PUBLIC | SIGNED_IN | WITH_IDS | PROVIDER_ONLY | POST_ONLY
    assert endpoints == known, f"new: {endpoints - known}; gone: {known - endpoints}"


def test_public_pages_work_signed_out(portal, app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC - {"static", "auth.sign_in"} and not rule.arguments:
            response = portal.client.get(rule.rule)
            assert response.status_code == 200, rule.rule


def test_signed_in_pages_send_you_to_sign_in(portal, app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SIGNED_IN:
            response = portal.client.get(rule.rule)
            assert response.status_code == 302 and response.location.endswith("/sign-in"), rule.rule


def test_provider_routes_are_not_found_without_a_provider(portal, app):
    assert portal.client.get("/sign-in/provider").status_code == 404
    assert portal.client.get("/sign-in/callback?code=x&state=y").status_code == 404


def test_post_only_routes_cannot_be_opened(portal, app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in POST_ONLY:
            assert rule.methods - {"OPTIONS"} == {"POST"}, rule.rule
            assert portal.client.get(rule.rule).status_code == 405, rule.rule
            assert portal.client.post(rule.rule, data={"show": "no"}).status_code == 400, "a CSRF token is needed"
