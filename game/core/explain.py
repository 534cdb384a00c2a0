"""Rules in plain English, for teachers (``python -m game explain``) and for score-change causes."""

from __future__ import annotations

from game.core import conditions as c
from game.core import effects as e
from game.core.expr import describe
from game.core.model import Rule, Scenario

EVENT_PHRASES = {
    "game_starts": "the game starts",
    "game_ends": "the game ends",
    "day_starts": "a day starts",
    "day_ends": "a day ends",
    "player_posts": "you post",
    "player_likes": "you like a post",
    "player_shares": "you share a post",
    "player_comments": "you comment on a post",
    "player_reports_post": "you report a post",
    "player_reports_friend": "you report a friend",
    "player_buys": "you buy something",
    "player_adds_friend": "you add a friend",
    "player_removes_friend": "you remove a friend",
    "friend_posts": "a friend posts",
    "friend_unfriends": "a friend unfriends you",
    "score_crosses": "your score crosses {threshold}",
}
PAST_EVENTS = {
    "game_starts": "the game started",
    "game_ends": "the game ended",
    "day_starts": "a day started",
    "day_ends": "the day ended",
    "player_posts": "you posted",
    "player_likes": "you liked a post",
    "player_shares": "you shared a post",
    "player_comments": "you commented on a post",
    "player_reports_post": "you reported a post",
    "player_reports_friend": "you reported a friend",
    "player_buys": "you bought something",
    "player_adds_friend": "you added a friend",
    "player_removes_friend": "you removed a friend",
    "friend_posts": "a friend posted",
    "friend_unfriends": "a friend unfriended you",
    "score_crosses": "your score crossed {threshold}",
}
PAST_PHRASES = {
    "player_posts": "your post",
    "friend_posts": "a friend's post",
    "player_comments": "your comment",
    "player_likes": "a post you liked",
    "player_shares": "a post you shared",
    "player_reports_post": "a post you reported",
}


def _quoted(names: tuple[str, ...]) -> str:
    return " or ".join(f"'{n}'" for n in names)


def condition_phrase(cond: c.Condition) -> str:
    """A condition in plain words ("the text uses a word from 'political'")."""
    match cond:
        case c.TextUses(lists=lists):
            return f"the text uses a word from {_quoted(lists)}"
        case c.HasTag(tags=tags):
            return f"it is tagged {_quoted(tags)}"
        case c.ChoiceIs(choice=choice):
            return f"you picked the post '{choice}'"
        case c.ItemIs(item=item):
            return f"the item is '{item}'"
        case c.PostIs(post=post):
            return f"the post is '{post}'"
        case c.ScoreIs(of=of, below=below, at_least=at_least):
            whose = {
                "player": "your score",
                "friend": "the friend's score",
                "friends_average": "your friends' average score",
            }[of]
            return _bounds(whose, below, at_least, None)
        case c.FriendIs(properties=props):
            return "the friend " + " and ".join(_friend_prop(k, v) for k, v in props)
        case c.FlagSet(flag=flag):
            return f"flag '{flag}' is set"
        case c.CounterIs(name=name, below=below, at_least=at_least, equals=equals):
            return _bounds(f"counter '{name}'", below, at_least, equals)
        case c.Chance(probability=p):
            return f"a {p:.0%} chance comes up"
        case c.AllOf(parts=parts):
            return " and ".join(_grouped(p) for p in parts)
        case c.AnyOf(parts=parts):
            return "either " + " or ".join(_grouped(p) for p in parts)
        case c.NotThis(part=part):
            return f"not ({condition_phrase(part)})"
        case c.Expression(expr=expr):
            return describe(expr)
    return "a condition holds"


def _grouped(cond: c.Condition) -> str:
    """A part of an all/any, bracketed when it is itself a group."""
    phrase = condition_phrase(cond)
    return f"({phrase})" if isinstance(cond, c.AllOf | c.AnyOf) else phrase


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _bounds(subject: str, below: float | None, at_least: float | None, equals: float | None) -> str:
    parts = []
    if equals is not None:
        parts.append(f"is {_num(equals)}")
    if at_least is not None:
        parts.append(f"is at least {_num(at_least)}")
    if below is not None:
        parts.append(f"is below {_num(below)}")
    return f"{subject} " + " and ".join(parts)


def _friend_prop(key: str, value: object) -> str:
    if key == "id":
        return f"is '{value}'"
    if key == "is_friend":
        return "is your friend" if value else "is not your friend"
    if key == "has_topic":
        return f"posts about '{value}'"
    return f"reacts as '{value}'"


