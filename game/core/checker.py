"""Load and check a scenario file: every problem in one pass, located; errors apart from warnings.

``check_file`` and ``check_text`` never raise for a bad file: whatever the bytes, the result is a
scenario or a list of diagnostics saying what is wrong and where.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core import scenariospec as spec
from game.core.diagnostics import Diagnostic, has_errors
from game.core.effects import ChangeScore, PullToFriends
from game.core.limits import build_limits
from game.core.lint_rules import rule_lint
from game.core.model import (
    Choice,
    Debrief,
    Fact,
    Friend,
    Item,
    Perk,
    Personality,
    Post,
    Rule,
    Scenario,
    ScoreFormat,
    Source,
    Tier,
)
from game.core.quiz import Claim, usable
from game.core.safeio import ReadError, include_path, read_bounded
from game.core.shapes import INVALID, Ctx, Record, known, suggest
from game.core.usage import usage_warnings
from game.core.vocabulary import EFFECT_CLASSES, reads
from game.core.words import WordList
from game.core.yamlsafe import MAX_BYTES, MapNode, Mark, YamlError, load_yaml

MAX_HINTS = 20  # most "did you mean" hints worked out in one check (each compares every id)
_INCLUDE_HINT = "write just the file name of a file in the same folder, like 'words.yaml'"


@dataclass(frozen=True)
class CheckResult:
    """A checked scenario (None when it has errors) and every diagnostic found."""

    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not has_errors(self.diagnostics)


def check_file(path: str | Path) -> CheckResult:
    """Read and check the scenario at ``path``. Never raises."""
    path = Path(path)
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        return CheckResult(None, (data,))
    return check_text(data, str(path), folder=path.parent)


def read_bytes(path: Path, what: str = "scenario") -> bytes | Diagnostic:
    """The file's bytes (see :func:`~game.core.safeio.read_bounded`: a regular file of at most
    MAX_BYTES), or a diagnostic saying why they cannot be read."""
    try:
        return read_bounded(path, MAX_BYTES, what)
    except ReadError as err:
        hint = "split long word lists or posts into included files" if "large" in str(err) else None
        return Diagnostic(str(path), 1, 1, "error", str(err), hint)


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines()


def parse(data: bytes, ctx: Ctx) -> Any:
    """The YAML node tree, or INVALID after reporting the located YAML error to ``ctx``."""
    try:
        return load_yaml(data, ctx.path)
    except YamlError as err:
        line = ctx.lines[err.line - 1] if 0 < err.line <= len(ctx.lines) else ""
        ctx.error(Mark(err.line, err.col), err.message, err.hint or _yaml_hint(line, err.col))
        return INVALID


_COMPARISON = re.compile(r"\{\s*([a-z_.]+)\s*:\s*(<=|>=|==|!=|<|>)\s*([^{}]*?)\s*\}")
_KEY = re.compile(r"([A-Za-z_]+):\s")


def _yaml_hint(line: str, col: int) -> str | None:
    """How to fix two mistakes YAML reports in its own words: a comparison written as a mapping
    (``{score: > 460}``), and a text with ": " inside a ``{...}`` mapping."""
    comparison = _COMPARISON.search(line)
    if comparison:
        name, op, value = comparison.groups()
        name = "player.score" if name == "score" else name
        return f'write a comparison as an expression in quotes: if: "{name} {op} {value}"'
    if "{" not in line[: col - 1]:
        return None
    keys = list(_KEY.finditer(line[: col - 1]))
    at_colon = line[col - 1 : col] == ":"
    end = line.rfind("}")
    if len(keys) < (1 if at_colon else 2) or end < col - 1:
        return None
    key = keys[-1] if at_colon else keys[-2]
    value = line[key.end() : end].strip()
    return f'a text with ": " inside {{...}} needs double quotes: {key.group(1)}: "{value}"'


def check_text(data: bytes, path: str = "<scenario>", folder: Path | None = None) -> CheckResult:
    """Check scenario bytes as if read from ``path``; includes are read from ``folder``.

    Never raises: every problem becomes a diagnostic. The cycle collector is paused meanwhile:
    the node trees built here hold no cycles, and its passes cost a third of the time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_text(data, path, folder)
    finally:
        if collecting:
            gc.enable()


