"""Pictures beside questions and answers: shown with words that say what they mean, served safely,
turned off and on by the person, and checked at start-up so a broken one never reaches a page."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from portal import create_app
from portal.ras import ConfigError
from portal.settings import Settings
from tests.conftest import TEST_SECRET
from tests.web.helpers import Portal

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ["independent", "some_help", "daily_help", "full_help"]


def _open(portal: Portal, question_id: str, for_whom: str = "myself", **someone):
    """Sign in, start an assessment and open a question at the start of its section."""
    portal.sign_in("alex")
    assessment_id = portal.start(for_whom, **someone)
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    portal.answer(assessment_id, "living_situation", "alone")
    return assessment_id, portal.get(f"/assessments/{assessment_id}/questions/{question_id}").soup


def _choose(portal: Portal, show: str, back_to: str | None, status: int = 302):
    data = {"show": show}
    if back_to is not None:
        data["next"] = back_to
    # Signed out, the token comes from the sign-in page's form.
    return portal.post(
        "/pictures/choose", data, status=status, token_from="/sign-in/demo" if portal._token is None else None
    )


# --- on the question pages ----------------------------------------------------


def test_a_question_shows_its_picture_beside_the_heading_with_what_it_means(portal):
    _, page = _open(portal, "nutrition")
    picture = page.select_one(".app-question > img.app-picture--question")
    assert picture["alt"] == "Food and drink"
    assert picture["src"].startswith("/pictures/questions/nutrition.svg?v=")
    assert (picture["width"], picture["height"]) == ("112", "112"), "sized, so the page does not jump"
    # The picture comes just before the heading, outside the fieldset: its words are not part of
    # the question's name that a screen reader reads for every answer.
    assert picture.find_next("h1") is page.select_one("legend h1")
    assert not page.select("legend img, h1 img")


def test_each_answer_has_its_own_picture_drawn_for_the_question_inside_its_label(portal):
    _, page = _open(portal, "nutrition")
    assert "app-radios--pictures" in page.select_one(".govuk-radios")["class"]
    alts = []
    for item, level in zip(page.select(".govuk-radios__item"), LEVELS, strict=True):
        radio, label = item.select_one("input"), item.select_one("label")
        picture = label.select_one("img.app-picture--option")
        assert picture["src"].startswith(f"/pictures/answers/nutrition/{level}.svg?v=")
        assert label["for"] == radio["id"], "a click on the picture chooses the answer"
        assert (picture["width"], picture["height"]) == ("96", "96"), "big enough on a phone"
        alts.append(picture["alt"])
    # The answer's words and hint say what its picture shows: the picture is not read out as well, so
    # each answer's name is its words alone.
    assert alts == ["", "", "", ""]
    labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert labels == [
        "I do not need help",
        "I need a little help on some days",
        "I need help with some of it every day",
        "I need help with all of it, every time",
    ]


@pytest.mark.parametrize(
    ("question_id", "self_text", "other_text"),
    [
        ("relationships", "You and a friend", "Ravi and a friend"),
        ("nights", "Night time", "Night time"),
    ],
)
def test_picture_words_talk_to_the_person_or_about_them(
    portal, other_portal, question_id, self_text, other_text
):
    _, own = _open(portal, question_id)
    assert own.select_one("img.app-picture--question")["alt"] == self_text
    _, theirs = _open(other_portal, question_id, "someone_else", person_name="Ravi")
    assert theirs.select_one("img.app-picture--question")["alt"] == other_text
    assert all(img["alt"] == "" for img in theirs.select("img.app-picture--option"))
    assert theirs.select_one(".govuk-radios__label").get_text(strip=True).startswith("Ravi ")


def test_nights_answers_have_their_own_pictures(portal):
    _, page = _open(portal, "nights")
    sources = [img["src"].split("?")[0] for img in page.select("img.app-picture--option")]
    assert sources == [
        f"/pictures/answers/nights/{name}.svg"
        for name in ("none", "some_nights", "most_nights", "awake_all_night")
    ]


def test_answers_of_questions_without_points_have_their_own_pictures_not_a_help_level(portal):
    # informal_help has an answer "none" too, but it means "no family help", not "no help at night".
    _, page = _open(portal, "informal_help")
    assert page.select_one("img.app-picture--question")["alt"] == "A family member or friend helps you"
    sources = [img["src"].split("?")[0] for img in page.select("img.app-picture--option")]
    assert sources == [
        f"/pictures/answers/informal_help/{name}.svg"
        for name in ("none", "few_hours", "most_days", "every_day")
    ]
    assert page.select_one("img.app-picture--option")["alt"] == ""


def test_the_switch_for_pictures_comes_before_the_question(portal):
    assessment_id, _ = _open(portal, "nutrition")
    page = portal.get(f"/assessments/{assessment_id}/questions/living_situation").soup
    switch = page.select_one("form.app-pictures-toggle")
    assert switch.get_text(strip=True) == "Hide pictures"
    assert switch.find_next("h1") is page.select_one("legend h1"), "near the top, before the question"
    assert page.select("img.app-picture--option")


def test_an_error_keeps_the_picture_beside_the_heading(portal):
    assessment_id, _ = _open(portal, "nutrition")
    page = portal.post(f"/assessments/{assessment_id}/questions/nutrition", {}, status=200).soup
    assert "app-question--error" in page.select_one(".app-question")["class"]
    assert page.select_one("img.app-picture--question")["alt"] == "Food and drink"


# --- turning pictures off and on ----------------------------------------------


def test_pictures_can_be_hidden_and_shown_again_and_the_choice_is_kept(portal):
    assessment_id, page = _open(portal, "nutrition")
    nutrition = f"/assessments/{assessment_id}/questions/nutrition"
    toggle = page.select_one("form.app-pictures-toggle")
    assert toggle["action"] == "/pictures/choose"
    assert toggle.select_one("input[name=next]")["value"] == nutrition
    assert toggle.select_one("input[name=show]")["value"] == "no"
    assert toggle.select_one("button").get_text(strip=True) == "Hide pictures"

    response = _choose(portal, "no", nutrition)
    assert response.location == nutrition, "back to the same page"
    page = portal.get(nutrition).soup
    assert not page.select("img.app-picture")
    assert page.select_one("form.app-pictures-toggle button").get_text(strip=True) == "Show pictures"
    assert page.select_one("form.app-pictures-toggle input[name=show]")["value"] == "yes"

    # Kept on the next page, and after signing out and in again.
    portal.answer(assessment_id, "nutrition", "some_help")
    page = portal.get(f"/assessments/{assessment_id}/questions/personal_hygiene").soup
    assert not page.select("img.app-picture")
    portal.sign_out()
    portal.sign_in("alex")
    page = portal.get(f"/assessments/{assessment_id}/questions/personal_hygiene").soup
    assert not page.select("img.app-picture")

    _choose(portal, "yes", f"/assessments/{assessment_id}/questions/personal_hygiene?change=1")
    page = portal.get(f"/assessments/{assessment_id}/questions/personal_hygiene").soup
    assert page.select_one("img.app-picture--question")["alt"] == "Having a wash"
    assert len(page.select("img.app-picture--option")) == 4


def test_the_way_back_keeps_the_address_of_the_page(portal):
    assessment_id, _ = _open(portal, "nutrition")
    page = portal.get(f"/assessments/{assessment_id}/questions/nutrition?change=1").soup
    back_to = page.select_one("form.app-pictures-toggle input[name=next]")["value"]
    assert back_to == f"/assessments/{assessment_id}/questions/nutrition?change=1"
    assert _choose(portal, "no", back_to).location == back_to


@pytest.mark.parametrize(
    "back_to",
    [
        None,
        "",
        "https://evil.example/x",
        "//evil.example/x",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/" + "a" * 2001,
    ],
)
def test_the_button_only_goes_back_to_a_page_on_this_site(portal, back_to):
    response = _choose(portal, "no", back_to)
    assert response.location == "/account"


def test_the_button_needs_a_real_choice(portal):
    _choose(portal, "maybe", "/", status=400)


# --- serving the files ----------------------------------------------------------


def test_a_picture_is_served_as_svg_that_cannot_run_anything(portal):
    _, page = _open(portal, "nutrition")
    src = page.select_one("img.app-picture--question")["src"]
    response = portal.client.get(src)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data == (ROOT / "content" / "pictures" / "questions" / "nutrition.svg").read_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script" not in policy
    # The file name carries a version, so browsers may keep it; it holds nothing personal.
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Pages allow pictures from the portal itself, and still keep nothing.
    page_response = portal.client.get("/")
    assert "img-src 'self'" in page_response.headers["Content-Security-Policy"]
    assert page_response.headers["Cache-Control"] == "no-store"


def test_pictures_are_served_without_signing_in(portal):
    assert portal.client.get("/pictures/levels/some_help.svg").status_code == 200
    response = portal.client.get("/pictures/answers/personal_hygiene/daily_help.svg")
    assert response.status_code == 200
    assert response.data == (ROOT / "content/pictures/answers/personal_hygiene/daily_help.svg").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "/pictures/questions/NUTRITION.svg",
        "/pictures/questions/nutrition.png",
        "/pictures/questions/nutrition",
        "/pictures/other/nutrition.svg",
        "/pictures/Questions/nutrition.svg",
        "/pictures/questions/no_such_question.svg",
        "/pictures/levels/nutrition.svg",
        "/pictures/answers/nutrition.svg",
        "/pictures/answers/nutrition/sometimes.svg",
        "/pictures/answers/Nutrition/daily_help.svg",
        "/pictures/answers/nutrition/..%2F..%2Fquestions%2Fnutrition.svg",
        "/pictures/questions/..%2Fcouncil.svg",
        "/pictures/questions/%2e%2e.svg",
        "/pictures/questions/.svg",
        "/pictures/questions/nutrition.svg/x.svg",
        "/pictures/../content/council.yaml",
    ],
)
def test_anything_but_a_known_picture_is_not_found(portal, url):
    assert portal.client.get(url).status_code == 404


# --- a broken picture stops start-up ------------------------------------------

NUTRITION = "pictures/questions/nutrition.svg"
SVG_START = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">\n'


def _content(tmp_path: Path) -> Path:
    """A copy of the council content in English only: these tests change the English picture words
    (a test of another language copies English itself)."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for language in (content / "text").glob("*.yaml"):
        if language.name != "en.yaml":
            language.unlink()
    return content


