"""Security headers on every response, with a fresh nonce for the page template's one inline script."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, g, request

# Responses with nothing personal in them, which browsers may keep (static files are under /assets/).
SHAREABLE_ENDPOINTS = {"pictures.picture"}


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    form_action = "'self'"
    if settings.oidc_issuer:
        parts = urlsplit(settings.oidc_issuer)
        form_action += f" {parts.scheme}://{parts.netloc}"

    @app.after_request
    def _headers(response):
        policy = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{csp_nonce()}'; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            f"form-action {form_action}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
        # A response may bring a stricter policy of its own (the council's pictures do).
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = (
            "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if settings.session_cookie_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if not request.path.startswith("/assets/") and request.endpoint not in SHAREABLE_ENDPOINTS:
            # Pages carry personal information: never keep them in shared caches.
            response.headers["Cache-Control"] = "no-store"
        return response
