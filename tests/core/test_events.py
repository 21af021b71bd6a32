"""Events: which sentences become events, their kind, tolls, dedup and cross-article merging."""
from __future__ import annotations

import re
from datetime import date

import pytest

from sahel_tui.core.extract.events import extract_events
from sahel_tui.core.extract.happenings import merge_events
from sahel_tui.core.extract.tolls import find_tolls
from sahel_tui.core.models import Event, Mention

PUB = date(2024, 6, 3)  # a Monday


def _events(text: str, published: date | None = PUB, mentions=()):
    events = extract_events(text, published, mentions)
    for e in events:
        assert text[e.start:e.end] == e.sentence
        assert text[e.date_start:e.date_end] == e.date_text
    return events


KINDS = [
    ("attack", "On March 3, 2021, gunmen attacked a convoy near Tessit.", "attack"),
    ("kidnapping", "Gunmen kidnapped two aid workers on 4 June 2023.", "attack"),
    ("coup", "In August 2020, soldiers overthrew the president.", "coup"),
    ("coup-background", "The junta, which took power in May 2021, expelled the envoy.", "coup"),
    ("in-power-since-junta", "Mali’s junta, in power since August 2020, expelled the envoy.", "coup"),
    ("in-power-since-civilian", "The president, in power since 2015, visited Gao.", "political"),
    ("withdrawal", "In December 2022, the last French troops left Niger.", "withdrawal"),
    ("deployment", "On 2 March 2023, the UN deployed 300 peacekeepers to Gao.", "deployment"),
    ("agreement", "The parties signed a ceasefire on 5 June 2023.", "agreement"),
    ("political", "In February 2024, the government dissolved the electoral commission.", "political"),
    ("report", "Human Rights Watch published a report on 10 April 2024 documenting abuses.", "report"),
    ("statement-adjacent", "The jihadists took the town, the minister said on 3 May 2024.", "statement"),
    ("statement-no-trigger", "In March 2020, the authorities acknowledged sending emissaries.", "statement"),
    ("caption", "Soldiers patrol the market in Gao on 2 March 2023. [Ali Diallo/AFP]", "other"),
    ("trend", "A decline in attacks was noted in the last quarter of last year.", "other"),
    ("attributed-background", "In 2018, the group operated mainly in Mali, analysts said.", "other"),
]


@pytest.mark.parametrize("text,kind", [k[1:] for k in KINDS], ids=[k[0] for k in KINDS])
def test_kind(text, kind):
    (event,) = _events(text)
    assert event.kind == kind


TOLLS = [
    ("passive", "Attacks in which at least 130 people were killed.", (130, None, None)),
    ("active", "Gunmen raided two villages, killing at least four people.", (4, None, None)),
    ("active-object", "The assault killed 41 members of the Malian army.", (41, None, None)),
    ("died-and-injured", "Ten were seriously injured, and one civilian died.", (1, 10, None)),
    ("sum", "Four soldiers and one civilian lost their lives.", (5, None, None)),
    ("left-dead", "The group has left over twenty people dead.", (20, None, None)),
    ("injured", "More than 10 seriously injured people were admitted.", (None, 10, None)),
    ("abducted-passive", "Three Indian nationals working at a cement factory were forcibly taken by gunmen.",
     (None, None, 3)),
    ("abducted-active", "Gunmen kidnapped two aid workers.", (None, None, 2)),
    ("indefinite", "The militants massacred hundreds of people.", (None, None, None)),
    ("year-is-not-a-count", "In 2020 soldiers were killed in Boni.", (None, None, None)),
]


@pytest.mark.parametrize("sentence,expected", [t[1:] for t in TOLLS], ids=[t[0] for t in TOLLS])
def test_tolls(sentence, expected):
    t = find_tolls(sentence)
    assert (t.killed, t.injured, t.abducted) == expected


def test_event_carries_date_toll_label_and_sentence():
    text = ("Before that, on May 23, an armed group attack on the Boni military camp in the Mopti region "
            "killed 12 soldiers.")
    (e,) = _events(text)
    assert (str(e.date), e.precision, e.date_text, e.kind, e.killed) == ("2024-05-23", "day", "May 23", "attack", 12)
    assert e.label == "Attack on Boni military camp"


def test_quote_marks_and_photo_credit_are_left_out_of_the_sentence():
    text = ("Soldiers guard the gate of Kati on 2 March 2023. [Ali Diallo/AFP]\n\n"
            "“Since the attacks on Bamako on 17 September, 2023, efforts stayed in the north. They failed.”")
    caption, quoted = _events(text)
    assert caption.sentence == "Soldiers guard the gate of Kati on 2 March 2023."
    assert quoted.sentence.startswith("Since the attacks on Bamako")


