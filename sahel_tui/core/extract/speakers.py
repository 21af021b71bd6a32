"""Who is speaking: read the subject of a speech verb and remember speakers across an article.

News copy names a speaker once in full ("Defence and security expert Aly Tounkara, who lectures
at …") and then by surname, by pronoun or not at all. This module finds the subject phrase of a
cue verb (before it, after it, or in the clause it continues), turns it into a :class:`Speaker`
(name, role, kind) and keeps a :class:`SpeakerBook` of who was named where, so that "Tounkara
said" gets the full name and "he warned" gets the most recent person. Used by ``quotes``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..models import Mention
from ..text import fold
from .sentences import Sentence

PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural"}
# A word of a personal name: capitalised, or an Arabic/French particle glued by a hyphen (al-Dah).
_PARTICLES = {"al", "el", "ag", "ould", "ben", "bin", "ibn", "de", "du", "da", "dos", "van", "von",
              "le", "la", "abu", "abou", "wal"}
_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-Ý][\w’'\-.]*|(?:al|el|ag|ould|bin|ibn|abu)-[A-ZÀ-Ý][\w’'\-]*)$")
# Title words that precede a name but are not part of it ("Gen. El Hajj Ag Gamou").
_TITLE_WORDS = {"gen", "gen.", "general", "col", "col.", "colonel", "capt", "capt.", "captain", "lt",
                "lt.", "major", "maj.", "president", "minister", "imam", "sheikh", "dr", "dr.", "mr",
                "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "professor", "commander", "chief",
                "prime", "senator", "ambassador", "emir", "king", "queen", "judge", "mayor", "governor"}
_ORG_WORDS = {"ministry", "government", "army", "forces", "force", "group", "council", "movement",
              "front", "union", "nations", "organisation", "organization", "office", "agency",
              "committee", "coalition", "party", "mission", "police", "institute", "center", "centre",
              "university", "association", "associations", "coordination", "alliance", "network",
              "court", "commission", "watch", "cross", "crescent", "embassy", "junta", "authorities",
              "administration", "presidency", "department", "state", "states", "military",
              "gendarmerie", "republic", "federation", "secretariat", "parliament", "assembly",
              "report", "panel", "statement", "communiqué", "communique", "spokesperson's",
              "cabinet", "regime", "bank", "fund", "programme", "program", "international"}
_HUMAN_NOUNS = {"source", "official", "expert", "analyst", "researcher", "resident", "witness",
                "diplomat", "spokesman", "spokeswoman", "spokesperson", "officer", "soldier",
                "observer", "commander", "leader", "minister", "activist", "journalist", "member",
                "man", "woman", "teacher", "farmer", "trader", "doctor", "nurse", "villager", "elder",
                "survivor", "specialist", "lawmaker", "politician", "adviser", "advisor", "chief",
                "person", "worker", "student", "professor", "lecturer", "economist", "historian"}
_GROUP_NOUNS = {"jihadists", "jihadis", "militants", "insurgents", "rebels", "terrorists", "group",
                "fighters", "gunmen", "assailants", "attackers", "affiliate", "insurgency",
                "coalition", "movement", "organisation", "organization", "faction"}
# Where a noun phrase's head ends and its post-modifiers begin.
_POSTMOD_RE = re.compile(r"\s(?:of|to|with|from|in|at|on|for|close|near|affiliated|linked|based|"
                         r"who|which|that|under|within|speaking|working|familiar)\b")
_PARENS_RE = re.compile(r"\s*\([^)]*\)")
MASK = "¤"  # stands in for quoted words so that cue verbs inside quotes are never read
# Speech and thought verbs in the forms news copy uses (past, present, participle).
_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|warned|warns|warn|warning|"
    "explained|explains|explaining|noted|notes|noting|stressed|stresses|stressing|urged|urges|urge|"
    "urging|claimed|claims|claiming|denied|denies|denying|insisted|insists|insist|insisting|argued|"
    "argues|argue|arguing|declared|declares|declaring|stated|stating|announced|announces|announcing|"
    "wrote|writes|asked|asks|asking|replied|replies|replying|recalled|recalls|recalling|"
    "acknowledged|acknowledges|acknowledging|admitted|admits|admitting|believes|believe|believed|"
    "feels|feel|felt|attributes|attributed|expressed|expresses|expressing|sees|described|describes|"
    "describe|describing|emphasised|emphasized|emphasises|emphasizes|cautioned|cautions|observed|"
    "observes|confirmed|confirms|concluded|concludes|lamented|laments|complained|complains|accused|accuses|"
    "accusing|condemned|condemns|condemning|denounced|denounces|decried|decries|vowed|vows|"
    "promised|predicted|mentioned|called|calls|calling|pointed out|points out"
)
# A cue: a speech/thought verb, "according to", or "(be) convinced" (security sources are convinced).
CUE_RE = re.compile(rf"\b(?:[Aa]ccording to|(?:(?:is|are|was|were|remain|remains)\s+)?convinced|{_VERBS})\b")
# Verbs that may put their subject after them: "“…,” said X" / "according to X".
_INVERTIBLE = re.compile(r"^(?:said|says|added|adds|explained|noted|warned|wrote|writes|stressed|"
                         r"insisted|argued|recalled|replied|[Aa]ccording to)$")
# Words between a subject and its verb: auxiliaries, adverbs and time phrases ("has also", "on Monday").
_TRAIL_RE = re.compile(r"(?:\s+|,)(?:has|have|had|is|are|was|were|will|would|could|may|might|also|"
                       r"further|then|later|previously|recently|repeatedly|once|again|however|not|"
                       r"already|earlier|just|reportedly|publicly|openly|clearly|firmly|bluntly|now|"
                       r"still|even|often|separately|initially|subsequently|finally|privately|"
                       r"strongly|yesterday|today|on \w+day|last (?:week|month|year|\w+day))[\s,]*$")
# Clause openers that precede a subject: "with its foreign ministry saying", "But some analysts feel".
_LEAD_RE = re.compile(r"^(?:and|but|while|as|so|yet|that|because|whereas|although|though|with|since|"
                      r"after|before|when|if|then|also|now|meanwhile|however|instead|which|who|where|"
                      r"whom|last \w+|on \w+day|in \w+|this \w+|earlier|later|today|yesterday)\b\s*",
                      re.I)
_DASH_RE = re.compile(r"\s[-–—]{1,2}\s|[–—]")  # "NIAMEY (Reuters) - Niger's rulers said"
_PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s*$")  # "a decline was noted"
# A clause that describes the speaker: "who lectures at …", "a researcher at …".
_ROLE_PART_RE = re.compile(r"^\s*(?:who|which|whose|a|an|the|one of)\b", re.I)
# A finite verb: a comma part containing one is a clause, not a role.
_VERBISH_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b")
# Role nouns that make a sentence-initial part a title: "Senior researcher at …, Rida Lyammouri".
_ROLE_NOUN_RE = re.compile(r"\b(?:expert|analyst|researcher|specialist|spokes\w+|minister|president|"
                           r"official|leader|adviser|advisor|director|head|chief|member|professor|"
                           r"lecturer|commander|officer|economist|historian|journalist|activist)\b", re.I)
# A named person introduced by a role noun: "Security expert Tounkara", "military leader Assimi Goita".
_TITLED_NAME_RE = re.compile(r"\b(?:expert|analyst|researcher|specialist|spokes\w+|minister|official|"
                             r"leader|adviser|director|commander|officer|professor|President|General|"
                             r"Colonel|Gen\.|Col\.)\s+((?:[A-ZÀ-Ý][\w’'\-]+\s?){1,4})")
# A clause-initial acronym or armed-group name, for "the jihadists …" speakers.
_GROUP_NAME_RE = re.compile(r"(?:^|,\s+)(?:the\s+|The\s+)?([A-Z]{2,}[A-Za-z]*|(?:[A-Z][\w’'\-]+\s+)*"
                            r"(?:Group|Front|Movement|State|Brigade|Katiba|Ansar|Jama\S*)\b[^,.]*?)"
                            r"(?=\s+[a-z])")
# Words that show a name is not the subject of its sentence ("power under Assimi Goita").
_PREPOSITIONS = {"of", "in", "under", "by", "with", "to", "for", "from", "on", "at", "about",
                 "against", "than", "as", "like", "into", "over", "between"}


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: ``kind`` is person, people, org, group or unknown."""

    name: str
    role: str | None = None
    actor: str | None = None
    kind: str = "unknown"
    start: int = -1  # where the name stands in the text (for mentions), -1 when inherited
    end: int = -1


