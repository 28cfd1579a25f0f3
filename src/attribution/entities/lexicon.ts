/**
 * Word lists the resolver reads. They hold general English news vocabulary
 * (titles, kinds of report, kinds of group), never names taken from any one
 * article. Every list is lower case; lookups lower-case the word first.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Nouns that name a person's job or position: the head of a role ("press secretary", "columnist"). */
export const ROLE_NOUNS = set(`
  spokesman spokeswoman spokesperson secretary president vice-president minister premier chancellor senator
  congressman congresswoman representative governor mayor ambassador envoy diplomat official officer director
  chairman chairwoman chair chief head leader founder president-elect nominee candidate lawmaker legislator
  columnist reporter editor correspondent journalist writer commentator anchor host blogger author contributor
  analyst expert economist scientist researcher professor scholar historian strategist pollster consultant adviser
  advisor aide counsel lawyer attorney judge justice prosecutor investigator detective sheriff commissioner
  general admiral colonel commander captain lieutenant sergeant soldier veteran
  manager executive ceo cfo coo president founder owner partner chief economist
  activist organizer campaigner protester advocate lobbyist fellow member deputy assistant clerk
  king queen prince princess pope bishop priest rabbi imam cleric
  coach player actor actress singer star musician
  physician doctor nurse surgeon teacher student mother father wife husband son daughter brother sister
  surrogate staffer operative strategist manager democrat republican speaker widow widower survivor
  gen sen rep gov col lt sgt adm capt maj
  `);

/** Abbreviated titles written with a full stop before a name ("Gen. Norman Ham", "Rep. Adam Schiff"). */
export const TITLE_ABBREVIATIONS = set(`gen sen rep gov col lt sgt adm capt maj cmdr supt`);

/**
 * Role heads that name the same position, so "the congressman" finds "Rep. Adam Schiff"
 * and "the senator" finds "Sen. Tim Kaine". Each word maps to its group's first word.
 */
export const ROLE_SYNONYMS: ReadonlyMap<string, string> = new Map(
  [
    ['representative', 'rep', 'congressman', 'congresswoman', 'lawmaker', 'legislator'],
    ['senator', 'sen', 'lawmaker'],
    ['governor', 'gov'],
    ['general', 'gen'],
    ['colonel', 'col'],
    ['lieutenant', 'lt'],
    ['sergeant', 'sgt'],
    ['admiral', 'adm'],
    ['captain', 'capt'],
    ['major', 'maj'],
    ['spokesman', 'spokeswoman', 'spokesperson'],
    ['chairman', 'chairwoman', 'chair'],
    ['adviser', 'advisor'],
    ['lawyer', 'attorney'],
  ].flatMap((group) => group.map((word): [string, string] => [word, group[0]])),
);

/** The position a role head names, for matching descriptions to roles. */
export function roleKey(head: string): string {
  return ROLE_SYNONYMS.get(head) ?? head;
}

/** Role nouns of people who write for a publication: the organisation before them is a publication. */
export const JOURNALISM_NOUNS = set(`
  columnist reporter editor correspondent journalist writer commentator anchor contributor blogger
  editor-in-chief publisher
  `);

/** Words allowed inside a role before its head noun ("press", "political", "former", "deputy"). */
export const ROLE_MODIFIERS = set(`
  press political foreign domestic senior junior former deputy chief top acting assistant associate executive
  national international regional local federal state white house defense defence interior justice finance
  economic military intelligence security campaign communications media public policy legal general
  special managing vice prime first second longtime long-time veteran retired independent conservative liberal
  progressive republican democratic democrat staff news opinion contributing editorial health energy
  environmental science education trade labor labour senate house party spokesman presidential senatorial
  `);

/** Nouns that head a description of a document ("the report", "the intelligence assessment"). */
export const DOCUMENT_NOUNS = set(`
  report study statement document memo memorandum survey assessment analysis paper letter poll dossier
  complaint lawsuit indictment ruling filing review audit investigation inquiry findings book article
  editorial op-ed column press-release release email e-mail tweet post transcript briefing testimony
  affidavit petition brief opinion decision order proposal plan bill law resolution declaration communique
  `);

