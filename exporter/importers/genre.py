"""The words of the genre: how rapporteurs announce sessions, introduce
speakers, name the kinds of contribution, open and answer questions, and
record ceremonies.

Each pattern is a rule an editor would state ("a session starts at 'The
second session started with …'"); ``structure`` applies them.  A report in a
phrasing not known here still imports with nothing lost: the text lands in
the previous item or in a narrative with a check.  To teach the importer a
phrasing, add it here and a report that uses it to
``tests/fixtures/reports/``.
"""

from __future__ import annotations

import re

from exporter.importers.people import HONORIFIC


_I = re.I
SESSION_HEADING = re.compile(r"\b(?:session|panel|round ?table)\b|\bQ\s?&\s?A\b(?!.)", _I)
SESSION_NUMBER = re.compile(r"^((?:working |technical |plenary )?(?:session|panel)\s+(?:[IVX]+|\d+|one|two|three|"
                            r"four|five|six|seven|eight)\b)\s*[:.–—-]?\s*(.*)$", _I)
SESSION_START = re.compile(
    r"^\W*(?:(?:in|during|at)\s+)?(?:(?:the\s+)?proceedings\s+of\s+)?(?:the\s+)?(?P<which>inaugural|opening|first|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|final|last|"
    r"concluding|closing|valedictory|next|\d+(?:st|nd|rd|th))\s+(?:(?:working|technical|plenary|panel|business)\s+)?"
    r"(?:session|panel)\b(?P<rest>.{0,100})", _I)
SESSION_VERB = re.compile(r"\b(?:start(?:ed|s)|beg[au]n|commenced|opened|(?:was|is) (?:chaired|moderated|presided|"
                          r"titled|entitled|devoted|dedicated|themed|held|convened)|met\b|focus(?:ed|sed)|featured|"
                          r"dealt|comprised|"
                          r"consisted|discussed|explored|examined|addressed|took up|was on|titled|entitled|"
                          r"moderated by|chaired by)\b|"
                          r"^\s*[,:(]", _I)
SESSION_BY_NUMBER = re.compile(r"^\W*(?:session|panel)\s+(?:[IVX]+|\d+|one|two|three|four|five|six)\b", _I)
CHAIR_LABEL = re.compile(r"^\W*(?:chair(?:ed by|person|man|woman)?|moderator|moderated by|presided by)\s*:", _I)
SESSION_CHAIRED = re.compile(r"^\W*(?:the\s+)?(?:\w+\s+){0,3}(?:session|panel|discussion|round ?table|webinar|"
                             r"seminar|"
                             r"workshop|dialogue|proceedings|programme|program)\b[^.]{0,60}?"
                             r"\b(?:was|were)\s+(?:chaired|moderated|presided)", _I)
ACTIVE_CHAIR = re.compile(r"\b(?:chaired|moderated|presided over|co-chaired)\s+(?:the|this)\s+(?:\w+\s+){0,2}"
                          r"(?:session|panel|discussion|round ?table|webinar|seminar|proceedings|evening|meeting|"
                          r"dialogue|debate)\b", _I)
WAY_FORWARD = re.compile(r"^(?:the )?(?:way forward|conclusions? and recommendations|recommendations and way forward|"
                         r"valedictory)$", _I)
INAUGURAL = re.compile(r"\b(?:inaugural|inauguration|opening)\b", _I)
CONCLUDING = re.compile(r"\b(?:concluding|closing|valedictory|final|way forward|conclusions?)\b", _I)
PANEL = re.compile(r"\b(?:panel|panell?ists?|speakers (?:included|were)|discussants?|chaired|moderated|presided|"
                   r"moderator|chair(?:ed)? by|chairmanship|chairpersonship)\b", _I)
CHAIRED = re.compile(r"\b(?:chaired|moderated|presided over|co-chaired)\s+by\b|\bunder the chair(?:man|"
                     r"person)?ship of\b|\b(?:chair|moderator|chairperson)"
                     r"\s*(?:was|:)", _I)