def _words(phrase: str) -> list[str]:
    return phrase.split()


def _is_plural(noun: str) -> bool:
    return noun.endswith("s") and not noun.endswith("ss")


def _name_run(words: list[str]) -> int:
    """Index where the trailing run of name words begins (len(words) when there is none)."""
    i = len(words)
    while i > 0:
        w = words[i - 1]
        core = w.strip(",.;:")
        low = core.lower()
        if low in _TITLE_WORDS or low in _HUMAN_NOUNS or not (_NAME_WORD_RE.match(core) or low in _PARTICLES):
            break
        i -= 1
    while i < len(words) and words[i].lower() in _PARTICLES and "-" not in words[i]:
        i += 1  # a name does not start with a bare particle
    return i


def _description_kind(head: str) -> str:
    """Classify an unnamed speaker by the head noun of its phrase."""
    h = head.lower().strip("’'s") if head.endswith(("’s", "'s")) else head.lower()
    if h in _GROUP_NOUNS:
        return "group"
    if h in _ORG_WORDS:
        return "org"
    singular = h[:-1] if _is_plural(h) else h
    if singular in _HUMAN_NOUNS or h in _HUMAN_NOUNS or singular.endswith(("ist", "er", "or", "ian")):
        return "people" if _is_plural(h) else "person"
    return "unknown"