/** Plural nouns that head a description of a group of people ("the authors", "opponents of Trump"). */
export const GROUP_NOUNS = set(`
  authors opponents critics supporters officials experts analysts observers lawmakers legislators
  demonstrators protesters marchers rioters petitioners plaintiffs defendants
  investigators sources researchers scientists activists protesters protestors residents voters members
  leaders democrats republicans conservatives liberals progressives economists diplomats advisers advisors
  aides staffers insiders prosecutors lawyers attorneys judges authorities spokesmen representatives
  senators congressmen governors mayors ministers delegates donors fans followers allies rivals
  organizers organisers campaigners advocates doctors teachers students workers parents veterans
  pollsters strategists commentators journalists reporters editors witnesses people americans citizens
  immigrants refugees migrants police troops soldiers agents employees executives bankers investors
  `);

/** Capitalised plural words that name a group by themselves ("Democrats said"). */
export const GROUP_PROPER = set(`
  democrats republicans conservatives liberals progressives tories socialists libertarians evangelicals
  americans russians britons germans french chinese japanese europeans palestinians israelis ukrainians
  syrians iranians mexicans canadians muslims christians jews catholics
  `);

/** Last words of an organisation's name. */
export const ORGANISATION_HEADS = set(`
  department ministry agency committee council party union community congress senate house court bank
  corporation corp inc ltd llc co company association institute university college commission office
  service services army navy police government administration foundation organization organisation group
  board bureau authority federation league coalition campaign center centre fund trust network parliament
  assembly cabinet kremlin pentagon fbi cia nsa nato un eu school hospital society club team
  `);

/** Last words of a publication's name ("New York Times", "Associated Press"). */
export const PUBLICATION_HEADS = set(`
  times post news agency journal herald tribune gazette telegraph guardian chronicle daily magazine press
  observer independent mirror express examiner inquirer globe star sun courier bulletin review weekly
  reuters bloomberg politico axios breitbart sputnik tass ria interfax xinhua cnn bbc msnbc npr pbs abc cbs nbc
  fox insider reporter wire radio tv television channel
  `);

/** Honorifics and the gender they imply (null: none). */
export const HONORIFICS: ReadonlyMap<string, 'male' | 'female' | null> = new Map([
  ['mr', 'male'],
  ['mrs', 'female'],
  ['ms', 'female'],
  ['miss', 'female'],
  ['sir', 'male'],
  ['lady', 'female'],
  ['dr', null],
  ['prof', null],
  ['rev', null],
  ['sen', null],
  ['rep', null],
  ['gov', null],
  ['gen', null],
  ['president', null],
  ['senator', null],
]);

/** Common first names whose gender is obvious. A name not listed leaves the gender open. */
export const MALE_FIRST_NAMES = set(`
  norman josh chris jim maury dan tim mike rusty terence
  aaron adam alan albert  alexander alexei alexey ali andrew andrey andrei anthony antonio arnold barack ben
  benjamin bernie bill billy bob boris brad brian bruce carl carlos charles christopher chuck cory dan daniel
  david dennis dick dmitry dmitri don donald doug douglas ed edward eric frank fred gary george gerald greg
  gregory harry henry howard ian igor ivan jack jacob james jared jason jeb jeff jeffrey jeremy jerry jim jimmy joe
  john johnny jon jonathan jose joseph josh juan justin keith ken kenneth kevin kirk larry  leon marco mark
  martin matt matthew michael mike mikhail mitch mitt newt nicholas nick nikolai oleg  patrick paul peter phil
  philip ralph ray reince richard rick rob robert roger ron ronald roy rudy rush russell ryan  samuel scott
  sean sergei sergey stephen steve steven ted  thomas tim timothy todd tom tony vladimir walter wayne william
  xi yuri
  `);

export const FEMALE_FIRST_NAMES = set(`
  tina gwen aparna carmel ivanka hope kellyanne betty debra heather kristen megan molly
  alice amy andrea angela ann anna anne barbara betsy betty carly carol caroline catherine cheryl christina christine
  claire cynthia  deborah debbie diana diane donna elena elizabeth ellen emily emma eva gina hillary helen
  huma irina jane janet jennifer jessica jill joan judy julia julie karen kate katherine kathleen kathy 
  kellyanne laura lauren linda lisa liz lori maria marie marina marsha martha mary megyn melania melissa michelle
  nancy natalia natalya nicole nikki olga pam pamela patricia paula rachel rebecca ruth sally sara sarah sharon
  stephanie susan suzanne svetlana tatiana teresa theresa tulsi valerie victoria virginia wendy yulia
  `);

