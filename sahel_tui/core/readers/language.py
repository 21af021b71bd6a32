"""A per-article language guess (French or English) from function words; no model, no data files."""
from __future__ import annotations

import re

_WORDS = {
    "fr": set("le la les des du un une et est sont dans pour par sur avec pas qui que au aux ce cette "
              "ont été selon lors plus leur leurs mais ou où il elle ils nous".split()),
    "en": set("the and of to in is are was were for on with that this by from at as has have had "
              "not be it its which their they said".split()),
}


def guess_language(text: str, minimum: int = 5) -> str | None:
    """'fr' or 'en' by the commoner set of function words; None when too few words to tell.

    >>> guess_language("Les forces armées ont été déployées dans la région selon le ministre.")
    'fr'
    >>> guess_language("The army said that the attack was repelled by the forces in the region.")
    'en'
    >>> guess_language("Bamako") is None
    True
    """
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text[:20000].lower())
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if counts[best] < minimum or counts[best] == min(counts.values()):
        return None
    return best
