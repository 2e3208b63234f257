"""A test client that behaves like a person with a browser, and checks every page it sees."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.examples import WORKED_EXAMPLE  # noqa: F401  (re-exported for tests)

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def answer_fields(question_id: str, value: str) -> dict[str, str]:
    if question_id == "date_of_birth":
        year, month, day = value.split("-")
        return {"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}
    return {question_id: value}


def check_page(html: str, status: int, codes: Codes | None = None) -> BeautifulSoup:
    """What every page must have, whatever it is (after GDS Notify's client_request).

    And what a person must never see or hear on it (see `check_what_a_person_meets`): `codes` are the
    council's internal codes, from `content_codes`; without them only the general rules apply.
    """
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html and soup.html.get("lang"), "the page has no lang"
    h1s = soup.select("h1")
    legend_h1 = soup.select("legend h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    title = soup.title.get_text(" ", strip=True)
    h1 = " ".join(h1s[0].get_text(" ", strip=True).split())
    if legend_h1:
        caption = soup.select_one("legend h1 .govuk-caption-l")
        if caption:
            h1 = h1.replace(" ".join(caption.get_text(" ", strip=True).split()), "", 1).strip()
    has_errors = bool(soup.select(".govuk-error-summary"))
    english = soup.html["lang"] == "en"
    if has_errors:
        error = "Error: " if english else title.split(": ", 1)[0] + ": "  # another language's word for it
        assert title.startswith(error), f"an error page's title must start 'Error: ', got {title!r}"
        title = title[len(error) :]
    for tag in h1s[0].select(".govuk-tag"):  # a tag beside the heading ("Estimate") is not in the title
        h1 = h1.removesuffix(" ".join(tag.get_text(" ", strip=True).split())).strip()
    assert title.startswith(h1), f"title {title!r} should start with the h1 {h1!r}"
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    duplicated = [i for i, n in ids.items() if n > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"
    for script in soup.select("script"):
        if not script.get("src"):
            assert script.get("nonce"), "an inline script has no CSP nonce"
    for legend in soup.select("legend"):
        assert legend.get_text(strip=True), "a fieldset legend is empty"
    for form in soup.select("form[method=post]"):
        assert form.select_one("input[name=csrf_token]"), "a form has no CSRF token"
    for link in soup.select("main a:not(.govuk-error-summary a)"):
        assert "govuk-link" in link.get("class", []) or any(
            c.startswith("govuk-") for c in link.get("class", [])
        ), f"a link has no GOV.UK class: {link}"
    check_what_a_person_meets(soup, codes)
    return soup


# --- what a person sees and hears ---------------------------------------------------------------
# The page as a screen reader reads it: every text node (visually hidden ones too) and every
# accessible name. Nothing in it may be markup, an internal code, or a count with the wrong plural.

NAME_ATTRIBUTES = ("aria-label", "aria-description", "aria-roledescription", "alt", "title", "placeholder")
NOT_READ = ("script", "style", "template")

# A tag, or an escaped one, shown as text: '<p class="govuk-body">', '&lt;strong&gt;', '&amp;'.
MARKUP_RE = re.compile(r"</?[A-Za-z!/]|<|>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
# Addresses and links a person may be shown on purpose; codes inside them are not codes.
ADDRESS_RE = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|(?<![\w.])/[\w/.?=&%-]+")
SNAKE_RE = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w-])")
DOTTED_RE = re.compile(r"(?<![\w.-])[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+(?![\w-])")
WEB_ENDINGS = {"uk", "com", "org", "net", "example", "gov", "wales", "scot", "io", "nhs"}
REPR_RE = re.compile(
    r"\b(?:Decimal|datetime|date|Markup|LazyString|dict|list|tuple|set|frozenset)\(|"  # Decimal('7.5')
    r"[\[{(]\s*'|'\s*[\]})]|"  # ['a'], {'a': 1}
    r"\{[a-z_]+\}|%\([a-z_]+\)[sd]|"  # unfilled {amount}, %(x)s
    r"\b(?:object at 0x|Undefined|jinja2|Traceback)\b"
)
NONE_RE = re.compile(r"(?<![\w-])None(?![\w-]|\s+[a-z])")  # not "None of these"

# Words counted on pages: (one, more than one). A council's own units come from its price list.
COUNTED = (
    ("point", "points"),
    ("item", "items"),
    ("working day", "working days"),
    ("day", "days"),
    ("week", "weeks"),
    ("hour", "hours"),
    ("night", "nights"),
    ("month", "months"),
    ("year", "years"),
    ("part", "parts"),
    ("minute", "minutes"),
    ("character", "characters"),
    ("question", "questions"),
    ("answer", "answers"),
    ("step", "steps"),
    ("meal", "meals"),
    ("trip", "trips"),
    ("alarm", "alarms"),
)


@dataclass(frozen=True)
class Codes:
    """A council's internal codes, taken from its loaded content so that new ids are covered too."""

    ids: frozenset[str]  # question, option, section and price ids, and every part of a text key
    keys: frozenset[str]  # every text key, and each of its dotted beginnings ("options.nutrition")
    tops: frozenset[str]  # the first part of every text key ("questions", "options", "prices")
    counted: tuple[tuple[str, str], ...]  # (one, more than one) for every counted word

    @cached_property
    def plural_res(self) -> tuple[re.Pattern, re.Pattern]:
        """'1 points' (one with the word for many) and '0 point', '3 point' (many with the word for one)."""
        ones = "|".join(map(re.escape, sorted({one for one, _ in self.counted}, key=len, reverse=True)))
        manys = "|".join(map(re.escape, sorted({many for _, many in self.counted}, key=len, reverse=True)))
        alone = r"(?<![\d.,])"  # the whole number, not the end of 21, 0.1 or 1,001
        not_one = r"(?:0|[2-9]|[1-9]\d+|\d{1,3}(?:,\d{3})+|\d+\.\d+)"
        return (
            re.compile(alone + r"1 (?:" + manys + r")\b"),
            re.compile(alone + not_one + r" (?:" + ones + r")\b"),
        )


GENERAL_CODES = Codes(frozenset(), frozenset(), frozenset(), COUNTED)


def content_codes(config) -> Codes:
    """The internal codes of a loaded content config (`portal.ras.load_config`)."""
    keys: set[str] = set()
    ids: set[str] = set()
    for texts in config.texts.values():
        for key in texts:
            parts = key.split(".")
            ids.update(parts)
            keys.update(".".join(parts[:n]) for n in range(2, len(parts) + 1))
    questionnaire = config.questionnaire
    ids.update(section.id for section in questionnaire.sections)
    for question in questionnaire.questions.values():
        ids.add(question.id)
        ids.update(option.id for option in question.options)
    ids.update(config.prices.items)
    counted = list(COUNTED)
    english = config.texts.get("en", {})
    for price_id in config.prices.items:
        one, many = english.get(f"prices.{price_id}.count.one"), english.get(f"prices.{price_id}.count.other")
        if one and many:
            counted.append((one.replace("{quantity}", "").strip(), many.replace("{quantity}", "").strip()))
    return Codes(frozenset(ids), frozenset(keys), frozenset(k.split(".")[0] for k in keys), tuple(counted))


def codes_for(app) -> Codes:
    """The codes of the council content an app runs with, worked out once for each app."""
    if "page_checker_codes" not in app.extensions:
        app.extensions["page_checker_codes"] = content_codes(app.extensions["ras_config"])
    return app.extensions["page_checker_codes"]


def spoken_text(soup: BeautifulSoup) -> str:
    """The page's text after stripping tags, as a screen reader reads it (visually hidden text too)."""
    parts = [
        node
        for node in soup.find_all(string=True)
        if not node.find_parent(NOT_READ) and type(node).__name__ in ("NavigableString", "CData")
    ]
    return " ".join(" ".join(parts).split())


def accessible_names(soup: BeautifulSoup) -> list[str]:
    """Names and descriptions given in attributes, which a screen reader reads out."""
    names = [
        tag[attribute]
        for attribute in NAME_ATTRIBUTES
        for tag in soup.select(f"[{attribute}]")
        if not tag.find_parent(NOT_READ) and tag.name not in ("link", "meta")
    ]
    names += [tag["value"] for tag in soup.select("input[type=submit][value], input[type=button][value]")]
    return names


def faults_in_text(text: str, codes: Codes | None = None) -> list[str]:
    """What is wrong with a piece of text a person sees or hears: markup, internal codes, plural slips."""
    codes = codes or GENERAL_CODES
    faults = []
    if match := MARKUP_RE.search(text):
        faults.append(f"markup shown as text: {_around(text, match)}")
    plain = ADDRESS_RE.sub(" ", text)
    for match in SNAKE_RE.finditer(plain):
        faults.append(f"an internal code: {match.group()!r} in {_around(plain, match)}")
    for match in DOTTED_RE.finditer(plain):
        token = match.group()
        parts = token.split(".")
        if token in codes.keys or (parts[0] in codes.tops and parts[-1] not in WEB_ENDINGS):
            faults.append(f"a content key: {token!r} in {_around(plain, match)}")
    coded = {code for code in codes.ids if any(ch.isdigit() for ch in code) or "_" in code}
    for word in re.findall(r"[\w-]+", plain):
        if word in coded and not SNAKE_RE.fullmatch(word):
            faults.append(f"an internal code: {word!r}")
    if match := REPR_RE.search(plain):
        faults.append(f"program text: {_around(plain, match)}")
    if match := NONE_RE.search(plain):
        faults.append(f"'None' shown: {_around(plain, match)}")
    for pattern in codes.plural_res:
        if match := pattern.search(plain):
            faults.append(f"a count with the wrong plural: {match.group()!r} in {_around(plain, match)}")
    return faults


def _around(text: str, match: re.Match) -> str:
    return repr(text[max(0, match.start() - 40) : match.end() + 40])


def check_what_a_person_meets(soup: BeautifulSoup, codes: Codes | None = None) -> None:
    """Fail on anything a person would see or hear that we did not mean them to."""
    faults = faults_in_text(spoken_text(soup), codes)
    for name in accessible_names(soup):
        faults += [f"{fault} (in an accessible name)" for fault in faults_in_text(name, codes)]
    for group in soup.select(".govuk-radios, .govuk-checkboxes"):
        inputs = group.select("input[type=radio], input[type=checkbox]")
        if group.select_one("input[type=checkbox]") and len(inputs) == 1:
            continue  # one checkbox with its own label is not a group
        fieldset = group.find_parent("fieldset")
        legend = fieldset.find("legend", recursive=False) if fieldset else None
        names = ", ".join(sorted({i.get("name", "?") for i in inputs}))
        if legend is None:
            faults.append(f"a group of choices ({names}) has no fieldset legend saying what it asks")
        elif not " ".join(legend.get_text(" ", strip=True).split()):
            faults.append(f"a group of choices ({names}) has an empty legend")
    assert not faults, "what a person meets on this page:\n" + "\n".join(f"- {fault}" for fault in faults)


class CheckedClient(FlaskClient):
    """A test client that runs the page checker on every HTML page it gets, however it is asked for."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if (
            response.mimetype == "text/html"
            and not 300 <= response.status_code < 400
            and response.status_code != 204
            and response.get_data()
        ):
            response.soup = check_page(
                response.get_data(as_text=True), response.status_code, codes_for(self.application)
            )
        return response


class Portal:
    def __init__(self, app):
        self.app = app
        self.client = CheckedClient(app, app.response_class, use_cookies=True)  # checks every page it gets
        self._token: str | None = None  # Flask-WTF's token is one per session, for every form

    def get(self, url: str, status: int = 200, follow: bool = False):
        response = self.client.get(url, follow_redirects=follow)
        assert response.status_code == status, f"GET {url}: {response.status_code}, wanted {status}"
        return response

    def csrf(self, url: str) -> str:
        response = self.client.get(url)
        match = CSRF_RE.search(response.get_data(as_text=True))
        assert match, f"no CSRF token on {url} ({response.status_code})"
        return match.group(1)

    def post(self, url: str, data: dict, status: int = 302, token_from: str | None = None):
        if self._token is None or token_from:
            self._token = self.csrf(token_from or url)
        token = self._token
        response = self.client.post(url, data={"csrf_token": token, **data})
        assert response.status_code == status, (
            f"POST {url}: {response.status_code}, wanted {status}\n{response.get_data(as_text=True)[:3000]}"
        )
        return response

    def submit(self, url: str, data: dict, status: int = 302, form_from: str | None = None):
        """Post a form as a browser would: with the hidden fields (CSRF and one-time token) from its page."""
        page = self.client.get(form_from or url)
        soup = getattr(page, "soup", None) or BeautifulSoup(page.get_data(as_text=True), "html.parser")
        form = soup.select_one("main form[method=post]")
        assert form is not None, f"no form on {form_from or url} ({page.status_code})"
        hidden = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
        response = self.client.post(url, data={**hidden, **data})
        assert response.status_code == status, (
            f"POST {url}: {response.status_code}, wanted {status}\n{response.get_data(as_text=True)[:3000]}"
        )
        response.sent_data = {**hidden, **data}
        return response

    def sign_in(self, person: str = "alex") -> None:
        self.post("/sign-in/demo", {"person": person}, token_from="/sign-in/demo")
        self._token = None  # signing in starts a new session

    def sign_out(self, everywhere: bool = False):
        """Press "Sign out" (or "Sign out on all devices") on the sign-out page."""
        response = self.submit("/sign-out", {"everywhere": "yes"} if everywhere else {}, status=303)
        self._token = None
        return response

    def start(self, for_whom: str = "myself", **someone) -> str:
        """Start an assessment and return its id."""
        if for_whom == "myself":
            response = self.post("/assessments/new", {"for_whom": "myself"})
        else:
            self.post("/assessments/new", {"for_whom": "someone_else"})
            response = self.post(
                "/assessments/new/someone-else",
                {
                    "person_name": someone.get("person_name", "Ravi"),
                    "relationship": someone.get("relationship", "Son"),
                    "basis": someone.get("basis", "asked_by_person"),
                    **({"pronouns": someone["pronouns"]} if "pronouns" in someone else {}),
                },
            )
        return response.location.rstrip("/").split("/")[-1]

    def answer(self, assessment_id: str, question_id: str, value: str, more: str | None = None):
        data = answer_fields(question_id, value)
        if more is not None:
            data["more"] = more
        return self.post(f"/assessments/{assessment_id}/questions/{question_id}", data)

    def answer_all(self, assessment_id: str, answers: dict[str, str] | None = None) -> None:
        """Answer by following the journey: each Continue leads to the next question."""
        answers = answers or WORKED_EXAMPLE
        url = f"/assessments/{assessment_id}/questions/date_of_birth"
        while "/questions/" in url:
            question_id = url.split("?")[0].rsplit("/", 1)[-1]
            response = self.post(url, answer_fields(question_id, answers[question_id]))
            url = response.location
        assert url.endswith("/check"), url

    def send(self, assessment_id: str):
        return self.post(f"/assessments/{assessment_id}/send", {"confirm": "y"})

    def budget_for(
        self, answers: dict[str, str] | None = None, for_whom: str = "myself"
    ) -> tuple[str, object]:
        assessment_id = self.start(for_whom)
        self.answer_all(assessment_id, answers)
        self.send(assessment_id)
        return assessment_id, self.get(f"/assessments/{assessment_id}/budget")