def test_places_and_actors_come_from_mentions_inside_the_sentence():
    text = "Mali was calm. On 5 May 2023, JNIM attacked Boni."
    mentions = (Mention("place", "mali", 0, 4, "Mali"), Mention("actor", "jnim", 27, 31, "JNIM"),
                Mention("place", "boni", 41, 45, "Boni"))
    (e,) = _events(text, mentions=mentions)
    assert (e.places, e.actors) == (("boni",), ("jnim",))


SKIPPED = [
    ("headline", "Gunmen kill 20 in attack on 3 March 2023\n\nNothing else happened."),
    ("dateline", "Mali report\nMonday March 6, 2023\nThe situation is calm."),
    ("boilerplate", "Copyright 2023 The Sahel Post. All rights reserved."),
    ("future-unscheduled", "Gunmen attacked the fair in February 2027."),  # a typo, not a plan
    ("duration-only", "For more than a decade, Mali has faced rebellions."),
]


@pytest.mark.parametrize("text", [s[1] for s in SKIPPED], ids=[s[0] for s in SKIPPED])
def test_not_events(text):
    assert _events(text) == ()


def test_two_dates_two_happenings_give_two_events():
    text = "After the 2012 coup, the state collapsed, with French troops withdrawing from Gao in 2014."
    assert [(e.date_display, e.kind) for e in _events(text)] == [("2012", "coup"), ("2014", "withdrawal")]


def test_a_second_date_that_only_attributes_the_news_gives_no_event():
    text = "Jihadists killed 25 soldiers in Boulkessi on Sunday, officials said Tuesday."
    assert [(e.date_text, e.kind, e.killed) for e in _events(text, date(2024, 6, 5))] == [("Sunday", "attack", 25)]


def test_dates_that_cannot_be_resolved_despite_a_known_publication_date_give_no_event():
    text = "In the 1990s, rebels signed a deal. In 2022, the army returned. Twenty years later, a rebellion broke out."
    assert [e.date_text for e in _events(text)] == ["2022"]


def test_a_second_date_that_is_only_a_detail_gives_no_event():
    text = "The attack on 3 March 2023 was the deadliest since 2019."
    assert [e.date_text for e in _events(text)] == ["3 March 2023"]


DEDUP = [
    ("later-vaguer-reference", "On 5 May 2023, gunmen attacked Boni. The May 2023 attacks shocked residents.",
     ["5 May 2023"]),
    ("repeated-caption", "Troops rest near Gao on 2 March 2023. [AFP]\n\nTroops rest near Gao on 2 March 2023. [AFP]",
     ["2 March 2023"]),
    ("new-toll-is-new", "On 5 May 2023, gunmen attacked Boni. After the May 2023 attack, two wounded people died.",
     ["5 May 2023", "May 2023"]),
    ("other-trigger-is-new",
     "Gunmen attacked Kayes last week. The kidnapping of two engineers last week alarmed India.",
     ["last week", "last week"]),
    ("offset-is-new", "On 5 May 2023, gunmen attacked Boni. The same day, gunmen attacked Douentza.",
     ["5 May 2023", "The same day"]),
    ("more-precise-is-new", "Gunmen attacked several towns last week. JNIM claimed last Tuesday’s attacks.",
     ["last week", "last Tuesday"]),
]


@pytest.mark.parametrize("text,date_texts", [d[1:] for d in DEDUP], ids=[d[0] for d in DEDUP])
def test_one_event_per_happening(text, date_texts):
    assert [e.date_text for e in _events(text)] == date_texts


def test_body_sentence_replaces_an_earlier_caption():
    text = ("Putin and Goita at the Kremlin. Bamako moved closer to Moscow since the 2021 coup [Pool/Reuters]\n\n"
            "After the 2021 coup, the government turned to Russia.")
    (e,) = _events(text)
    assert e.sentence.startswith("After the 2021 coup")


def test_unknown_publication_keeps_the_event_undated():
    (e,) = _events("Gunmen attacked Nara last Tuesday, killing two soldiers.", published=None)
    assert (e.date, e.date_display, e.killed) == (None, "?", 2)


def _ev(day: date, precision: str, kind: str = "attack", places=("kayes",), sentence: str = "") -> Event:
    return Event(day, precision, "x", sentence or f"{kind} in {places} on {day}", 0, 1, kind, places=places)


