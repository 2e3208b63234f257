"""Every label for a constant of the disagreement rules, keyed once, by the rules' own constants.

Templates never compare a state, a move or a role: the view models (`views.py`, `staff/views.py`)
pick the label here and the template shows it. A new state, move or outcome needs a label here, and
tests/web/test_disagreement.py checks that every constant has one.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from portal.ras import disagreement as rules
from portal.ras import staff_roles

Label = LazyString

# --- the steps of the route -----------------------------------------------------------------------

STEP_NAME: dict[str, Label] = {
    rules.STEP_CARE_MANAGER: _l("Care manager"),
    rules.STEP_TEAM_MANAGER: _l("Team manager"),
    rules.STEP_COMPLAINT: _l("Formal complaint"),
    rules.STEP_ADVOCATE: _l("Advocate"),
}
STEP_NUMBER = {
    rules.STEP_PLAN: 1,
    rules.STEP_CARE_MANAGER: 2,
    rules.STEP_TEAM_MANAGER: 3,
    rules.STEP_COMPLAINT: 4,
    rules.STEP_OMBUDSMAN: 5,
}  # the advocate is not numbered: it can come at any step

# The person's progress with a step of the guide: a tag's words and colour. TODO has no tag.
PROGRESS_TAG: dict[str, tuple[Label, str]] = {
    rules.CURRENT: (_l("You are here"), ""),
    rules.CURRENT_WAITING: (_l("You are here: waiting for an answer"), ""),
    rules.WAITING: (_l("Waiting for an answer"), "govuk-tag--grey"),
    rules.DONE: (_l("Done"), "govuk-tag--green"),
    rules.ASKED: (_l("You asked for an advocate"), "govuk-tag--green"),
}

# --- what was sent or answered: one heading for each kind of entry on a timeline -------------------

ENTRY_TITLE: dict[str, Label] = {
    rules.RAISE: _l("Disagreement sent"),
    rules.ADD_INFORMATION: _l("More information sent"),
    rules.REQUEST_ADVOCATE: _l("Asked for an advocate"),
    rules.ESCALATE: _l("Asked a team manager to look again"),
    rules.COMPLAIN: _l("Formal complaint made"),
    rules.CLOSE: _l("Disagreement closed"),
    rules.ARRANGE_MEETING: _l("Meeting or call arranged"),
    rules.AGREE_NEW_AMOUNT: _l("New amount agreed"),
    rules.KEEP_AMOUNT: _l("The amount stays the same"),
    rules.ACKNOWLEDGE: _l("Complaint received"),
    rules.ANSWER_COMPLAINT: _l("Final answer to the complaint"),
    rules.LETTER_POSTED: _l("Letter posted"),
}

# Who sent an entry. `%(name)s` is their name.
AUTHOR: dict[str, Label] = {
    rules.CARE_MANAGER: _l("%(name)s, care manager"),
    rules.TEAM_MANAGER: _l("%(name)s, team manager"),
    rules.COMPLAINTS_OFFICER: _l("%(name)s, complaints team"),
}
ACTING_FOR_PERSON = _l("%(name)s, acting for the person")
THE_PERSON = _l("The person")
SOMEONE = _l("Someone")

# The person's page once a form is sent: its title, by the move the form made.
SENT_TITLE: dict[str, Label] = {
    rules.RAISE: _l("Your message is sent"),
    rules.ADD_INFORMATION: _l("Your information is sent"),
    rules.REQUEST_ADVOCATE: _l("You asked for an advocate"),
    rules.ESCALATE: _l("Your request is sent"),
    rules.COMPLAIN: _l("Your complaint is sent"),
    rules.CLOSE: _l("Your disagreement is closed"),
}

# --- staff ----------------------------------------------------------------------------------------

ROLE_NAME: dict[str, Label] = {
    rules.CARE_MANAGER: _l("care manager"),
    rules.TEAM_MANAGER: _l("team manager"),
    rules.COMPLAINTS_OFFICER: _l("complaints officer"),
    staff_roles.PANEL: _l("member of the panel"),
}
TASK: dict[str, Label] = {
    rules.ANSWER: _l("Answer"),
    rules.ACKNOWLEDGE: _l("Say we have the complaint"),
    rules.ANSWER_COMPLAINT: _l("Give the final answer"),
}
# A care manager's or team manager's answer, as they choose it.
DECISION_CHOICE: dict[str, Label] = {
    rules.AGREE_NEW_AMOUNT: _l("Agree a new amount"),
    rules.KEEP_AMOUNT: _l("The amount stays the same"),
    rules.ARRANGE_MEETING: _l("Arrange a meeting or a call first"),
}
# The council's final answer to a complaint: as the complaints team chooses it, and as the person reads it.
OUTCOME_CHOICE: dict[str, Label] = {
    rules.UPHELD: _l("We agree with the complaint"),
    rules.PARTLY_UPHELD: _l("We agree with some of the complaint"),
    rules.NOT_UPHELD: _l("We do not agree with the complaint"),
}
OUTCOME_SAID: dict[str, Label] = {
    rules.UPHELD: _l("We agree with the complaint."),
    rules.PARTLY_UPHELD: _l("We agree with some of the complaint."),
    rules.NOT_UPHELD: _l("We do not agree with the complaint."),
}

# --- how the person wants us to be in touch -------------------------------------------------------

MEETING, CALL, EITHER, WRITING = "meeting", "call", "either", "writing"
TALK_CHOICE: dict[str, Label] = {  # as the person chooses it
    MEETING: _l("Yes, I would like to meet"),
    CALL: _l("Yes, I would like a phone call"),
    EITHER: _l("Yes, a meeting or a phone call"),
    WRITING: _l("No, answer me in writing"),
}
TALK_SAID: dict[str, Label] = {  # as the timeline tells staff and the person
    MEETING: _l("Would like to meet"),
    CALL: _l("Would like a phone call"),
    EITHER: _l("Would like a meeting or a phone call"),
    WRITING: _l("Would like an answer in writing"),
}
BY_EMAIL, BY_PHONE, BY_LETTER, BY_CARER, BY_ADVOCATE = "email", "phone", "letter", "carer", "advocate"
CONTACT_CHOICE: dict[str, Label] = {
    BY_EMAIL: _l("By email"),
    BY_PHONE: _l("By phone"),
    BY_LETTER: _l("By letter"),
    BY_CARER: _l("Through my carer, a family member or a friend"),
    BY_ADVOCATE: _l("Through my advocate"),
}
CONTACT_SAID: dict[str, Label] = {  # `%(name)s` is the carer's or advocate's name
    BY_EMAIL: _l("By email"),
    BY_PHONE: _l("By phone"),
    BY_LETTER: _l("By letter"),
    BY_CARER: _l("Through %(name)s (carer, family member or friend)"),
    BY_ADVOCATE: _l("Through %(name)s (advocate)"),
}


def said(label: Label, **values: object) -> str:
    """A label with its `%(name)s` filled in, after translation."""
    return str(label) % values if values else str(label)
