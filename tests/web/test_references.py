"""Reference numbers: one alphabet with no look-alike characters, and never the same one twice."""

from __future__ import annotations

import re

from sqlalchemy import UniqueConstraint

from portal.store import references
from portal.store.disagreement_models import Disagreement
from portal.store.disagreement_models import new_reference as new_disagreement_reference
from portal.store.models import Assessment
from portal.store.plan_models import PlanSubmission
from portal.store.plan_models import new_reference as new_plan_reference
from portal.store.schema import metadata


def test_the_alphabet_has_no_characters_that_look_alike():
    assert not set(references.ALPHABET) & set("01ILOU")
    assert set(references.LOOK_ALIKE) == set("01ILOU")
    assert len(set(references.ALPHABET)) == len(references.ALPHABET) == 30
    assert set(references.ALPHABET) == set("23456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_plans_and_disagreements_use_the_one_alphabet():
    code = f"[{references.ALPHABET}]{{4}}"
    sent_form = (lambda: references.new_reference("FORM"), "FORM")  # a sent form that makes no budget
    for make, prefix in ((new_plan_reference, "PLAN"), (new_disagreement_reference, "DIS"), sent_form):
        made = {make() for _ in range(500)}
        assert len(made) == 500
        assert all(re.fullmatch(f"{prefix}-{code}-{code}", reference) for reference in made)
        # Over 500 references (4,000 characters), every character of the alphabet turns up.
        assert set("".join(made).replace(f"{prefix}-", "").replace("-", "")) == set(references.ALPHABET)


def _unique(table, column: str) -> bool:
    if table.c[column].unique:
        return True
    return any(
        isinstance(c, UniqueConstraint) and [col.name for col in c.columns] == [column]
        for c in table.constraints
    )


def test_each_reference_column_is_unique_in_the_database():
    columns = [
        (table, column.name)
        for table in metadata.sorted_tables
        for column in table.columns
        if column.name == "reference"
    ]
    assert {table.name for table, _ in columns} == {
        Disagreement.__tablename__,
        PlanSubmission.__tablename__,
        Assessment.__tablename__,
        "review_requests",  # an early review asked for: REV-...
    }
    for table, column in columns:
        assert _unique(table, column), f"{table.name}.{column} must be unique"
        # A form has a reference once it is sent, and only if it makes no budget (the budget is its record).
        assert table.c[column].nullable == (table.name == Assessment.__tablename__)
