"""The searcher's fast paths (a count from document frequencies, skipping through postings, one
scored pass for phrases, unions of term sets) give exactly the answers of the plain evaluation."""
from __future__ import annotations

import random
from datetime import date

import pytest
from whoosh import query as Q

from sahel_tui.core import search
from sahel_tui.core.query import parse


def _doc(n: int, body: str) -> search.Document:
    return search.Document(id=f"a:{n}", kind="article", article=str(n), title=f"Report {n}", body=body,
                           published=date(2024, 1, 1 + n % 28))


@pytest.fixture
def folder(tmp_path):
    bodies = [f"convoy patrol number {n}" + (" ambush near the river" if n % 20 == 0 else "")
              + (" river ambush" if n % 30 == 0 else "") for n in range(60)]
    search.write(search.create(tmp_path), [_doc(n, b) for n, b in enumerate(bodies)], optimize=True)
    return tmp_path


def _ids(results: search.RawResults) -> list[str]:
    return [h.fields.id for h in results.hits]


@pytest.mark.parametrize("text", ["convoy", "ambush", '"ambush near"', "ambush convoy", "convoy ambush river",
                                  "amush~", "convoy NOT ambush", '"river ambush" OR "ambush near"'])
def test_a_page_is_the_head_of_the_full_ranking_with_the_exact_total(folder, text):
    tree = parse(text).tree
    with search.searching(folder) as s:
        full = s.run(tree, limit=None)
        page = s.run(tree, limit=3, offset=1)
    assert page.total == full.total == len(full.hits)
    assert _ids(page) == _ids(full)[1:4]


def test_a_word_counted_from_its_frequency_leaves_out_deleted_documents(folder):
    search.write(search.open_index(folder), [], delete_articles=["0", "20"])  # deleted in place, not merged
    with search.searching(folder) as s:
        assert s._searcher.reader().has_deletions()
        page = s.run(parse("ambush").tree, limit=2)
        assert page.total == 2 and {"a:0", "a:20"}.isdisjoint(_ids(page))


def test_a_rare_word_and_a_common_word_meet_by_skipping(folder):
    with search.searching(folder) as s:
        results = s.run(parse("river convoy").tree, limit=None)  # 4 candidates, 60 postings of convoy
    assert sorted(_ids(results)) == ["a:0", "a:20", "a:30", "a:40"]



def test_columns_read_at_once_equal_whoosh_reading_them_document_by_document(tmp_path):
    """Two segments, documents with and without dates and tolls: the fast column read gives
    Whoosh's values, in document order, defaults included (sorting by toll and date uses them)."""
    first = [search.Document(id=f"e:{n}", kind="event", article=str(n), title="t", body="clash",
                             date=date(2020, 1, 1 + n) if n % 2 else None, killed=n * 3 if n % 3 else None)
             for n in range(7)]
    second = [_doc(n, "convoy") for n in range(10, 14)]
    search.write(search.create(tmp_path), first)
    search.write(search.open_index(tmp_path), second)  # a second segment, not merged
    with search.searching(tmp_path) as s:
        reader = s._searcher.reader()
        for leaf, _ in reader.leaf_readers():
            for name in ("date", "published", "toll", "speaker_key"):
                if leaf.has_column(name):
                    slow = list(leaf.column_reader(name, translate=False))
                    assert search.column_values(leaf.column_reader(name, translate=False)) == slow, name
        tolls = s._column("toll")
        assert len(tolls) == 11  # one value per document: the second segment has no toll column
        assert len(set(tolls[7:])) == 1 and tolls[7] not in tolls[:7]  # its documents hold the default
        deadliest = s.run(parse("clash OR convoy").tree, kinds=("event",), limit=3, sort="toll")
    assert [h.fields.id for h in deadliest.hits] == ["e:5", "e:4", "e:2"]
    with search.searching(tmp_path) as s:
        assert s._every() == frozenset(range(11))
    search.write(search.open_index(tmp_path), [], delete_articles=["3"])
    with search.searching(tmp_path) as s:
        assert len(s._every()) == 10  # a deleted document is not among every document


def test_term_documents_read_by_block_equal_whoosh_across_segments_and_deletions(tmp_path):
    """More than one block of postings (128 ids), two segments, deleted documents in both: the
    block read gives Whoosh's own documents for a kind, a word, and a term nowhere."""
    search.write(search.create(tmp_path), [_doc(n, "convoy" + (" ambush" if n % 3 else "")) for n in range(300)])
    search.write(search.open_index(tmp_path), [_doc(n, "convoy ambush") for n in range(300, 420)])
    search.write(search.open_index(tmp_path), [], delete_articles=["7", "150", "301"])
    with search.searching(tmp_path) as s:
        whoosh = s._searcher
        assert len(whoosh.reader().leaf_readers()) == 2 and whoosh.reader().has_deletions()
        for field, text in [("kind", "article"), ("body", "ambush"), ("body", "convoy"), ("body", "absent")]:
            expected = sorted(whoosh.docs_for_query(Q.Term(field, text)))
            assert sorted(search.term_docs(whoosh, field, text)) == expected, (field, text)
        assert len(search.term_docs(whoosh, "kind", "article")) == 417
        assert s._every() == frozenset(whoosh.reader().all_doc_ids())  # every live document, read per segment


@pytest.mark.parametrize("column", ["date", "toll"])
@pytest.mark.parametrize("reverse", [False, True])
def test_a_sort_picked_from_the_column_order_equals_sorting_the_documents(tmp_path, column, reverse):
    """Equal values, missing values and a deleted document: walking the column's order to the
    first page gives the same documents in the same order as sorting them, for any share of the
    index and any page size."""
    events = [search.Document(id=f"e:{n}", kind="event", article=str(n), title="t", body="clash",
                              date=date(2020, 1, 1 + n % 5) if n % 7 else None, killed=n % 4 if n % 6 else None)
              for n in range(90)]
    search.write(search.create(tmp_path), events)
    search.write(search.open_index(tmp_path), [], delete_articles=["12"])
    rng = random.Random(5)
    with search.searching(tmp_path) as s:
        values, every = s._column(column), sorted(s._every())
        for share in (0.02, 0.1, 0.5, 1.0):
            found = frozenset(rng.sample(every, max(1, int(len(every) * share))))
            valued = sorted((n for n in found if values[n] not in search._NO_VALUE),
                            key=lambda n: (values[n], n), reverse=reverse)
            expected = valued + sorted(n for n in found if values[n] in search._NO_VALUE)
            for wanted in (1, 7, None):
                assert s._sorted(found, column, reverse, wanted)[:wanted] == expected[:wanted], (share, wanted)


def test_date_ranges_keep_a_bounded_cache_and_the_same_answers(folder) -> None:
    """Each cached range holds a set that can be most of the index (16 MB at 50,000 articles):
    only the latest few stay, and a range asked again after it left gives the same documents."""
    with search.searching(folder) as s:
        first = s.run(parse("published:2024-01-02..2024-01-09").tree, limit=None)
        for day in range(1, 25):
            s.run(parse(f"published:2024-01-{day:02d}..2024-01-28").tree, limit=None)
        assert len(s._date_cache) <= search._DATE_SETS_KEPT
        again = s.run(parse("published:2024-01-02..2024-01-09").tree, limit=None)
    assert sorted(_ids(again)) == sorted(_ids(first)) and first.total == 19  # days 2-9: n % 28 in 1..8, n < 60