MERGES = [
    ("same-attack-two-precisions", {"a": [_ev(date(2025, 7, 1), "day")], "b": [_ev(date(2025, 7, 1), "month")]},
     [("2025-07-01", ("a", "b"))]),
    ("other-place", {"a": [_ev(date(2025, 7, 1), "day")], "b": [_ev(date(2025, 7, 1), "day", places=("nara",))]},
     [("2025-07-01", ("a",)), ("2025-07-01", ("b",))]),
    ("other-kind", {"a": [_ev(date(2025, 7, 1), "day")], "b": [_ev(date(2025, 7, 1), "day", kind="statement")]},
     [("2025-07-01", ("a",)), ("2025-07-01", ("b",))]),
    ("other-day", {"a": [_ev(date(2025, 7, 1), "day")], "b": [_ev(date(2025, 7, 2), "day")]},
     [("2025-07-01", ("a",)), ("2025-07-02", ("b",))]),
    ("syndicated-copy-without-places", {"a": [_ev(date(2022, 8, 1), "month", "withdrawal", (), "Forces left.")],
                                        "b": [_ev(date(2022, 1, 1), "year", "withdrawal", (), "Forces left.")]},
     [("2022-08", ("a", "b"))]),
    ("same-article-never-merges", {"a": [_ev(date(2025, 7, 1), "day"), _ev(date(2025, 7, 1), "month")]},
     [("2025-07-01", ("a",)), ("2025-07", ("a",))]),
]


@pytest.mark.parametrize("by_article,expected", [m[1:] for m in MERGES], ids=[m[0] for m in MERGES])
def test_merge_events(by_article, expected):
    assert [(e.date_display, ids) for e, ids in merge_events(by_article)] == expected


