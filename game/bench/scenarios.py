"""Generated scenarios for the benchmark: real YAML text, checked by the real checker.

``generate(spec)`` writes a scenario with ``spec.friends`` people and ``spec.rules`` rules as YAML
text: one main file and, when the lists are long, included files (the format's ``include:``),
because one file may hold at most 1 MiB and 100,000 values. ``load(files, folder)`` writes the
files and checks the main one with ``game.core.checker.check_text``.

The rules follow the mix of the shipped scenarios, in a cycle of 20 that repeats with other
words, tags, thresholds and people: 6 of 20 run in a day step (``day_starts`` 1, ``day_ends`` 2
of which one ``for_each: friend``, ``friend_posts`` 2, ``score_crosses`` 1), the other 14 on the
player's actions and on the game's start and end. Conditions mix word lists, tags, expressions,
friend properties, scores, counters, flags, chance and ``all``/``any``/``not``; effects mix
score changes (``where`` filters too), notices, messages, counters, flags, money, perks, posts and
unfriending. Friends post 0.2 to 0.6 times a day (0.4 on average), so a day at F friends brings
about 0.4 F ``friend_posts`` events. No rule runs ``for_each: friend`` on ``friend_posts`` and no
``friend_posts`` rule touches every friend: those would make a day cost friends x posts by design.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from game.core.checker import CheckResult, check_text
from game.core.words import WordList

MAIN = "bench.yaml"
CHUNK = 2000  # friends or posts per included file (keeps each file under 1 MiB and 100k values)
MAX_POSTS = 10_000  # the format's limit on posts (and on friends)
DAY_STEP_EVENTS = frozenset(
    {"day_starts", "day_ends", "friend_posts", "score_crosses", "friend_unfriends", "game_ends"}
)
"""Events a day step (``EndDay``) can fire; rules on other events cost it nothing."""

_REACTIONS = ("loyal", "anxious", "zealous", "indifferent")
_TOPICS = ("daily", "political", "patriotic", "gaming", "study", "food", "sport", "music")
_RATES = (0.2, 0.4, 0.6)
_FIRST = ("Ana", "Bo", "Cy", "Dan", "Eva", "Fei", "Gus", "Hua", "Ines", "Jun", "Kai", "Lin", "Mei")
_LAST = ("Li", "Wang", "Zhao", "Chen", "Liu", "Yang", "Huang", "Wu", "Zhou", "Xu", "Sun", "Ma")
_LISTS: dict[str, tuple[str, ...]] = {
    "political": ("protest", "censorship", "free speech", "petition", "strike*", "tiananmen"),
    "praise": ("proud", "progress", "harmony", "great nation", "grateful"),
    "rumours": ("rumour", "crash", "leak*", "they say"),
    "gaming": ("game*", "level up", "all night", "raid"),
}
_TEXT = (
    "the city is busy today and the noodles at the corner shop were great again "
    "my sister finished her exams so we went to the park with the neighbours "
    "rain all morning but the bus was on time for once which surprised everyone "
    "watched the match with friends and nobody talked about work at all "
    "new bakery opened near the station and the queue went round the block"
)
_WORDS = tuple(_TEXT.split())
_FLAVOUR = {
    "political": ("protest", "censorship", "free speech", "petition", "strikes"),
    "patriotic": ("proud", "progress", "harmony", "grateful"),
    "gaming": ("gamers", "level up", "raid", "all night"),
    "daily": ("rumour", "leaked", "they say"),
}


@dataclass(frozen=True)
class Spec:
    """What to generate. ``posts`` None: enough friend posts for two and a half days.

    ``text_words`` is the length of post texts; ``single_file`` keeps everything in one file
    (then the caller must keep it under the limits); otherwise friends and posts beyond ``chunk``
    go to included files of ``chunk`` entries each.
    """

    friends: int
    rules: int
    posts: int | None = None
    days: int = 30
    text_words: int = 14
    single_file: bool = False
    seed: int = 1
    chunk: int = CHUNK

    def post_count(self) -> int:
        """How many friend posts the pool holds."""
        wanted = self.posts if self.posts is not None else max(20, int(self.friends * 0.4 * 2.5))
        return min(wanted, MAX_POSTS - 40)


def _q(text: str) -> str:
    """A double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(rng: random.Random, words: int, topic: str | None) -> str:
    start = rng.randrange(len(_WORDS) - words)
    body = list(_WORDS[start : start + words])
    if topic in _FLAVOUR and rng.random() < 0.5:
        body.insert(rng.randrange(len(body)), rng.choice(_FLAVOUR[topic]))
    return " ".join(body).capitalize() + "."


