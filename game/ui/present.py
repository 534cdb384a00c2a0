"""How the core's views look as cards: posts, friends, shop items, perks, score changes.

Pure functions from views to `Card`s; no game rules (what is allowed is asked of ``Game.can``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.core import commands as cmd
from game.core.codes import Code
from game.core.model import PLAIN_SCORE, Item, Perk, Scenario, ScoreFormat, Tier
from game.core.views import FeedPost, FriendView, Notice, PlayerView
from game.ui import theme as th
from game.ui.avatars import Face, account_face
from game.ui.cards import Author, Badges, Bubble, Card, CardButton, Counts, Custom, Gap, Line
from game.ui.strings import Strings
from game.ui.widgets import UIContext, draw_icon

Can = Callable[[cmd.Command], Code | None]


def when(day: int, today: int, s: Strings) -> str:
    """A post's age as a person says it: today, yesterday, 3 days ago."""
    age = today - day
    if age <= 0:
        return s("post.today")
    if age == 1:
        return s("post.yesterday")
    return s("post.days_ago", n=age)


@dataclass(frozen=True, slots=True)
class Profile:
    """How the player appears on their own posts: avatar, tier (name and colour) and the
    perks and penalties the story says others can see."""

    face: Face
    tier: str
    color: th.Color
    marks: tuple[tuple[str, bool], ...] = ()
    """(name, is_penalty) of every perk and penalty in force."""


def profile_of(player: PlayerView, scenario: Scenario) -> Profile:
    """The player's profile as their own posts show it."""
    index = next((i for i, t in enumerate(scenario.tiers) if t.id == player.tier.id), 0)
    return Profile(
        Face("player", player.name),
        player.tier.name,
        th.tier_color_of(scenario.tiers, index),
        tuple((perk.name, perk.is_penalty) for perk in player.perks),
    )


def tier_color(tier: Tier, scenario: Scenario) -> th.Color:
    """The colour of `tier` in `scenario` (its own, or the default ramp's)."""
    index = next((i for i, t in enumerate(scenario.tiers) if t.id == tier.id), 0)
    return th.tier_color_of(scenario.tiers, index)


def handle_of(post: FeedPost) -> str:
    """A post author's handle: the friend's id, or the author's name made into one."""
    if post.friend_id:
        return post.friend_id
    slug = "".join(ch if ch.isalnum() else "_" for ch in post.author_name.lower()).strip("_")
    return slug or post.source


