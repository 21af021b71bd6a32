"""Direct quotations and who said them, from an article's clean text.

The extractor works in four passes over one article:

1. **Marks.** Find text between “ ”, " ", ‘ ’ and « » paragraph by paragraph. Apostrophes
   (Mali’s, don’t) never open or close a quote; a quote left open at the end of a paragraph
   runs to its end (the multi-paragraph convention).
2. **Cues.** With the quoted words masked out, find every speech or thought verb (said, told,
   warned, believes, according to …) and read its subject: before the verb ("X said"), after it
   ("said X, a researcher at …"), or through a pronoun resolved to the latest fitting speaker.
3. **Attribution.** Each quote takes the cue right after it ("“…,” he said"), else the nearest
   cue before it in the sentence ("X said: “…”"), else a sentence-final one; with no cue it
   continues the speaker of the same or the previous paragraph (``implicit``), or the subject
   of a sentence about a bill or statement.
4. **Headings.** Quote excerpts in headlines take the speaker of the body quote they excerpt
   (so does a standfirst that repeats a body quote without a cue of its own).

Every attribution carries a ``confidence`` (the constants below): high for "X said", lower for a
description, a pronoun, "the group" resolved to a name, or a continuation. An outlet ("according
to Reuters") never speaks: its cue is dropped and the quote goes to the real speaker. French copy
works the same way (« … », a déclaré X ; selon X ; a-t-il ajouté).

Single quoted words and quoted names are scare quotes or titles, never quotations. An article
without quotations stops after the first pass. Cue reading stays article-wide: a speaker's full
name, latest role and the antecedents of pronouns can come from any sentence before (roles from
any sentence at all), so it is not limited to the paragraphs around the quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..models import Mention, Quote
from ..text import WORD_RE, fold, tokenize
from .pronouns import (
    SpeakerBook,
    fits,
    group_name,
    is_nominal_anaphor,
    name_events,
    name_keys,
    org_antecedent,
)
from .sentences import Sentence, paragraphs, split_sentences
from .speakers import (
    CUE_RE,
    MASK,
    PRONOUNS,
    Cue,
    Mentions,
    Speaker,
    Subject,
    comma_parts,
    is_outlet,
    parse_subject,
    subject_after,
    subject_before,
    to_speaker,
    trim_subject,
)

_CLOSERS = {"“": "”", "«": "»", '"': '"', "‘": "’", "'": "'"}
_MARK_RE = re.compile("[“«\"‘']")
_NON_SPACE_RE = re.compile(r"\S")
_WORDS_RE = re.compile(r"[^\W\d_]{2,}")
# A cue word used as a noun: "the claims", "its calls".
_NOUN_USE_RE = re.compile(r"\b(?:the|a|an|its|his|her|their|these|those|such|our|my|your)\s+$", re.I)
# A sentence about a text: its quoted words are that text's wording ("a bill granting … “as many …”").
_WRITING_RE = re.compile(r"\b(?:bill|law|decree|statement|communiqu[ée]|report|resolution|charter|"
                         r"constitution|document|letter|declaration|ordinance|accord|agreement|"
                         r"press release|post|tweet|message|video|audio|recording|claim)\b", re.I)
# Who issued that text: the subject of "adopted", "issued", "signed" …
_WRITING_SUBJECT_RE = re.compile(r"^(.*?)\s+(?:adopted|passed|issued|published|signed|"
                                 r"approved|released|voted|enacted|promulgated|posted|sent|circulated|"
                                 r"drafted|unveiled|introduced|put out)\b")
# A text as a subject: "the communiqué", "the statement", "this message".
_THE_TEXT_RE = re.compile(r"^\s*(?:the|this|that|its|their|a|an)\s+(?:[\w-]+\s+)?"
                          r"(?:statement|communiqu[ée]|message|letter|declaration|note|recording|video)\s*$", re.I)
# Small words a name in quote marks may contain ("Islamic State of Iraq and Syria").
_FUNCTION_WORDS = {"of", "and", "the", "in", "for", "de", "du", "des", "al", "el", "wal", "a", "an",
                   "on", "to", "la", "le", "at"}
# Words that introduce a name or a term rather than speech: so-called “…”, a report titled “…”.
_NAMING_RE = re.compile(r"(?:so-called|titled|entitled|headlined|dubbed|nicknamed|named|known as|"
                        r"code-?named)\s*[“\"‘'«]\s*$", re.I)


@dataclass(frozen=True)
class _Span:
    """Words between quote marks (without the marks) and where they stand."""

    start: int
    end: int
    paragraph: int
    heading: bool
    closed: bool
    repeat: bool = False  # inside a repeated paragraph: masked like the others, never reported


# ---------------------------------------------------------------- marks
def _opens_single(text: str, i: int, floor: int) -> bool:
    """A ‘ or ' opens a quote only at a word start: never inside Mali’s or Jama’at."""
    before = text[i - 1] if i > floor else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-“\"") and after.isalnum()


