"""Direct-quotation extraction: marks, attribution shapes, speakers, scare quotes, headings.

Every text here is made up, in the styles of the outlets the reader ingests (wire copy,
Al Jazeera-style features, francophone dispatches in translation, regional news sites).
"""
from __future__ import annotations

import pytest

from sahel_tui.core.extract.quotes import extract_quotes
from sahel_tui.core.models import Mention, Quote


def _check_offsets(text: str, quotes: tuple[Quote, ...]) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.attribution_start is not None:
            assert text[q.attribution_start:q.attribution_end] == q.attribution


def _quotes(text: str, mentions: tuple[Mention, ...] = ()) -> tuple[Quote, ...]:
    quotes = extract_quotes(text, mentions)
    _check_offsets(text, quotes)
    return quotes


def _mention(text: str, surface: str, ref: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("actor", ref, start, start + len(surface), surface)


# ---------------------------------------------------------------- marks
MARKS = [
    ("curly", "“The roads are cut,” said Awa Keita.", "The roads are cut,", "Awa Keita"),
    ("straight", '"The roads are cut," said Awa Keita.', "The roads are cut,", "Awa Keita"),
    ("single-curly", "‘The roads are cut,’ said Awa Keita.", "The roads are cut,", "Awa Keita"),
    ("guillemets", "« Les routes sont coupées », said Awa Keita.", "Les routes sont coupées",
     "Awa Keita"),
    ("single-inside-double", "“They call it ‘the dead zone’ now,” said Awa Keita.",
     "They call it ‘the dead zone’ now,", "Awa Keita"),
    ("apostrophes-inside", "“Mali’s army doesn’t patrol Jama’at territory,” said Awa Keita.",
     "Mali’s army doesn’t patrol Jama’at territory,", "Awa Keita"),
    ("no-space-before-mark", 'The convoy turned back, Awa Keita told AFP,"because the bridge was down".',
     "because the bridge was down", "Awa Keita"),
]


@pytest.mark.parametrize("text,quote,speaker", [c[1:] for c in MARKS], ids=[c[0] for c in MARKS])
def test_quote_marks(text: str, quote: str, speaker: str) -> None:
    (q,) = _quotes(text)
    assert (q.text, q.speaker) == (quote, speaker)
    assert (q.start, q.end) == (text.index(quote), text.index(quote) + len(quote))
    assert text[q.start - 1] in "“\"‘« " and q.in_heading is False


APOSTROPHES = [
    ("possessive-curly", "Mali’s junta and the group’s fighters met in Gao’s outskirts."),
    ("possessive-straight", "Mali's junta and the group's fighters met in Gao's outskirts."),
    ("plural-possessive", "The herders’ cattle and the farmers’ fields were burned."),
    ("elision", "Jama’at Nusrat al-Islam didn’t claim the attack on Côte d’Ivoire’s border."),
]


@pytest.mark.parametrize("text", [c[1] for c in APOSTROPHES], ids=[c[0] for c in APOSTROPHES])
def test_apostrophes_are_not_quote_marks(text: str) -> None:
    assert _quotes(text) == ()


def test_quote_over_several_paragraphs_gives_one_quote_per_paragraph() -> None:
    text = ("Imam Oumar Cisse said: “We have buried forty people this month.\n\n"
            "“The soldiers came at dawn and left before noon.\n\n"
            "“Nobody has come back since.”")
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["We have buried forty people this month.",
                                        "The soldiers came at dawn and left before noon.",
                                        "Nobody has come back since."]
    assert [q.attribution for q in quotes] == ["said", "implicit", "implicit"]
    assert {q.speaker for q in quotes} == {"Oumar Cisse"}


def test_opening_paragraph_of_a_long_quote_takes_the_speaker_named_at_its_end() -> None:
    text = "“We have buried forty people this month.\n\n“Nobody has come back,” said Imam Oumar Cisse."
    first, second = _quotes(text)
    assert (first.speaker, first.attribution) == ("Oumar Cisse", "implicit")
    assert (second.speaker, second.attribution) == ("Oumar Cisse", "said")


# ---------------------------------------------------------------- attribution shapes
SHAPES = [
    ("quote-comma-said-name", "“We will rebuild the school,” said Fatoumata Sidibe.",
     "We will rebuild the school,", "Fatoumata Sidibe", "said"),
    ("quote-name-said", "“We will rebuild the school,” Fatoumata Sidibe said.",
     "We will rebuild the school,", "Fatoumata Sidibe", "said"),
    ("name-said-colon", "Fatoumata Sidibe said: “We will rebuild the school.”",
     "We will rebuild the school.", "Fatoumata Sidibe", "said"),
    ("name-said-that", "Fatoumata Sidibe said that “the school will reopen in March”.",
     "the school will reopen in March", "Fatoumata Sidibe", "said"),
    ("told-outlet", "Fatoumata Sidibe told Al Jazeera: “We will rebuild the school.”",
     "We will rebuild the school.", "Fatoumata Sidibe", "told"),
    ("told-outlet-no-colon", "Fatoumata Sidibe told Reuters “the school will reopen”.",
     "the school will reopen", "Fatoumata Sidibe", "told"),
    ("according-to-before", "According to Fatoumata Sidibe, “the school will reopen in March”.",
     "the school will reopen in March", "Fatoumata Sidibe", "According to"),
    ("according-to-after", "“The school will reopen in March,” according to Fatoumata Sidibe.",
     "The school will reopen in March,", "Fatoumata Sidibe", "according to"),
    ("comma-outside", "The town is “completely cut off”, Fatoumata Sidibe said.",
     "completely cut off", "Fatoumata Sidibe", "said"),
    ("sentence-final", "Aid has become “almost impossible to deliver” since the blockade began, "
                       "a UN official said on Tuesday.",
     "almost impossible to deliver", "a UN official", "said"),
    ("says-present", "“The jihadists are patient,” says Boubacar Ba, a researcher in Bamako.",
     "The jihadists are patient,", "Boubacar Ba", "says"),
    ("attributes-this-to",
     "Sociologist Bintou Sanogo attributes this to “decades of neglect by the state”.",
     "decades of neglect by the state", "Bintou Sanogo", "attributes"),
    ("inverted-with-title", "Herders have left the area, said regional council member Hama Ag Mahmoud.\n"
                            "“The wells are poisoned,” he said.",
     "The wells are poisoned,", "Hama Ag Mahmoud", "said"),
    ("dateline-dash", 'NIAMEY (Reuters) - Niger\'s military rulers said they would "never bow to pressure".',
     "never bow to pressure", "Niger's military rulers", "said"),
]


@pytest.mark.parametrize("text,quote,speaker,verb", [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES])
def test_attribution_shapes(text: str, quote: str, speaker: str, verb: str) -> None:
    (q,) = _quotes(text)
    assert (q.text, q.speaker, q.attribution) == (quote, speaker, verb)
    assert text[q.attribution_start:q.attribution_end] == verb


ASIDES = [
    ("age", "Fatou Dembele, 34, a mother of four, said: “We walked for three days.”", "Fatou Dembele",
     "a mother of four"),
    ("participle-clause", "The minister, speaking after a cabinet meeting on Wednesday, said the state "
                          "would “spare no effort to protect civilians”.", "The minister", "The minister"),
    ("past-participle", "A resident of Djibo, reached by telephone, confirmed: “They killed shepherds.”",
     "A resident of Djibo", "A resident of Djibo"),
    ("adverb", "Local sources, however, say that “several civilians were among the victims”.",
     "Local sources", "Local sources"),
    ("title-abbreviation", "“We have been patient for too long,” said Col. Abdoulaye Maiga, the "
                           "government spokesman.", "Abdoulaye Maiga", "the government spokesman"),
    ("description-before-name", "“The situation is very serious”, the UN coordinator in Mali, Alain "
                                "Noudehou, told journalists.", "Alain Noudehou", "the UN coordinator in Mali"),
    ("francophone-for", "For the analyst Mahamadou Sawadogo, “the army is winning battles, not the war”.",
     "Mahamadou Sawadogo", "the analyst"),
    ("name-with-of", "The Economic Community of West African States said it was “deeply concerned” by "
                     "the coup.", "Economic Community of West African States", None),
]


@pytest.mark.parametrize("text,speaker,role", [c[1:] for c in ASIDES], ids=[c[0] for c in ASIDES])
def test_asides_between_subject_and_verb(text: str, speaker: str, role: str | None) -> None:
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


def test_definite_role_description_refers_back_to_the_named_person() -> None:
    text = ("“Results are slow to come,” said Ibrahim Yahaya, a senior analyst at the group.\n\n"
            "The analyst said the Russians “will not stay if they are not paid”.")
    first, second = _quotes(text)
    assert second.speaker == first.speaker == "Ibrahim Yahaya"
    assert second.speaker_role == "a senior analyst at the group"


def test_role_description_needs_all_its_words_in_the_role() -> None:
    text = ("His spokesman, Stephane Dujarric, told reporters: “We are deeply concerned.”\n\n"
            "“We are not at war with the people,” the rebel spokesman said.")
    first, second = _quotes(text)
    assert (first.speaker, first.speaker_role) == ("Stephane Dujarric", "His spokesman")
    assert (second.speaker, second.speaker_role) == ("the rebel spokesman", "the rebel spokesman")


def test_it_goes_to_the_body_that_is_the_subject_just_before() -> None:
    text = ("Tuareg rebels say they shot down a drone.\n\n"
            "The Malian army did not confirm the claim. In a statement, it said that “armed groups "
            "are spreading false information”.")
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == ("Malian army", "said")


def test_title_with_hyphen_is_not_part_of_the_name() -> None:
    (q,) = _quotes("UN Secretary-General Antonio Guterres has called for “maximum restraint”.")
    assert (q.speaker, q.speaker_role, q.attribution) == ("Antonio Guterres", "UN Secretary-General", "called")


def test_passive_cue_gives_way_to_the_active_one() -> None:
    text = "The report notes that the fighters have been accused of “grave abuses against civilians”."
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == ("report", "notes")


def test_chanted_slogan_is_a_quote_of_the_crowd() -> None:
    (q,) = _quotes("Protesters chanted “Down with France” outside the embassy.")
    assert (q.text, q.speaker, q.attribution) == ("Down with France", "Protesters", "chanted")


def test_split_quote_gives_two_quotes_with_the_same_speaker() -> None:
    text = "“The army left in May,” said Moussa Kone, a farmer. “Since then we pay the jihadists.”"
    first, second = _quotes(text)
    assert (first.text, first.speaker, first.attribution) == ("The army left in May,", "Moussa Kone", "said")
    assert (second.text, second.speaker, second.attribution) == (
        "Since then we pay the jihadists.", "Moussa Kone", "implicit")
    assert second.speaker_role == "a farmer"


def test_split_quote_within_one_sentence() -> None:
    text = ("Moussa Kone, a farmer near Segou, fled in May.\n"
            "“The army left,” he said, “and now we pay.”")
    quotes = _quotes(text)
    assert [(q.speaker, q.attribution) for q in quotes] == [("Moussa Kone", "said")] * 2


def test_second_quote_after_participle_keeps_the_subject() -> None:
    text = ('Analyst Adama Diarra spoke to us.\n"The army is stretched," he added, '
            'noting, "the north is left to the armed groups."')
    quotes = _quotes(text)
    assert [(q.speaker, q.attribution) for q in quotes] == [
        ("Adama Diarra", "added"), ("Adama Diarra", "noting")]


# ---------------------------------------------------------------- speakers and roles
ROLES = [
    ("appositive", "“We fear the rainy season,” said Awa Keita, a nurse at the Gao hospital, "
                   "pointing to the empty shelves.", "Awa Keita", "a nurse at the Gao hospital"),
    ("relative-clause", "“We fear the rainy season,” said Awa Keita, who runs the Gao clinic.",
     "Awa Keita", "who runs the Gao clinic"),
    ("title-before-name", "Public health expert Awa Keita said: “We fear the rainy season.”",
     "Awa Keita", "Public health expert"),
    ("title-and-relative", "Public health expert Awa Keita, who runs the Gao clinic, said: "
                           "“We fear the rainy season.”", "Awa Keita",
     "Public health expert, who runs the Gao clinic"),
    ("role-part-first", "Senior researcher at the Sahel Institute in Dakar, Awa Keita believes the "
                        "state is absent.\n“We fear the rainy season,” she says.", "Awa Keita",
     "Senior researcher at the Sahel Institute in Dakar"),
    ("description-then-name", "A nurse in Gao, Awa Keita, said the shelves were empty. "
                              "“We fear the rainy season,” she said.", "Awa Keita", "A nurse in Gao"),
    ("description-then-appositive-name",
     "“We fear the rainy season,” said the clinic director, Awa Keita.",
     "Awa Keita", "the clinic director"),
]


@pytest.mark.parametrize("text,speaker,role", [c[1:] for c in ROLES], ids=[c[0] for c in ROLES])
def test_speaker_roles(text: str, speaker: str, role: str) -> None:
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)


