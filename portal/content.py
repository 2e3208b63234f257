"""The council's content in the running portal: loaded and checked once, when the portal starts.

`config()` is the one way code that runs for a request reaches the council's rules, texts and prices.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from flask import Flask, current_app

from portal import ras

EXTENSION = "ras_config"  # where the loaded config is kept, in app.extensions


def init_app(app: Flask, content_dir: Path) -> None:
    """Load and check the content. A broken file stops the portal here, with a message naming it."""
    # Looked up on the module when called, so that tests can remember loads between apps.
    app.extensions[EXTENSION] = ras.load_config(content_dir)


def config(app: Flask | None = None) -> ras.Config:
    """The council's content, for the app handling this request (or the app given)."""
    return cast(ras.Config, (app or current_app).extensions[EXTENSION])
