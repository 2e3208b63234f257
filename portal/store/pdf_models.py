"""Each sent plan's PDF, made once and kept: a sent plan never changes, so neither does its PDF.

Kept by submission and language (the PDF's words are in the language of the person who asked)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.store.models import Base, utcnow


class PlanPdf(Base):
    __tablename__ = "plan_pdfs"
    __table_args__ = (UniqueConstraint("submission_id", "language", name="uq_plan_pdfs_submission_language"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("plan_submissions.id"))
    language: Mapped[str] = mapped_column(String(20))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