def test_surname_and_pronoun_get_the_fullest_name_and_role() -> None:
    text = ("Defence analyst Ibrahim Maiga, who teaches at the war college, is sceptical.\n\n"
            "“The drones will not win this war,” Maiga said.\n\n"
            "Mali has bought more aircraft this year.\n\n"
            "“Aircraft do not hold villages,” he warned.")
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Ibrahim Maiga", "Ibrahim Maiga"]
    assert {q.speaker_role for q in quotes} == {"Defence analyst, who teaches at the war college"}
    assert [q.attribution for q in quotes] == ["said", "warned"]


def test_pronoun_goes_to_the_latest_person_named_as_subject() -> None:
    text = ("“Talks are the only way,” said Oumar Traore, a former minister.\n\n"
            "Political scientist Aminata Dicko disagrees.\n\n"
            "“Talks only help the jihadists regroup,” she said.")
    first, second = _quotes(text)
    assert (first.speaker, second.speaker) == ("Oumar Traore", "Aminata Dicko")
    assert second.speaker_role == "Political scientist"


def test_attribution_in_the_previous_sentence() -> None:
    text = ("Aminata Dicko feels the junta is running out of allies. She said: “Even Moscow is "
            "counting its costs.”")
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == ("Aminata Dicko", "said")


def test_belief_paragraph_then_quote_paragraph() -> None:
    text = ("Researcher Aminata Dicko believes the junta is running out of allies.\n\n"
            "“Even Moscow is counting its costs,” she warned.\n\n"
            "She feels the regional bloc has lost its leverage.\n\n"
            "“Sanctions hurt the poor and nobody else.”")
    first, second = _quotes(text)
    assert (first.speaker, first.attribution) == ("Aminata Dicko", "warned")
    assert (second.speaker, second.attribution) == ("Aminata Dicko", "implicit")


