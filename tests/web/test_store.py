"""Records that must never change once written, on each database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.store.models import AuditEvent, Calculation, ImmutableRecordError


def test_a_stored_calculation_cannot_be_changed_or_deleted(portal, app):
    portal.sign_in("alex")
    portal.budget_for()
    with app.extensions["db_sessionmaker"]() as session:
        calculation = session.scalar(select(Calculation))
        calculation.weekly_pence = 1
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        session.delete(session.scalar(select(Calculation)))
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        assert session.scalar(select(Calculation.weekly_pence)) == 11880


def test_an_audit_event_cannot_be_changed_or_deleted(portal, app):
    portal.sign_in("jo")
    assessment_id = portal.start("someone_else")
    portal.get(f"/assessments/{assessment_id}")
    with app.extensions["db_sessionmaker"]() as session:
        event = session.scalar(select(AuditEvent))
        assert (event.action, event.basis) == ("view", "authority:asked_by_person")
        event.action = "nothing"
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        session.delete(session.scalar(select(AuditEvent)))
        with pytest.raises(ImmutableRecordError):
            session.commit()


def test_the_migrations_match_the_models(database_url):
    """A model change without a migration fails here (autogenerate finds nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from portal.store.schema import metadata

    engine = create_engine(database_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == [], f"the models differ from the migrations: {diff}"
