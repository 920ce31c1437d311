"""Words and phrases the check-worthiness signals look for (English only).

Each list names a kind of evidence a fact-checker looks for, or looks past; the
features in suggestions.features find them by looking up each word and each run
of up to four words in one index (a dictionary lookup, far cheaper than a long
regular-expression alternation). Kept as data, apart from the code, so a list
can be read and argued about on its own. Lower case; apostrophes are "'".
"""


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def words_in_order(text: str) -> list[str]:
    return text.split()


def _phrases(text: str) -> frozenset[str]:
    return frozenset(phrase.strip() for phrase in text.split("|") if phrase.strip())


NUMBER_WORDS = words(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions trillion "
    "trillions dozen dozens half twice double doubled triple tripled quadrupled halved "
    "quarter thirds"
)
MONEY_OR_PERCENT = words(
    "$ £ € % percent dollars dollar cents hundred thousand million billion trillion"
) | _phrases("per cent")

# Irregular past tense forms that cannot also be read as the present ("cut", "put").
IRREGULAR_PAST = words(
    "was were had did said made took gave went came got lost won left led paid sold spent "
    "built brought began became knew told wrote ran fell rose grew held kept met sent stood "
    "thought bought fought caught struck drove chose broke spoke stole saw found meant heard "
    "sought taught threw shot fled froze withdrew overtook forgave swore sank shrank bled "
    "dug hung laid hid bit drew flew blew wore tore rode woke upheld withheld oversaw "
    "overcame undertook dealt lent bent slid spun swept wept sprang rang swam drank sat "
    "ate forgot"
)
PARTICIPLES = words(
    "been done gone taken given made lost won paid sold spent built brought seen known "
    "grown shown written driven broken spoken stolen chosen risen fallen left led kept "
    "held cut put had told said thrown drawn flown sworn begun become fought bought "
    "caught taught sent met found run hit shut set let quit spread cost"
)
PERFECT_AUXILIARIES = words("has have had 've 'd")
# Words ending in -ed that are not past events: adjectives of mood, and non-verbs.
NOT_PAST_ED = words(
    "need needed indeed deed weed reed speed seed feed bed red shed breed bleed proceed "
    "succeed exceed "
    "hundred kindred sacred naked wicked rugged ragged crooked beloved learned blessed "
    "concerned tired disappointed interested scared worried excited committed prepared "
    "supposed used fed rigged divided united biased talented skilled qualified "
    "determined convinced pleased amazed surprised ashamed embarrassed outraged "
    "frustrated bored confused devoted dedicated advanced limited detailed related "
    "so-called unprecedented unrelated unexpected unqualified unlimited unarmed "
    "armed aged alleged educated organized civilized"
)
# Words after which an -ed form is passive or infinitive, not a past event.
NOT_BEFORE_PAST = words("be being to will would should can could must might may")
# Verbs and nouns of events a fact-checker can look up: deaths, arrests, closures, rulings.
EVENT_WORDS = words(
    "killed died dead deaths death murdered murders shot injured wounded arrested "
    "charged indicted convicted sentenced deported detained impeached fined sued "
    "settled bankrupt bankruptcy collapsed closed laid layoffs fired hired "
    "invaded annexed bombed attacked hacked leaked deleted released approved "
    "rejected blocked overturned struck canceled cancelled vetoed signed passed "
    "repealed ratified confirmed elected defeated resigned pardoned banned seized "
    "destroyed flooded exploded crashed tested launched"
)
STATISTIC_WORDS = words(
    "rate rates unemployment unemployed employment jobs job wages wage salary salaries "
    "income incomes poverty deficit deficits debt gdp economy inflation prices price "
    "premiums taxes tax budget spending costs cost revenue revenues profits crime crimes "
    "homicides murders deaths overdoses cases infections population average median "
    "percent percentage majority minority share turnout votes ballots emissions "
    "production exports imports tariffs insured uninsured enrollment graduates "
    "dropout growth recession barrels gallon acres miles troops soldiers veterans "
    "refugees immigrants arrests shootings casualties students teachers workers "
    "factories households families taxpayers seniors beneficiaries"
)
CHANGE_WORDS = words(
    "increased decreased rose fell dropped grew declined shrank soared plunged jumped "
    "surged climbed doubled tripled quadrupled halved slashed tumbled spiked dipped "
    "skyrocketed ballooned"
)
COMPARATIVES = words(
    "more less fewer higher lower larger smaller bigger faster slower longer shorter "
    "cheaper older younger greater richer poorer better worse"
)
COMPARISON_PHRASES = _phrases(
    "compared to | compared with | than any | twice as | twice what | half as | half what | "
    "times as | times more | times what | times higher | times larger | times less | "
    "as much as | as many as | the most | the least"
)
RECORD_PHRASES = _phrases(
    "on record | in history | in our history | in the history | all-time | all time | "
    "ever recorded | record high | record low | record level | the first time | "
    "for the first time | since the great depression | since world war | in a century | "
    "in decades | in years | the only country | the only state | the only nation | "
    "the only one | ever"
)
SUPERLATIVES = words(
    "most least largest biggest highest lowest first only leading slowest fastest worst "
    "best greatest smallest oldest youngest richest poorest deadliest longest"
)
SOURCE_PHRASES = _phrases(
    "according to | reported | reports | report | study | studies | survey | poll | polls | "
    "data | figures | statistics | analysis | estimates | estimated | found that | found | "
    "shows | showed | testified | confirmed | announced | ruled | concluded | scored | "
    "audit | audited | records | documents | filing | court files | census | bureau | "
    "department | agency | inspector general | commission | institute | university | "
    "cbo | gao | fbi | cdc | cia | nsa | irs | epa | fda | noaa | nasa | pentagon | treasury | "
    "federal reserve | world bank | imf | pew | gallup | moody's | reuters | "
    "associated press | fact-checkers | economists | scientists | researchers | experts | "
    "officials | prosecutors | auditors"
)
REPORTED_SPEECH = words(
    "said says told tweeted wrote stated claimed called promised admitted testified"
)
LAW_PHRASES = _phrases(
    "law | laws | bill | bills | act | legislation | amendment | treaty | deal | agreement | "
    "executive order | rule | rules | regulation | regulations | ban | mandate | program | "
    "constitution | filibuster | sanctions | tariffs | tax cut | tax credit | tax break | "
    "tax code | tax rate | voted | vote | votes | veto | vetoed | court | ruled | ruling | "
    "supreme court | judge | policy"
)
# Bodies and office holders whose acts are on the record.
ACTOR_NOUNS = words(
    "congress senate house court courts administration government president "
    "vice-president governor senator congressman congresswoman congressmen mayor judge "
    "justices justice legislature lawmakers republicans democrats party opponent "
    "secretary department agency pentagon military army navy police company companies "
    "corporation corporations banks state states city county country countries nation "
    "china russia iran mexico canada ukraine israel korea europe cartels taliban isis "
    "fbi cia epa irs cdc fed nato"
)
# Places: a capitalised word that is one of these names a place even at a sentence's start.
PLACES = words(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida "
    "georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
    "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington "
    "wisconsin wyoming america britain france germany italy spain japan india brazil "
    "venezuela cuba syria iraq afghanistan libya egypt pakistan turkey greece "
    "chicago detroit baltimore houston flint"
)
# Capitalised words that open sentences without naming anyone.
COMMON_OPENERS = words(
    "the a an this that these those there here it its he his she her they their them we "
    "our us i my me you your and but so or nor yet well look listen now then what why "
    "how who where when which whether if unless let thank thanks yes no not never always "
    "in on at for with after before since while because although though as by from to "
    "under over about of into during without within until till meanwhile however today "
    "tonight yesterday tomorrow last next every each many most some all any one nobody "
    "everybody everyone someone people nothing something everything frankly personally "
    "maybe perhaps please good great imagine suppose only even just also still almost "
    "nearly more less fewer half instead oh okay ok yeah sure absolutely excuse hold go "
    "can could would should will shall do does did is are was were have has had don't "
    "isn't aren't wasn't doesn't didn't won't can't i'm i've i'll i'd we're we've we'll "
    "it's that's there's here's let's what's he's she's they're you're mark think "
    "believe such other another both either neither first second third finally again "
    "folks sir madam ma'am mr mrs ms"
)
SETTING_WORDS = words("in at from to of across near around through outside inside")
DATE_WORDS = words(
    "january february march april june july august september october november december "
    "jan feb aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"
)
DATE_PHRASES = _phrases(
    "last year | last month | last week | last spring | last summer | last fall | "
    "last winter | last season | last term | last decade | this year | this month | "
    "this week | years ago | months ago | weeks ago | days ago | decades ago"
)
# Opinion: "I" followed (within two words) by one of these verbs, or these phrases.
OPINION_VERBS = words(
    "think believe feel guess hope suppose wish love like respect trust want know agree "
    "disagree doubt worry fear expect consider"
)
OPINION_AFTER_IM = words(
    "sure convinced proud concerned worried confident disappointed tired glad happy "
    "afraid very so just"
)
OPINION_PHRASES = _phrases(
    "in my opinion | in my view | personally | frankly | to me | my view | my feeling | "
    "my belief | we love | we believe | i'm not going to"
)
FUTURE_PHRASES = _phrases(
    "will | won't | shall | going to | gonna | plan to | intend to | promise | pledge | "
    "guarantee | on day one | in my first | from now | next year | next decade | next term | "
    "soon | in the future | someday"
)
OBLIGATION_PHRASES = _phrases(
    "must | need to | needs to | have to | has to | got to | gotta | should | shouldn't | "
    "ought to | let's | let us | it's time | it is time | cannot afford | can't afford | "
    "we need | join us | go vote | please"
)
HYPOTHETICAL_OPENERS = words("if unless imagine suppose")
HYPOTHETICAL_PHRASES = _phrases(
    "what if | can you imagine | if i were | if we were | if you were | if he were | "
    "if she were | if they were | if i had | if we had | if he had | if she had"
)
MODAL_WORDS = words("would could may")
HEDGE_PHRASES = _phrases(
    "maybe | perhaps | might | may or may not | possibly | probably | i don't know | "
    "not sure | who knows | sort of | kind of"
)
OPINION_WORDS = words(
    "great terrible horrible disaster disastrous wonderful amazing beautiful ridiculous "
    "disgrace disgraceful shameful outrageous outrage pathetic incredible tremendous "
    "fantastic terrific stupid crazy dangerous weak strong tough smart failure "
    "corrupt crooked incompetent rigged unfair wrong sad proud love hate deserve "
    "deserves embarrassing embarrassment insult lie lies liar phony puppet radical "
    "radicals extreme nice honest greatest worst best bad good awful evil brave "
    "fighter hoax nonsense joke fantasy ashamed shame cowardice weakness respect "
    "values soul dream destroying destroy threat scared afraid fear fair decent "
    "unbelievable special serious career animals stronger weaker smarter "
    "tougher nicer sadder"
)
CHATTER_PHRASES = _phrases(
    "thank you | thanks | good evening | good morning | good afternoon | good night | "
    "welcome | congratulations | appreciate | pleasure | great to be | great to see | "
    "glad you asked | excuse me | go ahead | hold on | god bless | let me finish | "
    "let me answer | let me respond | let me say | let me just | let me be clear | "
    "let me tell | can i respond | can i say | my turn | i'm talking | i'm sorry | "
    "you've made your point | come on | leave a comment | leave a reply | related news | "
    "related posts | related stories | photo credit | read more | sign up | subscribe | "
    "newsletter | applause | laughter | crosstalk | inaudible"
)
# A sentence made only of these words is an interjection ("No, no, no.", "Yes, sir.").
INTERJECTIONS = words(
    "yes no yeah sure absolutely okay ok alright all right well mm-hmm oh sir ma'am "
    "excuse me go ahead wait thank you thanks hmm uh um"
)
PROCEDURE_PHRASES = _phrases(
    "two minutes | one minute | thirty seconds | 30 seconds | ninety seconds | "
    "90 seconds | sixty seconds | 60 seconds | time's up | time has expired | time is up | "
    "time limit | time limits | your turn | your rebuttal | your time | rebuttal | "
    "next question | move on | short break | be right back | let's turn to | "
    "hold your applause | no interruptions | come back to that | to respond | "
    "we're going to start | have to stop you | we're going to take | the audience"
)
VAGUE_PHRASES = _phrases(
    "a lot of people | a lot of things | a lot of bad | many people | many, many people | "
    "people are saying | people are talking | everybody knows | everyone knows | "
    "believe me | something is going on | something very | things are | things that | "
    "no question about it | we'll see | know what i mean | i hear it | "
    "so many things | something special | it's incredible | it's complicated"
)
DISCOURSE_OPENERS = words("well look listen folks frankly honestly oh okay ok yes no yeah so now")
LEAD_IN_WORDS = words("and but so well look now frankly")
THIRD_PERSON_SUBJECTS = _phrases(
    "he | she | they | my opponent | the senator | the governor | the president | the mayor | "
    "the congressman | the congresswoman | his administration | her administration | "
    "this administration | the administration"
)
RECORD_VERBS = words(
    "voted wrote passed signed served led took sued balanced created cut raised opposed "
    "supported introduced fought won negotiated co-sponsored"
)
STAGE_WORDS = words("applause laughter crosstalk bell rings inaudible")
