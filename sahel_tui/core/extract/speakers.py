"""Who is speaking: read the subject of a speech verb and turn it into a speaker.

News copy names a speaker once in full ("Defence and security expert Aly Tounkara, who lectures
at …") and then by surname, by pronoun or not at all. This module finds the subject phrase of a
cue verb (before it, after it, or in the clause it continues) and turns it into a :class:`Speaker`
(name, role, kind), linked to the actor mention under its name. Who a pronoun or a surname stands
for is ``pronouns``' business. Used by ``quotes``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..models import Mention
from ..text import fold
from .lexicon.people import (
    BARE_TITLES,
    FEMALE_WORDS,
    GROUP_NOUNS,
    HUMAN_NOUNS,
    INVERTIBLE_VERBS_EN,
    MALE_WORDS,
    NAME_PARTICLES,
    ORG_WORDS,
    OUTLET_NAMES,
    OUTLET_PHRASES,
    PRONOUNS_FR,
    SPEECH_PARTICIPLES_FR,
    SPEECH_PRESENT_FR,
    SPEECH_VERBS_EN,
    TEXT_NOUNS,
    TITLE_WORDS,
)
from .sentences import Sentence

PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural", **PRONOUNS_FR}

_PARTICLES = NAME_PARTICLES
# A word of a personal name: capitalised, or a particle glued by a hyphen (al-Dah).
_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-Ý][\w’'\-.]*|"
                           r"(?:al|el|ag|ould|bin|ibn|abu)-[A-ZÀ-Ý][\w’'\-]*)$")
_TITLE_WORDS = TITLE_WORDS
_GROUP_NOUNS = GROUP_NOUNS
# Small words inside proper names ("Economic Community of West African States").
_LINKING = frozenset("of for and the in on de du des".split())
# Where a noun phrase's head ends and its post-modifiers begin (« le porte-parole de l'armée »).
_POSTMOD_RE = re.compile(r"\s(?:of|to|with|from|in|at|on|for|close|near|affiliated|linked|based|"
                         r"who|which|that|under|within|speaking|working|familiar|allied|loyal|"
                         r"de|du|des|d['’]|à|au|aux|chez|dans|qui)(?:\b|(?<=['’]))")
_PARENS_RE = re.compile(r"\s*\([^)]*\)")
# A proper name with small words inside it: every word capitalised or a linking word.
_PROPER_RE = re.compile(r"^(?:[Tt]he\s+)?[A-ZÀ-Ý][\w’'\-.]*"
                        r"(?:\s+(?:(?:of|for|and|the|in|on|de|du|des)\s+)*[A-ZÀ-Ý][\w’'\-.]*)*$")
MASK = "¤"  # stands in for quoted words so that cue verbs inside quotes are never read
_VERBS = "|".join(SPEECH_VERBS_EN)
# French cues: « X a déclaré », « a-t-il ajouté », « déclare-t-elle », « selon X ».
_FR_AUX = r"(?:a|ont|avait|avaient)\s+(?:(?:également|aussi|encore|notamment|par ailleurs)\s+)?"
_FR_PRONOUN_CUE_RE = re.compile(r"-(?:t-)?(il|elle|ils|elles)\b")
def _by_letters(words: list[str]) -> str:
    """``said|says|say|…`` as a tree of shared letters, ``sa(?:id|y(?:s|ing)?)…``.

    The same words match (each cue ends at a word boundary, so at most one fits at a place),
    but the regex engine tries a few letters at each word instead of every verb in turn.
    """
    heads: dict[str, list[str]] = {}
    for word in filter(None, words):
        heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(letter) + _by_letters(rest) for letter, rest in heads.items()]
    if "" not in words:
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{'|'.join(branches)})?" if branches else ""


# A cue: a speech/thought verb, "according to", or "(be) convinced" (security sources are convinced).
# "For X, “…”" is the francophone "Pour X, « … »".
CUE_RE = re.compile(rf"\b(?:[Aa]ccording to|(?:For|Pour)(?=\s[^,]{{3,80}},\s*[“\"«])|"
                    rf"(?:(?:is|are|was|were|remain|remains)\s+)?convinced|"
                    rf"{_FR_AUX}{_by_letters(SPEECH_PARTICIPLES_FR)}|"
                    rf"(?:a-t-(?:il|elle)|ont-(?:ils|elles))\s+{_by_letters(SPEECH_PARTICIPLES_FR)}|"
                    rf"{_by_letters(SPEECH_PRESENT_FR)}(?:-t-(?:il|elle)|-(?:il|elle|ils|elles))?|[Ss]elon|"
                    rf"{_by_letters(_VERBS.split('|'))})\b")
# Cues that introduce their source after them: "according to X", "For X, “…”", « selon X ».
_SOURCE_FIRST = frozenset({"according to", "for", "selon", "pour"})
_INVERTIBLE_FR = frozenset(SPEECH_PARTICIPLES_FR) | frozenset(SPEECH_PRESENT_FR)


def _invertible(verb: str) -> bool:
    """Whether a cue may put its subject after it: "“…,” said X", « …, a déclaré X », "according to X"."""
    low = verb.lower()
    return low in INVERTIBLE_VERBS_EN or low in _SOURCE_FIRST or low.split()[-1] in _INVERTIBLE_FR


def source_first(verb: str) -> bool:
    """"according to X", "For X", « selon X »: the source follows the cue, without a comma before it."""
    return verb.lower() in _SOURCE_FIRST
# Words between a subject and its verb: auxiliaries, adverbs and time phrases ("has also", "on Monday").
_TRAIL_RE = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|also|"
                       r"further|then|later|previously|recently|repeatedly|once|again|however|not|"
                       r"already|earlier|just|reportedly|publicly|openly|clearly|firmly|bluntly|now|"
                       r"still|even|often|separately|initially|subsequently|finally|privately|"
                       r"strongly|yesterday|today|on \w+day|last (?:week|month|year|\w+day))\s*$")
# Clause openers that precede a subject: "with its foreign ministry saying", "But some analysts feel".
_LEAD_RE = re.compile(r"^(?:and|but|while|as|so|yet|that|because|whereas|although|though|with|since|"
                      r"after|before|when|if|then|also|now|meanwhile|however|instead|which|who|where|"
                      r"whom|last \w+|on \w+day|in \w+|this \w+|earlier|later|today|yesterday)\b\s*",
                      re.I)
# The noun phrase after an inverted verb, up to punctuation or a time phrase ("said X on Monday").
_INVERTED_NP_RE = re.compile(r"\s+([\w’'][^,;:]*?)(?=,|;|:|\.?$|\s(?:on|in|last|this|at|during|after|"
                             r"before|when|while|yesterday|today)\s|(?<!Gen)(?<!Col)(?<!Lt)(?<!Capt)"
                             r"(?<!Maj)(?<!Sgt)(?<!Dr)(?<!\sM)(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Prof)(?<!Brig)\.\s)")
# What cannot start an inverted subject: pronouns, time words, conjunctions.
_NOT_SUBJECT_RE = re.compile(r"(?:that|it|he|she|they|we|I|this|there|on|in|at|to|by|last|yesterday|"
                             r"today|[A-Z][a-z]+day|January|February|March|April|May|June|July|August|"
                             r"September|October|November|December)\b")
_DASH_RE = re.compile(r"\s[-–—]{1,2}\s|[–—]")  # "NIAMEY (Reuters) - Niger's rulers said"
# "a decline was noted": an auxiliary (five letters at most) right before the verb.
_PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s*$")
# A clause that describes the speaker: "who lectures at …", "a researcher at …".
ROLE_PART_RE = re.compile(r"^\s*(?:(?:who|which|whose|a|an|the|his|her|its|their|one of|"
                          r"qui|un|une|le|la|les|son|sa|ses|leur)\b|l['’])", re.I)
# Asides between a subject and its verb: an age, a participle clause, an adverb.
# "read out on the radio by a presenter" is an aside too: the messenger, not the speaker.
# "in a speech to parliament", "on Monday": a prepositional phrase is where or when, never who.
_ASIDE_RE = re.compile(r"^\s*(?:\d{1,3}|[a-z]+ing\b.*|[a-z]+ed\s+by\b.*|[a-z]+(?:\s+[\w’'-]+){0,6}\s+by\s.*|"
                       r"(?:in|at|on|during|after|before|from|with|without|over|via|through|in front of)\s.*|"
                       r"however|though|too|also|"
                       r"meanwhile|nevertheless|for (?:his|her|their|its) part|in turn)\s*$")
# A finite verb: a comma part containing one is a clause, not a role.
_VERBISH_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b")
_CONNECTOR_RE = re.compile(r"\b(?:and|but|that|while|because|as|after|when|if|so|since)\s+")
_AND_END_RE = re.compile(r"(?:^|\s)(?:and|but|or)\s*$")  # "… and urged"
_PRONOUN_CLAUSE_RE = re.compile(r"\s(?:has|have|had|is|are|was|were|\w+ed)\b")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)$", re.I)
_CAPITAL_START_RE = re.compile(r"\s*[A-ZÀ-Ý]")
_TEXT_FROM_RE = re.compile(rf"^\s*(?:an?|the|its|his|her|their)?\s*(?:[\w-]+\s+)?"
                           rf"(?:{'|'.join(sorted(TEXT_NOUNS))})\s+(?:from|by|of|issued by|signed by)\s+(.+)$", re.I)
# "quoted X as saying", "cited X as saying": X speaks, the outlet relays.
_QUOTED_AS_RE = re.compile(r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+(.+?)\s+as\s*$")
# Where the author of "a statement signed by X and read on …" ends.
_AUTHOR_END_RE = re.compile(r"\s+(?:and|which|that|who|in|on|at)\s|,")
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "lui": "il", "elle": "elle", "eux": "ils"}
_FR_TO_WHOM_RE = re.compile(r"\s+(?:à|au|aux)\s+(?:l['’]\w+|\w+)(?=\s)")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: ``kind`` is person, people, org, group or unknown."""

    name: str
    role: str | None = None
    actor: str | None = None
    kind: str = "unknown"
    start: int = -1  # where the name stands in the text (for mentions), -1 when inherited
    end: int = -1
    named: bool = True  # False for descriptions: "a senior US official", "the foreign ministry"
    gender: str | None = None  # "m"/"f" when a title says so (Mrs, spokeswoman): for he/she