def _start(content: Path):
    settings = Settings(
        environment="development",
        secret_key=TEST_SECRET,
        database_url="sqlite://",
        content_dir=content,
        demo_sign_in=True,
    )
    return create_app(settings)


def _write(content: Path, file: str, text: str) -> None:
    (content / file).write_text(text, encoding="utf-8")


def _edit(content: Path, file: str, old: str, new: str) -> None:
    text = (content / file).read_text(encoding="utf-8")
    assert old in text, old
    _write(content, file, text.replace(old, new, 1))


BROKEN_PICTURES = {
    "script": (
        SVG_START + '<circle r="3"/>\n<script>alert(1)</script>\n</svg>',
        "line 3",
        "remove the <script> element; a picture must not run code",
    ),
    "script in a namespace": (
        SVG_START + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>',
        "line 2",
        "remove the <script> element; a picture must not run code",
    ),
    "on attribute": (
        SVG_START + '<circle r="3" onclick="alert(1)"/></svg>',
        "line 2",
        'remove onclick="..." from <circle>; a picture must not run code',
    ),
    "outside link": (
        SVG_START.replace(">", ' xmlns:xlink="http://www.w3.org/1999/xlink">', 1)
        + '<image xlink:href="https://example.org/a.png" width="9" height="9"/></svg>',
        "line 2",
        (
            '<image> links to "https://example.org/a.png"; a picture must not load or link to '
            "other files (only links inside it, starting with #)"
        ),
    ),
    "outside style": (
        SVG_START + '<rect width="9" height="9" style="fill: url(https://example.org/x)"/></svg>',
        "line 2",
        'style="..." on <rect> loads something from outside the picture',
    ),
    "style sheet import": (
        SVG_START + "<style>@import url(https://example.org/a.css);</style></svg>",
        "line 2",
        "the <style> loads something from outside the picture",
    ),
    "style sheet instruction": (
        '<?xml-stylesheet href="https://example.org/a.css"?>\n' + SVG_START + "</svg>",
        "line 1",
        "remove <?xml-stylesheet ...?>; a picture must not load other files",
    ),
    "entities": (
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n' + SVG_START + "</svg>",
        "line 1",
        "remove the <!DOCTYPE ...> line; pictures must not define their own entities",
    ),
    "moving": (
        SVG_START + '<circle r="3"><animate attributeName="r" to="9"/></circle></svg>',
        "line 2",
        "remove the <animate> element; a picture must keep still",
    ),
    "words": (
        SVG_START + "<text>Food</text></svg>",
        "line 2",
        (
            "remove the <text> element; a picture must not hold words; words go in "
            "text/<language>.yaml, where they can be read out and translated"
        ),
    ),
    "malformed": (
        SVG_START + '<circle r="3">\n</svg>',
        "line 3",
        "this is not a well-formed SVG file (mismatched tag)",
    ),
    "not svg": (
        '<html xmlns="http://www.w3.org/1999/xhtml"></html>',
        "line 1",
        'must start with <svg xmlns="http://www.w3.org/2000/svg">',
    ),
    "no viewBox": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"></svg>',
        "line 1",
        'the <svg> needs a viewBox, like viewBox="0 0 64 64", so it can be shown at any size',
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_PICTURES))
def test_a_broken_picture_stops_start_up(tmp_path, case):
    svg, key, problem = BROKEN_PICTURES[case]
    content = _content(tmp_path)
    _write(content, NUTRITION, svg)
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert (error.value.file, error.value.key, error.value.problem) == (NUTRITION, key, problem)
    assert str(error.value) == f"{NUTRITION}: {key}: {problem}"


