"""The core's codes in words: rules in plain language for teachers (``python -m game explain``),
causes of score changes, notices and refusals, in each shipped language (``phrases``).
"""

from __future__ import annotations

from game.core import conditions as c
from game.core import effects as e
from game.core.codes import Code, text
from game.core.explain.phrases import TABLES
from game.core.model import Rule, Scenario
from game.core.vocabulary import EVENT_WORDS, condition_code, effect_code, names

DEFAULT_LANGUAGE = "en"


def table_for(language: str) -> str:
    """The shipped language that best fits a code such as "es" or "es-MX" (English if none)."""
    code = (language or DEFAULT_LANGUAGE).lower().replace("_", "-")
    if code not in TABLES:
        code = code.split("-")[0]
    return code if code in TABLES else DEFAULT_LANGUAGE


def _words(key: str, language: str) -> str:
    for table in (TABLES[language], TABLES[DEFAULT_LANGUAGE]):
        if key in table:
            return table[key]
    return key


def _said(value: object, language: str) -> str:
    return say(value, language) if isinstance(value, Code) else str(value)


def say(code: Code, language: str = DEFAULT_LANGUAGE) -> str:
    """``code`` in words in ``language`` (English for a key the language lacks; the key itself
    for a key nobody defined). Never raises for a template that does not fit its arguments."""
    language = table_for(language)
    if code.key.startswith("list."):
        items = [_said(v, language) for v in code.arg("items")]  # type: ignore[attr-defined]
        if code.key == "list.series" and len(items) > 1:
            last = _words("list.series.last", language)
            return _words(code.key, language).join(items[:-1]) + last + items[-1]
        return _words(code.key, language).join(items)
    template = _words(code.key, language)
    try:
        return template.format(**{k: _said(v, language) for k, v in code.args})
    except (KeyError, IndexError, ValueError):
        return template


def condition_phrase(cond: c.Condition, language: str = DEFAULT_LANGUAGE) -> str:
    """A condition in plain words ("the text uses a word from 'political'")."""
    return say(condition_code(cond), language)


def effect_phrase(effect: e.Effect, language: str = DEFAULT_LANGUAGE) -> str:
    """An effect in plain words ("your score drops by 40")."""
    return say(effect_code(effect), language)


def cause_code(rule: Rule) -> Code:
    """The cause a score change records for ``rule``: its description, else what happened."""
    if rule.description:
        return text(rule.description)
    cond = rule.condition
    word = EVENT_WORDS[rule.when]
    if isinstance(cond, c.TextUses) and word.text:
        return Code.of(
            "cause.text_uses",
            subject=Code.of(f"event.{rule.when}.yours"),
            lists=names("list.or", cond.lists),
        )
    event = Code.of(f"event.{rule.when}.past", threshold=rule.threshold)
    if cond is None:
        return event
    return Code.of("cause.event_if", event=event, condition=condition_code(cond))


def cause_phrase(rule: Rule, language: str = DEFAULT_LANGUAGE) -> str:
    """A short cause for a score change ("your post used a word from 'political'")."""
    return say(cause_code(rule), language)


def _event_code(rule: Rule) -> Code:
    key = f"event.{rule.when}"
    if EVENT_WORDS[rule.when].threshold and rule.direction != "either":
        key += f".{rule.direction}"
    return Code.of(key, threshold=rule.threshold)


def rule_code(rule: Rule) -> Code:
    """One rule as a sentence code (see ``explain_rule``)."""
    head = [Code.of("rule.when", event=_event_code(rule))]
    if rule.for_each_friend:
        head.append(Code.of("rule.each"))
    if rule.condition is not None:
        head.append(Code.of("rule.if", condition=condition_code(rule.condition)))
    return Code.of(
        "rule.sentence",
        said=Code.of("rule.said", text=rule.description) if rule.description else "",
        head=Code.of("list.join", items=tuple(head)),
        body=Code.of("list.series", items=tuple(effect_code(x) for x in rule.effects)),
        once=Code.of(f"rule.once.{rule.once}") if rule.once else "",
        where=Code.of("rule.where", id=rule.id, path=rule.path, line=rule.line),
    )


def explain_rule(rule: Rule, language: str = DEFAULT_LANGUAGE) -> str:
    """One rule as a sentence, after its description when it has one (so a description that no
    longer fits the rule shows), with where it is written."""
    return say(rule_code(rule), language)


def explain(scenario: Scenario, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The scenario's score, tiers and rules in plain words, one line each."""
    lines = [
        say(
            Code.of(
                "scenario.head",
                title=scenario.title,
                days=scenario.days,
                score=scenario.score_name,
                low=scenario.score_min,
                high=scenario.score_max,
                start=scenario.player_score,
            ),
            language,
        )
    ]
    sample = scenario.score_max
    if scenario.show_score(sample) != str(sample):
        shown = Code.of("scenario.display", value=sample, shown=scenario.show_score(sample))
        lines.append(say(shown, language))
    if scenario.currency:
        lines.append(say(Code.of("scenario.currency", currency=scenario.currency), language))
    for tier in scenario.tiers:
        perks = tuple(
            Code.of(f"scenario.{p.kind}", name=p.name) for p in map(scenario.perk, tier.perks)
        )
        key = "scenario.tier_perks" if perks else "scenario.tier"
        listed = Code.of("list.perks", items=perks)
        code = Code.of(key, name=tier.name, low=tier.low, high=tier.high, perks=listed)
        lines.append(say(code, language))
    lines += [explain_rule(rule, language) for rule in scenario.rules]
    return lines
