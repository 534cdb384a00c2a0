"""Results codes: a game's results as a short code a student can paste into a form or an LMS.

``MC1-`` then Crockford base32 (digits and capitals without I, L, O, U; read back without
caring about case, dashes or spaces, O as 0 and I or L as 1). The code carries the scenario's key,
the final score, tier and daily path, the counts of the player's choices, the quiz ratings and the
nickname, followed by a checksum, so a mistyped, cut or damaged code is refused with a reason
(``CodeError``) instead of being read wrong. Causes' texts are not in the code (results files
have them).

Bytes: length, version, scenario key (2), tier index, tier count, path (count, first, deltas),
choices (9 counts), claim-set key (2), claim count, one byte per claim (truth x 36 +
(before - 1) x 6 + (after - 1)), nickname (length, UTF-8), then 3 checksum bytes. Numbers are
zigzag varints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from game.core.model import Scenario
from game.core.quiz import Claim
from game.core.results import CHOICE_KINDS, Results, clean_nickname, scenario_key

PREFIX = "MC1-"
VERSION = 1
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {ch: i for i, ch in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
CHECK_BYTES = 3
GROUP = 5
MAX_NICK_BYTES = 60


class CodeError(Exception):
    """A code that cannot be read; the message says why, for the student or the teacher."""


def claim_set_key(claims: Sequence[Claim]) -> str:
    """Four hex digits naming a set of claims (ids and answers, whatever their order)."""
    text = "\n".join(f"{c.id}:{int(c.true)}" for c in sorted(claims, key=lambda c: c.id))
    return hashlib.sha256(text.encode()).hexdigest()[:4]


def encode(results: Results) -> str:
    """The code for ``results``, in groups of five characters."""
    body = bytearray([VERSION])
    body += bytes.fromhex(results.scenario_key)
    body += bytes([results.tier_index, results.tier_count])
    body += _varint(len(results.path))
    previous = 0
    for score in results.path:
        body += _zigzag(score - previous)
        previous = score
    for name, _kind in CHOICE_KINDS:
        body += _zigzag(results.choices.get(name, 0))
    claims = sorted(results.claims, key=lambda c: c.id) if results.has_quiz else []
    body += bytes.fromhex(claim_set_key(claims)) if claims else b"\0\0"
    body += bytes([len(claims)])
    for c in claims:
        body.append(int(c.true) * 36 + (results.before[c.id] - 1) * 6 + results.after[c.id] - 1)
    nick = results.nickname.encode("utf-8")[:MAX_NICK_BYTES].decode("utf-8", "ignore").encode()
    body += bytes([len(nick)]) + nick
    data = bytes([len(body)]) + body
    data += hashlib.sha256(data).digest()[:CHECK_BYTES]
    text = _to_base32(data)
    return PREFIX + "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def decode(
    code: str, scenarios: Sequence[Scenario] = (), claim_sets: Sequence[Sequence[Claim]] = ()
) -> Results:
    """The results a code carries. ``scenarios`` and ``claim_sets`` name what the code only
    keys (titles, tiers, claim texts); unknown ones are named by their key.

    Raises CodeError saying what is wrong: not a code, a character that cannot be in one,
    a missing part, a typo (the checksum does not match), another version.
    """
    text = "".join(code.split()).upper().replace("-", "")
    if not text:
        raise CodeError("the code is empty")
    if not text.startswith("MC"):
        raise CodeError("a results code starts with MC1-")
    if _VALUES.get(text[2:3]) != VERSION:
        raise CodeError(f"this code is from another version of the game (MC{text[2:3]})")
    chars = text[3:]
    _check_characters(code)
    data, spare = _from_base32(chars)
    if not data:
        raise CodeError("the code is incomplete: most of it is missing")
    expected = data[0] + 1 + CHECK_BYTES
    if len(data) < expected:
        missing = (expected - len(data)) * 8 // 5 + 1
        if len(data) < 8:
            raise CodeError("the code is too short to be a results code (copy all of it)")
        raise CodeError(f"the code is incomplete: about {missing} character(s) are missing")
    if len(chars) > -(-expected * 8 // 5):
        raise CodeError("the code is too long: something was added to it")
    wrong = hashlib.sha256(data[:-CHECK_BYTES]).digest()[:CHECK_BYTES] != data[-CHECK_BYTES:]
    if wrong or spare:
        raise CodeError("the code has a typo: its check characters do not match (copy it again)")
    try:
        return _parse(data[1:-CHECK_BYTES], scenarios, claim_sets)
    except (IndexError, ValueError) as err:
        raise CodeError(f"the code is damaged ({err or 'it ends too soon'})") from None


def _parse(
    body: bytes, scenarios: Sequence[Scenario], claim_sets: Sequence[Sequence[Claim]]
) -> Results:
    reader = _Reader(body)
    if reader.byte() != VERSION:
        raise CodeError("this code is from another version of the game")
    key = reader.take(2).hex()
    tier_index, tier_count = reader.byte(), reader.byte()
    path: list[int] = []
    score = 0
    for _ in range(reader.varint()):
        score += reader.zigzag()
        path.append(score)
    choices = {name: reader.zigzag() for name, _kind in CHOICE_KINDS}
    claims_key = reader.take(2).hex()
    values = [reader.byte() for _ in range(reader.byte())]
    nickname = reader.take(reader.byte()).decode("utf-8", errors="replace")
    if not reader.done or not path or not 0 <= tier_index < tier_count:
        raise ValueError("its parts do not add up")
    if any(v >= 72 for v in values):
        raise ValueError("a quiz answer is out of range")
    scenario = next((s for s in scenarios if scenario_key(s.title, s.language) == key), None)
    claims = _claims(claims_key, values, claim_sets)
    return Results(
        scenario_title=scenario.title if scenario else f"scenario {key}",
        scenario_key=key,
        language=scenario.language if scenario else "",
        score_name=scenario.score_name if scenario else "Score",
        final_score=path[-1],
        tier_name=scenario.tiers[tier_index].name
        if scenario and tier_count == len(scenario.tiers)
        else f"tier {tier_index + 1} of {tier_count}",
        tier_index=tier_index,
        tier_count=tier_count,
        path=tuple(path),
        choices=choices,
        claims=claims,
        before={c.id: v % 36 // 6 + 1 for c, v in zip(claims, values, strict=True)},
        after={c.id: v % 6 + 1 for c, v in zip(claims, values, strict=True)},
        nickname=clean_nickname(nickname),
    )


def _claims(
    key: str, values: list[int], claim_sets: Sequence[Sequence[Claim]]
) -> tuple[Claim, ...]:
    """The claims of a code, in id order: the known set with this key, else numbered ones."""
    for claims in claim_sets:
        if claims and claim_set_key(claims) == key and len(claims) == len(values):
            return tuple(sorted(claims, key=lambda c: c.id))
    return tuple(
        Claim(f"{key}-{i + 1}", f"claim {i + 1}", v >= 36, "") for i, v in enumerate(values)
    )


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    @property
    def done(self) -> bool:
        return self.at == len(self.data)

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise IndexError
        out = self.data[self.at : self.at + n]
        self.at += n
        return out

    def byte(self) -> int:
        return self.take(1)[0]

    def varint(self) -> int:
        value = shift = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 63:
                raise ValueError("a number is too long")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _zigzag(n: int) -> bytes:
    return _varint(n * 2 if n >= 0 else -n * 2 - 1)


def _to_base32(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    count = len(data) * 8
    pad = -count % 5
    bits <<= pad
    count += pad
    return "".join(ALPHABET[(bits >> shift) & 31] for shift in range(count - 5, -1, -5))


def _check_characters(code: str) -> None:
    """Raise CodeError naming the first character (after MC1) that cannot be in a code."""
    seen = 0
    for position, ch in enumerate(code, start=1):
        if ch.isspace() or ch == "-":
            continue
        seen += 1
        if seen > 3 and ch.upper() not in _VALUES:
            raise CodeError(f"'{ch}' cannot be in a results code (character {position})")


def _from_base32(chars: str) -> tuple[bytes, int]:
    """The whole bytes the characters spell, and the leftover padding bits (0 in a good code)."""
    bits = 0
    for ch in chars:
        bits = bits << 5 | _VALUES[ch]
    count = len(chars) * 5
    whole = count // 8
    spare = bits & ((1 << (count - whole * 8)) - 1)
    return ((bits >> (count - whole * 8)).to_bytes(whole, "big") if whole else b""), spare