def _remove_texts(content: Path, kind: str, name: str, file: str = "text/en.yaml") -> None:
    text = (content / file).read_text(encoding="utf-8")
    block = text[text.index("\npictures:") :]
    start = block.index(f"\n  {kind}:")
    entry = block.index(f"\n    {name}:\n", start)
    end = block.index("\n      other:", entry)
    end = block.index("\n", end + 1)
    _write(content, file, text.replace(block, block[:entry] + block[end:]))


def test_a_picture_without_its_words_stops_start_up(tmp_path):
    content = _content(tmp_path)
    _remove_texts(content, "questions", "nutrition")
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert error.value.file == "text/en.yaml"
    assert error.value.key == "pictures.questions.nutrition.self"
    assert error.value.problem == (
        "is missing; the picture pictures/questions/nutrition.svg needs a short text that says what it means"
    )


def test_a_picture_without_its_words_in_another_language_stops_start_up(tmp_path):
    content = _content(tmp_path)
    shutil.copy(content / "text" / "en.yaml", content / "text" / "cy.yaml")
    _remove_texts(content, "levels", "full_help", "text/cy.yaml")
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert error.value.file == "text/cy.yaml"
    assert error.value.key == "pictures.levels.full_help.self"
    assert "is missing" in error.value.problem


