"""The strict YAML reader every content file goes through, and `ContentFile`, which checks one value
at a time and names the file and setting in the error.

The YAML reader is deliberately plain: only `true` and `false` are yes/no values (so option ids `yes`
and `no` stay words), whole numbers stay whole, numbers with a point become `Decimal` (never float),
dates stay text, and a setting given twice is reported instead of silently keeping the last one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import yaml

from portal.ras.model import ConfigError

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# --- a small, strict YAML reader -------------------------------------------


class _Mapping(dict[Any, Any]):
    """A YAML mapping that remembers keys given more than once."""

    duplicates: list[tuple[Any, int]]


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    return int(loader.construct_scalar(node))


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Iterator[_Mapping]:
    data = _Mapping()
    data.duplicates = []
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a setting's name must be a single word", key_node.start_mark
            ) from None
        value = loader.construct_object(value_node, deep=True)
        if key in data:
            data.duplicates.append((key, key_node.start_mark.line + 1))
        data[key] = value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(content_dir: Path, relative: str) -> Any:
    """The data in one content file. Raises ConfigError when it is missing, empty or not YAML."""
    path = content_dir / relative
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(relative, "", "this file is missing") from None
    except UnicodeDecodeError:
        raise ConfigError(relative, "", "this file must be saved as UTF-8 text") from None
    except OSError as error:
        raise ConfigError(relative, "", f"this file cannot be read ({error.strerror})") from None
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}" if mark is not None else ""
        problem = (error.problem or error.context or "unreadable").strip()
        raise ConfigError(
            relative,
            line,
            f"this is not valid YAML ({problem}); check the spaces at the start of the line "
            "and that each setting has a colon",
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(relative, "", f"this is not valid YAML ({error})") from None
    if data is None:
        raise ConfigError(relative, "", "this file is empty")
    return data


# --- checking one value and naming it in the error ---------------------------


def show(value: Any) -> str:
    """A value as a council officer would recognise it in their file."""
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of settings"
    if isinstance(value, list):
        return "a list"
    return str(value)


def join_key(key: str, part: object) -> str:
    """The dotted name of a setting inside `key`."""
    return f"{key}.{part}" if key else str(part)


class ContentFile:
    """Checks values from one file, raising ConfigError with that file's name."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ConfigError(self.name, key, problem)

    def mapping(
        self,
        key: str,
        value: Any,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        *,
        any_keys: bool = False,
    ) -> dict[Any, Any]:
        if not isinstance(value, dict):
            self.fail(key, f"must be a set of settings (name: value), not {show(value)}")
        for duplicate, line in getattr(value, "duplicates", []):
            self.fail(
                join_key(key, duplicate),
                f"is given more than once (again on line {line}); each one needs its own name",
            )
        for name in value:
            if not isinstance(name, str):
                self.fail(
                    join_key(key, name),
                    "must be a word, not a number or true/false; put it in quotes if you need it",
                )
        if not any_keys:
            known = required + optional
            for name in value:
                if name not in known:
                    self.fail(
                        join_key(key, name),
                        f"is not a setting we know; check the spelling (it can be: {', '.join(known)})",
                    )
        for name in required:
            if name not in value:
                self.fail(join_key(key, name), "is missing")
        return value

    def identifier(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.fail(
                key,
                "must be an id made of lower-case letters, digits and _, "
                f"starting with a letter, not {show(value)}",
            )
        return value

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {show(value)}; put it in quotes")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {show(value)}")
        return value

    def whole_number(
        self, key: str, value: Any, *, minimum: int = 0, what: str = "a whole number", example: str = ""
    ) -> int:
        if type(value) is not int or value < minimum:
            self.fail(key, f"must be {what} of {minimum} or more{example}, not {show(value)}")
        return value

    def number(self, key: str, value: Any, *, low: int, high: int, what: str) -> Decimal:
        if type(value) is int:
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite() or not low <= value <= high:
            self.fail(key, f"must be {what} from {low} to {high}, not {show(value)}")
        return value

    def id_list(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {show(value)}")
        seen: set[str] = set()
        for index, item in enumerate(value, start=1):
            self.identifier(join_key(key, index), item)
            if item in seen:
                self.fail(key, f'"{item}" is listed more than once')
            seen.add(item)
        return tuple(value)

    def version(self, key: str, value: Any, *, example: str) -> str:
        if not isinstance(value, str) or not VERSION_PATTERN.match(value):
            self.fail(
                key,
                "must be a short name made of letters, digits, - _ and . "
                f"(like {example}), not {show(value)}; put it in quotes",
            )
        return value

    def date(self, key: str, value: Any) -> date:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, f"must be a date written year-month-day, like 2026-12-01, not {show(value)}")
