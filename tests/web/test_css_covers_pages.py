"""The stylesheet is built from only the GOV.UK Frontend components the portal uses
(portal/static/src/portal.scss). Every govuk- and app- class on the pages people and staff see must be
styled by a stylesheet the page links, so that a component left out of the build fails here, not in
front of a person."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.examples import WORKED_EXAMPLE
from tests.web.helpers import Portal
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url
from tests.web.test_page_readability import _disagreement_pages, _pages
from tests.web.test_try_out import ESTIMATE, TRY, try_out

OURS = re.compile(r"^(govuk|app)-")

# Classes on the pages that no stylesheet needs to define, each by name, so that anything else (a component
# left out of the build) fails. GOV.UK Frontend's script hooks (govuk-js-*) style nothing.
NOT_STYLED = re.compile(r"^govuk-js-")
# GOV.UK Frontend 6.3.0's macros write these, and its own complete stylesheet (dist/govuk/
# govuk-frontend.min.css) has no rule for them either.
GOVUK_MARKUP_ONLY = {
    "govuk-template__header", "govuk-template__footer", "govuk-generic-header__container",
    "govuk-radios", "govuk-checkboxes", "govuk-panel__body",
    "govuk-table__head", "govuk-table__body", "govuk-table__row",
}  # fmt: skip
# Classes the pages give that GOV.UK Frontend 6 no longer has, so they would change nothing (a tag is blue
# without a modifier; a table caption has only the sizes m, l and xl). None now: keep it so.
GOVUK_REMOVED_IN_6: set[str] = set()
# Ours: found by session-timeout.js, or (app-question, app-words-explained) a wrapper with no style.
APP_HOOKS = {
    "app-timeout-dialog__announce", "app-timeout-dialog__close", "app-timeout-dialog__countdown",
    "app-timeout-dialog__keep", "app-timeout-dialog__sign-out", "app-timeout-dialog__stay",
    "app-question", "app-words-explained",
}  # fmt: skip
KNOWN_UNSTYLED = GOVUK_MARKUP_ONLY | GOVUK_REMOVED_IN_6 | APP_HOOKS

COMMENT = re.compile(r"/\*.*?\*/", re.S)
PRELUDE = re.compile(r"([^{}]*)\{")
CLASS_IN_SELECTOR = re.compile(r"\.((?:[A-Za-z0-9_-]|\\.)+)")
UNESCAPE = re.compile(r"\\(.)")


def css_classes(css: str) -> set[str]:
    """Every class a stylesheet's selectors name (in rules and inside @media), unescaped
    (`.govuk-\\!-margin-0` is the class `govuk-!-margin-0`)."""
    found: set[str] = set()
    for prelude in PRELUDE.findall(COMMENT.sub("", css)):
        if prelude.strip().startswith("@"):
            continue  # @media (min-width: 40.0625em) names no class
        found |= {UNESCAPE.sub(r"\1", name) for name in CLASS_IN_SELECTOR.findall(prelude)}
    return found


def page_classes(html: str) -> set[str]:
    """The govuk- and app- classes a page's elements carry, except hooks that are not styled."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        name
        for element in soup.find_all(class_=True)
        for name in element.get("class", [])
        if OURS.match(name) and not NOT_STYLED.match(name) and name not in KNOWN_UNSTYLED
    }


def unstyled(pages: dict[str, str], css: str) -> dict[str, list[str]]:
    """For each page, the classes it uses that no selector of the stylesheets names."""
    defined = css_classes(css)
    return {
        name: missing for name, html in pages.items() if (missing := sorted(page_classes(html) - defined))
    }


def linked_css(portal: Portal, html: str) -> str:
    """The stylesheets a page links, as the portal serves them."""
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [link["href"] for link in soup.select('link[rel~="stylesheet"]')]
    assert any("portal.min.css" in href for href in hrefs), hrefs
    css = []
    for href in hrefs:
        response = portal.client.get(href)
        assert response.status_code == 200, href
        css.append(response.get_data(as_text=True))
    return "\n".join(css)


# --- pages ---------------------------------------------------------------------------------------------

# Not followed: signing out, files that are not pages, and changing the language.
SKIP = re.compile(r"^/(sign-out|sign-in/oidc|assets/|dev/)|\.pdf$|/pdf$|/download|[?&]lang=")


def crawl(portal: Portal, start: list[str], limit: int = 60) -> dict[str, str]:
    """The HTML pages reached from `start` by following the site's own links (GET only), at most `limit`."""
    pages: dict[str, str] = {}
    queue = list(start)
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in pages or SKIP.search(urlsplit(url).path + ("?" + urlsplit(url).query)):
            continue
        response = portal.client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        pages[url] = html
        for link in BeautifulSoup(html, "html.parser").select("a[href]"):
            href = link["href"].split("#", 1)[0]
            if href.startswith("/") and not href.startswith("//") and href not in pages:
                queue.append(href)
    return pages


