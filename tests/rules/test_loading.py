"""Loading as a package: more than one questionnaire, and modules that import each other one way only."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config
from portal.ras.model import MAIN_QUESTIONNAIRE
from tests.demo_content import drop_carers_assessment

ROOT = Path(__file__).resolve().parents[2]
RAS = ROOT / "portal" / "ras"

CARERS = """\
# A short questionnaire for carers, in the same shape as questionnaire.yaml.
sections:
  caring: [hours_caring, breaks]
questions:
  hours_caring:
    kind: radios
    options: [few, many]
  breaks:
    kind: radios
    options: [yes, no]
    skip_when: {answer: hours_caring, equals: few}
"""


def question_words() -> dict:
    return {
        "title": {"self": "Do you care?", "other": "Does {name} care?"},
        "hint": {"self": "A hint.", "other": "A hint."},
        "error": {"self": "Choose one.", "other": "Choose one."},
        "why": "We ask this to help.",
    }


def option_words() -> dict:
    return {"label": {"self": "One", "other": "One"}, "hint": {"self": "A hint.", "other": "A hint."}}


def carers_words() -> dict:
    """The words of the carers' questionnaire, as they go in text/en.yaml."""
    return {
        "questionnaires": {
            "carers": {
                "title": "Carer's assessment",
                "sections": {"caring": {"title": "Caring"}},
                "questions": {"hours_caring": question_words(), "breaks": question_words()},
                "options": {
                    "hours_caring": {"few": option_words(), "many": option_words()},
                    "breaks": {"yes": option_words(), "no": option_words()},
                },
            }
        }
    }


def as_yaml(tree: dict, indent: str = "") -> str:
    lines = []
    for name, value in tree.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{name}:\n" + as_yaml(value, indent + "  "))
        else:
            lines.append(f'{indent}{name}: "{value}"\n')
    return "".join(lines)


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    """The demo council without its own carer's assessment: these tests put in one of their own."""
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    drop_carers_assessment(target)
    return target


def add_questionnaire(content: Path, text: str = CARERS, name: str = "carers.yaml") -> None:
    (content / "questionnaires").mkdir(exist_ok=True)
    (content / "questionnaires" / name).write_text(text, encoding="utf-8")


def add_words(content: Path, words: dict) -> None:
    """Add texts to English, and the same (untranslated) texts to every other language the council has,
    as each language needs the same texts as English."""
    for language in sorted((content / "text").glob("*.yaml")):
        with language.open("a", encoding="utf-8") as texts:
            texts.write("\n" + as_yaml(words))


def test_the_demo_has_the_self_assessment_and_a_carers_assessment(demo_config):
    assert MAIN_QUESTIONNAIRE == "self_assessment"
    assert demo_config.questionnaire.id == "self_assessment"
    assert list(demo_config.questionnaires) == ["self_assessment", "carers"]
    assert demo_config.questionnaires["self_assessment"] is demo_config.questionnaire
    assert demo_config.questionnaires["carers"].produces_budget
    assert demo_config.questionnaire.text_key("questions.nutrition.why") == "questions.nutrition.why"


def test_a_second_questionnaire_is_loaded_with_its_words_under_its_id(content, demo_config):
    add_questionnaire(content)
    add_words(content, carers_words())
    config = load_config(content)
    assert list(config.questionnaires) == ["self_assessment", "carers"]
    assert config.questionnaire is config.questionnaires["self_assessment"]
    carers = config.questionnaires["carers"]
    assert carers.id == "carers"
    assert [s.id for s in carers.sections] == ["caring"]
    assert list(carers.questions) == ["hours_caring", "breaks"]
    assert carers.questions["breaks"].option_ids == ("yes", "no")
    assert carers.questions["breaks"].skip_when.values == ("few",)
    key = carers.text_key("questions.breaks.title.other")
    assert key == "questionnaires.carers.questions.breaks.title.other"
    assert config.text(key, name="Sam") == "Does Sam care?"
    # The main questionnaire and the rules that use it are as they were.
    assert config.questionnaire == demo_config.questionnaire
    assert config.family_help == demo_config.family_help


def _without_why(words: dict) -> dict:
    del words["questionnaires"]["carers"]["questions"]["hours_caring"]["why"]
    return words


def _without_title(words: dict) -> dict:
    del words["questionnaires"]["carers"]["title"]
    return words


def _title(words: dict, form: str, text: str) -> dict:
    words["questionnaires"]["carers"]["questions"]["hours_caring"]["title"][form] = text
    return words


