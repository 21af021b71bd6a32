"""The query language: filters, alias expansion, and a clear fallback for malformed queries."""
from __future__ import annotations

from datetime import date

import pytest

from sahel_tui.core.knowledge import load_knowledge
from sahel_tui.core.query import GRAMMAR, AliasIndex, DateRange, QueryError, parse, parse_date_filter

KB = """
actors:
- {id: jnim, name: "Jama’at Nusrat al-Islam wal-Muslimin", type: armed_group, aliases: [JNIM, GSIM]}
- {id: wagner_group, name: Wagner Group, type: foreign_force, aliases: [Wagner Group, Wagner]}
- {id: mali, name: Mali, type: state, aliases: [Mali]}
- {id: united_states, name: United States, type: state, aliases: [US, United States]}
places:
- {id: sebekoro, name: Sébékoro, kind: town, aliases: [Sébikoro]}
"""


@pytest.fixture(scope="module")
def aliases() -> AliasIndex:
    return AliasIndex(load_knowledge(texts=[("kb", KB)]))


@pytest.mark.parametrize("value,expected", [
    ("2023", DateRange("published", date(2023, 1, 1), date(2023, 12, 31))),
    ("2023-02", DateRange("published", date(2023, 2, 1), date(2023, 2, 28))),
    ("2023-02-05", DateRange("published", date(2023, 2, 5), date(2023, 2, 5))),
    (">=2023-01-01", DateRange("published", date(2023, 1, 1), None)),
    (">2023", DateRange("published", date(2024, 1, 1), None)),
    ("<2023", DateRange("published", None, date(2022, 12, 31))),
    ("<=2023-06", DateRange("published", None, date(2023, 6, 30))),
    ("2020..2022", DateRange("published", date(2020, 1, 1), date(2022, 12, 31))),
    ("[2020 TO 2021-03]", DateRange("published", date(2020, 1, 1), date(2021, 3, 31))),
    ("2023-W30", DateRange("published", date(2023, 7, 24), date(2023, 7, 30))),  # an ISO week, Monday first
    (">=2023-w30", DateRange("published", date(2023, 7, 24), None)),
])
def test_date_filters(value, expected):
    assert parse_date_filter("published", value) == expected


def test_date_and_kind_filters_are_nodes_of_the_tree(aliases):
    parsed = parse("attack published:2023 kind:event", aliases)
    assert parsed.text == "attack published:2023-01-01..2023-12-31 kind:event"


@pytest.mark.parametrize("query,expected", [
    ("GSIM", "actor:jnim"),
    ("gsim attacks", "actor:jnim attacks"),
    ('"Wagner Group" -Niger', "actor:wagner_group NOT Niger"),
    ("Wagner Group mercenaries", "actor:wagner_group mercenaries"),
    ("Sebikoro", "place:sebekoro"),
    ("Mali", "Mali"),
    ("us", "us"),
], ids=["acronym", "lowercase", "phrase", "multiword", "place-variant", "no-variants", "short-acronym-needs-caps"])
def test_alias_expansion(aliases, query, expected):
    assert parse(query, aliases).text == expected


def test_expansion_is_announced(aliases):
    assert parse("GSIM", aliases).notes == ("GSIM: also matching every name of Jama’at Nusrat al-Islam wal-Muslimin",)
    assert parse("Wagner Group", aliases).notes == ("Wagner Group: also matching its other names",)


@pytest.mark.parametrize("query,expected", [
    ("actor:GSIM", "actor:jnim"),
    ('actor:"Wagner Group"', "actor:wagner_group"),
    ("actor:jnim", "actor:jnim"),
    ("place:Sébikoro", "place:sebekoro"),
])
def test_actor_and_place_filters_take_any_alias(aliases, query, expected):
    assert parse(query, aliases).text == expected


def test_unknown_actor_is_said_and_matches_nothing(aliases):
    parsed = parse("actor:nobody", aliases)
    assert parsed.text == "actor:__none__" and "No actor named 'nobody'" in parsed.notes[0]
    assert parse("Mali NOT actor:nobody", aliases).text == "Mali NOT actor:__none__"


@pytest.mark.parametrize("query,words", [
    ('"unbalanced', "unbalanced"),
    ("(Kayes OR Gao", "Kayes Gao"),
    ("Kayes)", "Kayes"),
    ("AND Kayes", "Kayes"),
    ("Kayes OR", "Kayes"),
    ("colour:red Mali", "colour red Mali"),
    ("Kayes - attack", "Kayes attack"),
], ids=["quote", "open-bracket", "close-bracket", "leading-op", "trailing-op", "unknown-field", "lone-minus"])
def test_malformed_queries_fall_back_to_words(query, words):
    parsed = parse(query)
    assert parsed.fallback and parsed.text == words
    assert parsed.notes[0].startswith("Could not read the query")


def test_nothing_left_to_search_is_an_error():
    with pytest.raises(QueryError):
        parse('"" OR')


@pytest.mark.parametrize("query", ['"Wagner Group" -Niger', "Kayes OR Gao", "(a OR b) NOT c", "wagn*", "Bamko~",
                                   "title:Mali source:APA"])
def test_well_formed_queries_are_not_fallbacks(query):
    assert not parse(query).fallback


def test_typing_makes_the_last_word_a_prefix():
    assert parse("attack Kay", prefix_last=True).text == "attack (Kay OR Kay*)"
    assert parse("attack Kay ", prefix_last=True).text == "attack Kay"


def test_signed_words_keep_their_sign_on_the_expansion(aliases):
    assert parse("Wagner -GSIM", aliases).text == "Wagner NOT actor:jnim"
    assert parse("Wagner -Mali", aliases).text == "Wagner NOT Mali"


def test_no_expansion_when_every_other_name_contains_the_words(aliases):
    """'Wagner' already matches 'Wagner Group' as a word: expanding would only slow the search."""
    assert parse("Wagner", aliases).text == "Wagner"


def test_typing_a_known_name_still_expands_it(aliases):
    parsed = parse("attack GSIM", aliases, prefix_last=True)
    assert parsed.text == "attack actor:jnim" and parsed.expanded == ("jnim",)


@pytest.mark.parametrize("syntax,meaning", GRAMMAR, ids=[row[0] for row in GRAMMAR])
def test_every_grammar_row_of_the_help_parses(aliases, syntax, meaning):
    """The help screen and README show GRAMMAR: each example must read as written, no fallback."""
    parsed = parse(syntax, aliases)
    assert not parsed.fallback and parsed.text and meaning


def test_a_query_too_long_is_refused_with_its_length():
    with pytest.raises(QueryError, match="2,000"):
        parse("Mali " * 500)
