"""The council's openness content (content/transparency.yaml), read and checked when the portal starts, and
the data the public pages show, all from the rules layer."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from flask import Flask, current_app

from portal import ras
from portal.content import config
from portal.ras.loading.openness import Openness, load_openness
from portal.ras.open_rules import OpenRules, open_rules

EXTENSION = "openness"
# The council's words the public pages need (content/text/en.yaml, under `public`).
TEXTS = ("public.not_covered", "public.final_budget")


def init_app(app: Flask, content_dir: Path) -> None:
    """Read transparency.yaml: a mistake in it stops the portal here, naming the file, setting and problem."""
    loaded = load_openness(content_dir, config(app))
    english = config(app).texts["en"]
    for key in TEXTS:
        if key not in english:
            raise ras.ConfigError("text/en.yaml", key, "is missing: the public rules page needs it")
    app.extensions[EXTENSION] = loaded


def openness() -> Openness:
    return cast(Openness, current_app.extensions[EXTENSION])


def rules() -> OpenRules:
    """The rules as the public page shows them, with the worked example the rules work out."""
    return open_rules(config(), openness().worked_example)