ORGS = [
    ("organisation-said", "The Malian army said in a statement that it had “neutralised several "
                          "terrorists” near Mopti.", "Malian army", "said"),
    ("state-urged", "Senegal has urged the “immediate and unconditional” release of its nationals.",
     "Senegal", "urged"),
    ("it-said", "Human Rights Watch published its report on Monday. It said the killings "
                "“may amount to crimes against humanity”.", "Human Rights Watch", "said"),
    ("they-added", "ECOWAS leaders met in Abuja. They added that the junta had “no legitimacy "
                   "whatsoever”.", "ECOWAS leaders", "added"),
    ("what-it-calls", "Burkina Faso's government has rejected what it calls “malicious and "
                      "unfounded reports”.", "Burkina Faso's government", "calls"),
]


@pytest.mark.parametrize("text,speaker,verb", [c[1:] for c in ORGS], ids=[c[0] for c in ORGS])
def test_organisations_and_states_as_speakers(text: str, speaker: str, verb: str) -> None:
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == (speaker, verb)


def test_it_goes_to_the_organisation_that_spoke_last() -> None:
    text = ("Senegal has urged the “swift and safe” return of the workers, with its foreign ministry "
            "saying it “firmly condemns the abduction”. It said its consulate in Kayes was in contact "
            "with the families and urged citizens to “avoid all travel to the region”.")
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Senegal", "foreign ministry", "foreign ministry"]
    assert [q.attribution for q in quotes] == ["urged", "saying", "urged"]