def _named_kind(name: str, title: str) -> str:
    """Person, org or unknown for a capitalised name, from its words and the title before it."""
    words = [w.lower().strip("(),") for w in name.split()]
    if any(w in _ORG_WORDS for w in words) or (len(words) == 1 and name.isupper() and len(name) > 1):
        return "org"
    if title or len(words) >= 2:
        return "person"
    return "unknown"


def parse_subject(phrase: str, start: int) -> Speaker | None:
    """Turn a subject phrase into a Speaker; None when it does not look like a noun phrase.

    >>> sp = parse_subject("Mauritanian political analyst Mohammed el-Amine al-Dah", 0)
    >>> sp.name, sp.role, sp.kind
    ('Mohammed el-Amine al-Dah', 'Mauritanian political analyst', 'person')
    >>> parse_subject("a senior US official", 0).kind
    'person'
    """
    clean = _PARENS_RE.sub("", phrase).strip(" ,;:")
    words = _words(clean)
    if not words or len(words) > 14:
        return None
    head_part = clean[:m.start()] if (m := _POSTMOD_RE.search(clean)) else clean
    head_words = _words(head_part)
    common = len(words) == 1 and _description_kind(words[0]) != "unknown"
    if head_words and (common or head_words[-1][:1].islower() and "-" not in head_words[-1][:4]):
        kind = _description_kind(head_words[-1])
        name = clean
        if kind == "org" and words[0].lower() in {"the", "its", "their"}:
            name = clean.split(None, 1)[1] if len(words) > 1 else clean
        offset = start + phrase.find(name)
        return Speaker(name, clean, None, kind, offset, offset + len(name))
    i = _name_run(words)
    if i == len(words):
        return None
    name = " ".join(words[i:])
    title = " ".join(words[:i]).strip(" ,")
    offset = start + phrase.rfind(name)
    return Speaker(name, title or None, None, _named_kind(name, title), offset, offset + len(name))


