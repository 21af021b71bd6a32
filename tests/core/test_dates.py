"""Date expressions: recognition, exact offsets, resolution against publication and context."""
from __future__ import annotations

from datetime import date

import pytest

from sahel_tui.core.extract.dates import find_dates, is_week
from sahel_tui.core.extract.happenings import period

MON_2024_05_20 = date(2024, 5, 20)  # a Monday


def _only(text: str, published: date | None, wanted: str):
    found = find_dates(text, published)
    for d in found:
        assert text[d.start:d.end] == d.text
    matches = [d for d in found if d.text == wanted]
    assert matches, f"{wanted!r} not found in {[d.text for d in found]}"
    return matches[0]


EXPRESSIONS = [
    # id, sentence, published, expected text, value, precision, basis
    ("mdy", "Gunmen struck Ansongo on March 3, 2021, residents said.", None,
     "March 3, 2021", "2021-03-03", "day", "explicit"),
    ("mdy-weekday", "The convoy left on Friday September 6, 2024 at dawn.", None,
     "Friday September 6, 2024", "2024-09-06", "day", "explicit"),
    ("dmy-comma", "Fighting resumed on 4 February, 2022 near Tessit.", None,
     "4 February, 2022", "2022-02-04", "day", "explicit"),
    ("dmy", "Troops entered Léré on 9 April 2019.", None, "9 April 2019", "2019-04-09", "day", "explicit"),
    ("md-night-of", "The camp was shelled on the night of October 11.", date(2024, 11, 2),
     "October 11", "2024-10-11", "day", "relative"),
    ("md-previous-year", "On August 30 the mayor was freed.", date(2024, 8, 10),
     "August 30", "2023-08-30", "day", "relative"),
    ("dm", "Voting began on 14 July in Gao.", date(2024, 8, 1), "14 July", "2024-07-14", "day", "relative"),
    ("weekday", "On Thursday, the army said it had repelled the assault.", MON_2024_05_20,
     "Thursday", "2024-05-16", "day", "relative"),
    ("weekday-same-day", "The ministry said on Monday that talks would resume.", MON_2024_05_20,
     "Monday", "2024-05-20", "day", "relative"),
    ("last-weekday", "Rebels claimed last Monday’s ambush.", MON_2024_05_20,
     "last Monday", "2024-05-13", "day", "relative"),
    ("month-year", "Talks opened in February 2019.", None, "February 2019", "2019-02-01", "month", "explicit"),
    ("month", "In April, the junta banned the party.", date(2024, 6, 1), "April", "2024-04-01", "month", "relative"),
    ("last-month-name-across-year", "Last December, a drone struck the fair.", date(2024, 1, 20),
     "Last December", "2023-12-01", "month", "relative"),
    ("last-july-in-january", "Last July, the coalition attacked Kati.", date(2023, 1, 15),
     "Last July", "2022-07-01", "month", "relative"),
    ("month-possessive", "September’s ambush shocked the town.", date(2024, 10, 1),
     "September", "2024-09-01", "month", "relative"),
    ("since-month", "Thousands have fled since February, officials said.", date(2024, 5, 1),
     "February", "2024-02-01", "month", "relative"),
    ("this-month", "This month’s raids hit three villages.", date(2024, 10, 17),
     "This month", "2024-10-01", "month", "relative"),
    ("year", "The mine was seized in 2016.", None, "2016", "2016-01-01", "year", "explicit"),
    ("attributive-year", "After the 2012 rebellion, the north was lost.", None,
     "2012", "2012-01-01", "year", "explicit"),
    ("mid-year", "Patrols were cut by mid-2019.", None, "mid-2019", "2019-01-01", "year", "explicit"),
    ("late-year", "The column returned in late 2017.", None, "late 2017", "2017-01-01", "year", "explicit"),
    ("earlier-this-year", "The base closed earlier this year.", date(2024, 3, 2),
     "earlier this year", "2024-01-01", "year", "relative"),
    ("early-last-year", "Contacts resumed early last year.", date(2024, 3, 2),
     "early last year", "2023-01-01", "year", "relative"),
    ("last-year", "Last year, the mission ended.", date(2024, 3, 2), "Last year", "2023-01-01", "year", "relative"),
    ("first-half", "Attacks doubled in the first half of 2021.", None,
     "the first half of 2021", "2021-01-01", "month", "explicit"),
    ("last-quarter", "A lull was noted in the last quarter of last year.", date(2024, 2, 1),
     "the last quarter of last year", "2023-10-01", "month", "relative"),
    ("new-year", "Since the New Year, raids have multiplied.", date(2024, 1, 20),
     "the New Year", "2024-01-01", "month", "relative"),
    ("yesterday", "Two soldiers died yesterday.", date(2024, 3, 5), "yesterday", "2024-03-04", "day", "relative"),
    ("days-ago", "The bridge was blown up two weeks ago.", date(2024, 3, 15),
     "two weeks ago", "2024-03-01", "day", "relative"),
    ("months-ago", "The offensive began eight months ago.", date(2024, 3, 15),
     "eight months ago", "2023-07-01", "month", "relative"),
    ("last-month", "Last month, Wagner left the base.", date(2024, 1, 10),
     "Last month", "2023-12-01", "month", "relative"),
    ("iso", "Posted 2023-03-12 by the editors.", None, "2023-03-12", "2023-03-12", "day", "explicit"),
    ("range-takes-closing-year", "Attacks rose between March and May 2023.", date(2024, 6, 1),
     "March", "2023-03-01", "month", "explicit"),
    ("day-range-takes-closing-year", "The siege lasted from June 3 to June 5, 2023.", date(2024, 6, 1),
     "June 3", "2023-06-03", "day", "explicit"),
    ("last-weekend", "Raids hit Gao last weekend.", MON_2024_05_20, "last weekend", "2024-05-18", "day", "relative"),
    ("previous-year-no-anchor", "Attacks rose compared with the previous year.", date(2024, 1, 10),
     "the previous year", "2023-01-01", "year", "relative"),
]


