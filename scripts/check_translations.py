"""Check every UI text catalogue (translations/<code>/LC_MESSAGES/messages.po) before it is compiled.

    python scripts/check_translations.py [translations folder]

Fails (exit 1), naming the file, the line and the English text, when a catalogue cannot be read, when
Babel's own checks find a problem (a wrong number of plural forms, a %-format that does not match), or
when a translation's %(placeholders)s are not those of the English: a translation must use every named
placeholder of its English text and no other (a plural form may leave out %(num)s, as "one hour" can, and
what one of the English forms leaves out).
`make translations` runs it after `pybabel compile`; the portal's tests run it too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import PoFileError, read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)([-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])|%(%)|(%)")


def placeholders(text: str) -> set[tuple[str, str]] | None:
    """The %(name)s placeholders of a text, with their types; None when a lone % would break formatting."""
    found = set()
    for name, kind, escaped, lone in PLACEHOLDER.findall(text):
        if lone:
            return None
        if escaped:
            continue
        found.add((name, kind[-1]))
    return found


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return ids, list(strings)


def check_message(message: Message, num_plurals: int = 2) -> list[str]:
    """What is wrong with one translated message (empty when nothing, or when it is not translated)."""
    ids, all_strings = _forms(message)
    strings = [text for text in all_strings if text]
    if not message.id or not strings:
        return []
    plural = len(ids) > 1
    problems: list[str] = []
    if plural and len(strings) != num_plurals:
        problems.append(f"has {len(strings)} of the language's {num_plurals} plural forms; write them all")
    english = [placeholders(text) for text in ids]
    if any(p is None for p in english):
        return problems  # a source text without %-formatting (Babel has not flagged it python-format)
    wanted = set().union(*[p for p in english if p is not None])
    for text in strings:
        got = placeholders(text)
        if got is None:
            problems.append(f"a % that is not a placeholder (write %% for a percent sign) in {text!r}")
            continue
        missing = wanted - got
        if (
            plural
        ):  # a form may leave out what an English form leaves out ("Point 1" has no "last"), and the count
            needed = set.intersection(*[set(p) for p in english if p is not None])
            missing = {p for p in missing if p in needed and p[0] != "num"}
        extra = got - wanted
        parts = []
        if missing:
            parts.append("missing " + ", ".join(sorted(f"%({n}){k}" for n, k in missing)))
        if extra:
            parts.append("not in English " + ", ".join(sorted(f"%({n}){k}" for n, k in extra)))
        if parts:
            problems.append("placeholders differ from the English: " + "; ".join(parts))
    return list(dict.fromkeys(problems))  # each problem once, however many plural forms have it


def check_catalogue(path: Path) -> list[str]:
    """Every problem in one .po file, each as 'file:line: English text: problem'."""
    try:
        with open(path, "rb") as f:
            catalogue = read_po(f, abort_invalid=True)
    except (PoFileError, ValueError, OSError, UnicodeDecodeError) as error:
        return [f"{path}: cannot be read: {error}"]
    problems = []
    for message, errors in catalogue.check():
        for error in errors:
            problems.append(f"{path}:{message.lineno}: {_first(message)!r}: {error}")
    for message in catalogue:
        for problem in check_message(message, catalogue.num_plurals):
            problems.append(f"{path}:{message.lineno}: {_first(message)!r}: {problem}")
    return problems


def _first(message: Message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else str(message.id)


def check_folder(folder: Path) -> list[str]:
    problems = []
    for path in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        problems.extend(check_catalogue(path))
    return problems


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "translations"
    problems = check_folder(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(list(folder.glob("*/LC_MESSAGES/messages.po")))
    if problems:
        print(f"{len(problems)} problems in the translations: fix them before compiling.", file=sys.stderr)
        return 1
    print(f"{count} translation catalogues checked: no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