def gender_of(role: str) -> str | None:
    """"m" or "f" when a title or role says so ("Mrs", "spokeswoman", « une habitante »)."""
    words = set(role.lower().replace(",", " ").split())
    male, female = bool(words & MALE_WORDS), bool(words & FEMALE_WORDS)
    return "m" if male and not female else "f" if female and not male else None


def _is_plural(noun: str) -> bool:
    return noun.endswith("s") and not noun.endswith("ss")


def _name_run(words: list[str]) -> int:
    """Index where the trailing run of name words begins (len(words) when there is none)."""
    i = len(words)
    while i > 0:
        w = words[i - 1]
        core = w.strip(",.;:")
        low = core.lower()
        if low in _TITLE_WORDS or low in HUMAN_NOUNS or low in {"the", "a", "an"} or \
                (i == 1 and low.endswith("ist")) or not (_NAME_WORD_RE.match(core) or low in _PARTICLES):
            break
        i -= 1
    while i < len(words) and words[i] in _PARTICLES:
        i += 1  # a name does not start with a bare particle
    return i


def _description_kind(head: str) -> str:
    """Classify an unnamed speaker by the head noun of its phrase."""
    h = head.lower().strip("’'s") if head.endswith(("’s", "'s")) else head.lower()
    if h in _GROUP_NOUNS:
        return "group"
    if h in ORG_WORDS:
        return "org"
    singular = h[:-1] if _is_plural(h) else h
    if singular in HUMAN_NOUNS or h in HUMAN_NOUNS or singular.endswith(("ist", "ian")):
        return "people" if _is_plural(h) else "person"
    return "unknown"