@pytest.mark.parametrize("text,published,wanted,value,precision,basis", [e[1:] for e in EXPRESSIONS],
                         ids=[e[0] for e in EXPRESSIONS])
def test_expression_is_found_and_resolved(text, published, wanted, value, precision, basis):
    d = _only(text, published, wanted)
    assert (str(d.value), d.precision, d.basis) == (value, precision, basis)


CONTEXT = [
    ("next-day", "On May 3, rebels attacked Ber. The next day, they took Goundam.",
     "The next day", "2024-05-04", "day"),
    ("chain", "On May 3, rebels attacked Ber. The next day, they took Goundam. Two days later, they left.",
     "Two days later", "2024-05-06", "day"),
    ("over-a-week", "On May 3, rebels attacked Ber. A little over a week later, they struck again.",
     "A little over a week later", "2024-05-11", "day"),
    ("few-weeks", "On May 3, rebels attacked Ber. A few weeks later, the army returned.",
     "A few weeks later", "2024-05-24", "day"),
    ("month-anchor-stays-month", "In March 2019, talks began. A few days later, they collapsed.",
     "A few days later", "2019-03-01", "month"),
    ("same-period", "Attacks fell in the last quarter of last year. Rival groups clashed during the same period.",
     "the same period", "2023-10-01", "month"),
    ("earlier", "On May 13, the town fell. Ten days earlier, the garrison had left.",
     "Ten days earlier", "2024-05-03", "day"),
]


def test_context_date_after_publication_is_left_unresolved():
    d = _only("In 2022, the group split. Twenty years later, it was gone.", date(2024, 6, 1), "Twenty years later")
    assert (d.value, d.precision, d.basis) == (None, "year", "context")


@pytest.mark.parametrize("text,wanted,value,precision", [c[1:] for c in CONTEXT], ids=[c[0] for c in CONTEXT])
def test_context_expressions_count_from_the_previous_date(text, wanted, value, precision):
    d = _only(text, date(2024, 6, 1), wanted)
    assert (str(d.value), d.precision, d.basis) == (value, precision, "context")


WEEKS = [
    ("anchored-on-a-later-day", "Gunmen attacked Nara last week. Officials said last Tuesday’s raid was repelled.",
     "2024-05-14", "context"),
    ("no-anchor-monday", "Gunmen attacked Nara last week.", "2024-05-13", "relative"),
]


@pytest.mark.parametrize("text,value,basis", [w[1:] for w in WEEKS], ids=[w[0] for w in WEEKS])
def test_last_week_takes_a_named_day_of_that_week_else_its_monday(text, value, basis):
    d = _only(text, MON_2024_05_20, "last week")
    precision = "week" if basis == "relative" else "day"  # a week unless the article names its day
    assert (str(d.value), d.precision, d.basis) == (value, precision, basis)
    assert is_week(d)


