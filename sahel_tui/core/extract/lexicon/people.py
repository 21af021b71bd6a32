"""Words about people and who speaks, in English and French, written once for every extractor.

``speakers``, ``people``, ``pronouns``, ``quotes`` and ``sentences`` all ask "is this a title?",
"is this a person noun?", "is this a speech verb?". They used to keep their own lists, which
drifted apart (a role noun one module knew, another did not). Every list here is a plain set
or tuple of lowercase words; the modules build their regexes from them.
"""
from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Arabic, French and Dutch particles inside names (Iyad Ag Ghali, Mohammed el-Amine al-Dah).
NAME_PARTICLES = _set("al el ag ould ben bin ibn de du da dos van von le la abu abou wal")

#: Titles that stand before a name and are not part of it ("Gen. El Hajj Ag Gamou", "Mr Diallo").
#: A bare title is not a role: the role is the article's own phrase ("deputy head of …").
TITLE_WORDS = _set("""gen gen. general col col. colonel capt capt. captain lt lt. lieutenant major maj.
    sgt sgt. sergeant brig brig. brigadier adm adm. admiral cmdr cmdr. president minister imam sheikh
    dr dr. mr mr. mrs mrs. ms ms. m m. mme prof prof. professor commander chief prime senator sen. ambassador
    emir king queen judge mayor governor secretary-general secretary director-general chairman chairperson
    commissioner envoy representative spokesman spokeswoman spokesperson father pastor reverend rev.
    général colonel capitaine commandant lieutenant-colonel président ministre maire gouverneur""")

#: Titles that are only a form of address or a rank, never a role on their own.
BARE_TITLES = _set("""gen gen. general col col. colonel capt capt. captain lt lt. lieutenant major maj.
    sgt sgt. sergeant brig brig. brigadier adm adm. admiral cmdr cmdr. dr dr. mr mr. mrs mrs. ms ms. m m.
    mme prof prof. sheikh father reverend rev. imam général capitaine commandant lieutenant-colonel""")

#: Abbreviated titles that end with a full stop without ending a sentence ("Gen. Ag Gamou left").
TITLE_ABBREVIATIONS = _set("gen col lt maj capt cpt sgt mr mrs ms dr prof st gov sen rep brig adm cmdr rev")

#: Head nouns of institutions: "the foreign ministry", "Human Rights Watch", « le ministère ».
ORG_WORDS = _set("""ministry government army forces force group council movement front union nations
    organisation organization office agency committee coalition party mission police institute center
    centre university association associations coordination alliance network court commission watch
    cross crescent embassy junta authorities administration presidency department state states military
    gendarmerie republic federation secretariat parliament assembly report panel statement communiqué
    communique cabinet regime bank fund programme program international bloc community release collective
    platform observatory ministry's government's army's
    ministère gouvernement armée groupe conseil mouvement collectif réseau coalition parti junte
    autorités état-major présidence gendarmerie assemblée commission plateforme""")

#: Head nouns of people: "a military source", "residents", "the analyst", « un habitant ».
HUMAN_NOUNS = _set("""source official expert analyst researcher resident witness diplomat spokesman
    spokeswoman spokesperson officer soldier observer commander leader minister activist journalist
    member man woman teacher farmer trader doctor nurse villager elder survivor specialist lawmaker
    politician adviser advisor chief person worker student professor lecturer economist historian herder
    driver mother father governor mayor prefect deputy envoy ambassador president director head imam
    scholar people representative negotiator mediator lawyer judge priest protester demonstrator
    civilian victim refugee pastoralist fisherman mechanic shopkeeper midwife nun youth opponent critic
    supporter voter coordinator secretary senator consultant founder chairman chairwoman emir preacher
    cleric pastor fighter rebel general colonel captain
    habitant habitante témoin ministre porte-parole chercheur chercheuse analyste responsable officier
    soldat militaire élu élue maire gouverneur préfet député président directeur directrice chef
    commandant enseignant commerçant éleveur agriculteur déplacé réfugié experte représentant représentante
    déplacée commerçante enseignante chercheure""")

#: Person nouns too generic to stand as a role before a name ("the man Ali Keita" is no title).
GENERIC_PERSON_NOUNS = _set("""man woman person people mother father youth civilian victim source
    voter supporter opponent critic""")

