"""Effects a rule's ``then`` may apply: small dataclasses whose fields are the YAML parameters.

Each effect answers ``apply(world, scope, cause)``; the world is the running game (see ``World``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol

from game.core.codes import Code
from game.core.conditions import Condition, Scope


class Cause(NamedTuple):
    """Which rule, in which file and at which line, made a change, and why (as a code);
    ``friend``: the friend the rule ran for or whose event fired it (None when none did)."""

    rule_id: str
    path: str
    line: int
    reason: Code
    friend: str | None = None


class World(Protocol):
    """What effects may do to the running game."""

    def friend_ids(self) -> tuple[str, ...]:
        """Ids of the player's current friends, in file order."""

    def bound(self, scope: Scope, who: str) -> str | None:
        """Resolve ``friend`` to the bound friend's id (None if unbound); other ids unchanged."""

    def with_friend(self, scope: Scope, friend_id: str) -> Scope:
        """The same scope with another friend bound."""

    def change_score(self, who: str, by: int | None, percent: float | None, cause: Cause) -> None:
        """Move the player's (``player``) or a friend's score, clamped to the range."""

    def set_score(self, who: str, value: int, cause: Cause) -> None:
        """Set the player's (``player``) or a friend's score, clamped to the range."""

    def pull_to_friends(self, weight: float, cause: Cause) -> None:
        """Move the player's score ``weight`` of the way to the friends' average."""

    def notify(self, text: str, scope: Scope, cause: Cause) -> None:
        """Show the player a notice."""

    def message(self, sender: str, text: str, scope: Scope, cause: Cause) -> None:
        """A friend sends the player a message."""

    def account_message(self, account: str, text: str, scope: Scope, cause: Cause) -> None:
        """An account that is not a friend (the platform, an office) sends the player a message."""

    def add_post(self, post_id: str, cause: Cause) -> None:
        """Put a pool post at the top of the feed."""

    def set_friendship(
        self, friend_id: str, is_friend: bool, cause: Cause, text: str | None, scope: Scope
    ) -> None:
        """A person unfriends or befriends the player; ``text`` (when given) is the notice the
        player reads instead of the usual one, with placeholders filled for that person."""

    def set_flag(self, name: str, value: bool) -> None:
        """Set or clear a flag."""

    def change_counter(self, name: str, by: int | None, value: int | None) -> None:
        """Add to a counter, or set it."""

    def change_money(self, by: int, cause: Cause) -> None:
        """Change the player's money, never below zero."""

    def set_perk(self, perk_id: str, unlocked: bool, cause: Cause) -> None:
        """Unlock or lock a perk on top of the tier's own."""

    def end_game(self, text: str, scope: Scope, cause: Cause) -> None:
        """End the game once the current event is done."""


class Effect(Protocol):
    """Anything with ``apply(world, scope, cause)`` and the ``line`` it was written on."""

    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        """Do what the effect says."""


@dataclass(frozen=True, slots=True)
class ChangeScore:
    """Change the score of the player, the bound friend, all friends or one friend."""

    who: str
    line: int
    by: int | None = None
    percent: float | None = None
    where: Condition | None = None

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        if self.who == "friends":
            targets = world.friend_ids()
        else:
            target = world.bound(scope, self.who)
            targets = () if target is None else (target,)
        for target in targets:
            scoped = world.with_friend(scope, target) if target != "player" else scope
            if self.where is not None and not self.where.holds(scoped):
                continue
            world.change_score(target, self.by, self.percent, cause)


@dataclass(frozen=True, slots=True)
class SetScore:
    """Set the score of the player, the bound friend or one friend to a value."""

    who: str
    value: int
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        target = world.bound(scope, self.who)
        if target is not None:
            world.set_score(target, self.value, cause)


@dataclass(frozen=True, slots=True)
class PullToFriends:
    """The friends' average pulls the player's score toward it."""

    weight: float
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.pull_to_friends(self.weight, cause)


@dataclass(frozen=True, slots=True)
class Notify:
    """A notice to the player."""

    text: str
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.notify(self.text, scope, cause)


@dataclass(frozen=True, slots=True)
class Message:
    """A message from a friend (``friend`` for the bound one, or an id), or, with
    ``from_account``, from an account that is not a friend, ``sender`` being its name."""

    sender: str
    text: str
    line: int
    from_account: bool = False

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        if self.from_account:
            world.account_message(self.sender, self.text, scope, cause)
            return
        sender = world.bound(scope, self.sender)
        if sender is not None:
            world.message(sender, self.text, scope, cause)


@dataclass(frozen=True, slots=True)
class AddPost:
    """Put a pool post at the top of the feed."""

    post: str
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.add_post(self.post, cause)


@dataclass(frozen=True, slots=True)
class SetFriendship:
    """A person unfriends (``unfriend``) or befriends (``befriend``) the player; ``text``, when
    given, is what the player reads (an account deactivated is not an unfriending)."""

    who: str
    is_friend: bool
    line: int
    text: str | None = None

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        target = world.bound(scope, self.who)
        if target is not None:
            world.set_friendship(target, self.is_friend, cause, self.text, scope)


@dataclass(frozen=True, slots=True)
class SetFlag:
    """Set (``set_flag``) or clear (``clear_flag``) a flag."""

    name: str
    value: bool
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.set_flag(self.name, self.value)


@dataclass(frozen=True, slots=True)
class ChangeCounter:
    """Add to a counter (``add_to_counter``) or set it (``set_counter``)."""

    name: str
    line: int
    by: int | None = None
    value: int | None = None

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.change_counter(self.name, self.by, self.value)


@dataclass(frozen=True, slots=True)
class ChangeMoney:
    """Change the player's money."""

    by: int
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.change_money(self.by, cause)


@dataclass(frozen=True, slots=True)
class SetPerk:
    """Unlock (``unlock_perk``) or lock (``lock_perk``) a perk."""

    perk: str
    unlocked: bool
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.set_perk(self.perk, self.unlocked, cause)


@dataclass(frozen=True, slots=True)
class EndGame:
    """End the game, with the reason the debrief shows."""

    text: str
    line: int

    def apply(self, world: World, scope: Scope, cause: Cause) -> None:
        world.end_game(self.text, scope, cause)