def fits(pronoun: str, kind: str) -> bool:
    """Whether a pronoun can stand for a speaker of this kind: he/she a person, it/they a body."""
    want = PRONOUNS.get(pronoun.lower(), "")
    return kind in {"person": {"person"}, "thing": {"org", "group", "unknown"},
                    "plural": {"people", "org", "group"}}.get(want, set())


def _keys(name: str) -> list[str]:
    return re.findall(r"\w+", fold(name).replace("'", ""))


@dataclass
class SpeakerBook:
    """Speakers of one article in text order: fuller names, latest roles, pronoun antecedents."""

    events: list[tuple[int, Speaker, bool]] = field(default_factory=list)  # (pos, speaker, spoke)
    people: dict[str, Speaker] = field(default_factory=dict)  # fullest name -> speaker
    roles: dict[str, str] = field(default_factory=dict)

    def canonical(self, sp: Speaker) -> Speaker:
        """The same speaker under the fullest name the article gave, with the latest role."""
        keys = _keys(sp.name)
        if sp.kind in {"person", "unknown"} and keys:
            for full, known in self.people.items():
                fk = _keys(full)
                if len(fk) > len(keys) and fk[-len(keys):] == keys:
                    sp = replace(sp, name=full, kind="person", actor=sp.actor or known.actor)
                    break
        elif sp.kind == "org" and len(keys) >= 2:
            for pos, known, _ in reversed(self.events):
                fk = _keys(known.name)
                if known.kind == "org" and len(fk) > len(keys) and fk[-len(keys):] == keys:
                    return replace(sp, name=known.name, actor=sp.actor or known.actor)
        if sp.kind == "person" and not sp.role:
            sp = replace(sp, role=self.roles.get(sp.name))
        return sp

    def add(self, pos: int, sp: Speaker, spoke: bool = True) -> Speaker:
        """Record a speaker (or a person named as a subject) and return its canonical form."""
        sp = self.canonical(sp)
        if sp.kind == "person" and sp.name[:1].isupper() and len(_keys(sp.name)) >= 2:
            self.people.setdefault(sp.name, sp)
        if sp.kind == "person" and sp.role:
            self.roles[sp.name] = sp.role
        self.events.append((pos, sp, spoke))
        self.events.sort(key=lambda e: e[0])
        return sp

    def resolve(self, pronoun: str, pos: int) -> Speaker | None:
        """The most recent fitting antecedent before ``pos``: a person for he/she, else a body."""
        want = PRONOUNS.get(pronoun.lower())
        for strict in (True, False):
            for p, sp, spoke in reversed(self.events):
                if p < pos and fits(pronoun, sp.kind) and (spoke or not strict or want == "person"):
                    return replace(sp, start=-1, end=-1, role=self.roles.get(sp.name, sp.role))
        return None

    def last_before(self, pos: int, floor: int) -> Speaker | None:
        """The latest speaker who spoke between ``floor`` and ``pos`` (for continuation quotes)."""
        for p, sp, spoke in reversed(self.events):
            if floor <= p < pos and spoke:
                return replace(sp, start=-1, end=-1, role=self.roles.get(sp.name, sp.role))
        return None


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
        for m in re.finditer(r"\b(?:and|but|that|while|because|as|after|when|if|so|since)\s+", phrase):
            pass
        if m:
            phrase, start = phrase[m.end():], start + m.end()
    return phrase.rstrip(), start


