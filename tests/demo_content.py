"""Changes to a copy of the demo council's content that tests start from."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CARERS_COMMENT = "# The carer's own assessment: questionnaires/carers.yaml."


def drop_carers_assessment(content: Path) -> None:
    """Take the demo's carer's assessment out of a copy of its content: its file, its pictures and its
    words in every language, so a test can put in a questionnaire of its own with the id carers."""
    path = content / "questionnaires" / "carers.yaml"
    questions = set(yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])
    path.unlink()
    for question in questions:
        (content / "pictures" / "questions" / f"{question}.svg").unlink(missing_ok=True)
        shutil.rmtree(content / "pictures" / "answers" / question, ignore_errors=True)
    for language in sorted((content / "text").glob("*.yaml")):
        kept: list[str] = []
        inside = False  # in the questionnaires: block
        in_pictures = False
        skipping = False  # in a carer's question's picture words
        for line in language.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.rstrip("\n") == CARERS_COMMENT:
                continue
            top_level = bool(line.strip()) and not line.startswith((" ", "#"))
            if top_level:
                inside = line.startswith("questionnaires:")
                in_pictures = line.startswith("pictures:")
                skipping = False
            if inside:
                continue
            if in_pictures and line.strip():
                indent = len(line) - len(line.lstrip(" "))
                if indent <= 4:
                    skipping = indent == 4 and line.strip().rstrip(":") in questions
            if not skipping:
                kept.append(line)
        language.write_text("".join(kept), encoding="utf-8")
