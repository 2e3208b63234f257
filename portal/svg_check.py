"""Checks on one SVG picture file (portal/pictures.py loads them): a picture must be a still drawing with
a viewBox, and must not run code, load or link to anything outside it, or hold words."""

from __future__ import annotations

import math
import re
from xml.parsers import expat

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"

# Elements that run code, embed other documents, move or hold words. Pictures are still drawings.
_WORDS = (
    "a picture must not hold words; words go in text/<language>.yaml, "
    "where they can be read out and translated"
)
NOT_ALLOWED = {
    "script": "a picture must not run code",
    "handler": "a picture must not run code",
    "listener": "a picture must not run code",
    "foreignobject": "a picture must only hold drawing, not web page parts",
    "iframe": "a picture must not show other pages",
    "object": "a picture must not show other files",
    "embed": "a picture must not show other files",
    "audio": "a picture must not play sound",
    "video": "a picture must not play video",
    "animate": "a picture must keep still",
    "animatemotion": "a picture must keep still",
    "animatetransform": "a picture must keep still",
    "animatecolor": "a picture must keep still",
    "set": "a picture must keep still",
    "text": _WORDS,
    "textpath": _WORDS,
}
# url(...) pointing anywhere but inside the picture (url(#shape) is fine)
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*[^#'\"\s)]", re.IGNORECASE)


class Bad(Exception):
    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem


def check_svg(data: bytes) -> tuple[float, float]:
    """Check one SVG file; return the width and height of its viewBox. Raises Bad."""
    parser = expat.ParserCreate(namespace_separator=" ")
    seen = {"root": False, "in_style": 0}
    size: list[float] = []

    def line() -> int:
        return parser.CurrentLineNumber

    def refuse_doctype(*_args):
        raise Bad(line(), "remove the <!DOCTYPE ...> line; pictures must not define their own entities")

    def refuse_instruction(target, _data):
        raise Bad(line(), f"remove <?{target} ...?>; a picture must not load other files")

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not seen["root"]:
            seen["root"] = True
            if local != "svg" or namespace != SVG_NAMESPACE:
                raise Bad(line(), f'must start with <svg xmlns="{SVG_NAMESPACE}">')
            size.extend(_view_box(attributes.get("viewBox"), line()))
        if local.lower() in NOT_ALLOWED:
            raise Bad(line(), f"remove the <{local}> element; {NOT_ALLOWED[local.lower()]}")
        if namespace == XHTML_NAMESPACE:
            raise Bad(line(), f"remove the <{local}> element; a picture must only hold drawing")
        if local == "style":
            seen["in_style"] += 1
        for attribute, value in attributes.items():
            attribute_name = attribute.rpartition(" ")[2]
            if attribute_name.lower().startswith("on"):
                raise Bad(
                    line(), f'remove {attribute_name}="..." from <{local}>; a picture must not run code'
                )
            if attribute_name == "href" and not value.strip().startswith("#"):
                raise Bad(
                    line(),
                    f'<{local}> links to "{value}"; a picture must not load or link to '
                    "other files (only links inside it, starting with #)",
                )
            if "javascript:" in value.lower() or _OUTSIDE_URL.search(value) or "@import" in value.lower():
                raise Bad(
                    line(), f'{attribute_name}="..." on <{local}> loads something from outside the picture'
                )

    def end(name: str) -> None:
        if name.rpartition(" ")[2] == "style":
            seen["in_style"] -= 1

    def text(content: str) -> None:
        if seen["in_style"] and (_OUTSIDE_URL.search(content) or "@import" in content.lower()):
            raise Bad(line(), "the <style> loads something from outside the picture")

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.ProcessingInstructionHandler = refuse_instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = expat.errors.messages[error.code]
        raise Bad(error.lineno, f"this is not a well-formed SVG file ({reason})") from None
    return size[0], size[1]


def _view_box(value: str | None, line: int) -> tuple[float, float]:
    parts = (value or "").replace(",", " ").split()
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(map(math.isfinite, numbers)) or numbers[2] <= 0 or numbers[3] <= 0:
        raise Bad(line, 'the <svg> needs a viewBox, like viewBox="0 0 64 64", so it can be shown at any size')
    return numbers[2], numbers[3]