HEADING_KINDS = [
    (re.compile(r"\bkey ?note\b", _I), "keynote"),
    (re.compile(r"\brapporteur", _I), "rapporteur"),
    (re.compile(r"\bvote of thanks\b|\bthanks\b", _I), "thanks"),
    (re.compile(r"\b(?:concluding|closing) (?:remarks|address|speech|note)\b|^(?:closing|conclusion|concluding "
                r"remarks|wrap-up|wrapping up)$", _I), "closing"),
    (re.compile(r"\bwelcom", _I), "welcome"),
    (re.compile(r"\bchief guest|guest of hono", _I), "chief-guest"),
    (re.compile(r"\bchair'?s? (?:remarks|address)|\bchairperson'?s? remarks", _I), "chair"),
    (re.compile(r"\bdiscussants?\b", _I), "discussant"),
    (re.compile(r"\boverview\b", _I), "overview"),
    (re.compile(r"\bquestions?\b.{0,12}\banswers?\b|\bQ\s?&\s?A\b|\binteractive (?:session|discussion)|"
                r"\bopen (?:discussion|floor)|\bdiscussion\b|^questions?(?: from the (?:floor|audience|"
                r"participants))?$|"
                r"^questions? and comments$|^comments and questions$|"
                r"^floor$", _I), "qa"),
]
MEDIA_HEADING = re.compile(r"\bmedia\b|\bpress (?:coverage|clippings|release)|\bin the news\b|\bcoverage\b", _I)

#: Words of a first sentence that say what kind of contribution it opens.
KIND_CUES = [
    (re.compile(r"\bwelcom(?:e|ing) (?:address|remarks|speech|note|words)\b|\bwelcom(?:ed|es|ing) (?:the |all )?"
                r"(?:guests?|participants|audience|chief guest|delegat\w+|speakers|everyone|all)\b|\bwelcom(?:e|"
                r"ing)\b"
                r"(?! (?:the|this|that|these|its|his|her|their)\b)", _I), "welcome"),
    (re.compile(r"\bchief guest\b|\bguest of hono(?:u)?r\b", _I), "chief-guest"),
    (re.compile(r"\bkey ?note\b", _I), "keynote"),
    (re.compile(r"\brapporteur", _I), "rapporteur"),
    (re.compile(r"\bvote of thanks\b|\bthanked\b|\bexpressed (?:his|her|their) (?:gratitude|thanks)", _I), "thanks"),
    (re.compile(r"\bpresented (?:a|the|its) (?:summary|recommendations|findings|report)\b|"
                r"\bsummari[sz]ed the (?:discussions?|proceedings|deliberations|"
                r"sessions?|conference|seminar)\b|\bsumm(?:ed|ing) up the (?:discussions?|proceedings|deliberations)",
                _I), "rapporteur"),
    (re.compile(r"\b(?:concluding|closing) (?:remarks|address|speech)\b", _I), "closing"),
    (re.compile(r"\boverview\b", _I), "overview"),
    (re.compile(r"\bdiscussants?\b", _I), "discussant"),
    (re.compile(r"\b(?:session )?chair(?:person|man|woman)?\b(?!s)|\bmoderat(?:or|ed|ing)\b|\bchair(?:ing|ed)\b|"
                r"\bpresiding\b", _I), "chair"),
    (re.compile(r"\btalk\b|\bpresentation\b|\bpaper\b|\blecture\b|\bspoke\b|\bspeaker\b|\bpanell?ist\b|\bpresented\b|"
                r"\bdelivered\b|[“\"]", _I), "talk"),
]
#: "The dialogue opened with a welcome address by …": the opening session, announced by its first item.
OPENED_WITH = re.compile(r"^\W*(?:the\s+)?(?:dialogue|conference|seminar|event|workshop|programme|program|"
                         r"proceedings|"
                         r"symposium|forum|round ?table|webinar|meeting|ceremony|"
                         r"colloquium)\s+(?:was\s+)?(?:opened|began|"
                         r"commenced|started|kicked off)\s+with\b", _I)