def is_title(title: str) -> bool:
    """Whether the words before a name say who the person is ("Security expert", "Gen.")."""
    words = [w.lower().strip(",.()") for w in title.split()]
    return any(w in HUMAN_NOUNS or w in _TITLE_WORDS or w.endswith(("ist", "ian")) for w in words)


def _named_kind(name: str, title: str) -> str:
    """Person, org or unknown for a capitalised name, from its words and the title before it."""
    words = [w.lower().strip("(),") for w in name.split()]
    if any(w in ORG_WORDS for w in words) or (len(words) == 1 and name.isupper() and len(name) > 1):
        return "org"
    if is_title(title) or len(words) >= 2:
        return "person"
    return "unknown"


def _description(phrase: str, clean: str, head: str, start: int) -> Speaker:
    """An unnamed speaker: the phrase is its name and role ("the" dropped for institutions)."""
    kind = _description_kind(head)
    name = clean
    if kind == "org" and clean.split()[0].lower() in {"the", "its", "their"} and " " in clean:
        name = clean.split(None, 1)[1]
    offset = start + phrase.find(name)
    return Speaker(name, clean, None, kind, offset, offset + len(name), named=False)


def parse_subject(phrase: str, start: int) -> Speaker | None:
    """Turn a subject phrase into a Speaker; None when it does not look like a noun phrase.

    >>> sp = parse_subject("Mauritanian political analyst Mohammed el-Amine al-Dah", 0)
    >>> sp.name, sp.role, sp.kind
    ('Mohammed el-Amine al-Dah', 'Mauritanian political analyst', 'person')
    >>> parse_subject("a senior US official", 0).kind
    'person'
    """
    clean = (_PARENS_RE.sub("", phrase) if "(" in phrase else phrase).strip(" ,;:")
    words = clean.split()
    if not words or len(words) > 14 or MASK in clean:
        return None
    head_words = clean[:m.start()].split() if (m := _POSTMOD_RE.search(clean)) else words
    head = head_words[-1] if head_words else ""
    common = len(words) == 1 and _description_kind(words[0]) != "unknown"
    # A bare plural capitalised only because it opens the sentence: "Villagers who fled to Kaya".
    opening_plural = len(head_words) == 1 and head != clean and _description_kind(head) == "people"
    if head and (common or opening_plural or head[:1].islower() and "-" not in head[:4]):
        return _description(phrase, clean, head, start)
    i = _name_run(words)
    if 0 < i < len(words) and words[i - 1] in _LINKING and _PROPER_RE.match(clean):
        i = 1 if words[0] in {"The", "the"} else 0  # "The Economic Community of West African States"
    if i == len(words):
        return None
    name = " ".join(words[i:])
    title = _ARTICLE_RE.sub("", " ".join(words[:i]).strip(" ,"))
    offset = start + phrase.rfind(name)
    return Speaker(name, title or None, None, _named_kind(name, title), offset, offset + len(name),
                   gender=gender_of(title))


