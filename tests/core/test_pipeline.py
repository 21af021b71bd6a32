"""The extractor version: a rebuild when the rules change, none when only comments do."""
from __future__ import annotations

from sahel_tui.core.extract.pipeline import _rules_of
from sahel_tui.core.extract.version import extractor_version

MODULE = '''"""Doc."""
import re

# the pattern
WORDS = re.compile(r"raid|ambush")


def f(x):
    """Why."""
    return x + 1
'''


def test_comments_docstrings_and_layout_leave_the_fingerprint_alone():
    edited = (MODULE.replace("# the pattern", "# the pattern, now explained at length")
              .replace('"""Why."""', '"""Because."""').replace('"""Doc."""', '"""Other doc."""')
              .replace("x + 1", "x  +  1"))
    assert _rules_of(edited) == _rules_of(MODULE)


def test_a_changed_rule_changes_the_fingerprint():
    assert _rules_of(MODULE.replace("raid|ambush", "raid|ambush|assault")) != _rules_of(MODULE)
    assert _rules_of(MODULE.replace("x + 1", "x + 2")) != _rules_of(MODULE)


def test_the_version_is_a_short_stable_hash():
    assert extractor_version() == extractor_version() and len(extractor_version()) == 12


def test_the_cached_version_is_recomputed_when_a_source_changes(tmp_path):
    import json

    from sahel_tui.core.extract.version import extractor_version
    real = extractor_version()
    cache = tmp_path / "extractor-version.json"
    assert extractor_version(cache) == real and json.loads(cache.read_text())["version"] == real
    stale = json.loads(cache.read_text())
    stale["sources"][0][1] += 1  # as if a source had been edited since
    stale["version"] = "from-old-rules"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(stale))
    assert extractor_version(other) == real
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert extractor_version(broken) == real
