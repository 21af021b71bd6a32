"""Speakers and roles on articles the extractor has never seen (issue 16, classes 1–7) and French
attribution (issue 15). One table per failure class; every sentence is invented.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from sahel_tui.core.extract.quotes import extract_quotes
from sahel_tui.core.extract.sentences import split_sentences
from sahel_tui.core.models import Quote


def _only(text: str) -> Quote:
    quotes = [q for q in extract_quotes(text) if not q.in_heading]
    assert len(quotes) == 1, quotes
    (q,) = quotes
    assert text[q.start:q.end] == q.text
    return q


def _case(rows: Sequence[tuple[str, str, str | None, str | None]]) -> pytest.MarkDecorator:
    """One parametrised case per row: (id, text, speaker, role)."""
    return pytest.mark.parametrize("text,speaker,role", [r[1:] for r in rows], ids=[r[0] for r in rows])


# 1. The name is the speaker, the role its apposition.
ROLE_NOT_NAME = [
    ("name-comma-role-says", "Moussa Diallo, the coalition's spokesman, says the fighters “will not lay down "
     "their arms before the rains.”", "Moussa Diallo", "the coalition's spokesman"),
    ("said-name-bare-role", "“The corridor is closed to aid convoys,” said Fatou Sow, head of research at the "
     "Dakar Policy Centre.", "Fatou Sow", "head of research at the Dakar Policy Centre"),
    ("org-possessive-role-name", "The agency's regional director Karim Ouedraogo said “the warehouses are empty "
     "in three provinces.”", "Karim Ouedraogo", "The agency's regional director"),
    ("role-comma-name-after-quote", "“We are not afraid,” the group's spokesman, Ahmed Ould Salem, told AFP.",
     "Ahmed Ould Salem", "the group's spokesman"),
    ("role-before-title-name", "Niger's minister of defence, Gen. Salifou Mody, said “our forces will answer "
     "every attack on the border.”", "Salifou Mody", "Niger's minister of defence"),
]


# ... and a role given in its own sentence, before or after the quote, still belongs to the name.
ROLE_ELSEWHERE = [
    ("copula-before", "Moussa Ag Assarid is the spokesman of the Azawad coalition. “We will not sign,” Ag "
     "Assarid said.", "Moussa Ag Assarid", "the spokesman of the Azawad coalition"),
    ("french-copula", "Awa Traoré est la porte-parole du collectif. « Nous ne signerons pas », a déclaré "
     "Traoré.", "Awa Traoré", "la porte-parole du collectif"),
    ("apposition-after", "“We will not sign,” said Ag Assarid.\n\nMoussa Ag Assarid, the coalition's "
     "spokesman, has led the talks since May.", "Moussa Ag Assarid", "the coalition's spokesman"),
]


@_case(ROLE_ELSEWHERE)
def test_role_given_in_another_sentence(text: str, speaker: str, role: str | None) -> None:
    q = extract_quotes(text)[0]
    assert (q.speaker, q.speaker_role) == (speaker, role)


@_case(ROLE_NOT_NAME)
def test_role_instead_of_name(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# 2. "The group said" is the organisation named before it.
NOMINAL_ANAPHOR = [
    ("association", "The Relatives' Association of Kolo published 40 names. The association said “the "
     "soldiers came twice in one week.”", "Relatives' Association of Kolo", None),
    ("group-after-collective", "The Victims' Collective of Djibo published a list of 60 names on Tuesday. The "
     "group called the raid “a deliberate massacre of unarmed herders.”", "Victims' Collective of Djibo", None),
    ("group-after-acronym", "JNIM claimed the attack on Sunday. The group said “our fighters seized two "
     "armoured vehicles.”", "JNIM", None),
    ("network", "Members of the Sahel Herders Network met in Dori. The network called the ban “a death "
     "sentence for our cattle.”", "Sahel Herders Network", None),
    ("bracketed-acronym", "The Coordination of Azawad Movements (CMA) rejected the plan. “We will defend "
     "our positions,” the movement said.", "Coordination of Azawad Movements", None),
    ("french-collectif", "Le Collectif des victimes de Djibo a publié une liste de 60 noms. Le collectif a "
     "dénoncé « un massacre délibéré de civils ».", "Collectif des victimes de Djibo", None),
    ("french-elided-article", "L'Association des éleveurs du Sahel a porté plainte. L'association a affirmé : "
     "« Nos troupeaux ont été abattus. »", "Association des éleveurs du Sahel", None),
    ("never-a-government", "The government of Mali denied the claims. The group said “we will continue "
     "the struggle.”", "The group", "The group"),
]


@_case(NOMINAL_ANAPHOR)
def test_nominal_anaphor_takes_the_named_body(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# 3. Bare plurals and descriptions are speakers; headlines inherit them.
DESCRIBED = [
    ("bare-plural-relative", "Herders who fled to Dori put the toll at “several dozen people, most of them "
     "children.”", "Herders who fled to Dori", "Herders who fled to Dori"),
    ("reached-by-telephone", "Residents reached by telephone said “the gunmen stayed in the market until "
     "nightfall.”", "Residents reached by telephone", "Residents reached by telephone"),
    ("security-source", "“The convoy was hit twice on the same road,” a security source said.",
     "a security source", "a security source"),
    ("bare-plural", "Villagers said the attackers “burned every granary in the village.”", "Villagers",
     "Villagers"),
    ("anonymous-resident", "A resident of Djibo, who asked not to be named, said “the market has been closed "
     "for a month.”", "A resident of Djibo", "A resident of Djibo, who asked not to be named"),
    ("prepositional-aside", "The minister, in a speech to parliament, said “the army will be rebuilt.”",
     "The minister", "The minister"),
    ("speaking-on-condition", "A humanitarian worker in the region, speaking on condition of anonymity, said "
     "“the camps are full.”", "A humanitarian worker in the region", "A humanitarian worker in the region"),
]


@_case(DESCRIBED)
def test_described_speakers(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


def test_standfirst_repeating_a_quote_inherits_its_speaker() -> None:
    text = ("Djibo counts its dead\n\n‘We buried forty people’: a week after the massacre, the town is "
            "empty.\n\nImam Oumar Sow said “we buried forty people in two days” and left.")
    standfirst, body = extract_quotes(text)
    assert not standfirst.in_heading and standfirst.speaker == body.speaker == "Oumar Sow"
    assert standfirst.confidence < body.confidence


def test_headline_excerpt_inherits_the_described_speaker() -> None:
    text = ("Gunmen ‘burned every granary’, villagers say\n\n"
            "Villagers who fled to Kaya said the gunmen “burned every granary in the village” before leaving.")
    head, body = extract_quotes(text)
    assert head.in_heading and not body.in_heading
    assert head.speaker == body.speaker == "Villagers who fled to Kaya"


# 4. An outlet relays; it never speaks.
OUTLET = [
    ("according-to-agency", "Spokesman Abdoul Rahim said the raid was “a message to the traitors of the "
     "north”, according to Reuters.", "Abdoul Rahim", "Spokesman"),
    ("quoted-by-agency", "“The road to Djibo is mined,” the army said in a statement quoted by the news "
     "agency.", "army", "the army"),
    ("outlet-alone", "“The road to Djibo is mined,” according to AFP.", None, None),
    ("state-television", "The governor said “the curfew will hold for a week,” according to state television.",
     "The governor", "The governor"),
    ("quoted-as-saying", "“The attackers came on motorbikes,” Reuters quoted a local official as saying.",
     "a local official", "a local official"),
    ("tv-quoted-as-saying", "State television quoted the minister as saying “the operation was a complete "
     "success.”", "the minister", "the minister"),
]


@_case(OUTLET)
def test_outlet_is_not_the_speaker(text: str, speaker: str | None, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# 5. The author of a message speaks, not whoever reads it out.
MESSENGER = [
    ("read-out-by-presenter", "In a statement read out on state radio by a presenter, the minister announced: "
     "“The curfew is lifted in all regions from tonight.”", "the minister", "the minister"),
    ("statement-from", "A statement from the interior minister, read on television by a presenter, said: "
     "“The curfew is lifted in all regions.”", "the interior minister", "the interior minister"),
    ("signed-by-and-read", "A statement signed by Colonel Amadou Sy and read on national television said: "
     "“The borders are closed until further notice.”", "Amadou Sy", None),
    ("the-communique-issued-before", "The junta issued a communiqué on Monday night. The communiqué, read by "
     "Capt. Ali Sow on state television, said “the borders are closed.”", "junta", "The junta"),
    ("message-by-leader", "A message by Hamadou Kane, broadcast by a local radio, said “the roads are open "
     "again for traders.”", "Hamadou Kane", None),
]


@_case(MESSENGER)
def test_message_not_messenger(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# 6. A role is the article's phrase; a bare rank or form of address is none.
ROLE_PHRASES = [
    ("rank-and-role", "“We need more troops in the east,” said Gen. Ibrahim Sawadogo, deputy head of the "
     "regional council.", "Ibrahim Sawadogo", "deputy head of the regional council"),
    ("rank-alone", "“The borders stay closed,” said Captain Issa Toure.", "Issa Toure", None),
    ("mr-alone", "Mr Ali Baba Keita said “the price of millet has doubled since March.”", "Ali Baba Keita", None),
    ("research-director", "“The junta has no exit plan,” said Ingrid Solberg, research director at an Oslo "
     "think tank.", "Ingrid Solberg", "research director at an Oslo think tank"),
    ("president-is-a-role", "President Moussa Kone said “the elections will be held on time.”", "Moussa Kone",
     "President"),
]


@_case(ROLE_PHRASES)
def test_roles_are_phrases_not_titles(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# 7. A missing space after a full stop still ends the sentence.
RUN_ON = [
    ("capital-word", "Two depots burned.Officials said it.", ["Two depots burned.", "Officials said it."]),
    ("one-letter-a", "Two tankers were set on fire.A petroleum official said so.",
     ["Two tankers were set on fire.", "A petroleum official said so."]),
    ("one-letter-i", "We left at dawn.I never went back.", ["We left at dawn.", "I never went back."]),
    ("abbreviation-kept", "Gen. Ag Gamou left. He was seen in Gao.", ["Gen. Ag Gamou left.", "He was seen in Gao."]),
    ("initials-kept", "The U.S.A team met.", ["The U.S.A team met."]),
]


@pytest.mark.parametrize("text,sentences", [r[1:] for r in RUN_ON], ids=[r[0] for r in RUN_ON])
def test_run_on_text_is_split(text: str, sentences: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == sentences


def test_run_on_text_does_not_glue_the_speaker() -> None:
    q = _only("Two tankers were set on fire.A petroleum official said “the depot lost a week of supply.”")
    assert q.speaker == "A petroleum official"


# French attribution: guillemets with French speech verbs.
FRENCH = [
    ("a-declare-inverted", "« Nous ne reculerons pas », a déclaré Moussa Traoré, porte-parole du mouvement.",
     "Moussa Traoré", "porte-parole du mouvement"),
    ("a-affirme-before", "Le ministre de la Défense a affirmé : « Les terroristes ont subi de lourdes pertes. »",
     "Le ministre de la Défense", "Le ministre de la Défense"),
    ("selon", "Selon le porte-parole de l'armée, « la situation est sous contrôle dans la région ».",
     "le porte-parole de l'armée", "le porte-parole de l'armée"),
    ("a-indique-a-l-agence", "« Les routes sont coupées depuis une semaine », a indiqué à l'AFP Issa Maiga, "
     "un élu local.", "Issa Maiga", "un élu local"),
    ("a-t-elle-explique", "Aminata Diallo, une habitante de Gao, a tout perdu. « Nous avons tout perdu dans "
     "l'incendie », a-t-elle expliqué.", "Aminata Diallo", "une habitante de Gao"),
    ("present-estime", "Le chercheur Yacouba Sangaré estime : « La junte n'a aucun plan de sortie. »",
     "Yacouba Sangaré", "Le chercheur"),
    ("monsieur-is-no-name", "M. Oumar Diallo a déclaré : « Nous ne négocierons jamais avec eux. »",
     "Oumar Diallo", None),
    ("description-then-name", "« La situation se dégrade », a ajouté le représentant de l'ONU, Karim Sow.",
     "Karim Sow", "le représentant de l'ONU"),
    ("rank-dropped-for-role", "Le colonel Abdoulaye Maïga, porte-parole du gouvernement, a affirmé que « les "
     "élections auront lieu à la date prévue ».", "Abdoulaye Maïga", "porte-parole du gouvernement"),
    ("selon-lui", "Le chercheur Issa Sow connaît la région. Selon lui, « l'armée est débordée ».", "Issa Sow",
     "Le chercheur"),
    ("according-to-her", "Security expert Awa Keita has studied the region. According to her, “the army is "
     "stretched thin.”", "Awa Keita", "Security expert"),
    ("pour", "Pour le chercheur Boubacar Ba, « l'État a abandonné le centre du pays ».", "Boubacar Ba",
     "le chercheur"),
    ("plural-ont-indique", "Des habitants joints par téléphone ont indiqué que « les hommes armés sont restés "
     "toute la nuit ».", "Des habitants joints par téléphone", "Des habitants joints par téléphone"),
]


@_case(FRENCH)
def test_french_attribution(text: str, speaker: str, role: str | None) -> None:
    q = _only(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


def test_french_verb_words_do_not_fire_in_english() -> None:
    q = _only("We assure you, the lance and the estimate “are not the point of this report,” Awa Keita said.")
    assert (q.speaker, q.attribution) == ("Awa Keita", "said")


# 8. Every attribution carries a confidence; low ones are marked as guesses.
CONFIDENCE = [
    ("named-said", "“The roads are cut,” said Awa Keita.", 0.9, False),
    ("described", "“The roads are cut,” a security source said.", 0.8, False),
    ("pronoun-same-paragraph", "Security expert Awa Keita visited Gao. “The roads are cut,” she said.", 0.75, False),
    ("pronoun-after-a-name-that-never-spoke",
     "Security expert Awa Keita visited Gao in May.\n\nThe town was calm for a week.\n\n"
     "“The roads are cut,” she said.", 0.5, True),
    ("pronoun-after-the-last-speaker",
     "“We are afraid,” said Awa Keita, a nurse in Gao.\n\nThe town was calm for a week.\n\n"
     "“The roads are cut,” she said.", 0.7, False),
    ("anaphor-resolved", "The Herders' Association of Dori met on Monday. The association said “the "
     "cattle routes are closed.”", 0.65, False),
    ("statement-of-unknown-author", "The communiqué, read by a presenter on state television, said “the "
     "cattle routes are closed.”", 0.5, True),
    ("anaphor-unresolved", "Nobody came. The group said “the cattle routes are closed to everyone.”", 0.4, True),
]


@pytest.mark.parametrize("text,confidence,uncertain", [r[1:] for r in CONFIDENCE], ids=[r[0] for r in CONFIDENCE])
def test_every_attribution_has_a_confidence(text: str, confidence: float, uncertain: bool) -> None:
    q = [q for q in extract_quotes(text) if q.text.startswith(("The roads", "the cattle"))][-1]
    assert q.speaker is not None
    assert (q.confidence, q.uncertain) == (confidence, uncertain)


GENDER = [
    ("learned-from-he", "“The clinic is empty,” said Awa Keita, a nurse in Gao.\n\n“We have no fuel,” said "
     "Ibrahim Sow, a teacher.\n\n“The school is closed,” he said.\n\n“Nobody comes any more,” she said.",
     ["Awa Keita", "Ibrahim Sow", "Ibrahim Sow", "Awa Keita"]),
    ("from-title", "Awa Keita, the clinic's spokeswoman, spoke first. “The clinic is empty,” said Mr Ibrahim "
     "Sow.\n\n“Nobody comes any more,” she said.", ["Ibrahim Sow", "Awa Keita"]),
    ("french-title", "Mme Awa Keita a parlé la première. « La clinique est vide », a déclaré M. Ibrahim Sow.\n\n"
     "« Personne ne vient plus », a-t-elle ajouté.", ["Ibrahim Sow", "Awa Keita"]),
]


@pytest.mark.parametrize("text,speakers", [r[1:] for r in GENDER], ids=[r[0] for r in GENDER])
def test_he_and_she_never_cross_a_known_gender(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in extract_quotes(text)] == speakers


def test_a_quote_without_speaker_has_no_confidence_and_is_not_a_guess() -> None:
    q = _only("The report was long. “Nothing has changed on the ground since the spring.”")
    assert (q.speaker, q.confidence, q.uncertain) == (None, 0.0, False)


def test_json_carries_the_confidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from sahel_tui.cli import main

    article = tmp_path / "invented.txt"
    article.write_text("Roads cut near Gao\n\nNobody came. The group said “the cattle routes are closed to "
                       "everyone.”\n\n“The roads are cut,” said Awa Keita.\n", encoding="utf-8")
    assert main(["extract", "--json", str(article)]) == 0
    quotes = json.loads(capsys.readouterr().out)[0]["quotes"]
    assert [(q["confidence"], q["uncertain"]) for q in quotes] == [(0.4, True), (0.9, False)]



# One lexicon (issue 12): every role noun works the same in the people finder and the speaker reader.
def test_every_role_noun_is_known_to_people_and_speakers() -> None:
    from sahel_tui.core.extract.lexicon.people import ROLE_NOUNS
    from sahel_tui.core.extract.people import find_people
    from sahel_tui.core.extract.speakers import parse_subject

    for noun in sorted(ROLE_NOUNS):
        found = find_people(f"“We left at dawn,” said Awa Keita, a {noun} in Gao.")
        assert [(p.name, p.role) for p in found] == [("Awa Keita", f"a {noun} in Gao")], noun
        described = parse_subject(f"a {noun}", 0)
        assert described is not None and (described.named, described.kind) == (False, "person"), noun