def subject_before(masked: str, cue: Cue, floor: int) -> Subject | None:
    """The subject standing before a cue verb in its sentence ("X, who …, said")."""
    seg_start = max(floor, cue.sentence.start)
    seg = masked[seg_start:cue.start]
    if _PASSIVE_RE.search(seg) and cue.verb.endswith("ed"):
        return None  # "a decline was noted", "people were admitted": no speaker
    cut = max([seg.rfind(ch) for ch in (MASK, ":", ";")] + [m.end() - 1 for m in _DASH_RE.finditer(seg)])
    seg, seg_start = seg[cut + 1:], seg_start + cut + 1
    while m := _TRAIL_RE.search(seg):
        seg = seg[:m.start()]
    participle = cue.verb.endswith("ing")
    if re.search(r"(?:^|\s)(?:and|but|or)\s*$", seg) or (participle and not seg.strip(" ,”\"»’")):
        return Subject(follow=True)  # "… and urged", "…, noting": the previous verb's subject
    parts = comma_parts(seg, seg_start)
    roles: list[str] = []
    if not parts[-1][0].strip(" ”\"»’"):
        if cue.verb.endswith("ing") or len(parts) < 3:
            return Subject(follow=True) if cue.verb.endswith("ing") else None
        k = len(parts) - 2
        while k > 0 and _ROLE_PART_RE.match(parts[k][0]):
            roles.insert(0, parts[k][0].strip())
            k -= 1
        phrase, start = parts[k]
        if k == 1 and _ROLE_PART_RE.match(parts[0][0]) and not _VERBISH_RE.search(parts[0][0]):
            roles.insert(0, parts[0][0].strip())  # "A teacher in Zinder, Ousmane Issa, said"
    else:
        phrase, start = parts[-1]
        first = parts[0][0]
        if len(parts) == 2 and _ROLE_NOUN_RE.search(first) and not _VERBISH_RE.search(first) \
                and not CUE_RE.search(first) and first[:1].isupper():
            roles.append(first.strip())
    phrase, start = trim_subject(phrase, start)
    last = phrase.split()[-1:]
    if last and last[0].lower() in PRONOUNS:  # "what it calls", "which they describe as"
        head = re.split(r"\s(?:has|have|had|is|are|was|were|\w+ed)\b", phrase)[0]
        near = (head, start) if head != phrase and len(head.split()) <= 6 else None
        return Subject(last[0], start + phrase.rfind(last[0]), near=near)
    return Subject(phrase, start, tuple(roles)) if phrase else None


def subject_after(masked: str, cue: Cue) -> Subject | None:
    """An inverted subject: "“…,” said X, a researcher at …" or "according to X"."""
    if not _INVERTIBLE.match(cue.verb):
        return None
    before = masked[cue.sentence.start:cue.start].rstrip()
    if not cue.verb.lower().startswith("according") and before and before[-1] not in ",”\"»’'":
        return None
    rest = masked[cue.end:cue.sentence.end]
    m = re.match(r"\s+((?:an?|the|The|[A-ZÀ-Ý])[^,;:]*?)(?=,|;|:|\.\s|\.?$|\s(?:on|in|last|this|at|"
                 r"during|after|before|when|while|yesterday|today)\s)", rest)
    if not m or MASK in m.group(1) or re.match(r"(?:[A-Z][a-z]+day|January|February|March|April|May|"
                                               r"June|July|August|September|October|November|"
                                               r"December)\b", m.group(1)):
        return None
    roles: list[str] = []
    tail = rest[m.end():]
    if tail.startswith(","):
        role = comma_parts(tail[1:], 0)[0][0]
        if (_ROLE_PART_RE.match(role) or re.match(r"\s*[A-ZÀ-Ý]", role) and len(role.split()) <= 5) \
                and MASK not in role:
            roles.append(role.strip().rstrip("."))
    return Subject(m.group(1).strip(), cue.end + m.start(1), tuple(roles))


