/**
 * The closed word lists of news English the extractor relies on. Kept in one place so the rules
 * that use them read as rules, and so the lists can be reviewed (and extended) as data.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Reporting verbs (lower case, all the inflections news English uses). A sentence with one of
 * these and a resolvable subject reports someone's stance.
 */
export const SPEECH_VERBS = words(`
  say says said saying tell tells told telling state stated stating stress stresses stressed stressing
  consider considers considered considering confirm confirms confirmed confirming describe describes described describing
  warn warns warned warning urge urges urged urging note notes noted noting add adds added adding
  express expresses expressed expressing emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising
  underscore underscores underscored underscoring underline underlines underlined reiterate reiterates reiterated reiterating
  insist insists insisted insisting argue argues argued arguing assert asserts asserted asserting claim claims claimed
  declare declares declared announce announces announced affirm affirms affirmed reaffirm reaffirms reaffirmed
  explain explains explained acknowledge acknowledges acknowledged accuse accuses accused accusing
  criticize criticizes criticized criticise criticises criticised vow vows vowed pledge pledges pledged promise promises promised
  deny denies denied reject rejects rejected welcome welcomes welcomed hope hopes hoped believe believes believed
  maintain maintains maintained caution cautions cautioned suggest suggests suggested indicate indicates indicated
  agree agrees agreed raise raises raised convey conveys conveyed demand demands demanded ask asks asked
  reply replies replied respond responds responded write writes wrote tweet tweets tweeted post posted
  condemn condemns condemned slam slams slammed blast blasts blasted call calls called calling point points pointed
  highlight highlights highlighted highlighting voice voices voiced reaffirmed oppose opposes opposed
  make makes made think thinks thought see sees saw view views viewed recognize recognizes recognized
  commit commits committed welcome reassure reassured assure assured expect expects expected
  pressed concerned recall recalls recalled encourage encourages encouraged intend intends intended
  support supports supported
`);

/** Verbs that need a particle or object to report speech ("called on", "pointed out", "made it clear"). */
export const PHRASAL_SPEECH = new Map<string, readonly string[][]>([
  ["call", [["on"], ["for"], ["upon"]]],
  ["calls", [["on"], ["for"], ["upon"]]],
  ["called", [["on"], ["for"], ["upon"]]],
  ["calling", [["on"], ["for"], ["upon"]]],
  ["point", [["out"]]],
  ["points", [["out"]]],
  ["pointed", [["out"]]],
  ["make", [["it", "clear"], ["clear"]]],
  ["makes", [["it", "clear"], ["clear"]]],
  ["made", [["it", "clear"], ["clear"]]],
  ["see", [["as"]]],
  ["sees", [["as"]]],
  ["saw", [["as"]]],
  ["view", [["as"]]],
  ["views", [["as"]]],
  ["viewed", [["as"]]],
  ["think", [["that"]]],
  ["thinks", [["that"]]],
  ["thought", [["that"]]],
  ["commit", [["to"]]],
  ["committed", [["to"]]],
  ["expect", [["that"]]],
  ["expects", [["that"]]],
  ["expected", [["that"]]],
  ["intend", [["to"]]],
  ["intends", [["to"]]],
  ["intended", [["to"]]],
]);

/** Verbs too common to count as speech on their own when their subject is not a person or actor. */
export const WEAK_SPEECH_VERBS = words(
  "see sees saw view views viewed make makes made think thinks thought expect expects expected raise raises raised post posted write writes wrote commit commits committed intend intends intended support supports supported recall recalls recalled encourage encourages encouraged",
);

/** Present-tense verbs a headline uses to report speech ("Xi warns…", "Blinken urges…"). */
export const HEADLINE_VERBS = words(
  "says warns urges calls vows slams blasts rejects accuses insists pledges hails welcomes denies demands stresses tells seeks aims",
);

/**
 * Travel verbs of a headline ("Blinken heads to China…", "Wang Yi visits Washington"): they report
 * a trip, not a statement, so the headline is a record only when it names a topic and a frame
 * itself ("…on a visit aimed at avoiding miscalculations"), never with default labels.
 */
/** Verbs of a title that report no stance but are never part of a name ("Spokesperson Answers Reporters' Questions"). */
export const TITLE_VERBS = words("answers responds holds briefs");

/**
 * Unnamed sources ("…, sources say", "people familiar with the matter"): they speak for no
 * identified government and hold no stance of their own, so what they say gives no record.
 */
export const ANONYMOUS_SOURCES = words("source sources insiders");

export const TRAVEL_HEADLINE_VERBS = words("heads visits arrives travels flies lands returns");

export const PRONOUNS_PERSON = words("he she");
export const PRONOUNS_GROUP = words("they");
export const PRONOUNS_THING = words("it");

