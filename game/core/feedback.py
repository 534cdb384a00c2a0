"""What the game tells the player about their own act, on top of what the scenario's rules say.

A purchase leaves a receipt (the item, its price, what it did to the score); a purchase whose
price the rules gave back in full was refused, and counts as no purchase. A post or a comment that
a scoring word filter looked at says which of the player's own words it picked out, or that it
picked out none: the player feels the watching and can see that the filter reads words, not
meaning, without ever seeing the list. Everything leaves as codes (``notice.*``).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core import commands as cmd
from game.core.codes import Code
from game.core.conditions import TextUses
from game.core.effects import ChangeScore, PullToFriends, SetScore
from game.core.model import Rule, Scenario
from game.core.vocabulary import walk

TEXT_EVENTS = {cmd.Post: "player_posts", cmd.Comment: "player_comments"}
"""The commands whose text word lists read, and the event each fires."""


@dataclass(frozen=True, slots=True)
class WordFilter:
    """A rule that reads the player's text with word lists and moves the player's score."""

    rule_id: str
    lists: tuple[str, ...]


def word_filters(scenario: Scenario) -> dict[str, tuple[WordFilter, ...]]:
    """The scoring word filters of ``scenario``, by the event they listen to (posts, comments).
    A rule that reads words but never moves the player's score (a message, a notice) is none:
    the player is told about a filter only where one changes their score."""
    found: dict[str, list[WordFilter]] = {}
    for rule in scenario.rules:
        if rule.when not in TEXT_EVENTS.values() or not _moves_player(rule):
            continue
        lists = tuple(
            name
            for cond in walk(rule.condition)
            if isinstance(cond, TextUses)
            for name in cond.lists
        )
        if lists:
            found.setdefault(rule.when, []).append(WordFilter(rule.id, lists))
    return {when: tuple(filters) for when, filters in found.items()}


def _moves_player(rule: Rule) -> bool:
    """True when ``rule`` can move the player's own score."""
    player = (
        e for e in rule.effects if isinstance(e, ChangeScore | SetScore) and e.who == "player"
    )
    return any(isinstance(e, PullToFriends) for e in rule.effects) or any(player)


def words_notice(
    scenario: Scenario,
    filters: tuple[WordFilter, ...],
    fired: set[str],
    text: str,
    comment: bool,
    change: int,
) -> Code | None:
    """What the word filter did to a post (or, with ``comment``, a comment) whose words were
    read by ``filters``, of which ``fired`` (rule ids) fired, the act moving the score by
    ``change``: the player's words it noticed, said by the direction of the change (liked when
    the score rose, flagged when it fell, only noticed when it stayed); else, when the score did
    not move, that it picked out nothing; else nothing to say (another rule moved the score, and
    the bar names it)."""
    words: list[str] = []
    for word_filter in filters:
        if word_filter.rule_id not in fired:
            continue
        for name in word_filter.lists:
            for word in scenario.word_list(name).find(text):
                shown = word.rstrip("*").strip()
                if shown not in words:
                    words.append(shown)
    where = "comment" if comment else "post"
    if words:
        said = tuple(Code.of("name", name=w) for w in words)
        how = "liked" if change > 0 else "flagged" if change < 0 else "caught"
        return Code.of(f"notice.filter_{how}.{where}", words=Code.of("list.series", items=said))
    if not change:
        return Code.of(f"notice.filter_clear.{where}")
    return None


def receipt(name: str, price: str, free: bool, again: bool, change: str | None) -> Code:
    """A purchase's receipt: ``name`` bought for ``price`` (or got, when ``free``), for the first
    time or ``again``, and the score's ``change`` as the player sees it (None: unchanged)."""
    if change is not None:
        effect = Code.of("notice.buy_score", change=change)
    else:
        effect = Code.of("notice.buy_same_again" if again else "notice.buy_same")
    key = "notice.got" if free else "notice.bought_again" if again else "notice.bought"
    return Code.of(key, item=name, price=price, effect=effect)