BROKEN = [
    (
        "words missing",
        CARERS,
        _without_why(carers_words()),
        "text/en.yaml",
        "questionnaires.carers.questions.hours_caring.why",
        "is missing; every question, option and section needs this text",
    ),
    (
        "no name",
        CARERS,
        _title(carers_words(), "other", "Do they care?"),
        "text/en.yaml",
        "questionnaires.carers.questions.hours_caring.title.other",
        "must include {name}, the name of the person the form is about",
    ),
    (
        "unknown placeholder",
        CARERS,
        _title(carers_words(), "self", "Do you {often} care?"),
        "text/en.yaml",
        "questionnaires.carers.questions.hours_caring.title.self",
        "can only use the placeholder {name} here, not {often}",
    ),
    (
        "skip rule",
        CARERS.replace("equals: few", "equals: some"),
        carers_words(),
        "questionnaires/carers.yaml",
        "questions.breaks.skip_when.equals",
        '"some" is not an option of hours_caring (its options are: few, many)',
    ),
    (
        "another id",
        "id: helpers\n" + CARERS,
        carers_words(),
        "questionnaires/carers.yaml",
        "id",
        'must be "carers", the same as the file name, not "helpers"',
    ),
    (
        "a budget without money rules",
        "produces_budget: true\n" + CARERS,
        carers_words(),
        "questionnaires/carers.yaml",
        "money",
        "is missing: a questionnaire with produces_budget: true needs its own money rules "
        "(version and bands, and family_help if help from family or friends takes money off)",
    ),
    (
        "produces_budget not true or false",
        "produces_budget: no budget\n" + CARERS,
        carers_words(),
        "questionnaires/carers.yaml",
        "produces_budget",
        'must be true or false, not "no budget"',
    ),
    (
        "points without a budget",
        CARERS.replace(
            "kind: radios\n    options: [few, many]",
            "kind: radios\n    scored: true\n    options: {few: {points: 1}, many: {points: 2}}",
        ),
        carers_words(),
        "questionnaires/carers.yaml",
        "questions.hours_caring.scored",
        "must be false or left out: this questionnaire works out no budget, so its answers have no points",
    ),
    (
        "no title",
        CARERS,
        _without_title(carers_words()),
        "text/en.yaml",
        "questionnaires.carers.title",
        "is missing; every question, option and section needs this text",
    ),
    (
        "words without a questionnaire",
        None,
        carers_words(),
        "text/en.yaml",
        "questionnaires.carers.title",
        "is not a text of a questionnaire; there is no questionnaires/carers.yaml",
    ),
]


@pytest.mark.parametrize(
    "questionnaire,words,file,key,problem", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_a_broken_second_questionnaire_is_named(content, questionnaire, words, file, key, problem):
    if questionnaire is not None:
        add_questionnaire(content, questionnaire)
    add_words(content, words)
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert (error.value.file, error.value.key, error.value.problem) == (file, key, problem)


def test_another_questionnaire_works_out_a_budget_only_with_its_own_money_rules(content):
    add_questionnaire(content, "produces_budget: false\n" + CARERS)
    add_words(content, carers_words())
    config = load_config(content)
    assert config.questionnaire.produces_budget and not config.questionnaires["carers"].produces_budget
    add_questionnaire(content)  # left out, it is false for another questionnaire
    assert not load_config(content).questionnaires["carers"].produces_budget
    path = content / "questionnaire.yaml"
    path.write_text("produces_budget: false\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert (error.value.file, error.value.key, error.value.problem) == (
        "questionnaire.yaml",
        "produces_budget",
        "must be true or left out: the self-assessment in questionnaire.yaml works out the budget",
    )


def test_the_main_questionnaire_id_comes_from_its_file(content):
    path = content / "questionnaire.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: self_assessment", "id: needs"), encoding="utf-8"
    )
    config = load_config(content)
    assert list(config.questionnaires) == ["needs"] and config.questionnaire.id == "needs"


@pytest.mark.parametrize(
    "name,problem",
    [
        (
            "Carers.yaml",
            "the file name must be the questionnaire's id, like carers.yaml: "
            "lower-case letters, digits and _, then .yaml",
        ),
        (
            "carers.yml",
            "the file name must be the questionnaire's id, like carers.yaml: "
            "lower-case letters, digits and _, then .yaml",
        ),
        (
            "self_assessment.yaml",
            '"self_assessment" is already the id of the questionnaire in questionnaire.yaml; '
            "each questionnaire needs its own id",
        ),
    ],
)
def test_a_questionnaire_file_must_be_named_by_a_new_id(content, name, problem):
    add_questionnaire(content, CARERS, name)
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert (error.value.file, error.value.key, error.value.problem) == (f"questionnaires/{name}", "", problem)


# --- the shape of the rules package -------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for each `import` and `from ... import` in a file, relative imports resolved."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.append((module, [alias.name for alias in node.names]))
    return found


def test_rules_modules_import_no_private_names_and_make_no_circle():
    modules = {_module_name(path): path for path in sorted(RAS.rglob("*.py"))}
    assert "portal.ras.loading.yaml_files" in modules  # the walk really reaches the loading package
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = set()
        for module, names in _imports(path):
            if module not in modules:
                continue
            private = [n for n in names if n.startswith("_") and n != "__future__"]
            assert not private, f"{name} imports private names {private} from {module}"
            if module != name:
                graph[name].add(module)
            # `from portal.ras.loading import texts` names a module, which is an edge too
            graph[name] |= {f"{module}.{n}" for n in names if f"{module}.{n}" in modules}

    def parents(module: str) -> set[str]:
        # Importing a module runs its packages' __init__ first, except the package being run itself.
        parts = module.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts))} & set(modules)

    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", f"import circle: {' -> '.join([*trail, module])}"
        state[module] = "open"
        for target in sorted(graph[module]):
            if module not in parents(target):  # a package importing its own module is not a circle
                visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(modules):
        visit(module, [])


def test_the_circle_check_can_fail(tmp_path, monkeypatch):
    """The check above sees a circle when there is one: in a copy of the rules, the model imports loading."""
    copy = tmp_path / "portal" / "ras"
    shutil.copytree(RAS, copy)
    (tmp_path / "portal" / "__init__.py").write_text("", encoding="utf-8")
    model = copy / "model.py"
    model.write_text(
        model.read_text(encoding="utf-8") + "\nfrom portal.ras.loading.texts import placeholders\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "RAS", copy)
    with pytest.raises(AssertionError, match="import circle"):
        test_rules_modules_import_no_private_names_and_make_no_circle()


def test_no_rules_module_reaches_400_lines():
    for path in RAS.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines < 400, f"{path.relative_to(ROOT)} has {lines} lines"