/** Names of places that speak only through their governments ("Moscow said"); used to type names when no tagger ran. */
export const PLACE_NAMES = set(`
  us usa u.s. uk u.k. america britain england scotland wales ireland france germany italy spain portugal russia
  china japan india pakistan iran iraq syria israel palestine egypt turkey ukraine poland canada mexico brazil
  australia korea venezuela cuba afghanistan libya yemen lebanon  greece sweden norway denmark finland
  netherlands belgium austria switzerland hungary europe asia africa washington moscow london paris berlin
  beijing tokyo kiev kyiv brussels rome madrid ankara tehran damascus baghdad jerusalem ohio texas florida
  california york virginia carolina pennsylvania michigan iowa nevada arizona colorado georgia wisconsin
  minnesota chicago boston
  `);

/** Adjectives and nouns of nationality: capitalised, but never a speaker's name by themselves. */
export const DEMONYMS = set(`
  american russian british english french german italian spanish chinese japanese indian pakistani iranian iraqi
  syrian israeli palestinian egyptian turkish ukrainian polish canadian mexican brazilian australian korean
  european asian african arab muslim christian jewish catholic western eastern soviet democratic republican
  `);

/** Verbs (lemma or common inflections) that introduce speech: their subjects are preferred speakers. */
export const CUE_WORDS = set(`
  said says say told tells tell added adds add wrote writes write stated states noted notes argued argues
  claimed claims explained explains warned warns insisted insists asked asks replied replies responded responds
  announced announces concluded concludes predicted predicts suggested suggests believed believes believe thinks
  think thought quoted quotes quoting reported reports declared declares acknowledged acknowledges admitted
  admits pointed continued continues recalled recalls tweeted tweets emphasized emphasised stressed alleged
  contended maintained observed remarked commented denied denies confirmed confirms estimated estimates
  agreed agrees disagreed disagrees urged urges criticized criticised blasted slammed described describes
  `);

/** Words that never begin a name, even capitalised at the start of a sentence. */
export const NON_NAME_WORDS = set(`
  a an the this that these those he she it they we i you his her its their our my your him them us me
  and but or nor so yet for of in on at to by with from as if when while after before because since
  although though however meanwhile moreover also still then there here what who whom which where why how
  not no yes all both each every some any many most more much few several one two three
  mr mrs ms dr prof sir
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december
  `);

/** Pronouns the resolver links, with the number and gender each demands. */
export interface PronounFeatures {
  number: 'singular' | 'plural';
  gender: 'male' | 'female' | 'neuter' | null;
  /** "his", "its": owner, not an actor. */
  possessive: boolean;
}

export const PRONOUNS: ReadonlyMap<string, PronounFeatures> = new Map([
  ['he', { number: 'singular', gender: 'male', possessive: false }],
  ['him', { number: 'singular', gender: 'male', possessive: false }],
  ['his', { number: 'singular', gender: 'male', possessive: true }],
  ['himself', { number: 'singular', gender: 'male', possessive: false }],
  ['she', { number: 'singular', gender: 'female', possessive: false }],
  ['her', { number: 'singular', gender: 'female', possessive: true }],
  ['hers', { number: 'singular', gender: 'female', possessive: true }],
  ['herself', { number: 'singular', gender: 'female', possessive: false }],
  ['it', { number: 'singular', gender: 'neuter', possessive: false }],
  ['its', { number: 'singular', gender: 'neuter', possessive: true }],
  ['itself', { number: 'singular', gender: 'neuter', possessive: false }],
  ['they', { number: 'plural', gender: null, possessive: false }],
  ['them', { number: 'plural', gender: null, possessive: false }],
  ['their', { number: 'plural', gender: null, possessive: true }],
  ['theirs', { number: 'plural', gender: null, possessive: true }],
  ['themselves', { number: 'plural', gender: null, possessive: false }],
]);
