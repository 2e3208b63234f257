"""Every model module, imported once, so that Alembic and the tests see the whole schema.
A feature that adds tables adds its module here."""

from portal.store import (
    agreement_models,  # noqa: F401
    approval_models,  # noqa: F401
    disagreement_models,  # noqa: F401
    models,  # noqa: F401
    outbox_models,  # noqa: F401
    pdf_models,  # noqa: F401
    plan_models,  # noqa: F401
    review_models,  # noqa: F401
    session_models,  # noqa: F401
)
from portal.store.models import Base

metadata = Base.metadata