def test_possessive_organisation_takes_its_fuller_earlier_name() -> None:
    text = ("The Senegalese foreign ministry said two engineers had been taken.\n\n"
            "Senegal has urged their “swift and safe” return, with its foreign ministry saying it "
            "“firmly condemns the abduction”.")
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Senegal", "Senegalese foreign ministry"]
    assert quotes[1].speaker_role == "its foreign ministry"


UNNAMED = [
    ("source-told-outlet", "A police source in Segou, who asked not to be named, expressed alarm: "
                           "“The checkpoint was abandoned hours before the attack,” he told AFP.",
     "A police source in Segou", "A police source in Segou, who asked not to be named", "told"),
    ("sources-convinced", "After the raid, security sources are convinced that “the attackers came "
                          "from across the border”.", "security sources", "security sources",
     "are convinced"),
    ("senior-official", "The blockade has made things “much more dangerous”, a senior EU official said.",
     "a senior EU official", "a senior EU official", "said"),
    ("residents-say", "Residents say the town is “surrounded on all sides”.", "Residents", "Residents",
     "say"),
]


@pytest.mark.parametrize("text,speaker,role,verb", [c[1:] for c in UNNAMED], ids=[c[0] for c in UNNAMED])
def test_unnamed_sources(text: str, speaker: str, role: str, verb: str) -> None:
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role, q.attribution, q.speaker_actor) == (speaker, role, verb, None)