/** Nouns naming a person's office; "the secretary" and "the spokesman" resolve through them. */
export const ROLE_NOUNS = words(`
  secretary spokesman spokeswoman spokesperson minister president premier ambassador envoy adviser advisor
  official diplomat chancellor counterpart chief director general admiral senator lawmaker representative governor
  commander analyst expert professor researcher leader chairman chairwoman chair head deputy undersecretary
  counsellor councillor mayor king queen prince emperor officer negotiator delegate spokespeople
`);

/** Words that, in front of a role noun, belong to the role ("Foreign Ministry spokesman"). */
export const ROLE_MODIFIERS = words(`
  foreign defense defence prime vice state national security trade commerce treasury finance deputy assistant
  special top senior chief ministry affairs department foreign-ministry presidential climate former acting press
  military navy army air force coast guard commerce economic cabinet of the for
`);

/** Honorifics and titles that precede a name and are not part of it. */
export const HONORIFICS = words(
  "mr mr. mrs mrs. ms ms. dr dr. sir madam secretary president premier ambassador minister senator general gen. adm. admiral spokesperson spokesman spokeswoman director chairman vice prime foreign state",
);

/** Nouns for groups that can hold a stance ("Chinese officials", "the two sides"). */
export const GROUP_NOUNS = words(
  "officials diplomats authorities side government leaders ministry administration military delegation embassy",
);

/** News agencies and outlets: sources a statement is reported through, never its speaker. */
export const NEWS_AGENCIES: readonly string[] = [
  "Xinhua News Agency",
  "Xinhua",
  "Reuters",
  "Agence France-Presse",
  "AFP",
  "Associated Press",
  "AP",
  "Bloomberg",
  "CNN",
  "BBC",
  "Kyodo News",
  "Kyodo",
  "Yonhap",
  "TASS",
  "RIA Novosti",
  "CGTN",
  "CCTV",
  "China Central Television",
  "Global Times",
  "China Daily",
  "People's Daily",
  "People’s Daily",
  "The New York Times",
  "New York Times",
  "The Washington Post",
  "Washington Post",
  "The Wall Street Journal",
  "Wall Street Journal",
  "Financial Times",
  "NHK",
  "Al Jazeera",
  "Nikkei",
  "South China Morning Post",
  "Politico",
  "Axios",
  "NBC",
  "CBS",
  "ABC",
  "Fox News",
  "NPR",
  "Phoenix TV",
  "Dragon TV",
  "Shenzhen TV",
  "China News Service",
  "The Paper",
  "Caixin",
  "Nikkei Asia",
  "Deutsche Welle",
  "DPA",
  "EFE",
  "ANSA",
  "Anadolu",
];

/** Transcript labels for the people who ask, not answer: their turns are not an official's stance. */
export const QUESTION_LABELS = words("q question questions reporter journalist moderator participant audience member");

/**
 * Negators open a scope (to the clause end) in which frame cues do not count: "does not turn into a
 * confrontation" is not confrontation. Averting verbs also open one, and an averted confrontation
 * or threat is risk management ("avoid conflict").
 */
export const NEGATORS = words(
  "not no never without nor neither cannot won't don't doesn't didn't isn't aren't wasn't weren't shouldn't wouldn't can't couldn't hardly",
);
export const AVERTERS = words(
  "avoid avoids avoided avoiding prevent prevents prevented preventing avert averts averted averting",
);

/**
 * Verbs that work against what follows: "undermine regional stability", "jeopardize cooperation"
 * cast the stability or cooperation they name as under attack, which is confrontation.
 */
export const UNDERMINERS = words(`
  undermine undermines undermined undermining jeopardize jeopardizes jeopardized jeopardizing jeopardise
  jeopardises jeopardised jeopardising sabotage sabotages sabotaged sabotaging erode erodes eroded eroding
  disrupt disrupts disrupted disrupting damage damages damaged damaging harm harms harmed harming
  threaten threatens threatened threatening endanger endangers endangered endangering
`);

/** Words that close a negation scope: a contrast or a new clause. */
export const SCOPE_BREAKERS = words("but rather instead while whereas although though yet");

/** Abbreviations after which a period does not end a sentence. */
export const ABBREVIATIONS = words(`
  mr mrs ms dr prof gen sen rep gov lt col capt cmdr adm sgt maj brig st jr sr amb pres messrs mmes rev hon
  jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc corp ltd co dept univ approx est fig vol
`);

/** Words that start a new sentence after an abbreviation that could also end one ("… the U.S. The …"). */
export const SENTENCE_STARTERS = words(`
  the a an he she it they we i this that these those his her its their our in on at but and or so yet after
  before when while if as however meanwhile there what why how who some many both such
`);
