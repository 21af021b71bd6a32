"""Highlighted words in snippets: exactly the words the index would match, however they are written."""
from __future__ import annotations

import pytest

from sahel_tui.core.search import term_key
from sahel_tui.core.snippets import hit_spans
from sahel_tui.core.text import tokenize

TEXTS = (
    "Les forces ont repoussé l'attaque d’Attaques près de Ménaka ; MENAKA et menaka’s marché.",
    "The convoy’s escort said ʼattack, then attack's and Attacks: x_attack 2attack attack2.",
    "ÉTAT état Etats-Unis ﬁre fire Fired ǅemal Straße strasse.",
)


@pytest.mark.parametrize("words", [["attack"], ["menaka", "attaque"], ["etat", "fire", "strass"], ["said", "l"],
                                   ["x_attack", "2attack"], ["zzz"]])
def test_hit_spans_are_the_tokens_whose_index_term_is_wanted(words):
    keys = {term_key(w) for w in words}
    for text in TEXTS:
        expected = [(t.start, t.end) for t in tokenize(text) if term_key(t.key) in keys]
        assert hit_spans(text, keys, term_key) == expected


def test_a_possessive_is_highlighted_without_its_s():
    text = "Ménaka’s governor met MENAKA elders."
    assert [text[s:e] for s, e in hit_spans(text, {term_key("menaka")}, term_key)] == ["Ménaka", "MENAKA"]


def test_the_one_pass_analyzer_gives_the_terms_and_positions_of_the_filter_chain():
    from sahel_tui.core.search import _old_analyzer, analyzer
    text = ("The attack on the convoy near Ménaka’s market was claimed by the group; "
            "l'armée d’Attaques A I of to the Straße ǅemal x_y 2024 it's a.")
    for positions in (True, False):
        new = [(t.text, t.pos) if positions else t.text for t in analyzer()(text, positions=positions)]
        old = [(t.text, t.pos) if positions else t.text for t in _old_analyzer()(text, positions=positions)]
        assert new == old and new
