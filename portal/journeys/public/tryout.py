"""Trying an estimate without an account: the answers are kept in the session cookie only (signed, so
nobody can change them; a few bytes, as option ids and one date), never on the server. The question pages
are the self-assessment's own (`portal.journeys.assessment.asking`). "Save this and carry on" signs the
person in (the answers are kept across sign-in: `portal.access.KEPT_AT_SIGN_IN`) and makes them a draft."""

from __future__ import annotations

from flask import session, url_for

from portal import ras
from portal.content import config
from portal.ras import routing

KEY = "try_out"  # in the session: {question id: answer}


class SessionAnswers:
    """A try-out's answers, kept in the session (see `asking.Answers`). "Tell us more" is not asked: what
    people write there belongs in their own saved form, not in a cookie."""

    keeps_more = False
    answering_again = False
    name = None

    def __init__(self) -> None:
        self.questionnaire: ras.Questionnaire = config().questionnaire

    @property
    def list_url(self) -> str:
        return url_for("public.try-an-estimate")

    def all(self) -> dict[str, str]:
        raw = session.get(KEY)
        if not isinstance(raw, dict):
            return {}
        questions = self.questionnaire.questions
        return {
            qid: value
            for qid, value in raw.items()
            if qid in questions and routing.valid_answer(questions[qid], value) is not None
        }

    def saved(self, question_id: str) -> tuple[str, str | None] | None:
        value = self.all().get(question_id)
        return (value, None) if value is not None else None

    def save(self, question_id: str, value: str, more: str | None) -> None:
        answers = self.all()
        answers[question_id] = value
        # Only what counts is kept: an answer a change made stale is dropped, so the cookie stays small.
        kept = {qid: v for qid, v in answers.items() if qid in routing.path(self.questionnaire, answers)}
        session[KEY] = kept

    def url_of(self, to: routing.Destination) -> str:
        if to.page == routing.QUESTION:
            return url_for(
                "public.try-question", question_id=to.question_id, **({"change": 1} if to.changing else {})
            )
        if to.page == routing.CHECK:
            return url_for("public.try-estimate")
        return url_for("public.try-an-estimate")

    def next_url(self) -> str:
        """Where to carry on: the first question without an answer, or the estimate."""
        gap = routing.first_unanswered(self.questionnaire, self.all())
        if gap is None:
            return url_for("public.try-estimate")
        return self.url_of(routing.Destination(routing.QUESTION, gap))

    def complete(self) -> bool:
        return ras.is_complete(self.questionnaire, self.all())

    def forget(self) -> None:
        session.pop(KEY, None)