def is_role_part(part: str) -> bool:
    """A comma part that says who someone is: "a nurse in Gao", "who teaches …", or a phrase
    headed by a person noun without an article ("head of research at …", « porte-parole du … »)."""
    if ROLE_PART_RE.match(part):
        return True
    if MASK in part or _VERBISH_RE.search(part) or CUE_RE.search(part) or len(part.split()) > 12:
        return False
    sp = parse_subject(part.strip(), 0)
    return sp is not None and not sp.named and sp.kind == "person"


def is_outlet(sp: Speaker) -> bool:
    """A news outlet ("Reuters", "the news agency", "state television"): it relays, it does not speak."""
    name = fold(sp.name)
    return name.strip(". ") in OUTLET_NAMES or any(p in name for p in OUTLET_PHRASES)


def is_bare_title(role: str) -> bool:
    """A rank or form of address alone ("Gen.", "Mr", "Captain"): no role in the article's sense."""
    words = [w for w in role.lower().split() if w not in {"the", "le", "la"}]
    return bool(words) and all(w in BARE_TITLES for w in words)


# ---------------------------------------------------------------- reading cue subjects
@dataclass(frozen=True)
class Cue:
    """A speech verb (or "according to") outside quotes, with the sentence it stands in."""

    start: int
    end: int
    verb: str
    sentence: Sentence