#: "The dialogue ended with a short closing session.": a session named in a line of its own.
LOOSE_SESSION = re.compile(r"\b(?P<which>inaugural|opening|closing|concluding|"
                           r"valedictory)\s+(?:\w+\s+)?session\b", _I)
#: "The book was reviewed by a panel of three discussants: …", "Ms. X … moderated the evening"
PANEL_LISTING = re.compile(r"\bpanel of (?:\w+ )?(?:discussants|speakers|panell?ists|experts)\b|"
                           r"\b(?:moderated|chaired|presided over)\s+(?:the|by)\b", _I)
DATELINE = re.compile(r"^(?:[A-Z][\w -]+,\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?\d{1,2}(?:st|nd|"
                      r"rd|th)?"
                      r"\s+[A-Z][a-z]+,?\s+\d{4}$|^(?:[A-Z][\w -]+,\s*)?[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}$", _I)
FIRST_SPEAKER = re.compile(r"\bthe (?:first|opening|lead) (?:speaker|presenter|panell?ist)\b", _I)
PROCEEDINGS_HEADING = re.compile(r"^(?:the )?(?:proceedings|discussion|presentations|deliberations|panel discussion|"
                                 r"summary(?: of (?:the )?(?:proceedings|discussions?|presentations))?)$", _I)
PANEL_HEADING = re.compile(r"^(?:the )?(?:speakers|panel(?:lists)?|panelists|participants|programme|program|"
                           r"moderator and speakers|speakers and moderator|resource persons)$", _I)
CHAIR_MARK = re.compile(r"\((?:chair|co-chair|chairperson|moderator|host)\)|\b(?:chair|moderator)\s*$", _I)
DAY_HEADING = re.compile(r"^(?:day\s+(?:one|two|three|four|five|\d+|[IVX]+)|(?:first|second|third|final) day|"
                         r"(?:morning|afternoon|evening)(?: session)?s?|(?:mon|tues|wednes|thurs|fri|satur|"
                         r"sun)day\b.*)"
                         r"(?:\s*[:–—-].{0,40})?$", _I)
CUE = {kind: rx for rx, kind in KIND_CUES}
QA_CUE = re.compile(r"\bquestions?[- ]and[- ]answers?\b|\bQ\s?&\s?A\b|\bquestion[- ]answer\b|\bfloor was (?:then )?"
                    r"opened\b|\bopened the floor\b|\binteractive (?:session|discussion)\b|\bopen discussion\b|"
                    r"\bquestions? from the (?:floor|audience|participants)\b|\bdiscussion followed\b|"
                    r"\b(?:lively|interactive|spirited|open) (?:discussion|debate|exchange)\b|"
                    r"\bquestions? (?:and answers? )?followed\b|^\W*in the (?:ensuing |open )?discussion\b|"
                    r"\bquestions were (?:then )?(?:invited|taken)\b|\binvited questions\b|\bfrom the hall\b", _I)
CEREMONY = re.compile(r"\b(?:shields?|souvenirs?|mementos?|mementoes|plaques?|certificates?|bouquets?|"
                      r"group photo(?:graph)?s?|token of (?:appreciation|gratitude)|gifts?|crests?|trophies|trophy|"
                      r"signed cop(?:y|ies)|cop(?:y|ies) of (?:the|his|her|their) "
                      r"(?:book|report|volume)|lamp|recitation|national anthem|ribbon|memorand(?:um|"
                      r"a) of understanding|mou)\b", _I)
CEREMONY_VERB = re.compile(r"\bpresent(?:ed|ation)\b|\bdistribut|\bawarded\b|\bhanded\b|\bgiven\b|\btaken\b|"
                           r"\bconcluded with\b|\bculminated\b|\bended with\b|\bconferred\b|\blight(?:ing|ed)\b|"
                           r"\blit\b|\brecit|\bsign(?:ed|ing)\b|\bcut\b|\bplayed\b|\bsung\b|\bbegan with\b|"
                           r"\bopened with\b|\bcommenced with\b", _I)
