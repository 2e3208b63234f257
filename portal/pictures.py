"""Pictures beside the questions and answers, for people who read better with them (CONTENT.md).

They are council content, like the words: `content/pictures/questions/<question id>.svg` sits
beside a question's heading, and `content/pictures/answers/<question id>/<answer id>.svg` beside
one answer, drawn for that topic and that much help. Where a question has no drawing of its own
for an answer, `content/pictures/levels/<answer id>.svg` (a help level the need questions share)
is used for answers of questions that have points. `content/pictures/ideas/<id>.svg` sits beside a
key idea of the budget, plan and disagreement pages (the ids are named in those pages). What each
picture means is said in words in every `text/<language>.yaml`, under `pictures.<kind>.<name>.self`
and `.other` (for answers, `pictures.answers.<question id>.<answer id>.self`), like the questions'
own texts.

`load_pictures` reads and checks them all once, at start-up. A picture that could run code, load
something from elsewhere or fail to draw, a picture without its words, or words without their
picture, stops the portal with a `ConfigError` naming the file, the setting (or line) and the problem.
Pages then only read what was loaded: nothing is read from disk for a request.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from portal.ras.loading.texts import PRONOUN_VARIANTS, placeholders
from portal.ras.model import Config, ConfigError, Question
from portal.svg_check import Bad, check_svg

if TYPE_CHECKING:
    from flask import Flask

FOLDER = "pictures"
KINDS = ("questions", "levels", "answers", "ideas")
ANSWERS = "answers"  # the one kind in folders: answers/<question id>/<answer id>.svg
FORMS = ("self", "other")  # as for question texts: talking to the person, or about them by name
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_BYTES = 50_000
PREFERENCE = "pictures"  # session key; "off" when the person has hidden pictures


@dataclass(frozen=True)
class Picture:
    kind: str
    name: str
    data: bytes
    width: float  # from the viewBox: only the shape matters
    height: float
    version: str  # changes when the file changes, so browsers can keep a copy for a long time
    question: str | None = None  # for an answer's own picture: the question it belongs to

    @property
    def file(self) -> str:
        folder = f"{self.kind}/{self.question}" if self.question else self.kind
        return f"{FOLDER}/{folder}/{self.name}.svg"

    @property
    def text_key(self) -> str:
        middle = f"{self.question}.{self.name}" if self.question else self.name
        return f"{FOLDER}.{self.kind}.{middle}"

    @property
    def key(self) -> str:
        """Its name among the pictures of its kind: "nutrition/daily_help" for an answer's own picture."""
        return f"{self.question}/{self.name}" if self.question else self.name

    def box(self, size: int) -> tuple[int, int]:
        """Width and height that fit a `size` square and keep the picture's shape."""
        scale = size / max(self.width, self.height)
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))


@dataclass(frozen=True)
class Pictures:
    by_kind: dict[str, dict[str, Picture]]

    def get(self, kind: str, name: str) -> Picture | None:
        return self.by_kind.get(kind, {}).get(name)

    def for_question(self, question: Question) -> Picture | None:
        return self.get("questions", question.id)

    def for_option(self, question: Question, option_id: str, own: bool = True) -> Picture | None:
        """The answer's own picture first (`own`: the question is the self-assessment's, which the
        answers' folders are named after). Else a help-level picture, which belongs to answers that
        score points only: "none" means no help at night, not "no family help", so questions without
        points never borrow one."""
        drawn = self.get(ANSWERS, f"{question.id}/{option_id}") if own else None
        if drawn is not None:
            return drawn
        return self.get("levels", option_id) if question.scored else None

    def on_page(self, question: Question) -> bool:
        return self.for_question(question) is not None or any(
            self.for_option(question, option_id) for option_id in question.option_ids
        )


def same_words(a: str, b: str) -> bool:
    """True when two texts say the same words (ignoring case, spacing and a full stop)."""

    def plain(text: str) -> str:
        return " ".join(text.casefold().split()).rstrip(".!?")

    return plain(a) == plain(b)


# --- loading and checking ---------------------------------------------------