def test_words_without_their_picture_stop_start_up(tmp_path):
    content = _content(tmp_path)
    (content / "pictures" / "questions" / "toilet.svg").unlink()
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert (error.value.file, error.value.key, error.value.problem) == (
        "text/en.yaml",
        "pictures.questions.toilet.self",
        "there is no picture pictures/questions/toilet.svg for this text; "
        "add the picture, or remove the text",
    )


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "      self: Food and drink\n      other: Food and drink\n",
            "      self: Food and drink\n",
            "pictures.questions.nutrition.other",
            (
                "is missing; the picture pictures/questions/nutrition.svg needs "
                "a short text that says what it means"
            ),
        ),
        (
            "      other: Food and drink\n",
            "      other: Food and drink for {amount}\n",
            "pictures.questions.nutrition.other",
            "can only use the placeholder {name} here, not {amount}",
        ),
        (
            "  levels:\n",
            "  levels:\n    sometimes: Now and then\n",
            "pictures.levels.sometimes",
            "each picture needs two texts, self and other, like pictures.questions.nutrition.self "
            "or pictures.answers.nutrition.daily_help.self",
        ),
        (
            "  answers:\n",
            "  answers:\n    flying:\n      high:\n        self: Up\n        other: Up\n",
            "pictures.answers.flying.high.self",
            "there is no picture pictures/answers/flying/high.svg for this text; "
            "add the picture, or remove the text",
        ),
    ],
)
def test_picture_words_in_the_wrong_shape_stop_start_up(tmp_path, old, new, key, problem):
    content = _content(tmp_path)
    _edit(content, "text/en.yaml", old, new)
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert (error.value.file, error.value.key, error.value.problem) == ("text/en.yaml", key, problem)


