# ruff: noqa: E501  (SVG path data reads best on one line)
"""Draw the demo council's answer pictures (content/pictures/answers/<question id>/<answer id>.svg), and
the pictures beside the key ideas of the budget, plan and disagreement pages (content/pictures/ideas/).

Each picture is a small scene on the 64 by 64 grid the other pictures use, in one style:
- the person (blue) on the left, beside the thing the question is about (black);
- the help, as it grows: nobody (a green tick), a helper drawn in dashes (help on some days),
  a helper beside the person, both with a hand on it (help every day), and the helper doing it
  all while the person sits (help with all of it);
- family and friends in green, for the questions about them.

No words in a picture: what it means is said under `pictures.answers` in content/text/en.yaml.
Run it again after changing a drawing here:  .venv/bin/python scripts/draw-answer-pictures.py
"""

from __future__ import annotations

from pathlib import Path

BLUE, ORANGE, GREEN, BLACK, WHITE = "#1d70b8", "#b35900", "#00703c", "#0b0c0c", "#ffffff"
OUT = Path(__file__).resolve().parent.parent / "content" / "pictures"


def svg(*parts: str) -> str:
    body = "\n".join(p for p in parts if p)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\n{body}\n</svg>\n'


# --- figures --------------------------------------------------------------------


def figure(x: float, colour: str, *, dashed: bool = False, seated: bool = False, scale: float = 1.0) -> str:
    """A person: a head and a rounded body, standing (feet at y 56) or sitting on a stool."""
    r, w = 6 * scale, 10 * scale
    top = 20 if not seated else 28
    head_y = top - r - 2
    bottom = 56 if not seated else 50
    body = f"M{x - w:g} {bottom}V{top + w:g}a{w:g} {w:g} 0 0 1 {2 * w:g} 0V{bottom}z"
    if dashed:
        style = f'fill="none" stroke="{colour}" stroke-width="2.2" stroke-dasharray="3 2.4"'
    else:
        style = f'fill="{colour}"'
    seat = (
        f'<path d="M{x - w - 2:g} {bottom + 1}h{2 * w + 4:g}M{x - w:g} {bottom + 1}v6M{x + w:g} {bottom + 1}v6" '
        f'fill="none" stroke="{BLACK}" stroke-width="2.4" stroke-linecap="round"/>'
        if seated
        else ""
    )
    return f'<circle cx="{x:g}" cy="{head_y:g}" r="{r:g}" {style}/>\n<path d="{body}" {style}/>' + (
        "\n" + seat if seat else ""
    )


def arm(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<path d="M{x1:g} {y1:g}L{x2:g} {y2:g}" fill="none" stroke="{WHITE}" stroke-width="6.5" stroke-linecap="round"/>\n'
        f'<path d="M{x1:g} {y1:g}L{x2:g} {y2:g}" fill="none" stroke="{colour}" stroke-width="4" stroke-linecap="round"/>'
    )


