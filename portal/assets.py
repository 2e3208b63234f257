"""Public assets (portal/static/assets/, served at /assets/) and the compression of what the portal sends.

- Every asset is read once when the app starts: its content hash is its ETag (the same on every server,
  unlike one made from file times) and its version in links (`url_for('static', ...)` adds `?v=<hash>`).
  A link with the current version may be kept for a year (`immutable`); any other is checked each time.
- No session is opened or saved for an asset: no session cookie, no `Vary: Cookie`, so that a shared
  cache may keep it without ever handing one person's cookie to another.
- Text (CSS, JavaScript, SVG, HTML) is sent compressed with brotli or gzip when the browser accepts it.
  Assets are compressed once, at start-up. Pages are compressed as they are sent, and only for requests
  the browser marks as made by this site or by the person (`Sec-Fetch-Site: same-origin` or `none`): a
  page that holds a secret (the CSRF token) and echoes what was sent is never compressed for a request
  another site started, which is what the BREACH attack needs.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import NotFound

try:
    import brotli  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - installed with WeasyPrint's font tools
    brotli = None

YEAR = 365 * 24 * 60 * 60
ASSETS_PREFIX = "/assets/"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
SMALLEST_WORTH_COMPRESSING = 1024  # bytes


@dataclass(frozen=True)
class Asset:
    body: bytes
    mimetype: str
    version: str
    compressed: dict[str, bytes]


def _compress(body: bytes, encoding: str, fast: bool = False) -> bytes:
    if encoding == "br" and brotli is not None:
        return brotli.compress(body, quality=4 if fast else 11)
    return gzip.compress(body, compresslevel=6 if fast else 9, mtime=0)


def _encodings() -> tuple[str, ...]:
    return ("br", "gzip") if brotli is not None else ("gzip",)


def load(folder: Path) -> dict[str, Asset]:
    assets = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        body = path.read_bytes()
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name.endswith(".js"):
            mimetype = "text/javascript"
        compressed = {}
        if mimetype.startswith(TEXT_TYPES) and len(body) >= SMALLEST_WORTH_COMPRESSING:
            compressed = {encoding: _compress(body, encoding) for encoding in _encodings()}
        version = hashlib.sha256(body).hexdigest()[:16]
        assets[name] = Asset(body=body, mimetype=mimetype, version=version, compressed=compressed)
    return assets


def accepted_encoding(compressed: dict[str, Any]) -> str | None:
    accepted = request.accept_encodings
    return next((e for e in _encodings() if e in compressed and accepted[e]), None)


def send(filename: str, assets: dict[str, Asset]) -> Response:
    asset = assets.get(filename)
    if asset is None:
        raise NotFound()
    encoding = accepted_encoding(asset.compressed)
    response = Response(asset.compressed[encoding] if encoding else asset.body, mimetype=asset.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if asset.compressed:
        response.vary.add("Accept-Encoding")
    # One ETag for each form sent, so that a cache never mixes them up.
    response.set_etag(asset.version + (f"-{encoding}" if encoding else ""))
    if request.args.get("v") == asset.version:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.public = True
        response.cache_control.no_cache = True  # keep, but ask each time: the ETag makes that cheap
    return response.make_conditional(request)


class NoSessionForAssets(SecureCookieSessionInterface):
    """Flask's signed-cookie session, except for public assets: none is opened, none is saved."""

    def open_session(self, app: Flask, request: Any) -> Any:
        if request.path.startswith(ASSETS_PREFIX):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: Any, response: Response) -> None:
        if request.path.startswith(ASSETS_PREFIX):
            return
        super().save_session(app, session, response)


def compress_page(response: Response) -> Response:
    """Compress a page as it is sent (see the module's note on which requests are answered so)."""
    if (
        response.direct_passthrough
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(TEXT_TYPES)
        or request.headers.get("Sec-Fetch-Site") not in ("same-origin", "none")
    ):
        return response
    body = response.get_data()
    if len(body) < SMALLEST_WORTH_COMPRESSING:
        return response
    encoding = accepted_encoding(dict.fromkeys(_encodings()))
    response.vary.add("Accept-Encoding")
    if encoding is None:
        return response
    response.set_data(_compress(body, encoding, fast=True))
    response.headers["Content-Encoding"] = encoding
    return response


def init_app(app: Flask) -> None:
    assert app.static_folder is not None
    assets = load(Path(app.static_folder))
    app.extensions["portal_assets"] = assets
    app.session_interface = NoSessionForAssets()
    app.view_functions["static"] = lambda filename: send(filename, assets)

    @app.url_defaults
    def _versioned(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "v" not in values:
            asset = assets.get(values.get("filename", ""))
            if asset is not None:
                values["v"] = asset.version

    # Registered first, so that it runs last: after every other hook has set its headers.
    app.after_request_funcs.setdefault(None, []).insert(0, compress_page)
