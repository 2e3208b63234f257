"""The council's rules: questions, skip rules, points and money.

Pure Python: no web framework, no database. The only input/output is
`load_config`, which reads the YAML files in `content/`.

    >>> from pathlib import Path
    >>> from portal.ras import load_config, calculate
    >>> config = load_config(Path("content"))
    >>> calculate(config, answers).weekly_pence

Support plan totals are in `portal.ras.plan` (`summarise(config, calculation, items)`).
"""

from portal.ras.loading import load_config
from portal.ras.model import (
    Band,
    Condition,
    Config,
    ConfigError,
    Council,
    FamilyHelpRule,
    Option,
    PriceItem,
    PriceList,
    Question,
    Questionnaire,
    Section,
)
from portal.ras.routing import (
    OPERATORS,
    can_visit,
    first_unanswered,
    is_complete,
    next_question,
    path,
    previous_question,
    relevant_answers,
    section_status,
)
from portal.ras.scoring import (
    Adjustment,
    AreaLine,
    BandLine,
    Calculation,
    band_lines,
    calculate,
    round_half_up,
)

__all__ = [
    "OPERATORS",
    "Adjustment",
    "AreaLine",
    "Band",
    "BandLine",
    "Calculation",
    "Condition",
    "Config",
    "ConfigError",
    "Council",
    "FamilyHelpRule",
    "Option",
    "PriceItem",
    "PriceList",
    "Question",
    "Questionnaire",
    "Section",
    "band_lines",
    "calculate",
    "can_visit",
    "first_unanswered",
    "is_complete",
    "load_config",
    "next_question",
    "path",
    "previous_question",
    "relevant_answers",
    "round_half_up",
    "section_status",
]