@pytest.mark.parametrize(
    ("file", "problem"),
    [
        (
            "pictures/questions/flying.svg",
            'there is no question "flying" in questionnaire.yaml; '
            "name the file after the question it goes with",
        ),
        (
            "pictures/levels/sometimes.svg",
            (
                'no question with points has an answer "sometimes"; '
                "help-level pictures are named after one of: "
                "awake_all_night, daily_help, full_help, independent, most_nights, none, some_help, "
                "some_nights"
            ),
        ),
        (
            "pictures/questions/Nutrition-2.svg",
            "the file name must be an id: lower-case letters, digits and _, then .svg",
        ),
        ("pictures/questions/nutrition.png", "pictures must be SVG files with a name ending .svg"),
        (
            "pictures/photos",
            "put pictures in pictures/questions/, pictures/answers/, pictures/levels/ "
            "or pictures/ideas/; nothing else goes in pictures/",
        ),
        (
            "pictures/answers/flying/high.svg",
            'there is no question "flying" in questionnaire.yaml; '
            "put an answer's picture in a folder named after its question",
        ),
        (
            "pictures/answers/nutrition/sometimes.svg",
            'the question "nutrition" has no answer "sometimes"; name the file after one of: '
            "independent, some_help, daily_help, full_help",
        ),
        (
            "pictures/answers/date_of_birth/old.svg",
            'the question "date_of_birth" has no answer "old"; '
            "name the file after one of: (it has no answers to pick)",
        ),
    ],
)
def test_a_picture_in_the_wrong_place_stops_start_up(tmp_path, file, problem):
    content = _content(tmp_path)
    (content / file).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(content / NUTRITION, content / file)
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert (error.value.file, error.value.key, error.value.problem) == (file, "", problem)


def test_a_huge_picture_stops_start_up(tmp_path):
    content = _content(tmp_path)
    _write(content, NUTRITION, SVG_START + "<!-- " + "x" * 60_000 + " -->\n</svg>")
    with pytest.raises(ConfigError) as error:
        _start(content)
    assert error.value.file == NUTRITION
    assert error.value.problem == "this picture is 60 KB; keep pictures simple and under 50 KB"


def test_drawing_tools_own_markup_is_fine(tmp_path):
    content = _content(tmp_path)
    _write(
        content,
        NUTRITION,
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- made with a drawing tool -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 128 96">\n'
        "<title>Plate</title><inkscape:layer/><style>.a { fill: url(#g); }</style>"
        '<defs><linearGradient id="g"/><circle id="c" r="9"/></defs>'
        '<use href="#c" class="a"/><use xlink:href="#c" fill="url( \'#g\' )"/></svg>',
    )
    app = _start(content)
    picture = app.extensions["pictures"].get("questions", "nutrition")
    assert picture.box(80) == (80, 60), "a wide picture keeps its shape"


def test_a_council_can_have_no_pictures_at_all(tmp_path, settings):
    content = _content(tmp_path)
    shutil.rmtree(content / "pictures")
    text = (content / "text" / "en.yaml").read_text(encoding="utf-8")
    start = text.index("\n# Pictures:")
    end = text.index("\n# ", text.index("\npictures:"))
    _write(content, "text/en.yaml", text[:start] + text[end:])
    app = create_app(replace(settings, content_dir=content))
    try:
        page = _open(Portal(app), "nutrition")[1]
        assert not page.select("img.app-picture, form.app-pictures-toggle")
    finally:
        app.extensions["db_engine"].dispose()


def test_an_answers_own_picture_is_not_read_out_as_well_as_its_words(tmp_path, settings):
    # Even when its words differ from the answer's, the answer's own picture shows what the answer and its
    # hint say: a screen reader reads the answer once.
    content = _content(tmp_path)
    _edit(
        content,
        "text/en.yaml",
        "        self: I make my food on my own\n",
        "        self: A plate of food and me\n",
    )
    app = create_app(replace(settings, content_dir=content))
    try:
        page = _open(Portal(app), "nutrition")[1]
        first, second = page.select("img.app-picture--option")[:2]
        assert first["alt"] == "" and second["alt"] == ""
        assert first.parent.get_text(strip=True) == "I do not need help"
    finally:
        app.extensions["db_engine"].dispose()
