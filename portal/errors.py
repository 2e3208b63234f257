"""Every error a person can meet gets a page in the GOV.UK pattern, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PAGES = {
    400: "errors/400.html",
    403: "errors/404.html",
    404: "errors/404.html",
    405: "errors/404.html",
    429: "errors/500.html",
}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        # 403 and 404 look the same, so that nobody learns whether someone else's record exists.
        status = 404 if error.code == 403 else (error.code or 500)
        g.error_page = True  # the language switch goes to the start page, not back to this address
        return render_template(PAGES.get(error.code or 500, "errors/500.html")), status

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("Unexpected error")
        g.error_page = True
        return render_template("errors/500.html"), 500