def _choice(index: int, text: str, topic: str) -> str:
    """A ready-made post, tagged with its topic and with every word list it uses (the checker
    warns about a choice a word list catches unless its tags say the match is meant)."""
    caught = [name for name, words in _LISTS.items() if WordList(name, words).find(text)]
    tags = ", ".join(dict.fromkeys([topic, *caught]))
    return f"    - {{id: choice-{index}, text: {_q(text)}, tags: [{tags}]}}"


def _friends(spec: Spec, rng: random.Random) -> list[str]:
    lines = []
    for i in range(spec.friends):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]} {i}"
        topics = ", ".join(rng.sample(_TOPICS, rng.choice((1, 2))))
        friend = "" if i % 10 != 9 else ", friend: false"
        lines.append(
            f"  - {{id: f{i}, name: {_q(name)}, score: {rng.randrange(420, 900)}{friend}, "
            f"personality: {{posts_per_day: {rng.choice(_RATES)}, topics: [{topics}], "
            f"reaction: {_REACTIONS[i % 4]}}}}}"
        )
    return lines


def _posts(spec: Spec, rng: random.Random) -> list[str]:
    lines = []
    for i in range(spec.post_count()):
        topic = rng.choice(_TOPICS)
        tags = topic if rng.random() < 0.7 else f"{topic}, {rng.choice(_TOPICS)}"
        author = f", author: f{rng.randrange(spec.friends)}" if i % 2 else ""
        text = _q(_text(rng, spec.text_words, topic))
        lines.append(f"  - {{id: p{i}, source: friend{author}, text: {text}, tags: [{tags}]}}")
    for i in range(30):
        source = ("official", "news", "ad")[i % 3]
        day = f", day: {i % spec.days + 1}" if i % 5 == 0 else ""
        text = _q(_text(rng, spec.text_words, "patriotic" if source == "official" else None))
        tag = "official" if source == "official" else _TOPICS[i % len(_TOPICS)]
        lines.append(
            f"  - {{id: {source}-{i}, source: {source}, author: {_q(source.title() + ' desk')}, "
            f"text: {text}, tags: [{tag}]{day}}}"
        )
    return lines


