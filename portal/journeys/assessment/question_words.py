"""A question's words (its title, hint and error) as the reader sees them: talking to "you", or about the
named person someone fills the form in for, and naming an earlier answer when the question's words use one
(`uses_answer` in questionnaire.yaml): "Can Sam keep helping you?" once "Who helps you most?" was answered
"Sam", and "Can they keep helping you?" while it was left empty.

The answer is what someone typed: it fills a placeholder as plain text, and pages escape it like any other
text, so it never becomes markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from portal import ras
from portal.content import config
from portal.i18n import content_text, person_text

PARTS = ("title", "hint", "error")


def named_answer(question: ras.Question, answers: Mapping[str, str]) -> dict[str, str]:
    """The earlier answer this question's words name, as {placeholder: answer}; empty when it names none
    or that answer is empty."""
    if question.uses_answer is None:
        return {}
    placeholder, source = question.uses_answer
    given = (answers.get(source) or "").strip()
    return {placeholder: given} if given else {}


def question_words(
    q: ras.Questionnaire, question_id: str, part: str, name: str | None, answers: Mapping[str, str]
) -> str:
    """The question's `part` (title, hint or error) for this reader, with the answers given so far."""
    base = q.text_key(f"questions.{question_id}.{part}")
    question = q.questions.get(question_id)
    named = named_answer(question, answers) if question is not None else {}
    if not named:
        return person_text(base, name)
    if name:
        return content_text(f"{base}.other_named", name=name, **named)
    return content_text(f"{base}.self_named", **named)


def option_words(base: str, question: ras.Question, name: str | None, answers: Mapping[str, str]) -> str:
    """An option's label or hint (`base`, its text key: `options.<question>.<option>.label`) for this
    reader: naming the earlier answer as the question's title does, where the option has words for it
    ("Sam can keep helping me as they do now"), else its usual words."""
    named = named_answer(question, answers)
    key = f"{base}.{'other' if name else 'self'}_named"
    if named and key in config().texts.get("en", {}):
        return content_text(key, **({"name": name} if name else {}), **named)
    return person_text(base, name)
