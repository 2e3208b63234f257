from flask import Blueprint, render_template

from portal.content import config
from portal.i18n import content_text
from portal.i18n import gettext as _

bp = Blueprint("start", __name__)


@bp.get("/")
def index():
    return render_template("start/index.html")


def _compliance(level: str) -> str:
    """The statement's compliance status, in the words of the model accessibility statement."""
    return {
        "fully": _(
            "This service fully meets the Web Content Accessibility Guidelines version 2.2, level AA."
        ),
        "partially": _(
            "This service partly meets the Web Content Accessibility Guidelines version 2.2, "
            "level AA. The problems are listed below."
        ),
        "not": _(
            "This service does not meet the Web Content Accessibility Guidelines version 2.2, "
            "level AA. The problems are listed below."
        ),
    }[level]


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement, as the Public Sector Bodies (Websites and Mobile Applications)
    Accessibility Regulations 2018 ask, following the GOV.UK model statement. The council's facts
    (contacts, dates, known problems) come from its content files."""
    statement = config().accessibility
    issues = [
        {
            name: content_text(f"accessibility.known_issues.{issue}.{name}")
            for name in ("what", "criterion", "fix")
        }
        for issue in statement.known_issues
    ]
    return render_template(
        "start/accessibility.html",
        statement=statement,
        compliance=_compliance(statement.compliance),
        issues=issues,
        tested_by=content_text("accessibility.tested_by"),
    )


@bp.get("/privacy")
def privacy():
    return render_template("start/privacy.html")
