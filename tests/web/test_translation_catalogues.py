"""A broken translation is caught before it reaches a person: every catalogue in translations/ passes the
check and compiles, the check names each problem (file, line, English text), and `make translations`, which
every install runs, stops on one."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.languages import ROOT, compile_all, pseudo_catalogue, write_catalogue

spec = importlib.util.spec_from_file_location(
    "check_translations", ROOT / "scripts" / "check_translations.py"
)
assert spec and spec.loader
check_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_translations)

DEMO_BANNER = "This is a demo. %(council)s is not a real council. Do not enter real details."
PARTS = ("There is %(num)s part. You can do it now.", "There are %(num)s parts. Do them in any order.")


def test_every_catalogue_in_translations_passes_the_check_and_compiles(tmp_path):
    assert check_translations.check_folder(ROOT / "translations") == []
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    compiled = compile_all(tmp_path / "translations")
    expected = sorted(p.parents[1].name for p in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
    assert compiled == expected and "en" in compiled
    assert all(
        (tmp_path / "translations" / code / "LC_MESSAGES" / "messages.mo").stat().st_size for code in compiled
    )


def _broken(tmp_path: Path, change) -> Path:
    catalogue = pseudo_catalogue("cy")
    change(catalogue)
    write_catalogue(tmp_path, "cy", catalogue)
    return tmp_path / "cy" / "LC_MESSAGES" / "messages.po"


def _set(msgid, string):
    def change(catalogue):
        catalogue[msgid].string = string

    return change


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_set(DEMO_BANNER, "[cy] %(counsil)s"), "missing %(council)s; not in English %(counsil)s"),
        (_set(DEMO_BANNER, "[cy] Dim byd"), "missing %(council)s"),
        (_set(DEMO_BANNER, "[cy] 100% %(council)s"), "a % that is not a placeholder"),
        (_set(DEMO_BANNER, "[cy] %(council)d"), "missing %(council)s; not in English %(council)d"),
        (_set(PARTS[0], ("[cy] %(num)s %(parts)s",) * 6), "not in English %(parts)s"),
        (_set(PARTS[0], ("[cy] one", "[cy] other")), "plural forms; write them all"),
    ],
    ids=["misspelt", "left out", "lone percent", "wrong type", "plural extra", "too few plural forms"],
)
def test_the_check_names_each_broken_translation(tmp_path, change, problem):
    po = _broken(tmp_path, change)
    problems = check_translations.check_folder(tmp_path)
    ours = [found for found in problems if problem in found]
    assert len(ours) == 1, problems  # once, even when several plural forms have it
    assert ours[0].startswith(f"{po}:") and "messages.po:" in ours[0]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_translations.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and problem in result.stderr


def test_a_plural_form_may_leave_out_the_number(tmp_path):
    _broken(tmp_path, _set(PARTS[0], ("[cy] Un rhan.", *["[cy] %(num)s rhan."] * 5)))
    assert check_translations.check_folder(tmp_path) == []


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_translations_stops_on_a_broken_catalogue_and_compiles_good_ones(tmp_path):
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "check_translations.py", tmp_path / "scripts")
    os.utime(tmp_path / "requirements.txt", (0, 0))  # older than the installed packages: nothing to install
    venv = Path(sys.executable).parents[1]
    if not (venv / ".installed").exists():
        pytest.skip("the virtualenv was not made by make install")
    translations = tmp_path / "translations"
    write_catalogue(translations, "cy", pseudo_catalogue("cy"))
    (translations / "cy" / "LC_MESSAGES" / "messages.mo").unlink()
    good = subprocess.run(
        ["make", "-s", "translations", f"VENV={venv}"], cwd=tmp_path, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stderr
    assert (translations / "cy" / "LC_MESSAGES" / "messages.mo").stat().st_size > 0
    _broken(translations, _set(DEMO_BANNER, "[cy] %(counsil)s"))
    (translations / "cy" / "LC_MESSAGES" / "messages.mo").unlink()
    bad = subprocess.run(
        ["make", "-s", "translations", f"VENV={venv}"], cwd=tmp_path, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "counsil" in bad.stderr and "messages.po:" in bad.stderr
    assert not (translations / "cy" / "LC_MESSAGES" / "messages.mo").exists(), "nothing compiled"
