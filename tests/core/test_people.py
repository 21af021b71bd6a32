"""People the knowledge base does not know are found when the article says who they are."""
from __future__ import annotations

import pytest

from sahel_tui.core.extract.people import find_people


@pytest.mark.parametrize("text,expected", [
    ("“We are tired,” said Awa Traoré, a nurse in Gao.", [("Awa Traoré", "a nurse in Gao")]),
    ("Sahel analyst Boubacar Ba, who studies the Macina, said so.", [("Boubacar Ba", "who studies the Macina")]),
    ("Senior security analyst Fatouma Maïga told reporters.", [("Fatouma Maïga", "Senior security analyst")]),
    ("Colonel Abdoulaye Coulibaly said the army would respond.", [("Abdoulaye Coulibaly", "Colonel")]),
    ("The Islamic State, a jihadist group, claimed it.", []),
    ("In Gao, residents fled.", []),
], ids=["appositive", "relative-clause", "title-before", "rank", "organisation", "no-person"])
def test_unlisted_people_are_found_with_their_role(text, expected):
    assert [(p.name, p.role) for p in find_people(text)] == expected