def test_unnamed_source_keeps_speaking_in_the_next_paragraph() -> None:
    text = ("A police source, who asked not to be named, said: “The checkpoint was abandoned.”\n\n"
            "“Nobody told the villagers.”")
    first, second = _quotes(text)
    assert second.speaker == first.speaker == "A police source"
    assert second.attribution == "implicit"


def test_group_description_resolves_to_the_named_group() -> None:
    text = ("Two days later, the FLA was responsible for an ambush near Kidal.\n\n"
            "After the ambush, the rebels allied to the Tuareg movement claimed they controlled "
            "the “entire road to Algeria”.")
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role, q.attribution) == (
        "FLA", "the rebels allied to the Tuareg movement", "claimed")


VERBS = ["said", "says", "told reporters", "added", "adds", "warned", "explained", "noted", "stressed",
         "insisted", "argued", "declared", "stated", "announced", "wrote", "asked", "replied",
         "recalled", "acknowledged", "admitted", "claimed", "denied", "cautioned", "emphasised"]


@pytest.mark.parametrize("verb", VERBS, ids=VERBS)
def test_cue_verbs(verb: str) -> None:
    text = f"“The corridor is closed to aid convoys,” the governor {verb}."
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role, q.attribution) == ("the governor", "the governor", verb.split()[0])


@pytest.mark.parametrize("verb", ["believes", "feels", "urged", "insists"], ids=str)
def test_cue_verbs_before_a_quote(verb: str) -> None:
    text = f"Oumar Sangare {verb} that the state must “return to the villages it abandoned”."
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == ("Oumar Sangare", verb)


# ---------------------------------------------------------------- not quotes
SCARE = [
    ("single-word", "Observers explained this “lull” by the rainy season."),
    ("single-word-with-cue", "The ministry said three workers were taken as “hostages”."),
    ("name-in-quotes", 'The "Islamic State in the Greater Sahara" is expanding, experts said.'),
    ("campaign-name", "The army launched “Operation Kelka” in the centre."),
    ("so-called", "The army said the so-called “self-defence militias” had been disarmed."),
    ("dubbed", "Analysts note the junta's plan, dubbed “the sovereign way”, has few backers."),
    ("short-unattributed-phrase", "Fighting continued in the “three borders” area."),
]


@pytest.mark.parametrize("text", [c[1] for c in SCARE], ids=[c[0] for c in SCARE])
def test_scare_quotes_terms_and_names_are_not_quotes(text: str) -> None:
    assert _quotes(text) == ()


