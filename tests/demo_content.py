"""Changes to a copy of the demo council's content that tests start from."""

from __future__ import annotations

from pathlib import Path

CARERS_COMMENT = "# The carer's own assessment: questionnaires/carers.yaml."


def drop_carers_assessment(content: Path) -> None:
    """Take the demo's carer's assessment out of a copy of its content: its file and its words in every
    language, so a test can put in a questionnaire of its own with the id carers."""
    (content / "questionnaires" / "carers.yaml").unlink()
    for language in sorted((content / "text").glob("*.yaml")):
        kept: list[str] = []
        inside = False
        for line in language.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.rstrip("\n") == CARERS_COMMENT:
                continue
            if line.startswith("questionnaires:"):
                inside = True
                continue
            if inside and line.strip() and not line.startswith((" ", "#")):
                inside = False
            if not inside:
                kept.append(line)
        language.write_text("".join(kept), encoding="utf-8")
