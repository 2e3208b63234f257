"""One Flask blueprint per journey. Views stay thin: parse, call the rules, save, redirect."""

from flask import Flask


def register_journeys(app: Flask) -> None:
    from portal.journeys.account.views import bp as account
    from portal.journeys.assessment.views import bp as assessment
    from portal.journeys.auth.views import bp as auth
    from portal.journeys.budget.views import bp as budget
    from portal.journeys.dev.views import bp as dev
    from portal.journeys.disagree.views import bp as disagree
    from portal.journeys.grants.views import bp as grants
    from portal.journeys.pictures.views import bp as pictures
    from portal.journeys.plan.views import bp as plan
    from portal.journeys.public.views import bp as public
    from portal.journeys.review.staff_pages import bp as review_staff
    from portal.journeys.review.views import bp as review
    from portal.journeys.staff.fairness import bp as staff_fairness
    from portal.journeys.staff.outbox import bp as staff_outbox
    from portal.journeys.staff.views import bp as staff
    from portal.journeys.start.views import bp as start

    for blueprint in (
        start,
        auth,
        account,
        grants,
        assessment,
        budget,
        disagree,
        pictures,
        staff,
        staff_outbox,
        staff_fairness,
        plan,
        public,
        review,
        review_staff,
    ):
        app.register_blueprint(blueprint)
    if app.extensions["portal_settings"].environment == "demo":  # never in development or production
        app.register_blueprint(dev)