def tick(x: float = 52, y: float = 10) -> str:
    return (
        f'<path d="M{x - 6:g} {y:g}l4 4l8-9" fill="none" stroke="{GREEN}" stroke-width="3.4" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


# --- things the questions are about, drawn in a box about 20 wide at (cx, cy) -----


def plate(cx: float, cy: float) -> str:
    return (
        f'<circle cx="{cx:g}" cy="{cy:g}" r="9" fill="{BLACK}"/><circle cx="{cx:g}" cy="{cy:g}" r="5.5" fill="{WHITE}"/>\n'
        f'<path d="M{cx - 12:g} {cy - 9:g}v18M{cx + 12:g} {cy - 9:g}v18" stroke="{BLACK}" stroke-width="2" stroke-linecap="round"/>'
    )


def shower(cx: float, cy: float) -> str:
    drops = "".join(
        f'<path d="M{cx + dx:g} {cy + dy:g}c-1.4 2-2 3-2 4a2 2 0 0 0 4 0c0-1-.6-2-2-4z" fill="{BLACK}"/>'
        for dx, dy in ((-5, -2), (0, -2), (5, -2), (-2.5, 6), (2.5, 6))
    )
    return f'<path d="M{cx - 9:g} {cy - 6:g}a9 6 0 0 1 18 0z" fill="{BLACK}"/>\n' + drops


def toilet(cx: float, cy: float) -> str:
    return (
        f'<rect x="{cx + 3:g}" y="{cy - 12:g}" width="7" height="12" rx="1.5" fill="{BLACK}"/>\n'
        f'<path d="M{cx - 10:g} {cy:g}h20a10 8 0 0 1-8 8l2 6h-10l1-6a10 8 0 0 1-5-8z" fill="{BLACK}"/>'
    )


def shirt(cx: float, cy: float) -> str:
    return f'<path d="M{cx - 4:g} {cy - 10:g}h8l9 5-3 6-4-2v15h-12v-15l-4 2-3-6z" fill="{BLACK}"/>'


def stairs(cx: float, cy: float) -> str:
    x, y = cx - 11, cy + 11
    return (
        f'<path d="M{x:g} {y:g}v-6h7v-6h7v-6h7v-6h2v24z" fill="{BLACK}"/>\n'
        f'<path d="M{x + 2:g} {y - 14:g}l16-14" stroke="{BLACK}" stroke-width="2" stroke-linecap="round"/>'
    )


def house(cx: float, cy: float, door: bool = True) -> str:
    d = f'<rect x="{cx - 3:g}" y="{cy + 3:g}" width="6" height="9" fill="{WHITE}"/>' if door else ""
    return (
        f'<path d="M{cx - 12:g} {cy - 1:g}L{cx:g} {cy - 12:g}L{cx + 12:g} {cy - 1:g}h-3v13h-18v-13z" fill="{BLACK}"/>\n'
        + d
    )


def broom(cx: float, cy: float) -> str:
    return (
        f'<path d="M{cx + 6:g} {cy - 13:g}L{cx - 2:g} {cy + 4:g}" stroke="{BLACK}" stroke-width="2.4" stroke-linecap="round"/>\n'
        f'<path d="M{cx - 7:g} {cy + 2:g}l9 4-4 8h-10z" fill="{BLACK}"/>'
    )


def heart(cx: float, cy: float, colour: str = BLACK) -> str:
    return f'<path d="M{cx:g} {cy + 9:g}l-9-9a5 5 0 0 1 9-6a5 5 0 0 1 9 6z" fill="{colour}"/>'


def book(cx: float, cy: float) -> str:
    return (
        f'<path d="M{cx - 11:g} {cy - 7:g}q6-2 11 1q5-3 11-1v16q-6-2-11 1q-5-3-11-1z" fill="{BLACK}"/>\n'
        f'<path d="M{cx:g} {cy - 5:g}v14" stroke="{WHITE}" stroke-width="1.4"/>'
    )


def bus(cx: float, cy: float) -> str:
    return (
        f'<rect x="{cx - 11:g}" y="{cy - 9:g}" width="22" height="16" rx="3" fill="{BLACK}"/>\n'
        f'<rect x="{cx - 8:g}" y="{cy - 6:g}" width="7" height="5" fill="{WHITE}"/>'
        f'<rect x="{cx + 1:g}" y="{cy - 6:g}" width="7" height="5" fill="{WHITE}"/>\n'
        f'<circle cx="{cx - 6:g}" cy="{cy + 8:g}" r="3" fill="{BLACK}" stroke="{WHITE}" stroke-width="1.4"/>'
        f'<circle cx="{cx + 6:g}" cy="{cy + 8:g}" r="3" fill="{BLACK}" stroke="{WHITE}" stroke-width="1.4"/>'
    )


def child(cx: float, cy: float) -> str:
    return (
        f'<circle cx="{cx:g}" cy="{cy - 6:g}" r="4.2" fill="{BLACK}"/>\n'
        f'<path d="M{cx - 6:g} {cy + 14:g}v-8a6 6 0 0 1 12 0v8z" fill="{BLACK}"/>'
    )


def bed_moon(cx: float, cy: float) -> str:
    return (
        f'<path d="M{cx - 12:g} {cy + 10:g}v-12M{cx - 12:g} {cy + 4:g}h24v6" fill="none" stroke="{BLACK}" stroke-width="2.6" stroke-linecap="round"/>\n'
        f'<rect x="{cx - 10:g}" y="{cy - 2:g}" width="8" height="5" rx="2" fill="{BLACK}"/>\n'
        f'<path d="M{cx + 2:g} {cy - 20:g}a7 7 0 1 0 7 9a5.5 5.5 0 0 1-7-9z" fill="{BLACK}"/>'
    )


def cake(cx: float, cy: float) -> str:
    return (
        f'<rect x="{cx - 12:g}" y="{cy - 2:g}" width="24" height="14" rx="2" fill="{BLACK}"/>\n'
        f'<path d="M{cx - 12:g} {cy + 4:g}q3 3 6 0t6 0t6 0t6 0" fill="none" stroke="{WHITE}" stroke-width="1.6"/>\n'
        + "".join(
            f'<rect x="{cx + dx - 1:g}" y="{cy - 9:g}" width="2" height="6" fill="{BLACK}"/>'
            f'<path d="M{cx + dx:g} {cy - 15:g}c-1.5 2-2 3-2 3.5a2 2 0 0 0 4 0c0-.5-.5-1.5-2-3.5z" fill="{GREEN}"/>'
            for dx in (-6, 0, 6)
        )
    )


def week(x: float, y: float, days: int, colour: str) -> str:
    """Seven small squares for the days of a week, `days` of them filled."""
    return "".join(
        f'<rect x="{x + i * 8:g}" y="{y:g}" width="6" height="6" '
        + (f'fill="{colour}"/>' if i < days else f'fill="none" stroke="{BLACK}" stroke-width="1.2"/>')
        for i in range(7)
    )


def tall_building(cx: float, cy: float) -> str:
    windows = "".join(
        f'<rect x="{cx + dx:g}" y="{cy + dy:g}" width="4" height="4" fill="{WHITE}"/>'
        for dx in (-6, 2)
        for dy in (-10, -3, 4)
    )
    return f'<rect x="{cx - 9:g}" y="{cy - 14:g}" width="18" height="26" fill="{BLACK}"/>\n' + windows


# --- the help levels ------------------------------------------------------------

THINGS = {
    "nutrition": plate,
    "personal_hygiene": shower,
    "toilet": toilet,
    "dressing": shirt,
    "home_safety": stairs,
    "home_environment": broom,
    "relationships": heart,
    "work_learning": book,
    "community": bus,
    "caring_for_child": child,
}


def help_level(thing, level: str) -> str:
    """Four scenes from no help to help with all of it. The thing sits in the middle at (32, 40)."""
    cx, cy = 32, 40
    if level == "independent":  # the person, alone, with a hand on it; a tick
        return svg(figure(14, BLUE), thing(cx, cy), arm(20, 34, cx - 8, cy - 2, BLUE), tick())
    if level == "some_help":  # a helper on some days: drawn in dashes
        return svg(
            figure(14, BLUE),
            thing(cx, cy),
            arm(20, 34, cx - 8, cy - 2, BLUE),
            figure(52, ORANGE, dashed=True),
        )
    if level == "daily_help":  # a helper there, both with a hand on it
        return svg(
            figure(14, BLUE),
            thing(cx, cy),
            arm(20, 34, cx - 8, cy - 2, BLUE),
            figure(52, ORANGE),
            arm(46, 34, cx + 8, cy - 2, ORANGE),
        )
    # full_help: the person sits; the helper does it with both hands
    return svg(
        figure(12, BLUE, seated=True),
        thing(cx, cy),
        figure(52, ORANGE),
        arm(46, 33, cx + 8, cy - 4, ORANGE),
        arm(47, 38, cx + 8, cy + 4, ORANGE),
    )


def nights(level: str) -> str:
    cx, cy = 30, 40
    scene = [figure(12, BLUE, seated=True), bed_moon(cx, cy)]
    if level == "none":
        scene.append(tick())
    elif level == "some_nights":
        scene.append(figure(52, ORANGE, dashed=True))
    elif level == "most_nights":
        scene.append(figure(52, ORANGE))
    else:  # awake all night: the helper stays, sitting up by the bed
        scene += [figure(52, ORANGE, seated=True), f'<circle cx="52" cy="8" r="2" fill="{ORANGE}"/>']
    return svg(*scene)


def answers() -> dict[str, dict[str, str]]:
    scenes: dict[str, dict[str, str]] = {}
    for question, thing in THINGS.items():
        scenes[question] = {
            level: help_level(thing, level)
            for level in ("independent", "some_help", "daily_help", "full_help")
        }
    scenes["nights"] = {
        level: nights(level) for level in ("none", "some_nights", "most_nights", "awake_all_night")
    }
    scenes["living_situation"] = {
        "alone": svg(figure(16, BLUE), house(44, 44)),
        "with_family": svg(figure(12, BLUE), figure(30, GREEN, scale=0.8), house(50, 44)),
        "shared_or_supported": svg(figure(12, BLUE), figure(34, ORANGE, scale=0.85), tall_building(54, 40)),
        "other": svg(figure(16, BLUE), tall_building(46, 42)),
    }
    scenes["cares_for_child"] = {
        "no": svg(figure(32, BLUE)),
        "yes": svg(figure(20, BLUE), arm(26, 36, 36, 42, BLUE), child(44, 42)),
    }
    scenes["informal_help"] = {
        "none": svg(figure(20, BLUE), week(4, 1, 0, GREEN)),
        "few_hours": svg(figure(16, BLUE), figure(46, GREEN, dashed=True), week(4, 1, 1, GREEN)),
        "most_days": svg(figure(16, BLUE), figure(46, GREEN), week(4, 1, 5, GREEN)),
        "every_day": svg(
            figure(16, BLUE), figure(46, GREEN), arm(40, 36, 24, 36, GREEN), week(4, 1, 7, GREEN)
        ),
    }
    arrow = f'<path d="M38 8h16m-5-5l5 5l-5 5" fill="none" stroke="{BLACK}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>'
    scenes["informal_help_continues"] = {
        "yes": svg(figure(16, BLUE), figure(44, GREEN), arm(38, 36, 22, 36, GREEN), arrow),
        "less": svg(figure(16, BLUE), figure(44, GREEN, dashed=True), arrow),
        "no": svg(
            figure(16, BLUE),
            f'<path d="M38 30l16 16m0-16l-16 16" stroke="{BLACK}" stroke-width="3.4" stroke-linecap="round"/>',
        ),
    }
    return scenes


# --- the carer's own assessment (questionnaires/carers.yaml) -----------------------------------------
# The carer is the person (blue); the person they look after is family (green), sitting.


def cross(x: float, y: float, size: float = 8) -> str:
    return (
        f'<path d="M{x - size:g} {y - size:g}l{2 * size:g} {2 * size:g}m0-{2 * size:g}l-{2 * size:g} {2 * size:g}" '
        f'stroke="{BLACK}" stroke-width="3.4" stroke-linecap="round"/>'
    )


ONWARD = f'<path d="M38 8h16m-5-5l5 5l-5 5" fill="none" stroke="{BLACK}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>'


def caring(days: int) -> str:
    """The carer with a hand on the person they look after, and the days of a week they care."""
    return svg(
        figure(16, BLUE), figure(46, GREEN, seated=True), arm(22, 34, 38, 36, BLUE), week(4, 1, days, BLUE)
    )


def carers_answers() -> dict[str, dict[str, str]]:
    return {
        "caring_hours": {
            "few_hours": caring(1),
            "some_hours": caring(3),
            "many_hours": caring(5),
            "all_the_time": caring(7),
        },
        "caring_nights": {
            "never": svg(figure(12, BLUE), bed_moon(40, 40), tick()),
            "sometimes": svg(figure(12, BLUE, dashed=True), bed_moon(40, 40)),
            "most_nights": svg(figure(12, BLUE), bed_moon(40, 40), arm(18, 34, 30, 38, BLUE)),
        },
        "carer_health": {
            "no_effect": svg(figure(18, BLUE), heart(46, 30, GREEN), tick()),
            "some_effect": svg(figure(18, BLUE), heart(46, 30, ORANGE)),
            "big_effect": svg(figure(16, BLUE, seated=True), heart(46, 30, ORANGE), cross(52, 10, 5)),
        },
        "work_education": {
            "no_effect": svg(figure(16, BLUE), book(44, 40), tick()),
            "some_effect": svg(figure(16, BLUE), book(44, 40), week(4, 1, 3, BLUE)),
            "big_effect": svg(figure(16, BLUE), book(44, 40), cross(52, 10, 5)),
        },
        "other_responsibilities": {
            "none": svg(figure(16, BLUE), figure(46, GREEN, seated=True)),
            "some": svg(figure(12, BLUE), figure(34, GREEN, seated=True, scale=0.85), child(54, 44)),
            "a_lot": svg(
                figure(10, BLUE), figure(28, GREEN, seated=True, scale=0.8), child(44, 44), child(57, 44)
            ),
        },
        "breaks": {
            "often": svg(figure(20, BLUE, seated=True), week(4, 1, 4, GREEN), tick(52, 30)),
            "sometimes": svg(figure(20, BLUE, seated=True), week(4, 1, 1, GREEN)),
            "never": svg(figure(20, BLUE), week(4, 1, 0, GREEN), cross(50, 34, 6)),
        },
        "willing": {
            "yes": svg(figure(16, BLUE), figure(44, GREEN, seated=True), arm(22, 34, 36, 36, BLUE), ONWARD),
            "with_more_support": svg(figure(10, BLUE), figure(32, GREEN, scale=0.85), figure(54, ORANGE)),
            "not_sure": svg(figure(16, BLUE), figure(44, GREEN, seated=True, dashed=True)),
        },
    }


CARERS_QUESTIONS = {
    "caring_hours": svg(figure(16, BLUE), figure(46, GREEN, seated=True), week(4, 1, 7, BLUE)),
    "caring_nights": svg(figure(12, BLUE), bed_moon(40, 40)),
    "carer_health": svg(figure(18, BLUE), heart(46, 30, GREEN)),
    "work_education": svg(figure(16, BLUE), book(44, 40)),
    "other_responsibilities": svg(figure(12, BLUE), child(34, 44), child(52, 44)),
    "breaks": svg(figure(24, BLUE, seated=True), week(4, 1, 2, GREEN)),
    "willing": svg(figure(16, BLUE), figure(44, GREEN, seated=True), ONWARD),
}


QUESTIONS = {
    "date_of_birth": svg(cake(32, 42)),
    "living_situation": svg(house(32, 38)),
    "informal_help_continues": svg(figure(18, BLUE), figure(44, GREEN), week(4, 1, 7, GREEN)),
    # who helps most: the person and the friend who helps, with a name badge on the friend
    "carer_name": svg(
        figure(18, BLUE),
        figure(44, GREEN),
        f'<rect x="38" y="38" width="12" height="8" rx="1.5" fill="{WHITE}"/>',
        f'<path d="M40.5 42h7" stroke="{BLACK}" stroke-width="1.6" stroke-linecap="round"/>',
    ),
}


def coins(cx: float, cy: float) -> str:
    stack = "".join(
        f'<ellipse cx="{cx:g}" cy="{cy - i * 5:g}" rx="10" ry="4" fill="{BLACK}" stroke="{WHITE}" stroke-width="1.4"/>'
        for i in range(4)
    )
    return stack


# Pictures beside the key ideas of the budget, plan and disagreement pages: content/pictures/ideas/.
IDEAS = {
    # points: a row of counters, some filled, as the answers add up
    "points": svg(
        "".join(
            f'<circle cx="{12 + (i % 4) * 13:g}" cy="{22 + (i // 4) * 14:g}" r="5" fill="{BLUE if i < 7 else "none"}" '
            + ("" if i < 7 else f'stroke="{BLACK}" stroke-width="1.6"')
            + "/>"
            for i in range(12)
        )
    ),
    # money: a stack of coins and a note
    "money": svg(
        f'<rect x="6" y="18" width="30" height="18" rx="2" fill="{GREEN}"/><circle cx="21" cy="27" r="5" fill="{WHITE}"/>',
        coins(44, 50),
    ),
    # family and friends who help: the person and a friend, hand in hand
    "family_help": svg(figure(18, BLUE), figure(46, GREEN), arm(40, 36, 24, 36, GREEN)),
    # the budget: a wallet with money in it
    "budget": svg(
        f'<rect x="14" y="10" width="34" height="18" rx="2" fill="{GREEN}"/>'
        f'<rect x="6" y="20" width="52" height="36" rx="4" fill="{BLACK}"/>'
        f'<rect x="40" y="32" width="20" height="12" rx="3" fill="{BLACK}" stroke="{WHITE}" stroke-width="1.6"/>'
        f'<circle cx="47" cy="38" r="2.6" fill="{WHITE}"/>'
    ),
    # the support plan: a clipboard with a list, ticked
    "plan": svg(
        f'<rect x="12" y="8" width="40" height="52" rx="3" fill="{BLACK}"/><rect x="24" y="4" width="16" height="8" rx="2" fill="{BLACK}" stroke="{WHITE}" stroke-width="1.4"/>',
        "".join(
            f'<path d="M18 {22 + i * 11}l3 3l5-6" fill="none" stroke="{WHITE}" stroke-width="2.2" stroke-linecap="round"/>'
            f'<rect x="30" y="{20 + i * 11}" width="16" height="3" fill="{WHITE}"/>'
            for i in range(3)
        ),
    ),
    # telling us the budget is not right: the person with a speech bubble
    "disagree": svg(
        figure(18, BLUE),
        f'<path d="M34 6h24a3 3 0 0 1 3 3v14a3 3 0 0 1-3 3H44l-8 7v-7h-2a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3z" fill="{BLACK}"/>',
        f'<path d="M46 10v9m0 3v1" stroke="{WHITE}" stroke-width="3" stroke-linecap="round"/>',
    ),
    # a care manager or someone from the council to talk to
    "talk": svg(
        figure(16, BLUE),
        figure(48, ORANGE),
        f'<path d="M26 8h12v8h-6l-4 4v-4h-2z" fill="{BLACK}"/>',
    ),
    # a time limit: a clock
    "time": svg(
        f'<circle cx="32" cy="34" r="24" fill="{BLACK}"/><circle cx="32" cy="34" r="19" fill="{WHITE}"/>',
        f'<path d="M32 20v14l9 6" fill="none" stroke="{BLACK}" stroke-width="3.4" stroke-linecap="round"/>',
    ),
    # someone on your side (an advocate): a helper standing beside the person, a hand on their shoulder
    "help": svg(figure(22, BLUE), figure(46, GREEN), arm(40, 34, 28, 28, GREEN), heart(32, 6, GREEN)),
}


def main() -> None:
    for question, scenes in {**answers(), **carers_answers()}.items():
        folder = OUT / "answers" / question
        folder.mkdir(parents=True, exist_ok=True)
        for answer, drawing in scenes.items():
            (folder / f"{answer}.svg").write_text(drawing)
    for question, drawing in {**QUESTIONS, **CARERS_QUESTIONS}.items():
        (OUT / "questions" / f"{question}.svg").write_text(drawing)
    (OUT / "ideas").mkdir(exist_ok=True)
    for idea, drawing in IDEAS.items():
        (OUT / "ideas" / f"{idea}.svg").write_text(drawing)


if __name__ == "__main__":
    main()