def _read_picture(kind: str, path: Path, config: Config, question: str | None = None) -> Picture:
    folder = f"{kind}/{question}" if question else kind
    file = f"{FOLDER}/{folder}/{path.name}"
    name = path.stem
    if path.suffix != ".svg" or not path.is_file():
        raise ConfigError(file, "", "pictures must be SVG files with a name ending .svg")
    if not NAME_PATTERN.fullmatch(name):
        raise ConfigError(
            file, "", "the file name must be an id: lower-case letters, digits and _, then .svg"
        )
    questions = _every_question(config)
    if kind == "questions" and name not in questions:
        raise ConfigError(
            file,
            "",
            f'there is no question "{name}" in questionnaire.yaml; '
            "name the file after the question it goes with",
        )
    if kind == "levels":
        # Help levels are the self-assessment's: another questionnaire's answers each have their own picture.
        main = config.questionnaire.questions.values()
        scored = sorted({o for q in main if q.scored for o in q.option_ids})
        if name not in scored:
            raise ConfigError(
                file,
                "",
                f'no question with points has an answer "{name}"; '
                f"help-level pictures are named after one of: {', '.join(scored)}",
            )
    if kind == ANSWERS:
        options = _all_questions(config).get(question or "")
        if options is None:
            raise ConfigError(
                file,
                "",
                f'there is no question "{question}" in questionnaire.yaml; '
                "put an answer's picture in a folder named after its question",
            )
        if name not in options:
            raise ConfigError(
                file,
                "",
                f'the question "{question}" has no answer "{name}"; '
                f"name the file after one of: {', '.join(options) or '(it has no answers to pick)'}",
            )
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ConfigError(
            file,
            "",
            f"this picture is {len(data) // 1000} KB; keep pictures simple and under {MAX_BYTES // 1000} KB",
        )
    try:
        width, height = check_svg(data)
    except Bad as bad:
        raise ConfigError(file, f"line {bad.line}", bad.problem) from None
    version = hashlib.sha256(data).hexdigest()[:10]
    return Picture(
        kind=kind, name=name, data=data, width=width, height=height, version=version, question=question
    )


def _every_question(config: Config) -> dict[str, Question]:
    """The questions of every questionnaire (the self-assessment's first), by id: pictures are named
    after them. A question id asked in two questionnaires has one picture."""
    found: dict[str, Question] = {}
    for questionnaire in config.questionnaires.values():
        for question in questionnaire.questions.values():
            found.setdefault(question.id, question)
    return found


def _all_questions(config: Config) -> dict[str, tuple[str, ...]]:
    """The question ids of every questionnaire, with their answer ids: pictures are named after them."""
    return {q.id: tuple(q.option_ids) for q in _every_question(config).values()}


def _scan(content_dir: Path, config: Config) -> dict[str, dict[str, Picture]]:
    folder = content_dir / FOLDER
    found: dict[str, dict[str, Picture]] = {kind: {} for kind in KINDS}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.name not in KINDS or not entry.is_dir():
            raise ConfigError(
                f"{FOLDER}/{entry.name}",
                "",
                "put pictures in pictures/questions/, pictures/answers/, pictures/levels/ "
                "or pictures/ideas/; "
                "nothing else goes in pictures/",
            )
        if entry.name == ANSWERS:
            for question in sorted(entry.iterdir()):
                if question.name.startswith("."):
                    continue
                if not question.is_dir() or not NAME_PATTERN.fullmatch(question.name):
                    raise ConfigError(
                        f"{FOLDER}/{ANSWERS}/{question.name}",
                        "",
                        "put each answer's picture in a folder named after its question: "
                        "answers/<question id>/<answer id>.svg",
                    )
                for path in sorted(question.iterdir()):
                    if not path.name.startswith("."):
                        picture = _read_picture(ANSWERS, path, config, question.name)
                        found[ANSWERS][picture.key] = picture
            continue
        for path in sorted(entry.iterdir()):
            if not path.name.startswith("."):
                picture = _read_picture(entry.name, path, config)
                found[entry.name][picture.name] = picture
    return found