@dataclass(frozen=True)
class Subject:
    """What stands in subject position of a cue: a phrase (+ role clauses), a pronoun or 'follow'."""

    phrase: str = ""
    start: int = -1
    roles: tuple[str, ...] = ()
    follow: bool = False  # take the subject of the previous cue in the sentence ("…, noting")
    near: tuple[str, int] | None = None  # clause subject before a pronoun: "the junta … what it calls"


def comma_parts(seg: str, base: int) -> list[tuple[str, int]]:
    """Split at commas outside parentheses, keeping each part's offset."""
    if "(" not in seg:  # every comma splits
        parts, begin = [], base
        for part in seg.split(","):
            parts.append((part, begin))
            begin += len(part) + 1
        return parts
    parts, depth, begin = [], 0, 0
    for i, ch in enumerate(seg):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth <= 0:
            parts.append((seg[begin:i], base + begin))
            begin = i + 1
    parts.append((seg[begin:], base + begin))
    return parts


def trim_subject(phrase: str, start: int) -> tuple[str, int]:
    """Drop quote marks, clause openers and surrounding spaces from a subject phrase."""
    lead = len(phrase) - len(phrase.lstrip(" ”\"»’'.\n"))
    phrase, start = phrase[lead:], start + lead
    while m := _LEAD_RE.match(phrase):
        if not m.end():
            break
        phrase, start = phrase[m.end():], start + m.end()
    words = phrase.split()
    if len(words) > 8:  # a clause, not a noun phrase: keep what follows its last connector
        m = None
        for m in _CONNECTOR_RE.finditer(phrase):  # noqa: B007 - the loop finds the last connector
            pass
        if m:
            phrase, start = phrase[m.end():], start + m.end()
    while m := _TRAIL_RE.search(phrase):
        phrase = phrase[:m.start()]
    return phrase.rstrip(), start


def _walk_back(parts: list[tuple[str, int]]) -> tuple[str, int, list[str]]:
    """For "X, who …, said": step back over role clauses and asides to the subject X."""
    roles: list[str] = []
    k = len(parts) - 2
    while k > 0 and (is_role_part(parts[k][0]) or _ASIDE_RE.match(parts[k][0])):
        if ROLE_PART_RE.match(parts[k][0]) or not _ASIDE_RE.match(parts[k][0]):  # not "34", "reached by phone"
            roles.insert(0, parts[k][0].strip())
        k -= 1
    before = parts[k - 1][0] if k else ""
    if is_role_part(before) and not _VERBISH_RE.search(before) and MASK not in before:
        roles.insert(0, before.strip(" ”\"»’'"))  # "A teacher in Zinder, Ousmane Issa, said"
    return parts[k][0], parts[k][1], roles


def _clause_before(masked: str, cue: Cue, floor: int) -> tuple[str, int]:
    """The text between a cue and the start of its clause (after a quote, colon or dash)."""
    seg_start = max(floor, cue.sentence.start)
    seg = masked[seg_start:cue.start]
    cut = max(seg.rfind(ch) for ch in (MASK, ":", ";"))
    if "-" in seg or "–" in seg or "—" in seg:
        cut = max([cut] + [m.end() - 1 for m in _DASH_RE.finditer(seg)])
    seg, seg_start = seg[cut + 1:], seg_start + cut + 1
    while m := _TRAIL_RE.search(seg):
        seg = seg[:m.start()]
    return seg, seg_start


