"""Every route is known, and each behaves as expected for someone who is not signed in.
A new route must be added here, so that nobody adds one without thinking about who may use it."""

from __future__ import annotations

# endpoint: what a signed-out GET gets (or None for routes that take an id; test_access covers those)
PUBLIC = {
    "start.index",
    "start.accessibility",
    "start.privacy",
    "health.live",
    "health.ready",
    "auth.sign_in",
    "auth.demo_sign_in",
    "auth.sign_out",
    "auth.signed_out",
    "static",
    "pictures.picture",
    "pictures.answer_picture",
    "auth.time_left",
    # the open rules, the price list and the transparency record (test_public_pages.py)
    "public.how-budgets-are-worked-out",
    "public.price-list",
    "public.algorithmic-transparency-record",
    "public.algorithmic-transparency-record-csv",
    "public.algorithmic-transparency-record-json",
    "public.try-an-estimate",
}  # the timeout warning's question: seconds left, 0 when signed out
SIGNED_IN = {
    "account.home",
    "account.download",
    "grants.overview",  # "Who can see your information" (test_grants.py)
    "grants.invite",
    "grants.use_invitation",
    "assessment.new",
    "assessment.someone-else",
    "staff.work-list",  # staff only: others get 404 (test_staff.py)
    "staff.cases",  # care managers and team managers only: others get 404 (test_plan_approval_access.py)
    "review_staff.due",  # care managers and team managers only: others get 404 (test_reviews.py)
    "staff_outbox.messages",
    # the RAS lead's fairness pages: RAS leads only, others get 404 (test_ras_report.py)
    "staff_fairness.report",
    "staff_fairness.report_csv",
    "staff_fairness.recalibration",
    "public.try-save",  # "Save this and carry on" from a try-out (test_try_out.py)
}  # team managers only: others get 404 (test_outbox.py)
WITH_IDS = {
    "grants.end",  # a grant's person and helper only (test_access.py)
    "assessment.task_list",
    "assessment.question",
    "assessment.check",
    "assessment.send",
    "assessment.delete",
    "assessment.sent",
    # a questionnaire's id, not a record's: signed in only (test_questionnaires.py)
    "assessment.new-form",
    "assessment.new-form-someone-else",
    # a question of the try-out, open to anyone; its answers live in the session (test_try_out.py)
    "public.try-question",
    "budget.show",
    "budget.summary_page",
    "budget.summary_pdf",
    "disagree.route",
    "disagree.step",
    "disagree.care-manager",
    "disagree.sent",
    "disagree.advocate",
    "disagree.team-manager",
    "disagree.complaint",
    "disagree.add",
    "disagree.close",
    "disagree.timeline",
    "disagree.ombudsman",
    # a disagreement's reference: staff only, by role and assignment (test_access.py, test_staff.py)
    "staff.case",
    "staff.answer",
    "staff.acknowledge",
    "staff.final-answer",
    "staff.letter",
    # a form's public id: the care manager or team manager who holds the case (test_plan_approval_access.py)
    "staff.person",
    "staff.return-plan",
    "staff.approve-plan",
    "staff.tolerance",
    "staff.panel",
    # a helper's grant on a case: the care manager or team manager who holds it (test_access.py)
    "staff.grant-confirm",
    "staff.grant-concern",
    "staff.grant-end",
    "staff_outbox.retry",  # an outbox message: team managers only (test_access.py, test_outbox.py)
    "plan.plan",
    "plan.choose-help",
    "plan.add-help",
    "plan.change-item",
    "plan.change-help",
    "plan.remove-item",
    "plan.cost",
    "plan.check",
    "plan.send",
    "plan.sent",
    "plan.pdf",
    # a person's id: the person and those acting for them; reviewing staff (test_access.py, test_reviews.py)
    "review.ask",
    "review.sent",
    # a person's id: the person, and a helper who may fill in and change (test_pronouns.py, test_access.py)
    "account.pronouns",
    "review_staff.record",
}
PROVIDER_ONLY = {"auth.provider_sign_in", "auth.callback"}  # 404 unless OpenID Connect is set up
POST_ONLY = {
    "pictures.choose",  # a button's form; anyone may press it (test_pictures covers it)
    "auth.stay_signed_in",
}  # the timeout warning's "Stay signed in" (test_sessions covers it)


# The try-out's estimate: anyone, once every question has an answer; before that, the first question
# without one (test_try_out.py).
TRY_OUT = {"public.try-estimate"}

DEMO_ONLY = {"dev.messages"}  # demo mode only, each their own messages (test_dev_messages.py)


def test_every_route_is_known(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    known = PUBLIC | SIGNED_IN | WITH_IDS | PROVIDER_ONLY | POST_ONLY | TRY_OUT
    assert endpoints == known, f"new: {endpoints - known}; gone: {known - endpoints}"


def test_demo_mode_adds_only_the_demo_routes(settings):
    from dataclasses import replace

    from portal import create_app

    demo = create_app(replace(settings, environment="demo"))
    endpoints = {rule.endpoint for rule in demo.url_map.iter_rules()}
    known = PUBLIC | SIGNED_IN | WITH_IDS | PROVIDER_ONLY | POST_ONLY | DEMO_ONLY | TRY_OUT
    assert endpoints == known, f"new: {endpoints - known}; gone: {known - endpoints}"
    response = demo.test_client().get("/dev/messages")
    assert response.status_code == 302 and response.location.endswith("/sign-in"), "signed in only"
    demo.extensions["db_engine"].dispose()


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
            assert portal.client.post(rule.rule, data={"show": "no"}).status_code == 400, (
                "a CSRF token is needed"
            )