def _close_single(text: str, i: int, end: int, mark: str) -> int:
    """The ’ that closes a single quote: one not followed by a letter (so not don’t, Mali’s)."""
    j = text.find(mark, i, end)
    while j >= 0:
        if not text[j - 1].isspace() and (j + 1 >= end or not text[j + 1].isalnum()):
            return j
        j = text.find(mark, j + 1, end)
    return -1


def _scan_paragraph(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(content start, content end, closed) for each outermost quote of one paragraph."""
    found, i = [], start
    while m := _MARK_RE.search(text, i, end):
        i, mark = m.start(), m.group()
        if mark in "“«\"":
            j = text.find(_CLOSERS[mark], i + 1, end)
            found.append((i + 1, j if j >= 0 else end, j >= 0))
            i = (j if j >= 0 else end) + 1
            continue
        if _opens_single(text, i, start):
            j = _close_single(text, i + 1, end, "’" if mark == "‘" else "'")
            if j > i + 1:
                found.append((i + 1, j, True))
                i = j + 1
                continue
        i += 1
    return found


def _is_heading(para: str) -> bool:
    """A headline or sub-heading: a short line without final punctuation.

    A paragraph that is one quote from end to end (“We will never surrender”) is speech, not a title.
    """
    para = para.strip()
    body = para.rstrip("”’\"'» ")
    if body[-1:] in ".!?:;,…)]" or para[:1] == "[" or not 0 < len(body.split(None, 16)) <= 16:
        return False
    return not (para[:1] in _CLOSERS and para[-1:] == _CLOSERS[para[0]] and
                para.count(_CLOSERS[para[0]]) == (2 if para[0] in "\"'" else 1))  # one whole quote


def _find_spans(text: str, paras: list[tuple[int, int]]) -> list[_Span]:
    """Every quote span, trimmed of inner spaces (« … »); those of repeated paragraphs marked."""
    spans, seen = [], set()
    for index, (p_start, p_end) in enumerate(paras):
        para = text[p_start:p_end]
        repeat = para in seen
        seen.add(para)
        found = _scan_paragraph(text, p_start, p_end)
        heading = bool(found) and _is_heading(para)
        for s, e, closed in found:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append(_Span(s, e, index, heading, closed, repeat))
    return spans


def _mask(text: str, spans: Sequence[_Span]) -> str:
    """The text with quoted words hidden, keeping first letter and final punctuation for sentence ends."""
    pieces, done = [], 0
    for sp in spans:  # in text order, never overlapping
        keep = len(text[sp.start:sp.end]) - len(text[sp.start:sp.end].rstrip(".!?,…"))
        first = sp.start + 1 if text[sp.start].isalnum() else sp.start  # keeps "… work. “This" a cut
        if first < sp.end - keep:
            pieces += [text[done:first], _NON_SPACE_RE.sub(MASK, text[first:sp.end - keep])]
            done = sp.end - keep
    return "".join(pieces) + text[done:]


def _is_term(text: str, span: _Span) -> bool:
    """A name or a term of art in quote marks: so-called “…”, an operation dubbed “…”."""
    return bool(_NAMING_RE.search(text, max(0, span.start - 20), span.start)) or \
        text[span.start:span.end].lower().startswith("so-called")


def _is_quotation(words: str) -> bool:
    """Several words that are not a name in quote marks (“Islamic State of Iraq and Syria”)."""
    count = len(WORD_RE.findall(words))  # as many words as tokenize() gives, without folding them
    if count < 2 or count > 10:
        return count >= 2  # more than ten words are never a name
    toks = [t.text for t in tokenize(words)]
    named = all(t[:1].isupper() or t.lower() in _FUNCTION_WORDS for t in toks) and toks[0][:1].isupper()
    return not (named and words.rstrip()[-1:] not in ".,!?…")


# ---------------------------------------------------------------- cue subjects
def _find_cues(masked: str, sentences: list[Sentence]) -> list[Cue]:
    """Every cue verb outside quotes, except nouns that look like verbs ("the claims", "its calls")."""
    out = []
    for s in sentences:
        for m in CUE_RE.finditer(masked, s.start, s.end):
            if not _NOUN_USE_RE.search(masked, max(s.start, m.start() - 12), m.start()):
                out.append(Cue(m.start(), m.end(), m.group(), s))
    return out


@dataclass
class _Context:
    """One article under analysis."""

    text: str
    masked: str
    sentences: list[Sentence]
    paras: list[tuple[int, int]]
    mentions: Mentions
    cues: list[Cue]
    book: SpeakerBook
    confidence: dict[int, float] = field(default_factory=dict)  # cue start -> how sure its speaker is

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.sentences]
        self.sentence_cues: dict[int, list[Cue]] = {}  # sentence start -> its cues, in order
        for cue in self.cues:
            self.sentence_cues.setdefault(cue.sentence.start, []).append(cue)

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing a character offset."""
        i = bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None


# How sure an attribution is, by the way its speaker was found (Quote.confidence).
SURE = 0.9  # "X said", "said X": a named subject of the quote's own cue
DESCRIBED = 0.8  # "a security source said", or the subject of the previous verb ("…, adding")
PRONOUN_NEAR = 0.75  # "he said", his name in the same paragraph
CONTINUED = 0.7  # no cue: the speaker of the same paragraph
PRONOUN_SPEAKER = 0.7  # "he said", paragraphs after the last person who spoke
ANAPHOR = 0.65  # "the group said" → the organisation named before; "the analyst" → who was called one
CONTINUED_FAR = 0.6  # no cue: the speaker of the previous paragraph
PRONOUN_FAR = 0.5  # "he said", paragraphs after a person only named, who never spoke
TEXT_AUTHOR = 0.5  # wording of a bill or statement, given to whoever adopted or issued it
UNRESOLVED = 0.4  # "the group said" with no organisation before it: the description stands in


def _resolve(subj: Subject | None, cue: Cue, ctx: _Context, prev: dict[int, tuple[Speaker, float]],
             parsed: Speaker | None) -> tuple[Speaker | None, float]:
    """The speaker of one cue and how sure it is: pronouns and descriptions resolved against
    earlier speakers."""
    if subj is None:
        return None, 0.0
    if subj.follow:
        sp, sure = prev.get(cue.sentence.start, (None, 0.0))
        return sp, min(sure, DESCRIBED)
    if subj.phrase.lower() in PRONOUNS:
        near = to_speaker(Subject(*subj.near), ctx.mentions) if subj.near else None
        if near is not None and fits(subj.phrase, near.kind):
            return ctx.book.canonical(near), DESCRIBED
        found = ctx.book.resolve(subj.phrase, subj.start)
        if found is None:
            return None, 0.0
        at, sp, spoke = found
        ctx.book.note_gender(sp.name, subj.phrase)
        here, there = ctx.sentence_at(subj.start), ctx.sentence_at(at)
        same = here is not None and there is not None and here.paragraph == there.paragraph
        return sp, PRONOUN_NEAR if same else PRONOUN_SPEAKER if spoke else PRONOUN_FAR
    sp = to_speaker(subj, ctx.mentions, parsed)
    if sp is None:
        return None, 0.0
    sure = SURE if sp.named else DESCRIBED
    if is_nominal_anaphor(subj.phrase):  # "the group", « l'association »
        named = org_antecedent(ctx.masked, ctx.sentences, subj.start, subj.phrase, ctx.mentions)
        sp, sure = (named, ANAPHOR) if named else (sp, UNRESOLVED)
    if sp.kind == "group" and not sp.named:
        named = group_name(ctx.masked, ctx.sentences, subj.start, subj.phrase, ctx.mentions)
        sp, sure = (named, ANAPHOR) if named else (sp, sure)
    if not sp.named and _THE_TEXT_RE.match(subj.phrase):  # "the communiqué said": whoever issued it
        author = _issuer_before(subj.start, ctx)
        sp, sure = (author, ANAPHOR) if author else (sp, TEXT_AUTHOR)
    known = ctx.book.canonical(sp)
    if known.named and not sp.named:  # "the analyst" → the person last described as one
        sure = min(sure, ANAPHOR)
    return known, sure


def _read_cues(ctx: _Context) -> dict[int, Speaker | None]:
    """Resolve every cue's speaker in text order, so each pronoun sees only what came before."""
    subjects = {c.start: subject_after(ctx.masked, c) or subject_before(ctx.masked, c, c.sentence.start)
                for c in ctx.cues}
    parsed = {at: parse_subject(s.phrase, s.start) for at, s in subjects.items() if s and s.phrase}
    person_keys = {fold(p.name).split()[-1] for p in parsed.values() if p and p.kind == "person"}
    captions = {i for i, (start, end) in enumerate(ctx.paras) if ctx.text[end - 1:end] == "]"}
    names = name_events(ctx.masked, ctx.sentences, captions, ctx.mentions, person_keys)
    items: list[tuple[int, int, Cue | Speaker]] = [(c.start, 1, c) for c in ctx.cues]
    items += [(p, 0, sp) for p, sp in names]
    items.sort(key=lambda item: item[:2])
    speakers: dict[int, Speaker | None] = {}
    prev: dict[int, tuple[Speaker, float]] = {}
    for pos, _, item in items:
        if isinstance(item, Speaker):  # a name event: an antecedent, not a cue
            ctx.book.add(pos, item, spoke=False)
            continue
        subj = subjects[item.start]
        sp, sure = _resolve(subj, item, ctx, prev, parsed.get(item.start))
        if sp is not None:
            sp = ctx.book.add(subj.start if subj and subj.start >= 0 else pos, sp)
            prev[item.sentence.start] = sp, sure
        speakers[item.start] = sp
        ctx.confidence[item.start] = sure if sp is not None else 0.0
    return speakers


# ---------------------------------------------------------------- attribution
def _pick_cue(span: _Span, ctx: _Context, speakers: dict[int, Speaker | None]) -> Cue | None:
    """The cue of a quote: right after it, else the nearest before it, else a sentence-final one."""
    sent = ctx.sentence_at(span.start)
    if sent is None:
        return None
    cues = ctx.sentence_cues.get(sent.start, [])
    after = [c for c in cues if c.start >= span.end]
    before = [c for c in cues if c.end <= span.start]
    if after and span.closed:
        gap = ctx.masked[span.end:after[0].start]
        ends_clause = ctx.text[span.end - 1] in ",.!?…" or gap.lstrip("”\"»’' ")[:1] in (",", ".")
        if ends_clause and MASK not in gap and len(gap.split()) <= 8:
            return after[0]
    if before:  # the nearest cue that has a speaker ("The report notes … have been accused of “…”")
        return next((c for c in reversed(before) if speakers.get(c.start)), before[-1])
    if after:
        head = ctx.masked[span.end:after[-1].start]
        tail = ctx.masked[after[-1].start:sent.end]
        comma = head.rfind(",")
        short = len(head[comma:].split()) <= 8 and len(tail.split()) <= 6
        if comma >= 0 and MASK not in head[comma:] and short:
            return after[-1]
    return None


def _embedded(span: _Span, sent: Sentence | None, masked: str) -> bool:
    """Whether the quote sits inside a sentence of the writer's own words."""
    if sent is None:
        return False
    rest = masked[sent.start:span.start] + masked[span.end:sent.end]
    return len(_WORDS_RE.findall(rest)) >= 2


def _issuer_before(pos: int, ctx: _Context) -> Speaker | None:
    """Who issued the statement a later "the statement said" refers to, from the sentences before."""
    before = [s for s in ctx.sentences if s.end <= pos][-3:]
    for sent in reversed(before):
        if not _WRITING_RE.search(ctx.masked, sent.start, sent.end):
            continue
        for part, start in comma_parts(ctx.masked[sent.start:sent.end], sent.start):
            if m := _WRITING_SUBJECT_RE.match(part):
                phrase, start = trim_subject(m.group(1), start)
                if phrase and (sp := to_speaker(Subject(phrase, start), ctx.mentions)):
                    return sp
    return None


def _writing_subject(span: _Span, sent: Sentence, ctx: _Context) -> Speaker | None:
    """Quoted wording of a bill or statement belongs to whoever adopted or issued it."""
    if not _WRITING_RE.search(ctx.masked, sent.start, sent.end):
        return None
    for part, start in reversed(comma_parts(ctx.masked[sent.start:span.start], sent.start)):
        if m := _WRITING_SUBJECT_RE.match(part):
            phrase, start = trim_subject(m.group(1), start)
            return to_speaker(Subject(phrase, start), ctx.mentions) if phrase else None
    return None


def _implicit(span: _Span, ctx: _Context, embedded: bool) -> tuple[Speaker | None, float, bool]:
    """A quote with no cue of its own: the same or previous paragraph's speaker, or a text's author.

    Returns the speaker, how sure that is, and whether it was found at all (short embedded phrases
    need a cue).
    """
    p_start = ctx.paras[span.paragraph][0]
    words = len(WORD_RE.findall(ctx.text, span.start, span.end))
    if (not embedded or words >= 4) and (sp := ctx.book.last_before(span.start, p_start)):
        return sp, CONTINUED, True
    sent = ctx.sentence_at(span.start)
    if embedded and sent and (sp := _writing_subject(span, sent, ctx)):
        return sp, TEXT_AUTHOR, True
    k = span.paragraph - 1
    while k >= 0 and ctx.text[ctx.paras[k][0]:ctx.paras[k][1]].endswith("]"):
        k -= 1  # photo captions sit between a quote and its continuation
    if (k >= 0 and not _is_heading(ctx.text[ctx.paras[k][0]:ctx.paras[k][1]]) and (not embedded or words >= 4)
            and (sp := ctx.book.last_before(p_start, ctx.paras[k][0]))):
        return sp, CONTINUED_FAR, True
    return None, 0.0, words >= 4


def _quote(ctx: _Context, span: _Span, sp: Speaker | None, verb: str, cue: Cue | None, sure: float) -> Quote:
    if sp is not None:  # a continuation in the next paragraph will look for this speaker
        ctx.book.add(span.start, sp)
    return Quote(ctx.text[span.start:span.end], span.start, span.end, sp.name if sp else None,
                 sp.role if sp else None, sp.actor if sp else None, verb,
                 cue.start if cue else None, cue.end if cue else None, span.heading,
                 sure if sp is not None else 0.0)


def _body_quote(span: _Span, ctx: _Context, speakers: dict[int, Speaker | None]) -> Quote | None:
    """Attribute one quote of the body, or None when it is not a quotation after all."""
    cue = _pick_cue(span, ctx, speakers)
    sp = speakers.get(cue.start) if cue else None
    if cue is not None and sp is not None:
        return _quote(ctx, span, sp, cue.verb, cue, ctx.confidence.get(cue.start, 0.0))
    embedded = _embedded(span, ctx.sentence_at(span.start), ctx.masked)
    sp, sure, keep = _implicit(span, ctx, embedded)
    if cue is not None:
        return _quote(ctx, span, sp, cue.verb, cue, sure)
    return _quote(ctx, span, sp, "implicit", None, sure) if keep else None


# ---------------------------------------------------------------- headings
def _excerpt_of(words: str, body: Sequence[tuple[Quote, list[str]]]) -> Quote | None:
    """The body quote (with its word keys) a headline excerpt comes from: its words in a row, or most."""
    keys = [t.key for t in tokenize(words)]
    best, best_share = None, 0.79
    for q, qk in body:
        if any(qk[i:i + len(keys)] == keys for i in range(len(qk) - len(keys) + 1)):
            return q
        share = sum(k in qk for k in keys) / len(keys)
        if share > best_share:
            best, best_share = q, share
    return best


def _heading_quote(span: _Span, ctx: _Context, body: Sequence[tuple[Quote, list[str]]],
                   speakers: dict[int, Speaker | None]) -> Quote | None:
    """A headline excerpt, attributed through the body quote it repeats or its own cue."""
    words = ctx.text[span.start:span.end]
    source = _excerpt_of(words, body)
    if source is None:  # no body quote to match: a headline's own cue ("…, says PM") or nothing
        own = _body_quote(span, ctx, speakers)
        several = len(WORD_RE.findall(words)) >= 3
        source = own if own and own.speaker and several else None
        if source is None and not several:
            return None
    first = span.paragraph == 0 or all(_is_heading(ctx.text[s:e]) for s, e in ctx.paras[:span.paragraph])
    return Quote(words, span.start, span.end, source.speaker if source else None,
                 source.speaker_role if source else None, source.speaker_actor if source else None,
                 "headline" if first else "subheading", None, None, True,
                 source.confidence if source and source.speaker else 0.0)


def _backfill(body: list[Quote], spans: list[_Span]) -> list[Quote]:
    """An opening paragraph of a multi-paragraph quote takes the speaker named at its end."""
    open_at = {s.start for s in spans if not s.closed}
    for i in range(len(body) - 2, -1, -1):
        q, nxt = body[i], body[i + 1]
        if q.speaker is None and q.start in open_at and nxt.speaker is not None:
            body[i] = replace(q, speaker=nxt.speaker, speaker_role=nxt.speaker_role,
                              speaker_actor=nxt.speaker_actor, confidence=min(nxt.confidence, CONTINUED))
    return body


def _complete(quotes: list[Quote], book: SpeakerBook) -> list[Quote]:
    """Names and roles the article gives only later ("“…,” said Ag Assarid." … "Moussa Ag Assarid,
    the coalition's spokesman, …"): each named speaker under the fullest name and a role."""
    out = []
    for q in quotes:
        if q.speaker and q.speaker[:1].isupper():
            known = book.canonical(Speaker(q.speaker, q.speaker_role, q.speaker_actor, "person"))
            if known.kind == "person" and (known.name, known.role) != (q.speaker, q.speaker_role) \
                    and name_keys(known.name)[-1:] == name_keys(q.speaker)[-1:]:
                q = replace(q, speaker=known.name, speaker_role=q.speaker_role or known.role,
                            speaker_actor=q.speaker_actor or known.actor)
        out.append(q)
    return out


def _repeats(body: list[Quote]) -> list[Quote]:
    """A quote with no speaker that repeats another's words (a standfirst, a pull quote) is theirs."""
    keyed = [(q, [t.key for t in tokenize(q.text)]) for q in body if q.speaker]
    out = []
    for q in body:
        if q.speaker is None and keyed and (source := _excerpt_of(q.text, [k for k in keyed if k[0] is not q])):
            q = replace(q, speaker=source.speaker, speaker_role=source.speaker_role,
                        speaker_actor=source.speaker_actor, confidence=min(source.confidence, CONTINUED))
        out.append(q)
    return out


# ---------------------------------------------------------------- entry point
def extract_quotes(text: str, mentions: Sequence[Mention] = ()) -> tuple[Quote, ...]:
    """Find the direct quotations of an article and attribute each to its speaker.

    ``mentions`` are the knowledge base's actor mentions: a speaker phrase overlapping one gets
    its ``speaker_actor`` (and a person their fullest name). Without mentions, quotes and named
    speakers are still found from the text alone.

    >>> text = ("Security expert Awa Keita, who teaches in Gao, believes the army is overstretched.\\n"
    ...         "“The army is stretched thin,” she said. “It cannot hold the north.”")
    >>> for q in extract_quotes(text):
    ...     print(q.text, "|", q.speaker, "|", q.attribution, "|", text[q.start:q.end] == q.text)
    The army is stretched thin, | Awa Keita | said | True
    It cannot hold the north. | Awa Keita | implicit | True
    >>> extract_quotes(text)[0].speaker_role
    'Security expert, who teaches in Gao'
    """
    paras = paragraphs(text)
    all_spans = _find_spans(text, paras)
    spans = [s for s in all_spans
             if not s.repeat and _is_quotation(text[s.start:s.end]) and not _is_term(text, s)]
    if not spans:
        return ()
    masked = _mask(text, all_spans)
    sentences = split_sentences(masked)
    cues = _find_cues(masked, sentences)
    ctx = _Context(text, masked, sentences, paras, Mentions(mentions), cues, SpeakerBook())
    speakers = _read_cues(ctx)
    for cue in cues:  # "…, according to Reuters": an outlet relays a quote, it is never its cue
        if (sp := speakers.get(cue.start)) is not None and is_outlet(sp):
            ctx.sentence_cues[cue.sentence.start].remove(cue)
    body: list[Quote] = []
    for span in (s for s in spans if not s.heading):
        quote = _body_quote(span, ctx, speakers)
        if quote is not None:
            body.append(quote)
    body = _repeats(_complete(_backfill(body, [s for s in spans if not s.heading]), ctx.book))
    keyed = [(q, [t.key for t in tokenize(q.text)]) for q in body] if any(s.heading for s in spans) else []
    heads = [q for s in spans if s.heading and (q := _heading_quote(s, ctx, keyed, speakers))]
    return tuple(sorted(body + heads, key=lambda q: q.start))