def _pronoun(phrase: str, start: int) -> Subject | None:
    """A pronoun ending the phrase ("what it calls"), with the clause subject before it if any."""
    last = phrase.split()[-1:]
    if not last or last[0].lower() not in PRONOUNS:
        return None
    head = _PRONOUN_CLAUSE_RE.split(phrase, 1)[0]
    near = (head, start) if head != phrase and len(head.split()) <= 6 else None
    return Subject(last[0], start + phrase.rfind(last[0]), near=near)


def subject_before(masked: str, cue: Cue, floor: int) -> Subject | None:
    """The subject standing before a cue verb in its sentence ("X, who …, said")."""
    sent_start = cue.sentence.start
    word_end = sent_start + len(masked[sent_start:cue.start].rstrip())  # where an auxiliary would end
    if cue.verb.endswith("ed") and _PASSIVE_RE.search(masked, max(sent_start, word_end - 5), cue.start):
        return None  # "a decline was noted", "people were admitted": no speaker
    seg, seg_start = _clause_before(masked, cue, floor)
    if m := _QUOTED_AS_RE.search(seg):  # "Reuters quoted a local official as saying": the official
        return Subject(m.group(1), seg_start + m.start(1))
    participle = cue.verb.endswith("ing")
    if _AND_END_RE.search(seg) or (participle and not seg.strip(" ,”\"»’")):
        return Subject(follow=True)  # "… and urged", "…, noting": the previous verb's subject
    parts = comma_parts(seg, seg_start)
    if not parts[-1][0].strip(" ”\"»’"):
        if participle or len(parts) < 3:
            return Subject(follow=True) if participle else None
        phrase, start, roles = _walk_back(parts)
    else:
        phrase, start = parts[-1]
        first = parts[0][0]
        opening_role = len(parts) == 2 and first[:1].isupper() and is_title(first) and \
            not _VERBISH_RE.search(first) and not CUE_RE.search(first)
        roles = [first.strip()] if opening_role else []  # "Senior researcher at …, Rida Lyammouri sees"
    if (m := _TEXT_FROM_RE.match(phrase)) and (author := _AUTHOR_END_RE.split(m.group(1), 1)[0].strip()):
        return Subject(author, start + m.start(1) + len(m.group(1)) - len(m.group(1).lstrip()))  # signed by X
    phrase, start = trim_subject(phrase, start)
    return _pronoun(phrase, start) or (Subject(phrase, start, tuple(roles)) if phrase else None)


def subject_after(masked: str, cue: Cue) -> Subject | None:
    """An inverted subject: "“…,” said X, a researcher at …" or "according to X".

    Only after a comma or a closing quote, and only when what follows the verb reads as a
    speaker (a name, or a description with a human or institutional head), not a clause.
    """
    if m := _FR_PRONOUN_CUE_RE.search(cue.verb):  # « a-t-il déclaré », « estime-t-elle »
        return Subject(m.group(1), cue.start + m.start(1))
    if not _invertible(cue.verb):
        return None
    before = masked[cue.sentence.start:cue.start].rstrip()
    if not source_first(cue.verb) and before and before[-1] not in ",”\"»’'":
        return None
    rest = masked[cue.end:cue.sentence.end]
    skip = _FR_TO_WHOM_RE.match(rest)  # « a déclaré à l'AFP X »: the listener is not the speaker
    base = cue.end + (skip.end() if skip else 0)
    rest = rest[skip.end():] if skip else rest
    m = _INVERTED_NP_RE.match(rest)
    if m and source_first(cue.verb) and (pronoun := _OBJECT_PRONOUNS.get(m.group(1).strip().lower())):
        return Subject(pronoun, base + m.start(1))  # "according to him", « selon elle »
    if not m or MASK in m.group(1) or _VERBISH_RE.search(m.group(1)) or _NOT_SUBJECT_RE.match(m.group(1)):
        return None
    sp = parse_subject(m.group(1), 0)
    if sp is None or not sp.named and sp.kind not in {"person", "people", "org", "group"}:
        return None
    roles: list[str] = []
    tail = rest[m.end():]
    if tail.startswith(","):
        role = comma_parts(tail[1:], 0)[0][0]
        if (ROLE_PART_RE.match(role) or _CAPITAL_START_RE.match(role) and len(role.split()) <= 5
                or is_role_part(role)) and MASK not in role:
            roles.append(role.strip().rstrip("."))
    return Subject(m.group(1).strip(), base + m.start(1), tuple(roles))