def _rule(i: int, spec: Spec) -> str:
    """Rule ``i`` of the cycle of 20 (see the module docstring), as a YAML list entry."""
    k = i // 20
    lst = tuple(_LISTS)[k % len(_LISTS)]
    tag = _TOPICS[k % len(_TOPICS)]
    other = _TOPICS[(k + 3) % len(_TOPICS)]
    who = f"f{(k * 7) % spec.friends}"
    low = 520 + (k * 13) % 120
    head = f"  - id: r{i}\n    about: bench\n"
    match i % 20:
        case 0:
            body = f"""when: day_starts
if: "day > 1 and player.money < {1000 + k}"
then:
  - change_money: {{by: {5 + k % 10}}}"""
        case 1:
            body = f"""when: day_ends
if: {{score: {{of: friends_average, below: {low + 100}}}}}
then:
  - pull_to_friends: {{weight: 0.05}}
  - add_to_counter: {{name: low_days_{k % 5}, by: 1}}"""
        case 2:
            body = f"""when: day_ends
for_each: friend
if: "friend.score < {low} and friend.reaction == \\"{_REACTIONS[k % 4]}\\""
then:
  - change_score: {{who: player, by: -1}}
  - notify: "{{friend.name}} ({{friend.score}}) pulled your score down." """
        case 3:
            body = f"""when: friend_posts
if: {{text_uses: [{lst}, rumours]}}
then:
  - change_score: {{who: friend, by: -{2 + k % 5}}}
  - add_to_counter: {{name: flagged_posts, by: 1}}"""
        case 4:
            body = f"""when: friend_posts
if:
  - {{has_tag: [{tag}, {other}]}}
  - {{any: [{{friend: {{reaction: zealous}}}}, "friend.score >= {low + 150}"]}}
  - {{chance: 0.3}}
then:
  - change_score: {{who: friend, by: 2}}
  - message: {{from: friend, text: "Did you see my post about {tag}?"}}"""
        case 5:
            body = f"""when: score_crosses
threshold: {low}
direction: {("down", "up", "either")[k % 3]}
then:
  - notify: "Your score crossed {low}."
  - set_flag: crossed_{k % 7}"""
        case 6:
            body = f"""when: player_posts
if: {{text_uses: {lst}}}
then:
  - change_score: {{who: player, by: -{10 + k % 20}}}
  - change_score: {{who: friends, by: -2, where: {{not: {{friend: {{reaction: zealous}}}}}}}}
  - add_post: official-0"""
        case 7:
            body = """when: player_posts
for_each: friend
if: [{has_tag: political}, {friend: {reaction: anxious}}, {chance: 0.1}]
then:
  - unfriend: friend"""
        case 8:
            body = f"""when: player_likes
if: {{has_tag: {tag}}}
then:
  - change_score: {{who: player, by: {1 + k % 4}}}"""
        case 9:
            body = """when: player_shares
if: {any: [{has_tag: official}, {text_uses: praise}]}
then:
  - change_score: {who: player, by: 4}
  - notify: "Sharing the good news: plus 4." """
        case 10:
            body = f"""when: player_comments
if: {{text_uses: [{lst}, gaming]}}
then:
  - change_score: {{who: player, by: -5}}"""
        case 11:
            body = f"""when: player_reports_post
if: [{{has_tag: political}}, {{friend: {{is_friend: true}}}}]
then:
  - change_score: {{who: friend, by: -{5 + k % 10}}}
  - add_to_counter: {{name: reports}}"""
        case 12:
            body = """when: player_reports_friend
then:
  - change_score: {who: player, by: 5}
  - change_score: {who: friend, by: -20}
  - message: {from: friend, text: "Was it you who reported me?"}"""
        case 13:
            body = f"""when: player_buys
if: {{item: item-{k % 10}}}
then:
  - change_score: {{who: player, by: {(k % 7) - 3 or 1}}}
  - change_money: {{by: -1}}"""
        case 14:
            body = f"""when: player_buys
if: {{has_tag: luxury}}
then:
  - lock_perk: perk-{k % 6}"""
        case 15:
            body = f"""when: player_adds_friend
if: "friend.score >= {low}"
then:
  - change_score: {{who: player, by: 3}}"""
        case 16:
            body = f"""when: player_removes_friend
if: {{not: {{flag: crossed_{k % 7}}}}}
then:
  - change_score: {{who: {who}, by: -1}}"""
        case 17:
            body = f"""when: game_starts
then:
  - set_counter: {{name: reports, value: 0}}
  - unlock_perk: perk-{k % 6}"""
        case 18:
            body = f"""when: friend_unfriends
if: "counters.reports >= {k % 4}"
then:
  - notify: "{{friend.name}} left you."
  - clear_flag: crossed_{k % 7}"""
        case _:
            body = f"""when: player_posts
if: {{all: [{{has_tag: [patriotic, {tag}]}}, "player.score < {low + 300}"]}}
then:
  - change_score: {{who: player, by: 6}}"""
    return head + "".join(f"    {line}\n" for line in body.splitlines())