def _check_text(data: bytes, path: str, folder: Path | None) -> CheckResult:
    ctx = Ctx(path, _lines(data))
    root = parse(data, ctx)
    if root is INVALID:
        return CheckResult(None, tuple(ctx.diagnostics))
    if root is None:
        ctx.error(Mark(1, 1), "the file is empty", "start from scenarios/template.yaml")
        return CheckResult(None, tuple(ctx.diagnostics))
    record = spec.SCENARIO.check(root, ctx)
    digest = hashlib.sha256(data).hexdigest()[:16]
    parts: list[Record] = []
    if record is not INVALID and _seq(record.get("include")):
        parts = _includes(record, ctx, folder)
        digest = hashlib.sha256((digest + "".join(p.digest for p in parts)).encode()).hexdigest()[
            :16
        ]
    scenario = None
    if record is not INVALID:
        scenario = _build(record, parts, ctx, digest)
    if has_errors(ctx.diagnostics):
        scenario = None
    return CheckResult(scenario, tuple(ctx.diagnostics))


def _includes(record: Record, ctx: Ctx, folder: Path | None) -> list[Record]:
    parts = []
    for name, mark in record["include"]:
        if folder is None:
            ctx.error(mark, "includes need a scenario read from a file")
            continue
        try:
            real_path = include_path(folder, name)
        except ReadError as err:
            ctx.error(mark, f"cannot include this file: {err}", _INCLUDE_HINT)
            continue
        data, sub_path = read_bytes(real_path, "included file"), folder / name
        if isinstance(data, Diagnostic):
            ctx.error(mark, f"cannot include this file: {data.message}")
            continue
        sub = ctx.sibling(str(sub_path), _lines(data))
        root = parse(data, sub)
        if root is INVALID:
            continue
        if not isinstance(root, MapNode):
            sub.error(Mark(1, 1), "an included file must be a mapping of sections")
            continue
        part = spec.PART.check(root, sub)
        if part is not INVALID:
            part.ctx = sub
            part.digest = hashlib.sha256(data).hexdigest()
            parts.append(part)
    return parts


def _seq(value: Any) -> tuple[Any, ...]:
    """A checked list, or nothing when it was missing or wrong."""
    return value if isinstance(value, tuple) else ()


def _rec(value: Any) -> Record | None:
    """A checked mapping, or None when it was missing or not a mapping."""
    return value if isinstance(value, Record) else None


def _merged(record: Record, parts: list[Record], key: str) -> list[tuple[Any, Ctx | None]]:
    items: list[tuple[Any, Ctx | None]] = [(v, None) for v in _seq(record.get(key))]
    for part in parts:
        items += [(v, part.ctx) for v in _seq(part.get(key))]
    return items


def _choices(record: Record, parts: list[Record]) -> list[tuple[Any, Ctx | None]]:
    items: list[tuple[Any, Ctx | None]] = []
    for source, where in [(record, None)] + [(p, p.ctx) for p in parts]:
        posts = _rec(source.get("player_posts"))
        items += [(c, where) for c in _seq(posts.get("choices") if posts else None)]
    return items