class Mentions:
    """An article's mentions, its actor mentions indexed by offset (searched in each sentence)."""

    def __init__(self, mentions: Sequence[Mention] = ()) -> None:
        self.all = tuple(mentions)
        actors = sorted((m.start, i) for i, m in enumerate(self.all) if m.kind == "actor")
        self._starts = [start for start, _ in actors]
        self._order = [i for _, i in actors]
        self._longest = max((self.all[i].end - self.all[i].start for i in self._order), default=0)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.all)

    def _actors(self, lo: int, hi: int) -> list[Mention]:
        return [self.all[i] for i in sorted(self._order[lo:hi])]  # in the order they were given

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The actor mentions that start in start..end."""
        return self._actors(bisect_left(self._starts, start), bisect_left(self._starts, end))

    def at(self, start: int, end: int) -> Mention | None:
        """The longest actor mention overlapping a span of text (the first given, on a tie), if any."""
        near = self._actors(bisect_right(self._starts, start - self._longest), bisect_left(self._starts, end))
        hits = [m for m in near if start < m.end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None


def with_actor(sp: Speaker, mentions: Mentions) -> Speaker:
    """Link a named or institutional speaker to the mention under its name; unnamed people stay None."""
    if sp.start < 0 or (sp.kind in {"person", "people"} and sp.name[:1].islower()) or \
            sp.name.split()[0].lower() in {"a", "an", "some", "several", "many", "two", "three"}:
        return sp
    m = mentions.at(sp.start, sp.end)
    if m is None:
        return sp
    sp = replace(sp, actor=m.ref)
    if sp.kind == "person":  # fullest surface of the same person: "Aly Tounkara" for "Tounkara"
        last = fold(sp.name).split()[-1:]
        forms = [o.surface for o in mentions if o.ref == m.ref and fold(o.surface).split()[-1:] == last]
        sp = replace(sp, name=max(forms + [sp.name], key=len))
    return sp


def to_speaker(subj: Subject, mentions: Mentions, parsed: Speaker | None = None) -> Speaker | None:
    """A Speaker from a subject phrase, with its role clauses joined to the title or description.

    ``parsed`` is ``parse_subject(subj.phrase, subj.start)``, when the caller has it already.
    """
    sp = parsed or parse_subject(subj.phrase, subj.start)
    if sp is None:
        return None
    if m := _TEXT_FROM_RE.match(subj.phrase):  # "a statement from the minister": message, not messenger
        author = parse_subject(m.group(1), subj.start + m.start(1))
        if author is not None and author.kind in {"person", "people", "org", "group"}:
            sp = author
    if not sp.named and subj.roles and (named := parse_subject(subj.roles[0], -1)) and named.named:
        sp = replace(named, role=subj.phrase)  # "said the rebel commander, Alghabass Ag Intalla"
        subj = replace(subj, roles=subj.roles[1:])
    title = sp.role if sp.role and not is_bare_title(sp.role) else ""  # "Gen." alone is no role
    roles = ", ".join(r for r in (title,) + subj.roles if r)
    return with_actor(replace(sp, role=roles or None), mentions)