UNKNOWN_PUBLICATION = [
    ("weekday", "Rebels claimed last Tuesday’s attack.", "last Tuesday", None, "day"),
    ("day-month", "The camp was hit on June 18.", "June 18", None, "day"),
    ("month", "In June, the junta met.", "June", None, "month"),
    ("relative-year", "The base closed earlier this year.", "earlier this year", None, "year"),
    ("ago", "It began six months ago.", "six months ago", None, "month"),
    ("context-of-unresolved", "The camp was hit on June 18. Two days later, it fell.", "Two days later", None, "day"),
    ("context-of-explicit", "The camp was hit on March 14, 2020. The next day, it fell.", "The next day",
     "2020-03-15", "day"),
    ("explicit", "The camp was hit on March 14, 2020.", "March 14, 2020", "2020-03-14", "day"),
]


@pytest.mark.parametrize("text,wanted,value,precision", [u[1:] for u in UNKNOWN_PUBLICATION],
                         ids=[u[0] for u in UNKNOWN_PUBLICATION])
def test_unknown_publication_never_anchors_on_today(text, wanted, value, precision):
    d = _only(text, None, wanted)
    assert (None if d.value is None else str(d.value), d.precision) == (value, precision)


EXCLUDED = [
    ("duration-decade", "For more than a decade, Mali has faced rebellions."),
    ("interval-up-to-now", "Over the last three months, the group advanced."),
    ("interval-last-year", "Attacks doubled over the last year."),
    ("decade-long", "It fights a decade-long insurgency."),
    ("five-year", "The bill grants a five-year term."),
    ("less-than-a-year", "They doubled their territory in less than a year."),
    ("past-decade", "The country has faced jihadists for the past decade."),
    ("recently", "The general recently called on the youth."),
    ("recent-days", "Violence surged in recent days."),
    ("recent-months", "The situation worsened in recent months."),
    ("name", "Protests were led by the June 5 Movement."),
    ("name-day-first", "The 23 March Movement took the town."),
    ("timestamp", "8 hours ago"),
    ("upper-bound", "Less than a fortnight earlier, the camp fell."),
    ("count", "Comment Policy 1500 / 1500"),
    ("thousands", "With nearly 25,000 soldiers, the army covers 480,000 square miles."),
    ("count-looks-like-year", "The army sent 2000 soldiers north."),
    ("quantity-looks-like-year", "At least 1900 people fled."),
    ("resolution-number", "The Security Council adopted resolution 2085."),
    ("modal-may", "The army may withdraw and the junta will march on."),
    ("decades", "Droughts marked the 1980s."),
]


@pytest.mark.parametrize("text", [e[1] for e in EXCLUDED], ids=[e[0] for e in EXCLUDED])
def test_exclusions_are_not_dates(text):
    assert find_dates(text, date(2024, 6, 1)) == []


def test_leading_preposition_is_left_out_and_offsets_are_exact():
    text = "In June, a trip to Moscow followed. On 9 April 2019 troops entered Léré."
    found = find_dates(text, date(2024, 7, 1))
    assert [d.text for d in found] == ["June", "9 April 2019"]
    assert all(text[d.start:d.end] == d.text for d in found)