#: Person nouns that say who someone is, before a name or in an apposition ("security expert X").
ROLE_NOUNS = HUMAN_NOUNS - GENERIC_PERSON_NOUNS

#: Titles the people finder reads before a name ("Colonel X", "Dr X"), capitalised in the text.
NAME_TITLES = _set("col colonel gen general capt captain lt major maj president minister imam dr prof sheikh")

#: Descriptions of armed groups, resolved to the group named before ("the jihadists claimed").
GROUP_NOUNS = _set("""jihadists jihadis militants insurgents rebels terrorists group fighters gunmen
    assailants attackers affiliate insurgency coalition movement organisation organization faction""")

#: "The group called the raid …": a description standing for the organisation named just before.
ANAPHOR_NOUNS = _set("""group organisation organization association movement collective network coalition
    alliance platform committee union coordination federation observatory
    groupe mouvement collectif réseau plateforme comité fédération observatoire""")

#: Who carries a story without saying it: an outlet is never the speaker of a quote it relays.
OUTLET_NAMES = _set("""reuters afp ap apa xinhua anadolu efe dpa bbc rfi""")
OUTLET_PHRASES = ("news agency", "press agency", "state media", "state television", "state radio",
                  "state tv", "public television", "public broadcaster", "associated press",
                  "agence france-presse", "agence france presse", "the newspaper", "the broadcaster",
                  "the channel", "local media", "local radio", "the outlet")

#: Texts that carry someone's words: "a statement from the minister said" is the minister speaking.
TEXT_NOUNS = _set("""statement message communiqué communique letter declaration note video audio recording
    post tweet speech address""")

#: English speech and thought verbs in the forms news copy uses (past, present, participle).
SPEECH_VERBS_EN = (
    "said says say saying told tells tell telling added adds adding warned warns warn warning "
    "explained explains explaining noted notes noting stressed stresses stressing urged urges urge "
    "urging claimed claims claiming denied denies denying insisted insists insist insisting argued "
    "argues argue arguing declared declares declaring stated stating announced announces announcing "
    "wrote writes asked asks asking replied replies replying recalled recalls recalling "
    "acknowledged acknowledges acknowledging admitted admits admitting believes believe believed "
    "feels feel felt attributes attributed expressed expresses expressing sees described describes "
    "describe describing emphasised emphasized emphasises emphasizes cautioned cautions observed "
    "observes confirmed confirms concluded concludes lamented laments complained complains accused accuses "
    "accusing condemned condemns condemning denounced denounces decried decries vowed vows "
    "promised predicted mentioned called calls calling chanted chanting shouted tweeted"
).split() + ["pointed out", "points out", "put the toll at", "puts the toll at", "put the death toll at",
             "puts the death toll at"]

#: French speech verbs: the past participle after « a » / « ont » (a déclaré), and the present.
SPEECH_PARTICIPLES_FR = ("déclaré affirmé indiqué expliqué ajouté souligné assuré dénoncé précisé annoncé "
                         "répondu confié raconté témoigné estimé insisté martelé reconnu regretté "
                         "prévenu averti rappelé dit déploré fustigé").split()
SPEECH_PRESENT_FR = ("déclare affirme indique explique ajoute souligne dénonce précise annonce "
                     "répond confie raconte témoigne estime insiste martèle reconnaît regrette prévient "
                     "avertit rappelle déplore fustige").split()

#: Verbs that may put their subject after them: "“…,” said X", « …, a déclaré X », "according to X".
INVERTIBLE_VERBS_EN = _set("said says added adds explained noted warned wrote writes stressed insisted "
                           "argued recalled replied")

#: Words that tell a person's gender, so "she said" never goes to a man named before.
MALE_WORDS = _set("mr mr. m m. father spokesman chairman man king sheikh monsieur brother son husband")
FEMALE_WORDS = _set("""mrs mrs. ms ms. mme mme. madame sister mother spokeswoman chairwoman woman queen daughter wife
    habitante chercheuse directrice enseignante commerçante représentante déplacée élue experte""")
#: Pronouns by gender, English and French.
PRONOUN_GENDER = {"he": "m", "il": "m", "him": "m", "she": "f", "elle": "f", "her": "f"}

#: French subject pronouns, by the kind of antecedent they stand for.
PRONOUNS_FR = {"il": "person", "elle": "person", "ils": "plural", "elles": "plural"}