def engagement(post: FeedPost, today: int) -> tuple[int, int, int]:
    """Likes, shares and comments shown under a post. Likes and shares are decoration (not a
    game rule): stable for a post, growing with its age, larger for accounts than for people,
    the player's own like and share included. Comments are only those the game keeps as text
    (the player's), so every comment counted can be read when the post is opened."""
    seed = zlib.crc32(f"{post.pool_id or post.uid}:{post.author_name}".encode())
    age = max(0, today - post.day) + 1
    reach = {"official": 900, "news": 400, "ad": 120}.get(post.source, 14)
    likes = (seed % reach + reach // 4) * age // 2 + int(post.liked)
    shares = (seed >> 8) % max(2, reach // 6) * age // 3 + int(post.shared)
    return likes, shares, len(post.comments)


def count(s: Strings, key: str, n: int) -> str:
    """A count with its noun: "1 like", "3 likes" (keys ``count.likes`` and ``count.likes.1``)."""
    return s(f"{key}.1") if n == 1 else s(key, n=n)


def post_face(post: FeedPost, friend: Face | None = None) -> Face:
    """The avatar of a post's author: the friend's, or an account's (news, official, ad)."""
    return friend if friend is not None else account_face(post.author_name)


def post_card(
    post: FeedPost,
    today: int,
    s: Strings,
    can: Can | None = None,
    face: Face | None = None,
    me: Profile | None = None,
    inline_comments: bool = True,
) -> Card:
    """A feed post as a social app shows it: avatar, author, handle, age, source, tags, the
    text, the player's last comments (unless `inline_comments` is false: a thread shows them
    below), counts of likes, shares and comments, and the four actions. The player's own posts
    (with `me`) show their tier and visible penalties, and the likes and comments received."""
    source = "you" if post.by_player else post.source
    color = th.SOURCE_COLORS.get(source, th.ACCENT)
    author = s("post.by_you") if post.by_player else post.author_name
    badges: list[tuple[str, th.Color]] = [(s(f"source.{source}"), color)]
    ring = None
    if post.by_player and me is not None:
        badges.append((me.tier, me.color))
        badges += [(name, th.LOSS) for name, penalty in me.marks if penalty]
        ring = me.color
    badges += [(f"#{tag}", th.BORDER) for tag in post.tags[:3]]
    who = me.face if post.by_player and me is not None else post_face(post, face)
    handle = s("look.handle", handle=handle_of(post)) if not post.by_player else ""
    stamp = " \u00b7 ".join(x for x in (handle, when(post.day, today, s)) if x)
    link = "profile" if post.friend_id and not post.by_player else None
    parts: list = [
        Author(who, author, stamp, tuple(badges), ring=ring, link=link),
        Gap(2),
        Line(post.text),
    ]
    for comment in post.comments[-3:] if inline_comments else ():
        parts.append(Line(s("post.you_commented", text=comment), "meta", th.MUTED, icon="comment"))
    likes, shares, comments = engagement(post, today)
    if post.by_player:
        parts.append(
            Line(
                s(
                    "look.received",
                    likes=count(s, "count.likes", likes),
                    comments=count(s, "count.comments", comments),
                ),
                "meta",
                th.GAIN,
                icon="heart",
            )
        )
    else:
        parts.append(
            Counts(
                (
                    ("heart", count(s, "count.likes", likes), th.LOSS if post.liked else th.MUTED),
                    ("share", count(s, "count.shares", shares), th.MUTED),
                    ("comment", count(s, "count.comments", comments), th.MUTED),
                ),
                (None, None, "comments"),
            )
        )

    def enabled(command: cmd.Command, done: bool) -> bool:
        if done:
            return False
        return can(command) is None if (can is not None and post.by_player) else True

    buttons = (
        CardButton(
            "like",
            s("post.liked" if post.liked else "post.like"),
            enabled(cmd.Like(post.uid), post.liked),
            post.liked,
            "heart",
        ),
        CardButton(
            "share",
            s("post.shared" if post.shared else "post.share"),
            enabled(cmd.Share(post.uid), post.shared),
            post.shared,
            "share",
        ),
        CardButton("comment", s("post.comment"), True, icon="comment"),
        CardButton(
            "report",
            s("post.reported" if post.reported else "post.report"),
            enabled(cmd.ReportPost(post.uid), post.reported),
            post.reported,
            "flag",
            destructive=True,
        ),
    )
    return Card(post.uid, tuple(parts), buttons, accent=color)


def sentence(text: str) -> str:
    """`text` starting with a capital letter, as a line of its own does (the core's refusals
    are written to follow "Not possible: ", in lower case)."""
    return text[:1].upper() + text[1:]


def refusal_lines(s: Strings, reasons: Sequence[Code | None]) -> list[Line]:
    """A line in player words for each reason a card's button is greyed out (the core's refusal
    codes; None for a button that works), each reason once, as a sentence."""
    said = dict.fromkeys(sentence(s.say(r)) for r in reasons if r is not None)
    return [Line(text, "small", th.WARNING, icon="minus") for text in said]


def friend_card(
    person: FriendView,
    s: Strings,
    can: Can,
    face: Face | None = None,
    color: th.Color = th.ACCENT,
    display: ScoreFormat = PLAIN_SCORE,
    with_profile: bool = True,
    left: bool = False,
) -> Card:
    """A person's card: avatar ringed in their tier's colour, tier badge, status, score (as
    ``display`` shows scores), bio and reaction (their messages are in the messages view);
    `with_profile` adds a Profile button (tapping the name or avatar does the same). A friend
    who `left` the player just now is greyed and says so."""
    status = s("friends.is_friend") if person.is_friend else s("friends.not_friend")
    if left:
        status, color = s("friends.left"), th.BORDER
    parts: list = [
        Author(
            face or Face(person.id, person.name),
            person.name,
            s("look.handle", handle=person.id),
            ((person.tier.name, color), (status, th.GAIN if person.is_friend else th.BORDER)),
            size=52.0,
            ring=color,
            link="profile",
        ),
        Line(
            s("friends.score", score=display.show(person.score), tier=person.tier.name),
            "meta",
            th.MUTED,
        ),
    ]
    if person.bio:
        parts.append(Line(person.bio, "meta"))
    reaction = s(f"reaction.{person.reaction}")
    reaction = person.reaction if reaction.startswith("reaction.") else reaction
    parts.append(Line(s("friends.reaction", reaction=reaction), "small", th.MUTED))
    profile = (CardButton("profile", s("profile.open")),) if with_profile else ()
    if person.is_friend:  # the safe button first, the one that ends the friendship last
        remove, report = can(cmd.RemoveFriend(person.id)), can(cmd.ReportFriend(person.id))
        buttons = (
            *profile,
            CardButton(
                "report", s("friends.report"), report is None, icon="flag", destructive=True
            ),
            CardButton(
                "remove", s("friends.remove"), remove is None, icon="minus", destructive=True
            ),
        )
        reasons = [remove, report]
    else:
        add = can(cmd.AddFriend(person.id))
        buttons = (CardButton("add", s("friends.add"), add is None, icon="plus"), *profile)
        reasons = [add]
    parts += refusal_lines(s, reasons)
    return Card(("friend", person.id), tuple(parts), buttons, accent=color)  # grey: left


def item_card(
    item: Item,
    s: Strings,
    can: Can,
    money: Callable[[int], str] = str,
    bought: int = 0,
    refused: int = 0,
) -> Card:
    """A shop item as an app store's tile: a picture tile, its name (on up to two lines), a
    line saying what it is (its tags; an item that costs nothing says so), whether the player
    already bought it (or only ever had the purchase refused), and one button, "Buy · N"
    (greyed out, with the reason, when not possible; "Get it" when it costs nothing). Never
    what it does to the score."""
    free = item.price == 0  # a loan or a gift: nothing to pay now, nothing "bought for 0"
    badges: list[tuple[str, th.Color]] = []
    if bought:
        badges.append((s("shop.taken" if free else "shop.bought"), th.GAIN))
    elif refused:
        badges.append((s("shop.refused"), th.LOSS))
    reason = can(cmd.Buy(item.id))
    face = Face(f"item:{item.id}", item.name, account=True)
    about = " ".join(f"#{tag}" for tag in item.tags)
    parts: list = [
        Author(
            face,
            item.name,
            s("shop.no_cost") if free else about,
            tuple(badges),
            size=52.0,
            name_lines=2,
        )
    ]
    parts += refusal_lines(s, [reason])
    label = s("shop.get") if free else s("shop.buy_for", price=money(item.price))
    buy = CardButton("buy", label, reason is None, icon="bag")
    return Card(("item", item.id), tuple(parts), (buy,), accent=th.SOURCE_COLORS["ad"], tile=True)


def perk_card(perk: Perk, s: Strings, why: str, change: str | None = None) -> Card:
    """A perk (+) or penalty (-): its name, what it changes in the player's life and `why` it
    applies (or no longer does); `change` "gained"/"lost" highlights a recent change."""
    kind = s("perks.penalty") if perk.is_penalty else s("perks.perk")
    color = th.LOSS if perk.is_penalty else th.GAIN
    badges: list[tuple[str, th.Color]] = [(kind, color)]
    if change is not None:
        badges.append((s(f"perks.{change}"), th.FOCUS))
    icon = "minus" if perk.is_penalty else "plus"
    parts = (
        Badges(tuple(badges), lead=perk.name),
        Line(perk.text, icon=icon, icon_color=color),
        Line(why, "meta", th.MUTED),
    )
    return Card(("perk", perk.id, change), parts, accent=color)


def tier_card(
    tier: Tier,
    scenario: Scenario,
    s: Strings,
    current: bool,
    you: Face | None = None,
    score: float | None = None,
) -> Card:
    """A tier as a step of a ladder: the whole score scale as a track with the tier's range on
    it in the tier's colour (`scale_span`), its name and range, the player's avatar and score
    on it when it is theirs (``current``; `you` and `score`, also a marker on the track), and
    each perk (+, blue) and penalty (-, orange) it brings as a badge."""
    color = tier_color(tier, scenario)
    span = scale_span(tier, scenario)
    shown = f"{scenario.show_score(tier.low)}-{scenario.show_score(tier.high)}"
    where = None
    if current and score is not None:
        where = scale_at(score, scenario)
    parts: list = [
        Custom(("step", span, color, where), 12.0, _step(span, color, where)),
        Gap(6),
        Badges(((shown, color),), lead=tier.name, lead_style="heading" if current else "body"),
    ]
    if current:
        score_text = scenario.show_score(score) if score is not None else ""
        you = you or Face("player", s("perks.here"))
        parts.append(Author(you, s("perks.here"), score_text, size=36.0, ring=color))
    perks = [scenario.perk(perk_id) for perk_id in tier.perks]
    if perks:
        parts.append(
            Badges(
                tuple((p.name, th.LOSS if p.is_penalty else th.GAIN) for p in perks),
                icons=tuple("minus" if p.is_penalty else "plus" for p in perks),
            )
        )
    else:
        parts.append(Line(s("perks.nothing"), "meta", th.MUTED))
    return Card(("tier", tier.id, current), tuple(parts), accent=color)


def scale_at(score: float, scenario: Scenario) -> float:
    """Where `score` lies on the scenario's whole score scale (0 at its minimum, 1 at its
    maximum), clamped to 0..1."""
    low, high = scenario.score_min, scenario.score_max
    return min(1.0, max(0.0, (score - low) / max(1, high - low)))


def scale_span(tier: Tier, scenario: Scenario) -> tuple[float, float]:
    """Where a tier's range starts and ends on the whole score scale (0..1): from its lowest
    score to the next tier's lowest (``high + 1``), so neighbouring tiers meet."""
    return scale_at(tier.low, scenario), scale_at(tier.high + 1, scenario)


def _step(
    span: tuple[float, float], color: th.Color, where: float | None
) -> Callable[[pygame.Surface, pygame.Rect, UIContext], None]:
    """Paints a ladder's step: the whole score scale as a faint track, the tier's range
    (`span`, 0..1 of the scale) on it in the tier's colour, and a marker (a triangle) at
    `where` (0..1 of the scale) when the player stands on this step."""

    def paint(surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext) -> None:
        radius = rect.height // 2
        pygame.draw.rect(surface, th.CARD_HI, rect, border_radius=radius)
        start, end = (rect.x + round(f * rect.width) for f in span)
        segment = pygame.Rect(start, rect.y, max(rect.height, end - start), rect.height)
        pygame.draw.rect(surface, color, segment, border_radius=radius)
        if where is not None:
            x = rect.x + round(where * rect.width)
            x = min(rect.right - radius, max(rect.x + radius, x))
            draw_icon(surface, "down", (x, rect.centery), rect.height, th.TEXT)

    return paint


def notice_words(notice: Notice, s: Strings) -> str:
    """What a notice says to the player, in the player's language (the core sends a code)."""
    return s.say(notice.said)


def notice_card(notice: Notice, scenario: Scenario, s: Strings, key: object) -> Card:
    """A notice (message, notification, perk change) for the day summary."""
    text = notice_words(notice, s)
    if notice.kind == "message" and notice.friend:
        friend = next((f for f in scenario.friends if f.id == notice.friend), None)
        name = friend.name if friend else notice.friend
        face = Face(notice.friend, name, image=friend.image if friend else None)
        return Card(key, (Author(face, name, "", size=32.0), Bubble(text)))
    if notice.kind == "message" and notice.sender:
        return Card(
            key,
            (
                Author(account_face(notice.sender), notice.sender, "", size=32.0),
                Bubble(text),
            ),
        )
    icon, color = "dot", th.ACCENT
    if notice.kind in ("perk_gained", "perk_lost"):
        good = (notice.kind == "perk_gained") == (notice.who != "penalty")
        icon, color = ("up", th.GAIN) if good else ("down", th.LOSS)
    elif notice.kind in ("notify", "unfriend", "budget"):
        icon, color = "flag", th.WARNING
    return Card(key, (Line(text, "meta", icon=icon, icon_color=color),))


def notice_text(notice: Notice, name_of: Callable[[str | None], str], s: Strings) -> str:
    """What a notice says, in the player's language: a message starts with its sender's name
    (a friend's, or an account's that is not a friend)."""
    text = notice_words(notice, s)
    if notice.kind == "message":
        return f"{notice.sender or name_of(notice.friend)}: {text}"
    return text


def heading_card(text: str, key: object, style: str = "heading") -> Card:
    """A plain heading between cards."""
    return Card(("heading", key), (Line(text, style),), plain=True)


def text_card(text: str, key: object, style: str = "body", color: th.Color = th.TEXT) -> Card:
    """A plain paragraph between cards."""
    return Card(("text", key), (Line(text, style, color),), plain=True)