def actor_at(start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    """The actor mention overlapping a span of text, if any."""
    hits = [m for m in mentions if m.kind == "actor" and m.start < end and start < m.end]
    return max(hits, key=lambda m: m.end - m.start) if hits else None


def with_actor(sp: Speaker, mentions: Sequence[Mention]) -> Speaker:
    """Link a named or institutional speaker to the mention under its name; unnamed people stay None."""
    if sp.start < 0 or (sp.kind in {"person", "people"} and sp.name[:1].islower()) or \
            sp.name.split()[0].lower() in {"a", "an", "some", "several", "many", "two", "three"}:
        return sp
    m = actor_at(sp.start, sp.end, mentions)
    if m is None:
        return sp
    sp = replace(sp, actor=m.ref)
    if sp.kind == "person":  # fullest surface of the same person: "Aly Tounkara" for "Tounkara"
        last = fold(sp.name).split()[-1:]
        forms = [o.surface for o in mentions if o.ref == m.ref and fold(o.surface).split()[-1:] == last]
        sp = replace(sp, name=max(forms + [sp.name], key=len))
    return sp


def unnamed(sp: Speaker) -> bool:
    """A description rather than a name ("a senior US official", "The minister")."""
    return sp.name[:1].islower() or sp.name.split()[0] in {"A", "An", "The", "Some", "Several"} or \
        sp.kind in {"people", "group"} or (sp.kind in {"person", "org"} and sp.role == sp.name)


def to_speaker(subj: Subject, mentions: Sequence[Mention]) -> Speaker | None:
    """A Speaker from a subject phrase, with its role clauses joined to the title or description."""
    sp = parse_subject(subj.phrase, subj.start)
    if sp is None:
        return None
    if unnamed(sp) and subj.roles and (named := parse_subject(subj.roles[0], -1)) and not unnamed(named):
        sp = replace(named, role=subj.phrase)  # "said the rebel commander, Alghabass Ag Intalla"
        subj = replace(subj, roles=subj.roles[1:])
    roles = ", ".join(r for r in (sp.role or "",) + subj.roles if r)
    return with_actor(replace(sp, role=roles or None), mentions)


def group_name(masked: str, sentences: list[Sentence], before: int, desc: str,
               mentions: Sequence[Mention]) -> Speaker | None:
    """The armed group a description ("the jihadists affiliated to AQIM") refers back to."""
    excluded = {fold(w) for w in re.findall(r"[A-Z][\w’'\-]+", desc)}
    for s in reversed([s for s in sentences if s.end <= before][-8:]):
        for m in reversed(list(_GROUP_NAME_RE.finditer(masked, s.start, s.end))):
            name = m.group(1).strip()
            if fold(name) in excluded or masked[m.end(1):m.end(1) + 2] in ("’s", "'s"):
                continue
            found = Speaker(name, desc, None, "org", m.start(1), m.end(1))
            return with_actor(found, mentions)
    return None


def name_events(text: str, masked: str, sentences: list[Sentence], mentions: Sequence[Mention],
                person_keys: set[str]) -> list[tuple[int, Speaker]]:
    """People named as the subject of a sentence: antecedents for a later "he"."""
    out = []
    found = [(m.start(1), m.end(1)) for m in _TITLED_NAME_RE.finditer(masked)]
    found += [(m.start, m.end) for m in mentions if m.kind == "actor"]
    for start, end in found:
        name = text[start:end].strip()
        sent = next((s for s in sentences if s.start <= start < s.end), None)
        if sent is None or text[sent.start:sent.end].rstrip().endswith("]"):
            continue  # photo captions name people who do not speak
        lead = masked[sent.start:start].split(",")[-1].split()
        if len(lead) > 6 or any(w.lower() in _PREPOSITIONS for w in lead):
            continue
        parsed = parse_subject(name, start)
        keys = fold(name).split()
        if parsed and (parsed.kind == "person" or (parsed.kind == "unknown" and keys[-1] in person_keys)):
            ref = actor_at(start, end, mentions)
            out.append((start, Speaker(name, None, ref.ref if ref else None, "person", start, end)))
    return out