# Fast paths: patterns run on the lowercased sentence, rows and victim-group patterns are only tried
# where a match can start. The plain way (no lowercased copy, as for a sentence holding "ſ") is the
# definition, and both must agree.
SENTENCES = [
    "On January 2, the jihadists instigated two raids in Kassela, killing at least 12 soldiers and one civilian.",
    "The junta, which seized power in 2020 - after the counter-attack - re-established contact with the rebels.",
    "Gunmen kidnapped two aid workers while a drone strike and air strikes hit Gao, the minister told AFP on Monday.",
    "A decline in attacks was noted in the last quarter of last year, whereas the civil war between groups went on.",
    "Three Indian nationals working at a cement factory were forcibly taken by gunmen, and 20 were wounded.",
    "French troops left Gao in 2022; Wagner pulled out, signed a ceasefire and sent troops, analysts said.",
    "More than 10 seriously injured people and twenty-five dead; the death toll rose to 1,200, officials noted.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_fast_paths_agree_with_the_plain_patterns(sentence):
    from sahel_tui.core.extract import events, tolls

    for s in (sentence, sentence.upper()):
        low = s.lower()
        spans = [(m.start(), m.end()) for m in re.finditer(r"\b(?:20\d\d|January 2|JANUARY 2|Monday|MONDAY)\b", s)]
        assert events._triggers(s, low, spans) == events._triggers(s, None, spans)
        assert events._cuts(s, low, spans) == events._cuts(s, None, spans)
        for i in range(len(spans)):
            assert (events._classify(s, low, spans, i, events._triggers(s, low, spans), events._cuts(s, low, spans))
                    == events._classify(s, None, spans, i, events._triggers(s, None, spans),
                                        events._cuts(s, None, spans)))
        assert tolls.find_tolls(s) == tolls.find_tolls(s + " ſ")  # "ſ" forces the plain way


def test_mentions_in_any_order_keep_their_order():
    text = "Mali was calm. On 5 May 2023, JNIM attacked Boni and Nara."
    mentions = (Mention("place", "nara", 53, 57, "Nara"), Mention("actor", "jnim", 30, 34, "JNIM"),
                Mention("place", "boni", 44, 48, "Boni"), Mention("place", "mali", 0, 4, "Mali"))
    (e,) = _events(text, mentions=mentions)
    assert (e.places, e.actors) == (("nara", "boni"), ("jnim",))


# --- issue 16, class 10: a month-precision publication and scheduled dates
def test_yearless_date_inside_a_month_precision_publication_window_is_an_event():
    events = extract_events("French troops left Ménaka on June 20.", date(2024, 6, 1), (), "month")
    assert [(e.date_display, e.kind) for e in events] == [("2024-06-20", "withdrawal")]


@pytest.mark.parametrize("text,display", [
    ("A referendum on the charter is set for July 14.", "2024-07-14"),
    ("The transition council will hold elections in October.", "2024-10"),
    ("Presidential elections are scheduled for 2 February 2026.", "2026-02-02"),
])
def test_scheduled_future_events_are_kept_with_their_future_date(text, display):
    assert [(e.date_display, e.kind) for e in _events(text)] == [(display, "political")]


# --- class 11: every date of a sentence
EVERY_DATE = [
    ("listed-years", "The army seized power in coups in 2020 and 2021.", ["2020", "2021"]),
    ("listed-three", "Ceasefires were signed in 2015, 2017 and 2019.", ["2015", "2017", "2019"]),
    ("statement-later", "Jihadists attacked a wedding in Tin-Akoff on Friday, the army said in a statement on Saturday.",
     ["Friday", "Saturday"]),
]


@pytest.mark.parametrize("text,date_texts", [e[1:] for e in EVERY_DATE], ids=[e[0] for e in EVERY_DATE])
def test_every_date_of_a_sentence_that_names_a_happening(text, date_texts):
    assert [e.date_text for e in _events(text)] == date_texts


def test_a_statement_later_in_the_sentence_is_a_statement_event():
    text = "Jihadists attacked a wedding in Tin-Akoff on Friday, the army said in a statement on Saturday."
    assert [e.kind for e in _events(text)] == ["attack", "statement"]


# --- class 12: datelines, update notes, baselines, references back, reporting periods
def test_a_wire_dateline_with_an_update_note_is_not_an_event():
    text = "(Adds death toll, paragraph 3)\nMay 30 – Gunmen attacked a convoy near Kantchari on Sunday."
    events = _events(text)
    assert [(e.date_text, e.kind) for e in events] == [("Sunday", "attack")]
    assert events[0].sentence == "Gunmen attacked a convoy near Kantchari on Sunday."


def test_a_press_release_dateline_is_not_an_event():
    text = "Niamey, 12 April 2024 – The committee condemned the arrests of three journalists."
    assert _events(text) == ()


@pytest.mark.parametrize("text", [
    "It was the deadliest attack on the town since 2016.",
    "Fewer soldiers died than in 2021, the ministry noted.",
    "The toll is the highest recorded in a single month since March 2019.",
])
def test_a_comparison_baseline_is_not_an_event(text):
    assert _events(text) == ()


def test_a_possessive_reference_back_to_a_reported_happening_is_no_new_event():
    text = "Hundreds attended the funeral of the mayor on Saturday. At Saturday’s funeral, his son spoke of revenge."
    assert [e.date_text for e in _events(text)] == ["Saturday"]


def test_a_range_is_one_reporting_period():
    text = "Between March and September 2019, 95 incidents were recorded in the Liptako."
    events = _events(text)
    assert [(e.date_text, e.date_display, e.kind) for e in events] == [
        ("March and September 2019", "2019-03", "period")]


# --- class 13: week precision
def test_last_week_without_a_named_day_is_an_event_of_that_week():
    (event,) = _events("Gunmen attacked the Dori market last week.")
    assert (event.precision, event.date_display) == ("week", "week of 2024-05-27")


def test_json_carries_week_precision_and_its_display(kb):
    from sahel_tui.core.serialize import event_json

    (event,) = _events("Gunmen attacked the Dori market last week.")
    data = event_json(event, kb)
    assert (data["date"], data["precision"], data["date_display"]) == ("2024-05-27", "week", "week of 2024-05-27")


@pytest.mark.parametrize("text", [
    "(Adds death toll) May 30 – Gunmen attacked a convoy near Kantchari on Sunday.",
    "DORI, Burkina Faso, May 30 (Reuters) - Gunmen attacked a convoy near Kantchari on Sunday.",
])
def test_wire_datelines_on_the_same_line_are_cut_from_the_event(text):
    assert [(e.date_text, e.sentence) for e in _events(text)] == [
        ("Sunday", "Gunmen attacked a convoy near Kantchari on Sunday.")]


def test_the_day_after_a_week_stays_that_week():
    events = _events("Gunmen attacked Dori last week. The next day, they attacked Seytenga.")
    assert [e.date_display for e in events] == ["week of 2024-05-27", "week of 2024-05-27"]


@pytest.mark.parametrize("text,kinds", [
    ("Gunmen killed 12 herders in an ambush near Ndaki, over the weekend, local sources said.", ["attack"]),
    ("In 2015 and 2016, the army suffered two mutinies and a coup.", ["coup", "coup"]),
], ids=["set-off-date-takes-the-happening-before-it", "listed-dates-share-the-lists-trigger"])
def test_kind_of_set_off_and_listed_dates(text, kinds):
    assert [e.kind for e in _events(text)] == kinds