LINK_CUE = re.compile(r"\b(?:ended|concluded|closed) with\b|\bfollowed by\b|\bwas followed\b|\bwere followed\b|"
                      r"\b(?:then )?(?:invited|called upon)\b|"
                      r"^\W*(?:after|following) (?:the|this|these|that)\b|"
                      r"\bproceeded\b|\bmoved on\b|\bturned to\b|:\s*$", _I)
PRONOUN_START = re.compile(r"^\W*(?:(?:in (?:this|that|the same) (?:regard|context|vein|respect),?\s+)?(?:he|she|"
                           r"they|his|her|their|it|this|the speaker|the panell?ist|the (?:former|latter)|"
                           r"the (?:ambassador|professor|minister|chair|guest)))\b", _I)
OBJECT_BEFORE = re.compile(r"\b(?:by|to|asked|thanked|welcomed|with|including|included|from|for|introduced|"
                           r"invited|requested|upon|congratulated|commended|than|like|against|about|toward|towards|"
                           r"and|or|met|whom|mentioned|quoted|cited|criticised|criticized|praised|named|honou?red|"
                           r"appreciated|acknowledged|joined)\s*$", _I)
QUESTION_VERB = re.compile(r"\b(?:asked|ask|asking|raised|posed|enquired|inquired|questioned|wanted to know|sought|"
                           r"queried|wondered|put (?:a|the|his|her) question|question(?:ed)? (?:to|about|on))\b", _I)
ANSWER_VERB = re.compile(r"\b(?:respond(?:ed|ing)?|repl(?:ied|ying)|answer(?:ed|ing)?|explained|added|clarified|"
                         r"stated|remarked|said|maintained|observed|noted|argued|opined|elaborated|agreed|"
                         r"commented|informed|pointed out|was of the view|emphasi[sz]ed|highlighted|told|"
                         r"acknowledged|suggested|shared|mentioned|believed|disagreed|answer)\b", _I)
ANSWER_START = re.compile(r"\b(?:respond(?:ed|ing)?|repl(?:ied|ying)|answer(?:ed|ing)?|in (?:response|reply)|"
                          r"added to)\b", _I)
AGENT_BEFORE = re.compile(r"\b(?:talk|presentation|address|speech|lecture|remarks|overview|paper|briefing|"
                          r"keynote|welcome|thanks)\b[^.;]{0,160}?\bby\s*$", _I)
UNNAMED_ASKER = re.compile(r"^\W*(?:(?:a|an|one|another|some)\s+(?:[\w-]+\s+){0,3}?(?:participants?|members? of the "
                           r"audience|attendees?|students?|viewers?|listeners?|questioners?|journalists?|persons?|"
                           r"guests?|delegates?|diplomats?|officers?|officials?|scholars?|academics?|researchers?|"
                           r"analysts?|members?)\b|questions? (?:from|by) (?:the )?(?:audience|floor|"
                           r"participants))", _I)
ASKED_BY = re.compile(r"\b(?:query|queries|question|questions|comment|point|observation)\s+(?:was\s+|were\s+)?"
                      r"(?:raised\s+|posed\s+|put\s+|asked\s+|sent\s+|received\s+)?(?:from|by)\s*$", _I)
#: What follows "asked" when a question is put: a person, the panel, "whether" …
ROLE_TAG = re.compile(r"\((chair|moderator|discussant|rapporteur|keynote speaker|chief guest)\)", _I)
ASKED_OBJECT = re.compile(r"\s+(?:from\s+)?(?:[A-Z]|"
                          r"the (?:panel|panell?ists|speakers?|chair|author|moderator|keynote)|whether|if|about|how|"
                          r"what|why|when|which|a question|two questions|questions)", _I)
