"""Work that every test app repeats, done once per test session.

Each web test builds its own app (`create_app`), so that nothing leaks between tests. Measured, most of a
web test's time was not its requests but two things each new app did again: loading and checking the
council's content (about 0.7 s), and compiling every template it showed (about 1 s over a few pages).
Both give the same result every time for the same files, so the test session keeps them:

- `load_config` is remembered for a content folder, keyed by every file's path, size and modification
  time: a test that writes its own content folder, or changes a file, gets a fresh load (and its errors).
  The config is made of frozen dataclasses; tests that change it replace it, they never change it in place.
- compiled templates are shared through Jinja's bytecode cache, keyed by the template's name, file and
  source checksum (Jinja's own key) and by the environment's settings that change the compiled code.

Nothing in the portal changes: this is in the tests only (tests/conftest.py turns it on).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import BytecodeCache


class SharedTemplates(BytecodeCache):
    """Compiled templates, kept in memory for every app the tests build."""

    def __init__(self) -> None:
        self.compiled: dict[tuple, bytes] = {}

    @staticmethod
    def _key(bucket) -> tuple:
        env = bucket.environment
        return (
            bucket.key,
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.newline_sequence,
            env.optimized,
            env.block_start_string,
            env.variable_start_string,
            env.comment_start_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            tuple(sorted(env.extensions)),
        )

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source's checksum has changed

    def dump_bytecode(self, bucket) -> None:
        self.compiled[self._key(bucket)] = bucket.bytecode_to_string()


def _fingerprint(folder: Path) -> tuple:
    files = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            stat = os.stat(os.path.join(root, name))
            files.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(files))


def remembering(load_config):
    """`load_config`, remembered for unchanged content folders. Errors are never remembered."""
    loaded: dict[tuple, object] = {}

    def load(content_dir, *args, **kwargs):
        folder = Path(content_dir).resolve()
        key = (folder, _fingerprint(folder), args, tuple(sorted(kwargs.items())))
        if key not in loaded:
            loaded[key] = load_config(content_dir, *args, **kwargs)
        return loaded[key]

    return load


@contextmanager
def shared_app_work() -> Iterator[None]:
    import pytest
    from flask import Flask

    from portal import ras

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ras, "load_config", remembering(ras.load_config))
        patch.setattr(Flask, "jinja_options", {**Flask.jinja_options, "bytecode_cache": SharedTemplates()})
        yield
