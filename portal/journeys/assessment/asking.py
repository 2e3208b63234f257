"""One question page, for any store of answers: a signed-in person's draft form (kept in the database,
`assessment.views.DraftAnswers`) or a try-out without an account (kept in the session,
`public.tryout.SessionAnswers`). The page, its form, its checks and where Continue leads (the rules in
`portal.ras.routing`) are the same; only where answers are kept and the addresses of the pages differ.
"""

from __future__ import annotations

from typing import Protocol

from flask import abort, redirect, render_template, request
from flask.typing import ResponseReturnValue

from portal import ras
from portal.journeys.assessment.answer_fields import answer_field
from portal.journeys.assessment.forms import question_form
from portal.journeys.assessment.question_words import option_words, question_words
from portal.ras import progress, routing


class Answers(Protocol):
    """Where a questionnaire's answers are kept, and the addresses of its pages."""

    @property
    def questionnaire(self) -> ras.Questionnaire: ...

    @property
    def name(self) -> str | None:
        """The person's name when someone fills the form in for them; None when it is their own."""

    @property
    def keeps_more(self) -> bool:
        """True when "Tell us more" is asked and kept with each answer."""

    @property
    def list_url(self) -> str:
        """The page that lists the questions (the task list, or the try-out's start)."""

    @property
    def answering_again(self) -> bool:
        """True when the form started from the person's previous answers (a reassessment after a review):
        each question page says so."""

    def all(self) -> dict[str, str]: ...

    def saved(self, question_id: str) -> tuple[str, str | None] | None:
        """The answer kept for this question and what was said about it, or None."""

    def save(self, question_id: str, value: str, more: str | None) -> None: ...

    def url_of(self, to: routing.Destination) -> str:
        """The address of a page the rules name."""


def question_page(answers: Answers, question_id: str) -> ResponseReturnValue:
    """Show one question, or check and keep its answer and go where the rules say."""
    q = answers.questionnaire
    if question_id not in q.questions:
        abort(404)
    known = answers.all()
    if not routing.can_visit(q, known, question_id, any_section_order=True):
        return redirect(answers.url_of(routing.Destination(routing.TASK_LIST)))
    the_question = q.questions[question_id]
    name = answers.name
    # The words may name an earlier answer ("Can Sam keep helping you?"): of the questions still asked.
    given = ras.relevant_answers(q, known)
    required = question_words(q, question_id, "error", name, given)
    saved = answers.saved(question_id)
    changing = request.args.get("change") == "1"
    if request.method == "POST":
        form = question_form(the_question, required, formdata=request.form)
        if form.validate():
            value = answer_field(the_question).stored(form[question_id])
            more = (form.more.data or "").strip() or None if answers.keeps_more else None
            answers.save(question_id, value, more)
            known[question_id] = value
            return redirect(answers.url_of(routing.after_answer(q, known, question_id, changing)))
    else:
        form = question_form(
            the_question, required, data={question_id: saved[0], "more": saved[1]} if saved else None
        )
    back = answers.url_of(routing.back_from(q, known, question_id, changing))
    return render_template(
        "assessment/question.html",
        q=q,
        question=the_question,
        form=form,
        field=form[question_id],
        answer=answer_field(the_question),
        name=name,
        title=question_words(q, question_id, "title", name, given),
        hint=question_words(q, question_id, "hint", name, given),
        # Each option's label and hint, naming the earlier answer where the question's words do.
        option_texts={
            option.id: {
                part: option_words(
                    q.text_key(f"options.{question_id}.{option.id}.{part}"), the_question, name, given
                )
                for part in ("label", "hint")
            }
            for option in the_question.options
        },
        back=back,
        changing=changing,
        keeps_more=answers.keeps_more,
        answering_again=answers.answering_again,
        list_url=answers.list_url,
        position=progress.question_position(q, known, question_id),
    )