def test_period_spans_the_whole_month_or_year():
    assert period(date(2024, 2, 1), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period(date(2022, 1, 1), "year") == (date(2022, 1, 1), date(2022, 12, 31))


# The finder only runs each rule where it can match (around month names, years and unit words);
# the plain scan of every rule over the whole text is the definition, and they must agree.
TRICKY = [
    "In March\n2020, then mid-\nJune 2021 and Sept. 3, 2021; Jan.5 and Dec.\n2020 (Oct. 2020).",
    "Amid June 2020 lockdowns, the blast July, plate June; last mid-June and this past Friday.",
    "Monday, 28 August 2023 and Friday September 6, 2024; 14th of July; 5 of June; 4 February, 2022.",
    "Less than a couple of weeks later, within two days, up to  three  months ago, 8 hours ago.",
    "A little over a week later, the next day, that same day, later that year, the previous year.",
    "Earlier this year, so far this year, early last year, LAST YEAR, This Month’s raids, last night.",
    "The June 5 Movement, the 23 March Movement, 2023-03-12, 1995-13-01, $2020, 2020/21, 2019.5, 1,200.",
    "The first half of 2021, the last quarter of last year, New Year’s Day, New\nYear's Eve, yesterday.",
    "Between March and May 2023, from June 3 to June 5, 2023; in 2000 soldiers, at least 1900 people.",
    "The weekend of 12–13 October, June 3-5, 2023, 4 to 6 of May, Oct. 1 and 2; today, over the weekend.",
    "Lundi 28 août 2023 — le 1er mars, en février, fin-juin, hier, avant-hier, aujourd’hui, mardi dernier.",
    "La semaine dernière, l’année dernière, le mois passé; Febuary 3, 12 Septmber 2019, a decade ago, maire.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_fast_finder_finds_what_the_plain_scan_finds(text):
    from sahel_tui.core.extract import dates

    for variant in (text, text.upper(), text.lower()):
        fast, plain = dates._matches(variant), dates._matches_plain(variant)
        assert {name: [m.span() for m in found] for name, found in fast.items()} == {
            name: [m.span() for m in found] for name, found in plain.items()}


def test_letters_that_lowercase_differently_take_the_plain_path():
    # "ſ" matches "s" when case is ignored, but "ſ".lower() is "ſ": such texts are scanned plainly.
    found = find_dates("Raids hit Gao laſt week. In June, the junta met.", MON_2024_05_20)
    assert [d.text for d in found] == ["laſt week", "June"]


# --- issue 16, class 9: everyday relative words (MON_2024_05_20 is a Monday)
EVERYDAY = [
    ("today", "Gunmen attacked the market in Ouahigouya today.", MON_2024_05_20, "today", "2024-05-20", "day"),
    ("over-the-weekend", "Over the weekend, drones struck a convoy near Djibo.", MON_2024_05_20,
     "the weekend", "2024-05-18", "day"),
    ("this-weekend-on-monday-looks-back", "Rebels seized two outposts this weekend.", MON_2024_05_20,
     "this weekend", "2024-05-18", "day"),
    ("this-weekend-on-sunday-is-this-one", "Rebels seized two outposts this weekend.", date(2024, 5, 26),
     "this weekend", "2024-05-25", "day"),
    ("weekend-of-day-range", "Fighting raged over the weekend of 11–12 May around Diafarabé.", MON_2024_05_20,
     "11–12 May", "2024-05-11", "day"),
    ("month-day-range-with-year", "The summit ran from March 4-6, 2022 in Lomé.", None,
     "March 4-6, 2022", "2022-03-04", "day"),
    ("decade-ago", "A decade ago, the town was a trading hub.", MON_2024_05_20, "A decade ago", "2014-05-01", "year"),
    ("two-decades-ago", "The mine opened two decades ago.", MON_2024_05_20, "two decades ago", "2004-05-01", "year"),
    ("this-year", "This year, attacks on schools doubled.", MON_2024_05_20, "This year", "2024-01-01", "year"),
]


@pytest.mark.parametrize("text,published,wanted,value,precision", [e[1:] for e in EVERYDAY],
                         ids=[e[0] for e in EVERYDAY])
def test_everyday_relative_words(text, published, wanted, value, precision):
    d = _only(text, published, wanted)
    assert (str(d.value), d.precision) == (value, precision)


@pytest.mark.parametrize("text", ["The curfew has held until today.", "Prices have risen as of today.",
                                  "The weekend market reopened.", "They rested on 3 and 4 soldiers died."])
def test_bounded_or_bare_words_are_not_dates(text):
    assert [d.text for d in find_dates(text, MON_2024_05_20) if d.text.lower() in ("today", "the weekend")
            or "and 4" in d.text] == []


def test_days_later_counts_from_the_previous_date():
    d = _only("The army retook Boni on 3 May 2024. Days later, the jihadists returned.", MON_2024_05_20, "Days later")
    assert (str(d.value), d.basis) == ("2024-05-06", "context")


# --- class 10: yearless dates and a month-precision publication; scheduled dates look ahead
WINDOW = [
    ("day-inside-window", "Soldiers left Ménaka on June 20.", date(2024, 6, 1), "month", "June 20", "2024-06-20"),
    ("month-inside-window", "In June, the mayor fled.", date(2024, 6, 1), "month", "June", "2024-06-01"),
    ("before-window", "On May 2, the mayor fled.", date(2024, 6, 1), "month", "May 2", "2024-05-02"),
    ("after-window-is-last-year", "On July 9, the mayor fled.", date(2024, 6, 1), "month", "July 9", "2023-07-09"),
    ("year-window", "On November 30, the mayor fled.", date(2024, 1, 1), "year", "November 30", "2024-11-30"),
    ("day-precision-unchanged", "On June 20, the mayor fled.", date(2024, 6, 1), "day", "June 20", "2023-06-20"),
    ("scheduled-set-for", "A referendum is set for May 14.", date(2024, 6, 1), "day", "May 14", "2025-05-14"),
    ("scheduled-will", "The council will meet on 2 January.", date(2024, 6, 1), "day", "2 January", "2025-01-02"),
    ("scheduled-due-month", "Elections are due in March.", date(2024, 6, 1), "day", "March", "2025-03-01"),
    ("scheduled-weekday", "Talks will resume on Thursday.", MON_2024_05_20, "day", "Thursday", "2024-05-23"),
]


@pytest.mark.parametrize("text,published,precision,wanted,value", [w[1:] for w in WINDOW], ids=[w[0] for w in WINDOW])
def test_yearless_dates_within_the_publication_window_or_scheduled(text, published, precision, wanted, value):
    d = next(d for d in find_dates(text, published, precision) if d.text == wanted)
    assert str(d.value) == value


# --- class 13: "last week" is a week
def test_last_week_has_week_precision_and_spans_seven_days():
    d = _only("Gunmen attacked Nara last week.", MON_2024_05_20, "last week")
    assert (d.precision, period(d.value, d.precision)) == ("week", (date(2024, 5, 13), date(2024, 5, 19)))


# --- class 14 and French: misspelt and French month names keep the source's wording
SPELLINGS = [
    ("febuary", "Troops arrived on Febuary 3, 2021.", None, "Febuary 3, 2021", "2021-02-03", "day"),
    ("septmber", "The camp fell on 12 Septmber 2019.", None, "12 Septmber 2019", "2019-09-12", "day"),
    ("decmber-month", "In Decmber 2018, talks collapsed.", None, "Decmber 2018", "2018-12-01", "month"),
    ("fr-dateline", "Lundi 28 août 2023", None, "Lundi 28 août 2023", "2023-08-28", "day"),
    ("fr-le-3-mars", "Le 3 mars, des hommes armés ont attaqué Tillia.", MON_2024_05_20, "3 mars", "2024-03-03", "day"),
    ("fr-1er", "L’accord a été signé le 1er juillet 2015.", None, "1er juillet 2015", "2015-07-01", "day"),
    ("fr-en-month", "En février, l’armée a quitté la ville.", MON_2024_05_20, "février", "2024-02-01", "month"),
    ("fr-month-year", "Le coup d’État de juillet 2023 a surpris.", None, "juillet 2023", "2023-07-01", "month"),
    ("fr-hier", "Hier, des drones ont frappé Kidal.", MON_2024_05_20, "Hier", "2024-05-19", "day"),
    ("fr-avant-hier", "Il a été libéré avant-hier.", MON_2024_05_20, "avant-hier", "2024-05-18", "day"),
    ("fr-mardi-dernier", "Mardi dernier, le convoi a été attaqué.", MON_2024_05_20, "Mardi dernier", "2024-05-14",
     "day"),
    ("fr-weekday", "Le ministre a parlé jeudi à la radio.", MON_2024_05_20, "jeudi", "2024-05-16", "day"),
    ("fr-semaine", "La semaine dernière, l’armée a frappé.", MON_2024_05_20, "La semaine dernière", "2024-05-13",
     "week"),
    ("fr-annee", "L’année dernière, deux maires ont été enlevés.", MON_2024_05_20, "L’année dernière", "2023-01-01",
     "year"),
]


@pytest.mark.parametrize("text,published,wanted,value,precision", [s[1:] for s in SPELLINGS],
                         ids=[s[0] for s in SPELLINGS])
def test_misspelt_and_french_dates(text, published, wanted, value, precision):
    d = _only(text, published, wanted)
    assert (str(d.value), d.precision) == (value, precision)


@pytest.mark.parametrize("text", ["Il mars la route.", "Les mars et les jupiters.", "Le maire est venu."])
def test_a_bare_french_month_needs_a_cue(text):
    assert find_dates(text, MON_2024_05_20) == []