PHRASES = [
    ("attributed-phrase", "He said communities should “make their voices heard” at the talks.",
     "make their voices heard"),
    ("two-word-phrase-with-cue", "The situation has become “markedly worse”, the envoy said.",
     "markedly worse"),
    ("wording-of-a-bill", "Last week, the national council adopted a charter extending the "
                          "transition, renewable “for as long as required” without a vote.",
     "for as long as required"),
    ("claimed-place", "The militants claimed they had reached the “gates of the capital”.",
     "gates of the capital"),
]


@pytest.mark.parametrize("text,quote", [c[1:] for c in PHRASES], ids=[c[0] for c in PHRASES])
def test_attributed_phrases_are_quotes(text: str, quote: str) -> None:
    (q,) = _quotes(text)
    assert q.text == quote


def test_wording_of_a_bill_belongs_to_who_adopted_it() -> None:
    text = ("Last week, the national council adopted a charter extending the transition, renewable "
            "“for as long as required” without a vote.")
    (q,) = _quotes(text)
    assert (q.speaker, q.attribution) == ("national council", "implicit")


def test_long_unattributed_quote_is_kept_without_speaker() -> None:
    text = "Graffiti in the market read “the army protects nobody in this town”."
    (q,) = _quotes(text)
    assert (q.text, q.speaker) == ("the army protects nobody in this town", None)


# ---------------------------------------------------------------- headings
def test_headline_excerpt_takes_the_speaker_of_the_body_quote() -> None:
    text = ("‘We are on our own’: Villagers flee as fighting nears Gao\n\n"
            "Gao, Mali – Thousands have left their homes.\n\n"
            "“We are on our own now, the soldiers have gone,” said Hawa Toure, a trader.\n\n"
            "Help ‘arrives too late’\n\n"
            "“Aid arrives too late for the wounded.”")
    quotes = _quotes(text)
    heads = [q for q in quotes if q.in_heading]
    assert [(q.text, q.speaker, q.attribution) for q in heads] == [
        ("We are on our own", "Hawa Toure", "headline"), ("arrives too late", None, "subheading")]
    assert heads[0].speaker_role == "a trader"
    assert [q.in_heading for q in quotes] == [True, False, True, False]
    assert quotes[-1].speaker is None  # a sub-heading starts a new section: nobody to continue


def test_headline_quote_with_its_own_cue() -> None:
    text = ("Junta ‘will never negotiate with terrorists’, says Prime Minister Abdoulaye Maiga\n\n"
            "Body text here.")
    (q,) = _quotes(text)
    assert (q.in_heading, q.speaker) == (True, "Abdoulaye Maiga")


def test_short_quote_paragraph_without_full_stop_is_not_a_heading() -> None:
    text = "“We will not leave,” said Awa Keita, a trader.\n\n“This is our land”"
    second = _quotes(text)[1]
    assert (second.in_heading, second.speaker, second.attribution) == (False, "Awa Keita", "implicit")


# ---------------------------------------------------------------- mentions
def test_mentions_give_actor_ids_and_fullest_names() -> None:
    text = ("Security expert Aly Kone, who lectures in Bamako, is worried.\n\n"
            "“The west is now exposed,” Kone said.\n\n"
            "The Senegalese foreign ministry said it “strongly condemns the attack”.")
    mentions = (_mention(text, "Aly Kone", "aly_kone"), _mention(text, "Kone", "aly_kone", 1),
                _mention(text, "Senegalese foreign ministry", "senegal_mfa"))
    first, second = _quotes(text, mentions)
    assert (first.speaker, first.speaker_actor) == ("Aly Kone", "aly_kone")
    assert (second.speaker, second.speaker_actor) == ("Senegalese foreign ministry", "senegal_mfa")


def test_pronoun_and_continuation_quotes_inherit_the_actor() -> None:
    text = ("“The west is now exposed,” said Aly Kone.\n\n“Nobody expected it.”\n\n"
            "The army is rebuilding its bases.\n\n“It will take years,” he warned.")
    mentions = (_mention(text, "Aly Kone", "aly_kone"),)
    quotes = _quotes(text, mentions)
    assert [q.speaker_actor for q in quotes] == ["aly_kone"] * 3
    assert [q.attribution for q in quotes] == ["said", "implicit", "warned"]


