"""Who a pronoun, a surname or a description refers to: the speakers and subjects named so far.

"He warned" needs the latest person named as the subject of a sentence, "it said" the latest
body, "Tounkara said" the fullest form of that name, "the analyst" the person last described as
one. :func:`name_events` lists who sentences are about (people and bodies named as subjects) and
:class:`SpeakerBook` keeps them, with the speakers of cues, in text order. Used by ``quotes``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

from ..text import fold
from .lexicon.people import (
    ANAPHOR_NOUNS,
    HUMAN_NOUNS,
    NAME_PARTICLES,
    ORG_WORDS,
    PRONOUN_GENDER,
    ROLE_NOUNS,
    TITLE_ABBREVIATIONS,
)
from .sentences import Sentence
from .speakers import (
    CUE_RE,
    MASK,
    PRONOUNS,
    ROLE_PART_RE,
    Mentions,
    Speaker,
    comma_parts,
    gender_of,
    is_bare_title,
    is_title,
    parse_subject,
    trim_subject,
    with_actor,
)

# Words that show a name is not the subject of its sentence ("power under Assimi Goita").
_PREPOSITIONS = frozenset([
    "of", "in", "under", "by", "with", "to", "for", "from", "on", "at", "about", "against", "than", "as", "like",
    "into", "over", "between",
])
# Capitalised words that open sentences without being names.
_STARTERS = frozenset([
    "The", "A", "An", "It", "If", "In", "On", "At", "To", "This", "These", "That", "Those", "But", "And", "However",
    "Meanwhile", "For", "From", "With", "After", "Before", "Since", "While", "When", "As", "Do", "Some", "Many",
    "Most", "All", "Two", "Three", "Four", "Several", "Last", "Next", "According", "Top", "General", "He", "She",
    "They", "We", "I", "Then", "Yet", "So", "Both", "Each", "Other", "Others", "There", "Here", "What", "Who",
])
# A named person introduced by a role noun: "Security expert Tounkara", "military leader Assimi Goita".
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"
_NAME_TOKEN = (rf"(?:[A-ZÀ-Ý][\w’'\-]+|{_PARTICLE}-[A-ZÀ-Ý][\w’'\-]+|{_PARTICLE}(?=\s+[A-ZÀ-Ý]))")
_ROLE_WORDS = "|".join(re.escape(w) for w in sorted(ROLE_NOUNS, key=len, reverse=True))
_TITLED_NAME_RE = re.compile(rf"(?i:\b(?:\w+ist|{_ROLE_WORDS}|(?:{'|'.join(sorted(TITLE_ABBREVIATIONS))})\.))"
                             rf"\s+((?:{_NAME_TOKEN}\s?){{1,5}})")
# The space before a name: every titled name has one, so the search above runs only from there.
_NAME_START_RE = re.compile(rf"\s(?=[A-ZÀ-Ý]|{_PARTICLE}[-\s])")
# The capitalised name that opens a sentence ("Human Rights Watch published …").
_OPENING_NAME_RE = re.compile(r"\s*(?:The\s+)?([A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*)*)")
_NEXT_WORD_RE = re.compile(r"\s*[a-z]+(?=\s+[a-z])")  # "ECOWAS leaders", "Burkina Faso's government"
# A clause-initial acronym or armed-group name, for "the jihadists …" speakers.
_GROUP_NAME_RE = re.compile(r"(?:^|,\s+)(?:the\s+|The\s+)?([A-Z]{2,}[A-Za-z]*|(?:[A-Z][\w’'\-]+\s+)*"
                            r"(?:Group|Front|Movement|State|Brigade|Katiba|Ansar|Jama\S*)\b[^,.]*?)"
                            r"(?=\s+[a-z])")
_CAPITALISED_RE = re.compile(r"[A-Z][\w’'\-]+")
# "X is the spokesman of Y": the role a copula gives a name (up to the clause's end).
_COPULA_RE = re.compile(r"\s+(?:is|was|has been|had been|serves as|served as|est|était)\s+"
                        r"((?:the|a|an|le|la|l['’]|un|une)\s*[^,.;:¤]+?)(?=\s*(?:[,.;:]|$|\s(?:and|who|since|until|"
                        r"when|but|et|qui|depuis)\s))")
_DEFINITE = frozenset(["the", "this", "that", "le", "la", "l'", "ce", "cette"])
# A Title Case name with an institution word in it ("the Relatives' Association of Kolo", "JNIM").
_BODY_WORDS = "|".join(sorted({w.capitalize() for w in ANAPHOR_NOUNS | ORG_WORDS if w.isalpha()}, key=len,
                              reverse=True))
# (French names keep a lowercase noun before the place: « Collectif des victimes de Djibo ».)
_BODY_NAME_RE = re.compile(rf"(?:\b(?:[Tt]he|L[ae]|l[ae])\s+|\b[Ll]['’])?((?:[A-ZÀ-Ý][\w’'\-]*\s+)*(?:{_BODY_WORDS})\b"
                           rf"(?:\s+(?:of|for|in|de|du|des|the|pour)(?:\s+(?:the|la|le|l['’]))?\s*"
                           rf"(?:[a-zà-ÿ]+\s+(?:of|de|du|des|d['’])\s*)?"
                           rf"[A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*)*)?"
                           rf"|\b[A-Z]{{3,}}\b)")
# Bodies a nominal anaphor never stands for: states and their forces.
_NOT_ANAPHOR_TARGETS = frozenset("government ministry army forces presidency authorities republic embassy "
                                 "police gendarmerie parliament assembly court state states military".split())
_KEY_RE = re.compile(r"\w+")
_FITS = {"person": {"person"}, "thing": {"org", "group", "unknown"}, "plural": {"people", "org", "group"}}
_POS = itemgetter(0)


def fits(pronoun: str, kind: str) -> bool:
    """Whether a pronoun can stand for a speaker of this kind: he/she a person, it/they a body."""
    return kind in _FITS.get(PRONOUNS.get(pronoun.lower(), ""), ())


@lru_cache(maxsize=50_000)
def name_keys(name: str) -> tuple[str, ...]:
    """The folded words of a name, to compare "Tounkara" with "Aly Tounkara"."""
    return tuple(_KEY_RE.findall(fold(name).replace("'", "")))


def _ends_with(full: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return len(full) > len(keys) and full[-len(keys):] == keys


@dataclass
class SpeakerBook:
    """Speakers of one article in text order: fuller names, latest roles, pronoun antecedents."""

    events: list[tuple[int, Speaker, bool]] = field(default_factory=list)  # (pos, speaker, spoke), by pos
    people: dict[str, Speaker] = field(default_factory=dict)  # fullest name -> speaker
    roles: dict[str, str] = field(default_factory=dict)
    _by_surname: dict[str, list[str]] = field(default_factory=dict)  # last key -> people, in order
    genders: dict[str, str] = field(default_factory=dict)  # name -> "m"/"f", from titles and pronouns

    def note_gender(self, name: str, pronoun: str) -> None:
        """Remember that a pronoun stood for a person ("he said" → Diallo is "he")."""
        if gender := PRONOUN_GENDER.get(pronoun.lower()):
            self.genders.setdefault(name, gender)

    def _gender_conflicts(self, pronoun: str, sp: Speaker) -> bool:
        wanted = PRONOUN_GENDER.get(pronoun.lower())
        known = self.genders.get(sp.name)
        return wanted is not None and known is not None and known != wanted

    def _by_role(self, sp: Speaker) -> Speaker | None:
        """"The analyst" after "Ibrahim Maiga, a senior analyst": the latest person with that role.

        Every word of the description must be in the role, so "the rebel spokesman" does not
        become "His spokesman, Stephane Dujarric".
        """
        words = sp.name.lower().split()
        if sp.named or sp.kind != "person" or words[0] != "the" or len(words) > 3:
            return None
        for _, known, _ in reversed(self.events):
            role = self.roles.get(known.name, known.role) or ""
            if known.named and known.kind == "person" and set(words[1:]) <= set(role.lower().split()):
                return replace(known, start=-1, end=-1, role=role)
        return None

    def canonical(self, sp: Speaker) -> Speaker:
        """The same speaker under the fullest name the article gave, with the latest role."""
        if known := self._by_role(sp):
            return known
        keys = name_keys(sp.name)
        if sp.kind in {"person", "unknown"} and keys:
            for full in self._by_surname.get(keys[-1], ()):  # only names ending the same way can match
                if _ends_with(name_keys(full), keys):
                    known = self.people[full]
                    sp = replace(sp, name=full, kind="person", actor=sp.actor or known.actor)
                    break
        elif sp.kind == "org" and len(keys) >= 2:
            for _pos, known, _ in reversed(self.events):
                if known.kind == "org" and _ends_with(name_keys(known.name), keys):
                    return replace(sp, name=known.name, actor=sp.actor or known.actor)
        if sp.kind == "person" and not sp.role and sp.role != (role := self.roles.get(sp.name)):
            sp = replace(sp, role=role)
        return sp

    def add(self, pos: int, sp: Speaker, spoke: bool = True) -> Speaker:
        """Record a speaker (or a person named as a subject) and return its canonical form."""
        sp = self.canonical(sp)
        if sp.kind == "person" and sp.name[:1].isupper() and len(keys := name_keys(sp.name)) >= 2 \
                and sp.name not in self.people:
            self.people[sp.name] = sp
            self._by_surname.setdefault(keys[-1], []).append(sp.name)
        if sp.kind == "person" and sp.role:
            self.roles[sp.name] = sp.role
        if sp.kind == "person" and (gender := sp.gender or gender_of(sp.role or "")):
            self.genders.setdefault(sp.name, gender)
        insort_right(self.events, (pos, sp, spoke), key=_POS)
        return sp

    def resolve(self, pronoun: str, pos: int) -> tuple[int, Speaker, bool] | None:
        """The most recent fitting antecedent before ``pos`` (a person for he/she, else a body, never
        a person known to be of the other gender), where it stands, and whether it spoke (was not
        only named in a sentence)."""
        for i in range(bisect_left(self.events, pos, key=_POS) - 1, -1, -1):
            at, sp, spoke = self.events[i]
            if fits(pronoun, sp.kind) and not self._gender_conflicts(pronoun, sp):
                return at, replace(sp, start=-1, end=-1, role=self.roles.get(sp.name, sp.role)), spoke
        return None

    def last_before(self, pos: int, floor: int) -> Speaker | None:
        """The latest speaker who spoke between ``floor`` and ``pos`` (for continuation quotes)."""
        for i in range(bisect_left(self.events, pos, key=_POS) - 1, -1, -1):
            p, sp, spoke = self.events[i]
            if p < floor:
                break
            if spoke:
                return replace(sp, start=-1, end=-1, role=self.roles.get(sp.name, sp.role))
        return None


# ---------------------------------------------------------------- antecedents
def is_nominal_anaphor(phrase: str) -> bool:
    """"The group", "the association", « le collectif »: a description standing for a named body."""
    words = re.sub(r"^(l['’])", r"\1 ", phrase.lower().replace("’", "'")).split()  # « l'association »
    return len(words) == 2 and words[0] in _DEFINITE and words[1] in ANAPHOR_NOUNS


def _named_bodies(masked: str, sent: Sentence) -> list[tuple[int, int]]:
    """Spans of organisation names in a sentence: Title Case names with an institution word, acronyms."""
    spans = [m.span(1) for m in _BODY_NAME_RE.finditer(masked, sent.start, sent.end)
             if not set(fold(m.group(1)).split()) & _NOT_ANAPHOR_TARGETS]
    # "the Coordination of Azawad Movements (CMA)": the acronym in brackets is the name before it
    return [(a, b) for i, (a, b) in enumerate(spans)
            if not (i and masked[a - 1:a] == "(" and masked[spans[i - 1][1]:a] == " (")]


def org_antecedent(masked: str, sentences: Sequence[Sentence], before: int, desc: str,
                   mentions: Mentions) -> Speaker | None:
    """The named body "the group" or "the association" refers back to, in the last few sentences.

    The latest name that carries the description's own noun wins ("the association" → "the
    Relatives' Association of X"), else the latest named body at all; states and armies are not
    taken ("the group" after "the government" is not the government).
    """
    noun = desc.lower().split()[-1]
    fallback: Speaker | None = None
    for s in reversed([s for s in sentences if s.end <= before][-6:]):
        for start, end in reversed(_named_bodies(masked, s)):
            name = masked[start:end]
            found = with_actor(Speaker(name, None, None, "org", start, end), mentions)
            if noun in {w.rstrip("s") for w in fold(name).split()}:
                return found
            fallback = fallback or found
        if fallback is not None:
            return fallback
    return None


def group_name(masked: str, sentences: Sequence[Sentence], before: int, desc: str,
               mentions: Mentions) -> Speaker | None:
    """The armed group a description ("the jihadists affiliated to AQIM") refers back to."""
    excluded = {fold(w) for w in _CAPITALISED_RE.findall(desc)}
    for s in reversed([s for s in sentences if s.end <= before][-8:]):
        sentence = masked[s.start:s.end]  # sliced, so that ^ is the sentence start
        for m in reversed(list(_GROUP_NAME_RE.finditer(sentence))):
            name = m.group(1).strip()
            if fold(name) in excluded or sentence[m.end(1):m.end(1) + 2] in ("’s", "'s"):
                continue
            found = Speaker(name, desc, None, "org", s.start + m.start(1), s.start + m.end(1))
            return with_actor(found, mentions)
    return None


def _titled_names(masked: str, sent: Sentence) -> list[tuple[int, int]]:
    """The names ``_TITLED_NAME_RE.finditer`` finds in a sentence, found faster.

    A role word ends right before the spaces that precede a name, so the pattern is only tried
    from the first letter of the word before each such space, not at every word of the sentence.
    """
    found, done = [], sent.start
    for space in _NAME_START_RE.finditer(masked, sent.start, sent.end):
        stop = space.start()
        while stop > done and masked[stop - 1].isspace():
            stop -= 1
        if masked[stop - 1:stop] == ".":
            stop -= 1  # "Gen. Ag Gamou"
        start = stop
        while start > done and (masked[start - 1].isalnum() or masked[start - 1] == "_"):  # \w
            start -= 1
        if start < stop and (m := _TITLED_NAME_RE.match(masked, start, sent.end)):
            found.append(m.span(1))
            done = m.end()
    return found


def _candidates(masked: str, sent: Sentence, mentions: Mentions) -> list[tuple[int, int, bool]]:
    """Name spans in a sentence (start, end, opening): titled names, mentions, the opening name."""
    found = [(start, end, False) for start, end in _titled_names(masked, sent)]
    found += [(m.start, m.end, False) for m in mentions.starting_in(sent.start, sent.end)]
    m = _OPENING_NAME_RE.match(masked, sent.start, sent.end)
    if m and m.group(1).split()[0] not in _STARTERS:
        nxt = _NEXT_WORD_RE.match(masked, m.end(1), sent.end)
        found.append((m.start(1), m.end(1), True))
        if nxt:  # "ECOWAS leaders", "Burkina Faso's government"
            found.append((m.start(1), nxt.end(), True))
    return found


def _subject_name(masked: str, sent: Sentence, start: int, end: int) -> Speaker | None:
    """The name at start..end with its title, if it stands in subject position."""
    clause = max(sent.start, masked.rfind(",", sent.start, start) + 1)
    lead = masked[clause:start].split()
    if len(lead) > 6 or any(w.lower() in _PREPOSITIONS or w.endswith(("ing", "ed")) for w in lead) or \
            CUE_RE.search(" ".join(lead)):
        return None  # not the subject: "power under Assimi Goita", "bringing Colonel X to power"
    phrase, offset = trim_subject(masked[clause:end], clause)
    return parse_subject(phrase, offset)


def _appositive_role(masked: str, end: int, sent: Sentence) -> str | None:
    """The ", who …," or ", a nurse in Gao," clause right after a name, when it names a role; or
    what the name "is" ("X is the spokesman of Y", « X est le porte-parole de Y »)."""
    if (m := _COPULA_RE.match(masked, end, sent.end)) and MASK not in m.group(1) and \
            len(m.group(1).split()) <= 12 and is_title(m.group(1)):
        return m.group(1)
    if masked[end:end + 1] != "," or end >= sent.end:
        return None
    part = comma_parts(masked[end + 1:sent.end], 0)[0][0].strip().rstrip(".")
    if MASK in part or not ROLE_PART_RE.match(part):
        return None
    return part if part.lower().startswith("who") or is_title(part) else None


def _event_kind(sp: Speaker, opening: bool, known: bool, role: str | None) -> str | None:
    """Whether a subject name is a usable antecedent, and of which kind.

    A capitalised pair alone ("Burkina Faso") is not taken for a person: it needs a title, a
    role clause, a linked mention or a surname already known as a speaker's. Descriptions count
    only when they open a sentence with a plain human or institutional head ("ECOWAS leaders").
    """
    if not sp.named:
        head = sp.name.split()[-1].lower()
        plain = head in ORG_WORDS or head in HUMAN_NOUNS or head.rstrip("s") in HUMAN_NOUNS
        return sp.kind if (opening or known) and plain and sp.kind in {"org", "people"} else None
    if sp.kind == "org":
        return "org"
    titled = is_title(sp.role or "")
    return "person" if sp.kind in {"person", "unknown"} and (titled or role or known) else None


def name_events(masked: str, sentences: Sequence[Sentence], captions: set[int], mentions: Mentions,
                person_keys: set[str]) -> list[tuple[int, Speaker]]:
    """Who sentences are about: people and bodies named as subjects, antecedents for he/it/they.

    Sentences of the paragraphs in ``captions`` (photo captions) are skipped: they name people
    who do not speak.
    """
    out: dict[int, Speaker] = {}
    for sent in sentences:
        if sent.paragraph in captions:
            continue
        for start, end, opening in _candidates(masked, sent, mentions):
            sp = _subject_name(masked, sent, start, end)
            if sp is None:
                continue
            role = _appositive_role(masked, end, sent)
            known = fold(sp.name).split()[-1] in person_keys
            kind = _event_kind(sp, opening, known, role)
            if kind is None or sp.start in out and len(sp.name) <= len(out[sp.start].name):
                continue  # the longest name wins
            title = sp.role if not sp.named or is_title(sp.role or "") and not is_bare_title(sp.role or "") else None
            roles = ", ".join(r for r in (title, role) if r) or None
            ref = mentions.at(sp.start, sp.end)
            out[sp.start] = replace(sp, kind=kind, role=roles, actor=ref.ref if ref else None)
    return sorted(out.items())
