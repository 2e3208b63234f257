"""The council's pictures, and each person's choice to see them or not."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, request, session, url_for

from portal.pictures import ANSWERS, KINDS, NAME_PATTERN, PREFERENCE

bp = Blueprint("pictures", __name__)

# Pictures hold nothing personal. The file name carries a version (?v=), so browsers may keep them.
# Opened on their own, they may not run or load anything.
PICTURE_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}


@bp.get("/pictures/<kind>/<name>.svg")
def picture(kind: str, name: str):
    if kind not in KINDS or not NAME_PATTERN.fullmatch(name):
        abort(404)
    if kind == ANSWERS:
        abort(404)
    return _send(kind, name)


@bp.get("/pictures/answers/<question>/<name>.svg")
def answer_picture(question: str, name: str):
    if not NAME_PATTERN.fullmatch(question) or not NAME_PATTERN.fullmatch(name):
        abort(404)
    return _send(ANSWERS, f"{question}/{name}")


def _send(kind: str, key: str):
    found = current_app.extensions["pictures"].get(kind, key)
    if found is None:
        abort(404)
    return Response(found.data, mimetype="image/svg+xml", headers=PICTURE_HEADERS)


@bp.post("/pictures/choose")
def choose():
    """Show or hide pictures, then go back to the page the button was on. Works without JavaScript."""
    show = request.form.get("show")
    if show not in ("yes", "no"):
        abort(400)
    session[PREFERENCE] = "on" if show == "yes" else "off"
    return redirect(same_site_path(request.form.get("next")) or url_for("account.home"))


def same_site_path(target: str | None) -> str | None:
    """`target` when it is a path on this site ("/assessments/..."), else None.

    Browsers read "//host", "/\\host" and paths with tabs or line breaks in them as other sites.
    """
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    return target