def test_unnamed_speaker_gets_no_actor_even_inside_a_mention() -> None:
    text = "Things are “significantly worse”, a senior US official said."
    (q,) = _quotes(text, (_mention(text, "US", "united_states"),))
    assert q.speaker_actor is None


# ---------------------------------------------------------------- robustness
def test_repeated_paragraphs_are_read_once() -> None:
    para = "“The roads are cut,” said Awa Keita, a nurse."
    assert len(_quotes(f"{para}\n\n{para}")) == 1


@pytest.mark.parametrize("text", ["", "\n\n", "No quotation marks at all.", "An unclosed ‘single quote"],
                         ids=["empty", "blank", "plain", "unclosed-single"])
def test_texts_without_quotes(text: str) -> None:
    assert _quotes(text) == ()


def test_quotes_come_in_document_order_with_exact_offsets() -> None:
    text = ("Mali’s ‘long war’ is far from over, says analyst\n\n"
            "“The long war is far from over,” said analyst Seydou Camara. "
            "He added that the state was “losing the countryside”.\n\n"
            "« Nous tiendrons », a colonel told state television.")
    quotes = _quotes(text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert [q.speaker for q in quotes] == ["Seydou Camara", "Seydou Camara", "Seydou Camara", "a colonel"]


# ---------------------------------------------------------------- reach and search helpers
def test_full_name_and_role_given_paragraphs_earlier_still_apply() -> None:
    filler = "\n\n".join(f"Paragraph {i} describes the fighting near Menaka in some detail." for i in range(6))
    text = (f"Security expert Aly Tounkara has followed the conflict for years.\n\n{filler}\n\n"
            "“The army is overstretched,” Tounkara said.")
    (q,) = _quotes(text)
    assert (q.speaker, q.speaker_role) == ("Aly Tounkara", "Security expert")


def test_cue_regex_matches_whole_verbs_only() -> None:
    from sahel_tui.core.extract.speakers import _VERBS, CUE_RE

    for verb in _VERBS.split("|"):
        assert [m.group() for m in CUE_RE.finditer(f"X {verb}, Y")] == [verb]
    text = "Unsaid sayings: she is convinced, he pointed out and kept saying so, according to them."
    assert [m.group() for m in CUE_RE.finditer(text)] == [
        "is convinced", "pointed out", "saying", "according to"]


TITLED = ["Security expert Aly Tounkara and Gen. El Hajj Ag Gamou met col.  Ag Intalla in Kidal.",
          "The anti-terrorist Moussa ag Ali, SPOKESMAN Ali Keita and analyst  al-Dah agreed.",
          "Prime Minister\nAbdoulaye Maiga, the leader's Ali, gen.Ali and member de Gaulle spoke.",
          "Commanders Ali and co-leader Ali Ag Intalla, researcher x_ist Bah, expert ¤¤ Sow."]


@pytest.mark.parametrize("text", TITLED, ids=range(len(TITLED)))
def test_titled_name_search_agrees_with_its_pattern(text: str) -> None:
    from sahel_tui.core.extract.pronouns import _TITLED_NAME_RE, _titled_names
    from sahel_tui.core.extract.sentences import split_sentences

    for sent in split_sentences(text):
        want = [m.span(1) for m in _TITLED_NAME_RE.finditer(text, sent.start, sent.end)]
        assert _titled_names(text, sent) == want


def test_mention_index_finds_the_longest_overlapping_actor() -> None:
    from sahel_tui.core.extract.speakers import Mentions

    given = [Mention("actor", "mali", 0, 4, "Mali"), Mention("place", "gao", 2, 30, "Gao"),
             Mention("actor", "junta", 0, 10, "Mali junta"), Mention("actor", "army", 5, 15, "army"),
             Mention("actor", "fama", 5, 15, "FAMa")]
    index = Mentions(given)
    junta, army = index.at(6, 8), index.at(11, 12)
    assert junta and junta.ref == "junta"
    assert army and army.ref == "army"  # as long as "fama", and given first
    assert index.at(16, 20) is None
    assert [m.ref for m in index.starting_in(0, 6)] == ["mali", "junta", "army", "fama"]
    assert list(index) == given