def _html(pages: dict[str, object], prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{name}": response.get_data(as_text=True) for name, response in pages.items()}


def test_every_class_on_the_pages_is_in_the_stylesheets(portal, app):
    # A person's journey: start to budget, for themselves and for someone else, and the disagreement route.
    pages = _html(_pages(portal))
    other = Portal(app)
    pages |= _html(_disagreement_pages(other, app), "disagreement ")
    # Error states: the GOV.UK error summary and each kind of field error.
    assessment_id = portal.start()
    for question_id in ("date_of_birth", "nutrition", "informal_help"):
        url = f"/assessments/{assessment_id}/questions/{question_id}"
        pages[f"{question_id} (error)"] = portal.post(url, {}, status=200).get_data(as_text=True)
    # The support plan: an item in it, then each of its pages.
    planner = Portal(app)
    planner.sign_in("alex")
    plan_id, _ = planner.budget_for()
    add_item(planner, plan_id, "personal_assistant", PA_WEEKLY)
    pages |= {f"plan {url}": html for url, html in crawl(planner, [plan_url(plan_id)], limit=25).items()}
    pages["plan add (error)"] = planner.post(plan_url(plan_id, "/add"), {}, status=200).get_data(as_text=True)
    # The public pages and the try-out.
    public = Portal(app)
    pages |= {f"public {url}": html for url, html in crawl(public, ["/"], limit=30).items()}
    try_out(public, WORKED_EXAMPLE)
    pages["try-out estimate"] = public.get(ESTIMATE).get_data(as_text=True)
    pages["try-out question"] = public.get(f"{TRY}/questions/date_of_birth").get_data(as_text=True)
    # Each member of staff's pages, from their landing page, with the cases the disagreement made.
    for person in ("chris", "pat", "kim", "robin"):
        staff = Portal(app)
        staff.sign_in(person)
        start = [urlsplit(staff.get("/account", follow=True).request.path).path, "/staff", "/account"]
        pages |= {f"{person} {url}": html for url, html in crawl(staff, start, limit=40).items()}
    assert len(pages) > 100, len(pages)
    assert any("/staff/cases/" in name for name in pages), "no staff case page reached"

    css = linked_css(portal, pages["start"])
    missing = unstyled(pages, css)
    assert not missing, "classes no stylesheet defines (add the component to portal.scss):\n" + "\n".join(
        f"{name}: {', '.join(classes)}" for name, classes in missing.items()
    )


# --- components some pages show only with much data (pagination needs a long work list) ------------

IMPORT = re.compile(r"govuk_frontend_jinja/components/([a-z-]+)/macro\.html")
WIDGET = re.compile(r"\bgov\.(Gov\w+)")
# GOV.UK's page template, copied, imports the header and footer macros for its default blocks; base.html
# replaces both (the generic header, and the council's own footer markup).
TEMPLATE_COPY = "components/page-template.html"


def components_used(app) -> set[str]:
    """The GOV.UK Frontend components the portal's templates import, and those the form widgets render."""
    from govuk_frontend_wtf import wtforms_widgets

    templates = ROOT / "portal" / "templates"
    used = {
        name
        for path in templates.rglob("*.html")
        if path.relative_to(templates).as_posix() != TEMPLATE_COPY
        for name in IMPORT.findall(path.read_text(encoding="utf-8"))
    }
    widgets = {w for path in (ROOT / "portal").rglob("*.py") for w in WIDGET.findall(path.read_text("utf-8"))}
    assert widgets, "no form widgets found"
    for widget in widgets:
        source, _, _ = app.jinja_env.loader.get_source(
            app.jinja_env, getattr(wtforms_widgets, widget).template
        )
        used |= set(IMPORT.findall(source))
    return used


def test_every_govuk_component_the_templates_use_is_in_the_stylesheet(portal, app):
    used = components_used(app)
    assert {"radios", "character-count", "pagination", "generic-header", "button"} <= used, used
    defined = css_classes(linked_css(portal, portal.get("/").get_data(as_text=True)))
    # A component is styled on its block (govuk-tag), or for some only on its elements (govuk-radios__item).
    missing = sorted(
        name
        for name in used
        if not any(c == f"govuk-{name}" or c.startswith(f"govuk-{name}__") for c in defined)
    )
    assert not missing, f"add these to portal/static/src/portal.scss and rebuild: {missing}"


# --- the check itself can fail -----------------------------------------------------------------------


def test_the_check_finds_a_class_the_stylesheet_does_not_define(portal):
    css = linked_css(portal, portal.get("/").get_data(as_text=True))
    defined = css_classes(css)
    # Escaped names and classes inside @media are read.
    assert {
        "govuk-button",
        "govuk-!-margin-bottom-0",
        "govuk-grid-column-two-thirds",
        "app-money-figure",
    } <= (defined)
    # Components left out of the build are not there.
    assert not {"govuk-accordion", "govuk-tabs", "govuk-breadcrumbs", "govuk-header"} & defined
    page = (
        '<div class="govuk-accordion" data-module="govuk-accordion">'
        '<button class="govuk-button govuk-js-hook">Go</button>'
        '<p class="govuk-body app-not-a-class other">Hi</p></div>'
    )
    assert unstyled({"made up": page}, css) == {"made up": ["app-not-a-class", "govuk-accordion"]}
    assert unstyled({"made up": '<p class="govuk-body">Hi</p>'}, css) == {}