ASKED_WHOM = re.compile(r"\b(?:asked|to|(?:enquired|inquired|asked|sought \w+|learn(?:ed|t)?|know) from|"
                        r"question(?:ed)?|directed at|put to|addressing)\s*$", _I)
REFERENT = re.compile(r"\b[Tt]he (author|moderator|chair(?:person)?|keynote speaker)\b")
RESPONDING = re.compile(r"\W*(?:responding|replying|in (?:response|reply)|answering)\b", _I)
TITLED = re.compile(r"\b(?:titled|entitled|on the (?:theme|topic|subject) of|themed|talk on|spoke on|presented on|"
                    r"paper on|presentation on|(?:his|her|their|the) (?:talk|presentation|paper|lecture|address))"
                    r"\s*,?\s*$", _I)
#: A quotation: “…”, "…" or ‘…’ (a ’ inside a word is an apostrophe, not the end).
QUOTED = re.compile(r"[“\"‘]((?<=[“\"])[^”\"\n]{3,250}(?=[”\"])|(?<=‘)[^‘’\n]{3,250}?(?=’(?![\w])))[”\"’]")
#: A title given without quotation marks: "a paper entitled What Patients Expect from Medical AI, based on …"
BARE_TITLE = re.compile(r"\b(?:entitled|titled|under the title)\s+([A-Z][^,.;:“”\"‘]*(?:[,:]\s+[A-Z][^,.;:“”\"‘]*)*)")
PAREN = re.compile(r"\([^()]*\)")

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def roman(n: int) -> str:
    return ROMAN[n] if n < len(ROMAN) else str(n)



#: An institution's name: capitalised words joined by of, for, and, on, in, the.
ORG_NAME = r"[A-Z][\w&’'-]*(?:\s+(?:(?:of|for|and|on|in|the|&)\s+)*[A-Z][\w&’'-]*){0,9}"
#: "the Centre for X (CX), Islamabad, in collaboration with Y, organised": who held the event.
ORGANISED = re.compile(rf"(?:^|[.;]\s+|,\s+|\b(?:by|with)\s+)(?:[Tt]he\s+)?(?P<name>{ORG_NAME})"
                       r"(?:\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\))?(?:,\s*(?P<city>[A-Z][a-z]+),?)?"
                       rf"(?:\s+(?:at|of)\s+(?:the\s+)?{ORG_NAME})?"
                       r"(?:\s+in (?:collaboration|partnership|association) with [^,.]+(?:,\s*[A-Z][a-z]+)?,)?"
                       r"\s+(?:organi[sz]ed|hosted|convened|arranged|held|conducted|"
                       r"brought\b[^.]{0,40}?\btogether)\b")
KIND_CUE_STARTS = re.compile(r"\boverview\b|\bwelcom|\bchief guest\b|\bkey ?note\b|\brecitation\b", _I)


def kind_cue(sentence: str) -> str:
    """The kind of contribution a first sentence announces (parentheses,
    which hold affiliations such as 'Chairperson, SVI', left out)."""
    titled = bool(QUOTED.search(sentence))
    plain = QUOTED.sub(" ", PAREN.sub("", sentence))  # a talk's title says nothing of its kind
    plain = HONORIFIC.sub(" ", plain)
    best = None
    for rx, kind in KIND_CUES:  # a named kind (keynote, chair…) before the generic 'talk'
        m = rx.search(plain)
        rank = (kind == "talk", m.start() if m else 0)
        if m and (best is None or rank < best[0]):
            best = (rank, kind)
    if best and best[1] == "thanks" and titled:
        return "talk"  # "thanked the organisers and spoke on “…”"
    if best and best[1] == "closing" and CUE["chief-guest"].search(plain):
        return "chief-guest"  # the Chief Guest's concluding remarks are the Chief Guest's address
    return best[1] if best else ""


MONTHS = frozenset("january february march april may june july august september october november december".split())