def cause_phrase(rule: Rule) -> str:
    """A short cause for a score change ("your post used a word from 'political'")."""
    if rule.description:
        return rule.description
    cond = rule.condition
    if isinstance(cond, c.TextUses) and rule.when in PAST_PHRASES:
        return f"{PAST_PHRASES[rule.when]} used a word from {_quoted(cond.lists)}"
    event = PAST_EVENTS[rule.when].format(threshold=rule.threshold)
    return event if cond is None else f"{event} ({condition_phrase(cond)})"


def _who(who: str) -> str:
    if who == "player":
        return "your score"
    if who == "friends":
        return "each friend's score"
    if who == "friend":
        return "that friend's score"
    return f"{who}'s score"


def effect_phrase(effect: e.Effect) -> str:
    """An effect in plain words ("your score drops by 40")."""
    match effect:
        case e.ChangeScore(who=who, by=by, percent=percent, where=where):
            amount = by if by is not None else percent or 0
            unit = "" if by is not None else "%"
            verb = "drops" if amount < 0 else "rises"
            subject = _who(who)
            if where is not None:
                subject = f"{subject} (friends where {condition_phrase(where)})"
            return f"{subject} {verb} by {_num(abs(amount))}{unit}"
        case e.PullToFriends(weight=weight):
            return f"your score moves {weight:.0%} of the way to your friends' average"
        case e.Notify(text=text):
            return f'you see "{text}"'
        case e.Message(sender=sender, text=text):
            return f'{"that friend" if sender == "friend" else sender} messages you "{text}"'
        case e.AddPost(post=post):
            return f"the post '{post}' appears in your feed"
        case e.SetFriendship(who=who, is_friend=is_friend):
            name = "that friend" if who == "friend" else who
            return f"{name} {'befriends' if is_friend else 'unfriends'} you"
        case e.SetFlag(name=name, value=value):
            return f"flag '{name}' is {'set' if value else 'cleared'}"
        case e.ChangeCounter(name=name, by=by, value=value):
            if value is not None:
                return f"counter '{name}' is set to {value}"
            return f"counter '{name}' goes {'up' if (by or 0) >= 0 else 'down'} by {abs(by or 0)}"
        case e.ChangeMoney(by=by):
            return f"you {'gain' if by >= 0 else 'lose'} {abs(by)} money"
        case e.SetPerk(perk=perk, unlocked=unlocked):
            return f"you {'gain' if unlocked else 'lose'} the perk '{perk}'"
        case e.EndGame(text=text):
            return f'the game ends ("{text}")'
    return "something happens"


def explain_rule(rule: Rule) -> str:
    """One rule as a sentence, after its description when it has one (so a description that no
    longer fits the rule shows), with where it is written."""
    where = f"[rule '{rule.id}', {rule.path}:{rule.line}]"
    event = EVENT_PHRASES[rule.when].format(threshold=rule.threshold)
    if rule.when == "score_crosses" and rule.direction != "either":
        event = (
            f"your score {'rises to' if rule.direction == 'up' else 'falls below'} {rule.threshold}"
        )
    head = f"When {event}"
    if rule.for_each_friend:
        head += ", for each friend"
    if rule.condition is not None:
        head += f", if {condition_phrase(rule.condition)}"
    effects = [effect_phrase(x) for x in rule.effects]
    body = ", ".join(effects[:-1]) + (" and " if len(effects) > 1 else "") + effects[-1]
    once = " (only once)" if rule.once else ""
    said = f'"{rule.description}" ' if rule.description else ""
    return f"{said}{head}: {body}{once}. {where}"


def explain(scenario: Scenario) -> list[str]:
    """The scenario's score, tiers and rules in plain English, one line each."""
    lines = [
        f"{scenario.title}: {scenario.days} days, {scenario.score_name} from "
        f"{scenario.score_min} to {scenario.score_max}, you start at {scenario.player_score}.",
    ]
    for tier in scenario.tiers:
        perks = [scenario.perk(p) for p in tier.perks]
        extra = "; ".join(f"{p.kind} '{p.name}'" for p in perks)
        lines.append(
            f"Tier {tier.name} ({tier.low} to {tier.high})" + (f": {extra}." if extra else ".")
        )
    lines += [explain_rule(rule) for rule in scenario.rules]
    return lines
