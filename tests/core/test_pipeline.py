"""The extractor version: a rebuild when the rules change, none when only comments do."""
from __future__ import annotations

from sahel_tui.core.extract.pipeline import _rules_of, extractor_version

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