def _main(spec: Spec, rng: random.Random, includes: list[str], inline: dict[str, list[str]]) -> str:
    perks = "\n".join(
        f"  - {{id: perk-{i}, kind: {'perk' if i % 2 else 'penalty'}, name: {_q(f'Perk {i}')}, "
        f"text: {_q('What this perk does, in one sentence.')}}}"
        for i in range(6)
    )
    shop = "\n".join(
        f"  - {{id: item-{i}, name: {_q(f'Item {i}')}, price: {5 + i * 7}, "
        f"tags: [{'luxury' if i % 3 == 0 else _TOPICS[i % len(_TOPICS)]}]}}"
        for i in range(10)
    )
    lists = "\n".join(f"  {name}: [{', '.join(_q(w) for w in ws)}]" for name, ws in _LISTS.items())
    choices = "\n".join(_choice(i, _text(rng, 10, topic), topic) for i, topic in enumerate(_TOPICS))
    include = f"include: [{', '.join(includes)}]\n" if includes else ""
    sections = "".join(f"{key}:\n" + "\n".join(lines) + "\n" for key, lines in inline.items())
    return f"""# yaml-language-server: $schema=scenario.schema.json
# Generated by game.bench: {spec.friends} people, {spec.rules} rules.
format: 1
title: "Bench town ({spec.friends} people, {spec.rules} rules)"
description: "A generated scenario for measuring speed."
language: en
minutes: 30
days: {spec.days}
{include}
player:
  name: "You"
  score: 650
  money: 200

score:
  name: "Bench score"
  min: 350
  max: 950
  tiers:
    - {{id: low, name: "Low", from: 350, to: 549, perks: [perk-0, perk-2, perk-4]}}
    - {{id: mid, name: "Middle", from: 550, to: 699}}
    - {{id: high, name: "High", from: 700, to: 799, perks: [perk-1]}}
    - {{id: top, name: "Top", from: 800, to: 950, perks: [perk-1, perk-3, perk-5]}}

perks:
{perks}

feed:
  per_day: 3

player_posts:
  free_text: true
  choices:
{choices}

shop:
{shop}

word_lists:
{lists}

{sections}
debrief:
  summary: "Generated for the benchmark."
  facts:
    - id: bench
      claim: "Benchmarks measure what they measure."
      verdict: fact
      explanation: "And nothing else."
      sources: [{{title: "The bench", url: "https://example.org/bench", year: 2025}}]
  questions: ["What did this measure?"]
"""


def generate(spec: Spec) -> dict[str, str]:
    """The scenario's files: name -> YAML text; the main file is ``MAIN``."""
    rng = random.Random(spec.seed)
    friends = _friends(spec, rng)
    posts = _posts(spec, rng)
    rules = [_rule(i, spec) for i in range(spec.rules)]
    files: dict[str, str] = {}
    inline: dict[str, list[str]] = {}
    includes: list[str] = []
    for key, lines in (("friends", friends), ("posts", posts)):
        if spec.single_file or len(lines) <= spec.chunk:
            inline[key] = lines
            continue
        for n, start in enumerate(range(0, len(lines), spec.chunk)):
            name = f"bench-{key}-{n}.yaml"
            files[name] = f"{key}:\n" + "\n".join(lines[start : start + spec.chunk]) + "\n"
            includes.append(name)
    inline["rules"] = [r.rstrip("\n") for r in rules]
    files[MAIN] = _main(spec, rng, includes, inline)
    return files


def write(files: dict[str, str], folder: Path) -> Path:
    """Write the files into ``folder`` and return the main file's path."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / MAIN


def load(files: dict[str, str], folder: Path) -> CheckResult:
    """Write the files and check the main one (with its includes) through ``check_text``."""
    path = write(files, folder)
    return check_text(path.read_bytes(), str(path), folder=folder)


def sized(target_bytes: int, seed: int = 1) -> bytes:
    """One valid file of just under ``target_bytes`` (at most 1 MiB): 1,000 people, 1,000 rules
    and as many posts (with longer texts) as fit. Raises ValueError if it cannot get close."""
    low, high = 1000, 3000
    size_low, size_high = len(_sized_file(low, seed)), len(_sized_file(high, seed))
    per_post = (size_high - size_low) / (high - low)
    posts = min(MAX_POSTS - 40, low + int((target_bytes - size_low) / per_post))
    data = _sized_file(posts, seed)
    while len(data) > target_bytes and posts > 0:
        posts -= 1 + int((len(data) - target_bytes) / per_post)
        data = _sized_file(posts, seed)
    if len(data) < target_bytes * 0.97:
        raise ValueError(f"could only generate {len(data)} bytes, wanted ~{target_bytes}")
    return data


def _sized_file(posts: int, seed: int) -> bytes:
    spec = Spec(1000, 1000, posts=posts, text_words=24, single_file=True, seed=seed)
    return generate(spec)[MAIN].encode("utf-8")