def _unique(items: Iterable[tuple[Any, Ctx | None]], ctx: Ctx, what: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for item, item_ctx in items:
        if not isinstance(item.get("id"), str):
            continue
        if item["id"] in seen:
            first = seen[item["id"]].mark_of("id").line
            (item_ctx or ctx).error(
                item.mark_of("id"), f"duplicate {what} id '{item['id']}' (first at line {first})"
            )
        else:
            seen[item["id"]] = item
    return seen


def _build(record: Record, parts: list[Record], ctx: Ctx, digest: str) -> Scenario | None:
    """Cross-check what could be read, and build the scenario when nothing is wrong."""
    perks = _unique(_merged(record, parts, "perks"), ctx, "perk")
    friends = _unique(_merged(record, parts, "friends"), ctx, "friend")
    posts = _unique(_merged(record, parts, "posts"), ctx, "post")
    choices = _unique(_choices(record, parts), ctx, "choice")
    shop = _unique(_merged(record, parts, "shop"), ctx, "item")
    word_lists = _word_lists(record, parts, ctx)
    rules: list[Rule] = [r for r, _ in _merged(record, parts, "rules")]
    _unique(((_RuleId(r), None) for r in rules), ctx, "rule")
    score = _rec(record.get("score"))
    tiers = _tiers(score, ctx) if score is not None and score.valid else None
    ids = {
        "perk": list(perks),
        "friend": list(friends),
        "post": list(posts),
        "choice": list(choices),
        "item": list(shop),
        "word_list": list(word_lists),
        "fact": list(_fact_ids(record, ctx)),
    }
    if _facts(record) == ():
        ctx.refs[:] = [ref for ref in ctx.refs if ref[0] != "fact"]  # the debrief is already wrong
    _check_refs(ctx, ids)
    claims = build_claims(record.get("claims"), record.mark_of("claims"), ctx)
    if score is not None and score.valid:
        _check_values(record, friends, posts, score, rules, ctx)
    if not has_errors(ctx.diagnostics):
        contexts = {ctx.path: ctx, **{p.ctx.path: p.ctx for p in parts}}
        list_marks = {
            name: (lists.mark_of(name), where)
            for lists, where in _word_list_sources(record, parts, ctx)
            for name in lists
        }
        perk_marks = {
            p["id"]: (p.mark_of("id"), where or ctx) for p, where in _merged(record, parts, "perks")
        }
        tier_perks = {perk for tier in tiers or () for perk in tier.perks}
        known_tags = {
            tag
            for group in (posts.values(), choices.values(), shop.values())
            for item in group
            for tag in item.get("tags") or ()
        }
        usage_warnings(rules, list_marks, perk_marks, tier_perks, contexts, known_tags)
        _truth_warnings(record, score, rules, contexts, ctx)
        expression_values = {
            "player.tier": [t.id for t in tiers or ()],
            "friend.id": list(friends),
            "friend.name": [f["name"] for f in friends.values()],
        }
        rule_lint(
            rules,
            expression_values,
            lambda rule, message, hint: contexts[rule.path].warning(
                Mark(rule.line, 1), message, hint
            ),
        )
        _choices_caught_by_word_lists(_choices(record, parts), word_lists, rules, ctx)
        if record.get("language") != "en":
            _untranslated_causes(rules, record["language"], contexts)
    if has_errors(ctx.diagnostics) or tiers is None or not record.valid:
        return None
    player = record["player"]
    feed = record["feed"] or {"per_day": 3}
    debrief = record["debrief"]
    player_posts = record["player_posts"]
    return Scenario(
        path=ctx.path,
        title=record["title"],
        description=record["description"],
        language=record["language"],
        minutes=record["minutes"],
        days=record["days"],
        player_name=player["name"],
        player_score=player["score"],
        player_money=player["money"],
        score_name=score["name"],
        score_min=score["min"],
        score_max=score["max"],
        tiers=tiers,
        perks=tuple(Perk(p["id"], p["kind"], p["name"], p["text"]) for p in perks.values()),
        friends=tuple(_friend(f) for f in friends.values()),
        posts=tuple(
            Post(p["id"], p["source"], p["text"], p["tags"] or (), p["author"], p["day"])
            for p in posts.values()
        ),
        feed_per_day=feed["per_day"],
        free_text=player_posts["free_text"] if player_posts else True,
        choices=tuple(Choice(c["id"], c["text"], c["tags"] or ()) for c in choices.values()),
        shop=tuple(Item(i["id"], i["name"], i["price"], i["tags"] or ()) for i in shop.values()),
        word_lists=tuple(word_lists.values()),
        rules=tuple(rules),
        debrief=Debrief(
            debrief["summary"],
            tuple(
                Fact(
                    f["claim"],
                    f["verdict"],
                    f["explanation"],
                    tuple(Source(s["title"], s["url"], s["year"]) for s in f["sources"]),
                    id=f["id"],
                    details=f["details"],
                    note=f["note"],
                )
                for f in debrief["facts"]
            ),
            debrief["questions"],
        ),
        digest=digest,
        order=record["order"],
        hidden=record["hidden"],
        claims=claims,
        score_format=_score_format(score["display"]),
        currency=player["currency"] or "",
        limits=build_limits(record["limits"]),
        briefing=tuple(record["briefing"] or ()),
    )


def _score_format(display: Record | None) -> ScoreFormat:
    if display is None:
        return ScoreFormat()
    return ScoreFormat(
        float(display["scale"]),
        display["decimals"],
        display["prefix"] or "",
        display["suffix"] or "",
        display["decimal_mark"],
    )


def build_claims(records: Any, mark: Mark, ctx: Ctx) -> tuple[Claim, ...]:
    """The checked quiz claims (none when left out), after reporting duplicate ids and a quiz
    that is not at least one true and one false claim. Used by scenarios and class files."""
    if not isinstance(records, tuple):
        return ()
    _unique(((c, None) for c in records), ctx, "claim")
    claims = tuple(
        Claim(c["id"], c["claim"], c["answer"], c["source"]["title"], c["source"]["url"])
        for c in records
        if c.valid
    )
    if not usable(claims):
        ctx.error(
            mark,
            "the quiz needs at least one true and one false claim",
            "mark each claim with 'answer: true' or 'answer: false'",
        )
    return claims


class _RuleId(dict[str, Any]):
    """Adapts a Rule to the id-record shape ``_unique`` expects."""

    def __init__(self, rule: Rule):
        super().__init__(id=rule.id)
        self.rule = rule

    def mark_of(self, key: str) -> Mark:
        return Mark(self.rule.line, 1)


def _friend(f: Record) -> Friend:
    p = f["personality"]
    personality = (
        Personality(float(p["posts_per_day"]), p["topics"] or (), p["reaction"])
        if p
        else Personality()
    )
    return Friend(
        f["id"], f["name"], f["score"], f["friend"], f["bio"] or "", personality, f["image"]
    )


def _facts(record: Record) -> tuple[Record, ...]:
    """The debrief's facts that could be read (none when the debrief is missing or wrong)."""
    debrief = _rec(record.get("debrief"))
    facts = _seq(debrief.get("facts") if debrief else None)
    return tuple(f for f in facts if isinstance(f, Record))


def _fact_ids(record: Record, ctx: Ctx) -> dict[str, Record]:
    """The facts' ids; a repeated id is an error."""
    return _unique(((f, None) for f in _facts(record)), ctx, "fact")


def _large_change(rule: Rule, score: Record | None) -> bool:
    """True when a rule can move a score by a large amount: LARGE_SHARE of the score's range."""
    low, high = (score.get("min"), score.get("max")) if score is not None else (None, None)
    if not isinstance(low, int) or not isinstance(high, int):
        return False
    large = LARGE_SHARE * (high - low)
    for effect in rule.effects:
        if isinstance(effect, PullToFriends):
            return True
        if isinstance(effect, ChangeScore):
            by = effect.by
            size = abs(by) if by is not None else abs(effect.percent or 0) / 100 * high
            if size >= large:
                return True
    return False


def _truth_warnings(
    record: Record, score: Record | None, rules: list[Rule], contexts: dict[str, Ctx], ctx: Ctx
) -> None:
    """Warn about facts nobody can check and big score changes tied to no fact or myth."""
    for fact in _facts(record):
        sources = _seq(fact.get("sources"))
        if sources and not any(isinstance(s, Record) and s.get("url") for s in sources):
            ctx.warning(
                fact.mark,
                "this fact or myth has no source with a web address, so nobody can check it",
                "add 'url:' to at least one of its sources",
            )
    for rule in rules:
        if rule.about is None and _large_change(rule, score):
            contexts[rule.path].warning(
                Mark(rule.line, 1),
                f"rule '{rule.id}' changes a score by a large amount but is tied to no fact "
                "or myth",
                "add 'about:' with the id of the debrief fact or myth it dramatises, so the "
                "debrief can tell players what was real about it",
            )


LARGE_SHARE = 0.05
"""A change of at least this share of the score's range counts as large."""


def _choices_caught_by_word_lists(
    choices: list[tuple[Any, Ctx | None]],
    word_lists: dict[str, WordList],
    rules: list[Rule],
    ctx: Ctx,
) -> None:
    """Warn, once per choice and list, when a ready-made post uses a word from a list that a rule
    on posts tests. The match is taken as meant when the choice is tagged with the list's name or
    with a tag some rule tests (the teacher has classified it), or the rule names the choice."""
    tested_tags = {name for rule in rules for kind, name in reads(rule.condition) if kind == "tag"}
    catching: dict[str, list[str]] = {}
    picked: set[str] = set()
    for rule in (r for r in rules if r.when == "player_posts"):
        for kind, name in reads(rule.condition):
            if kind == "word_list":
                catching.setdefault(name, []).append(rule.id)
            elif kind == "choice":
                picked.add(name)
    for choice, where in choices:
        tags = set(choice["tags"] or ()) if choice.valid else set()
        if not choice.valid or choice["id"] in picked or tags & tested_tags:
            continue
        for name, rule_ids in catching.items():
            found = word_lists[name].find(choice["text"]) if name in word_lists else ()
            if found and name not in tags:
                more = f" (and {len(rule_ids) - 1} more)" if len(rule_ids) > 1 else ""
                (where or ctx).warning(
                    choice.mark_of("text"),
                    f"the ready-made post '{choice['id']}' uses '{found[0]}' from the word list "
                    f"'{name}', so rule '{rule_ids[0]}'{more} fires when a player picks it",
                    f"if that is meant, add the tag '{name}' to the choice; if not, "
                    "reword the choice or take the word out of the list",
                )


def _untranslated_causes(rules: list[Rule], language: str, contexts: dict[str, Ctx]) -> None:
    """Causes of score changes are generated in English unless a rule has a description."""
    for rule in rules:
        moves = any(EFFECT_CLASSES[type(x)].moves_score for x in rule.effects)
        if moves and not rule.description:
            contexts[rule.path].warning(
                Mark(rule.line, 1),
                f"rule '{rule.id}' changes scores but has no description, so players of this "
                f"'{language}' scenario would see its cause in English",
                f"add 'description:' with the cause written in '{language}'",
            )


def _word_list_sources(record: Record, parts: list[Record], ctx: Ctx) -> list[tuple[Record, Ctx]]:
    sources = [(record.get("word_lists"), ctx)] + [(p.get("word_lists"), p.ctx) for p in parts]
    return [(lists, where) for lists, where in sources if isinstance(lists, Record)]


def _word_lists(record: Record, parts: list[Record], ctx: Ctx) -> dict[str, WordList]:
    out: dict[str, WordList] = {}
    for lists, where in _word_list_sources(record, parts, ctx):
        for name, words in lists.items():
            mark = lists.mark_of(name)
            if name in out:
                where.error(mark, f"duplicate word list '{name}'")
                continue
            try:
                out[name] = WordList(name, words)
            except ValueError as err:
                where.error(mark, f"word list '{name}': {err}")
    return out


def _tiers(score: Record, ctx: Ctx) -> tuple[Tier, ...] | None:
    if not all(t.valid for t in score["tiers"]):
        return None
    tiers = [
        Tier(
            t["id"], t["name"], t["from"], t["to"], t["perks"] or (), t["color"], t["ending"] or ""
        )
        for t in score["tiers"]
    ]
    marks = [t.mark for t in score["tiers"]]
    ok = True
    if score["min"] >= score["max"]:
        ctx.error(
            score.mark_of("max"), f"'max' ({score['max']}) must be above 'min' ({score['min']})"
        )
        return None
    expected = score["min"]
    for before, (tier, mark) in zip(tiers, zip(tiers[1:], marks[1:], strict=True), strict=False):
        if tier.low < before.low:
            ctx.error(
                mark,
                f"tier '{tier.id}' starts below the tier before it",
                "list the tiers from the lowest score to the highest",
            )
            return None
    for tier, mark in zip(tiers, marks, strict=True):
        if tier.low > tier.high:
            ctx.error(mark, f"tier '{tier.id}' runs backwards ({tier.low} to {tier.high})")
            ok = False
        elif tier.low != expected:
            gap = "overlaps the tier before" if tier.low < expected else "leaves a gap"
            ctx.error(
                mark,
                f"tier '{tier.id}' starts at {tier.low} and {gap}",
                f"tiers must run on from each other: this one should start at {expected}",
            )
            ok = False
        expected = tier.high + 1
    if tiers[-1].high != score["max"]:
        ctx.error(marks[-1], f"the last tier ends at {tiers[-1].high}, not at max ({score['max']})")
        ok = False
    seen: set[str] = set()
    for tier, mark in zip(tiers, marks, strict=True):
        if tier.id in seen:
            ctx.error(mark, f"duplicate tier id '{tier.id}'")
            ok = False
        seen.add(tier.id)
        for perk in tier.perks:
            ctx.refer("perk", perk, mark, "perk")
    return tuple(tiers) if ok else None


def _check_refs(ctx: Ctx, ids: dict[str, list[str]]) -> None:
    """Report references to unknown ids; only the first MAX_HINTS get a "did you mean"."""
    known_ids = {kind: set(values) for kind, values in ids.items()}
    hints = 0
    for kind, value, what, mark, where in ctx.refs:
        if value not in known_ids[kind]:
            hints += 1
            close = suggest(value, ids[kind]) if hints <= MAX_HINTS else None
            where.error(mark, f"unknown {what} '{value}'", close or known(f"{what}s", ids[kind]))


def _check_values(
    record: Record,
    friends: dict[str, Record],
    posts: dict[str, Record],
    score: Record,
    rules: list[Rule],
    ctx: Ctx,
) -> None:
    low, high = score["min"], score["max"]
    player = _rec(record.get("player"))
    if (
        player is not None
        and isinstance(player.get("score"), int)
        and not low <= player["score"] <= high
    ):
        ctx.error(
            player.mark_of("score"),
            f"the player's score {player['score']} is outside the range {low} to {high}",
        )
    for friend in friends.values():
        value = friend.get("score")
        if isinstance(value, int) and not low <= value <= high:
            ctx.error(
                friend.mark_of("score"),
                f"{friend['id']}'s score {value} is outside the range {low} to {high}",
            )
    days = record.get("days")
    for post in posts.values():
        author = post.get("author")
        if post.get("source") == "friend" and isinstance(author, str) and author not in friends:
            hint = suggest(author, list(friends)) or known("friends", list(friends))
            ctx.error(post.mark_of("author"), f"unknown friend '{author}' as author", hint)
        day = post.get("day")
        if isinstance(day, int) and isinstance(days, int) and day > days:
            ctx.warning(
                post.mark_of("day"),
                f"day {day} is after the last day ({days}): this post never appears",
            )
    for rule in rules:
        if rule.threshold == low:
            ctx.warning(
                Mark(rule.line, 1),
                f"this rule can never fire: the threshold {low} is the lowest score (the range "
                f"is {low} to {high}), and no score can go below it to cross it",
            )
        elif rule.threshold is not None and not low < rule.threshold <= high:
            ctx.warning(
                Mark(rule.line, 1),
                f"this rule can never fire: the threshold {rule.threshold} is outside "
                f"the score range {low} to {high}",
            )
