"""Alias templates: the ways news copy names a Sahel state's army and government, and the spelling
variants of international bodies, generated instead of listed by hand.

Every template is applied to Mali, Burkina Faso and Niger alike, so a variant known for one state
is known for the others ("Niger's ruling junta" as well as "Mali's ruling junta"). A generated
alias never takes a name another actor already owns: hand-written entries win.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class SahelState:
    names: tuple[str, ...]  # "Burkina Faso", "Burkina"
    demonyms: tuple[str, ...]  # "Burkinabe", "Burkinabè"
    army: str  # actor id of its armed forces
    government: str  # actor id of its government (juntas included)


SAHEL_STATES = (
    SahelState(("Mali",), ("Malian",), "fama", "mali_government"),
    SahelState(("Burkina Faso", "Burkina"), ("Burkinabe", "Burkinabè"), "burkina_armed_forces",
               "burkina_government"),
    SahelState(("Niger",), ("Nigerien", "Nigérien"), "niger_armed_forces", "niger_government"),
)
# {C}: a name of the state; {D}: its demonym. A possessive "’s" is ignored by the linker, so
# "{C} army" also covers "Mali’s army".
_ARMY = ("{C} army", "{C} military", "{C} armed forces", "armed forces of {C}", "army of {C}",
         "{D} army", "{D} military", "{D} armed forces", "{D} special forces", "{C} special forces",
         "{D} air force", "{C} air force", "{D} defence and security forces", "{D} defense and security forces")
_GOVERNMENT = ("{C} junta", "{C} ruling junta", "{C} military junta", "{D} junta", "{D} ruling junta",
               "{D} military junta", "{C} government", "government of {C}", "{D} government", "{D} authorities",
               "{C} authorities", "{D} transitional government", "{D} transitional authorities",
               "{C} transitional government", "{C} military government", "{D} military government",
               "{C} military rulers", "{D} military rulers", "{C} ruling military", "{D} ruling military")
_TRAILING_PLACE_RE = re.compile(r"\s+in\s+(?:the\s+)?(?:Mali|Burkina Faso|Niger|Sahel|Central Sahel)$")


def state_aliases() -> Iterator[tuple[str, str]]:
    """(actor id, alias) for every template and every Sahel state."""
    for state in SAHEL_STATES:
        for templates, actor in ((_ARMY, state.army), (_GOVERNMENT, state.government)):
            for template in templates:
                for name in state.names:
                    for demonym in state.demonyms:
                        yield actor, template.format(C=name, D=demonym)


def spelling_variants(alias: str) -> set[str]:
    """Other ways to write one alias: UN <-> United Nations, and without a trailing "in Mali".

    >>> sorted(spelling_variants("United Nations Mission in Mali"))
    ['UN Mission', 'UN Mission in Mali', 'United Nations Mission']
    """
    out = {alias}
    out |= {re.sub(r"\bUnited Nations\b", "UN", a) for a in list(out)}
    out |= {re.sub(r"\bUN\b", "United Nations", a) for a in list(out)}
    out |= {_TRAILING_PLACE_RE.sub("", a) for a in list(out) if len(_TRAILING_PLACE_RE.sub("", a).split()) >= 2}
    out.discard(alias)
    return out
