"""The council's content in the running portal: loaded and checked once, when the portal starts.

`config()` is the one way code that runs for a request reaches the council's rules, texts and prices.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from flask import Flask, current_app
from flask.globals import _cv_app  # noqa: PLC2701 - the app context, as `current_app` finds it

from portal import ras

EXTENSION = "ras_config"  # where the loaded config is kept, in app.extensions


def init_app(app: Flask, content_dir: Path) -> None:
    """Load and check the content. A broken file stops the portal here, with a message naming it."""
    # Looked up on the module when called, so that tests can remember loads between apps.
    app.extensions[EXTENSION] = ras.load_config(content_dir)


def config(app: Flask | None = None) -> ras.Config:
    """The council's content, for the app handling this request (or the app given).

    Found through the app context itself, as `current_app` finds it, not through its proxy: a 200-item
    plan page asks for the content about 1,800 times."""
    if app is None:
        app_context = _cv_app.get(None)
        if app_context is None:
            return cast(ras.Config, current_app.extensions[EXTENSION])  # raises Flask's own error
        app = app_context.app
    return cast(ras.Config, app.extensions[EXTENSION])