def _check_texts(by_kind: dict[str, dict[str, Picture]], config: Config) -> None:
    languages = sorted(config.texts, key=lambda code: (code != "en", code))
    for lang in languages:
        texts = config.texts[lang]
        file = f"text/{lang}.yaml"
        for pictures in by_kind.values():
            for picture in pictures.values():
                for form in FORMS:
                    key = f"{picture.text_key}.{form}"
                    if key not in texts:
                        raise ConfigError(
                            file,
                            key,
                            f"is missing; the picture {picture.file} needs "
                            "a short text that says what it means",
                        )
                    unknown = (placeholders(texts[key]) or frozenset()) - {"name"}
                    if unknown:
                        shown = ", ".join("{" + n + "}" for n in sorted(unknown))
                        raise ConfigError(
                            file, key, f"can only use the placeholder {{name}} here, not {shown}"
                        )
        for key in texts:
            if not key.startswith(f"{FOLDER}."):
                continue
            parts = key.split(".")
            size = 5 if len(parts) > 1 and parts[1] == ANSWERS else 4
            if len(parts) != size or parts[-1] not in FORMS + PRONOUN_VARIANTS:
                raise ConfigError(
                    file,
                    key,
                    f"each picture needs two texts, self and other, like {FOLDER}.questions.nutrition.self "
                    f"or {FOLDER}.{ANSWERS}.nutrition.daily_help.self",
                )
            kind, name = parts[1], "/".join(parts[2:-1])
            if name not in by_kind.get(kind, {}):
                raise ConfigError(
                    file,
                    key,
                    f"there is no picture {FOLDER}/{kind}/{name}.svg for this text; "
                    "add the picture, or remove the text",
                )


def load_pictures(content_dir: Path | str, config: Config) -> Pictures:
    """Read and check every picture and its texts. Raises ConfigError on the first problem."""
    by_kind = _scan(Path(content_dir), config)
    _check_texts(by_kind, config)
    return Pictures(by_kind=by_kind)


# --- on pages -----------------------------------------------------------------


def shown() -> bool:
    """Pictures are shown unless the person has hidden them."""
    from flask import session

    return session.get(PREFERENCE) != "off"


def loaded() -> Pictures:
    """The pictures the running portal loaded at start-up."""
    from flask import current_app

    return cast(Pictures, current_app.extensions["pictures"])


def page_has_pictures(question: Question) -> bool:
    return loaded().on_page(question)


def question_picture(question: Question) -> Picture | None:
    """The picture beside a question's heading, unless the person has hidden pictures."""
    return loaded().for_question(question) if shown() else None


def idea_picture(name: str) -> Picture | None:
    """The picture beside a key idea of a page (content/pictures/ideas/<name>.svg), unless the person has
    hidden pictures or the council has none for it."""
    return loaded().get("ideas", name) if shown() else None


def option_picture(question: Question, option_id: str, own: bool = True) -> Picture | None:
    """The picture beside an answer, unless the person has hidden pictures."""
    return loaded().for_option(question, option_id, own) if shown() else None


def picture_words(picture: Picture, name: str | None) -> str:
    """What a picture means, in the person's words: about them by name when someone acts for them."""
    from portal.i18n import person_text

    return person_text(picture.text_key, name)


def picture_url(picture: Picture) -> str:
    """The picture's address, with its version so that it can be kept a year. Worked out once for each
    picture (a page of answers with pictures asked for each again on every look)."""
    from flask import current_app, request, url_for

    kept: dict[tuple, str] = current_app.extensions.setdefault("picture_urls", {})
    key = (request.script_root, picture.kind, picture.question, picture.name, picture.version)
    url = kept.get(key)
    if url is None:
        if picture.question:
            url = url_for(
                "pictures.answer_picture", question=picture.question, name=picture.name, v=picture.version
            )
        else:
            url = url_for("pictures.picture", kind=picture.kind, name=picture.name, v=picture.version)
        kept[key] = url
    return url


def init_app(app: Flask) -> None:
    """Load and check the pictures: a broken one stops start-up. Templates reach them through
    the functions above (see portal/templating.py)."""
    from portal.content import config

    app.extensions["pictures"] = load_pictures(app.extensions["portal_settings"].content_dir, config(app))
