"""Fixtures for checking the council's content files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from portal.ras import load_config

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def _load_readability():
    # Loaded from its file, so it needs no package and no change to sys.path.
    spec = importlib.util.spec_from_file_location(
        "content_readability", Path(__file__).with_name("readability.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def readability():
    """The helpers in tests/content/readability.py."""
    return _load_readability()


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return CONTENT_DIR


@pytest.fixture(scope="session")
def demo_config():
    return load_config(CONTENT_DIR)
