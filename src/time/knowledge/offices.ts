/**
 * Who held which office when. A text that calls someone by a title in the
 * present ("Secretary of State John Kerry", "President Obama") was written
 * while they held it: the terms bound the writing date from both sides.
 *
 * Terms are `[from, to]` as `YYYY-MM-DD`; `null` means still in office. A
 * title some held more than once lists every term; the estimate keeps the one
 * that agrees with the rest of the evidence.
 */
export interface OfficeTerm {
  /** The title as written before the name, a regex source (matched case-insensitively). */
  title: string;
  /** The name, a regex source; first names optional where the surname alone is used. */
  name: string;
  terms: [string, string | null][];
}

const US_PRESIDENT = String.raw`(?:U\.?S\.?\s+)?President`;
const PARTY = String.raw`(?:(?:Republican|Democratic|GOP)\s+)?(?:presidential\s+)?`;
const CANDIDATE = String.raw`${PARTY}(?:candidate|nominee|hopeful|front-?runner|contender)`;
/** A nominee, presumptive or chosen: from the day the race was settled to election day. */
const NOMINEE = String.raw`(?:[Pp]resumptive\s+)?${PARTY}nominee`;
/** A front-runner: before the race was settled. */
const FRONT_RUNNER = String.raw`${PARTY}front-?runner`;

export const OFFICE_TERMS: readonly OfficeTerm[] = [
  { title: US_PRESIDENT, name: String.raw`(?:Barack\s+(?:H\.\s+)?)?Obama`, terms: [['2009-01-20', '2017-01-20']] },
  { title: US_PRESIDENT, name: String.raw`(?:Donald\s+(?:J\.\s+)?)?Trump`, terms: [['2017-01-20', '2021-01-20'], ['2025-01-20', null]] },
  { title: US_PRESIDENT, name: String.raw`(?:Joe\s+)?Biden`, terms: [['2021-01-20', '2025-01-20']] },
  { title: US_PRESIDENT, name: String.raw`George\s+W\.\s+Bush`, terms: [['2001-01-20', '2009-01-20']] },
  { title: US_PRESIDENT, name: String.raw`(?:Bill\s+)?Clinton`, terms: [['1993-01-20', '2001-01-20']] },
  { title: 'President-elect', name: String.raw`(?:Donald\s+)?Trump`, terms: [['2016-11-08', '2017-01-20'], ['2024-11-05', '2025-01-20']] },
  { title: 'President-elect', name: String.raw`(?:Barack\s+)?Obama`, terms: [['2008-11-04', '2009-01-20']] },
  { title: 'President-elect', name: String.raw`(?:Joe\s+)?Biden`, terms: [['2020-11-07', '2021-01-20']] },
  { title: 'Vice\\s+President', name: String.raw`(?:Joe\s+)?Biden`, terms: [['2009-01-20', '2017-01-20']] },
  { title: 'Vice\\s+President', name: String.raw`(?:Mike\s+)?Pence`, terms: [['2017-01-20', '2021-01-20']] },
  { title: 'Vice\\s+President', name: String.raw`(?:Kamala\s+)?Harris`, terms: [['2021-01-20', '2025-01-20']] },
  { title: 'Vice\\s+President', name: String.raw`Dick\s+Cheney`, terms: [['2001-01-20', '2009-01-20']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:Condoleezza\s+)?Rice`, terms: [['2005-01-26', '2009-01-20']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`Hillary\s+(?:Rodham\s+)?Clinton`, terms: [['2009-01-21', '2013-02-01']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:John\s+)?Kerry`, terms: [['2013-02-01', '2017-01-20']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:Rex\s+)?Tillerson`, terms: [['2017-02-01', '2018-03-31']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:Mike\s+)?Pompeo`, terms: [['2018-04-26', '2021-01-20']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:Antony\s+)?Blinken`, terms: [['2021-01-26', '2025-01-20']] },
  { title: 'Secretary\\s+of\\s+State', name: String.raw`(?:Marco\s+)?Rubio`, terms: [['2025-01-21', null]] },
  { title: NOMINEE, name: String.raw`(?:Donald\s+(?:J\.\s+)?)?Trump`, terms: [['2016-05-03', '2016-11-08'], ['2024-03-12', '2024-11-05']] },
  { title: NOMINEE, name: String.raw`(?:Hillary\s+(?:Rodham\s+)?)?Clinton`, terms: [['2016-06-06', '2016-11-08']] },
  { title: NOMINEE, name: String.raw`(?:Mitt\s+)?Romney`, terms: [['2012-04-25', '2012-11-06']] },
  { title: FRONT_RUNNER, name: String.raw`(?:Donald\s+(?:J\.\s+)?)?Trump`, terms: [['2015-07-01', '2016-05-03'], ['2022-11-15', '2024-03-12']] },
  { title: FRONT_RUNNER, name: String.raw`(?:Hillary\s+(?:Rodham\s+)?)?Clinton`, terms: [['2007-01-20', '2008-06-07'], ['2015-04-12', '2016-06-06']] },
  { title: CANDIDATE, name: String.raw`(?:Donald\s+)?Trump`, terms: [['2015-06-16', '2016-11-08'], ['2022-11-15', '2024-11-05']] },
  { title: CANDIDATE, name: String.raw`(?:Hillary\s+(?:Rodham\s+)?)?Clinton`, terms: [['2007-01-20', '2008-06-07'], ['2015-04-12', '2016-11-08']] },
  { title: CANDIDATE, name: String.raw`(?:Bernie\s+)?Sanders`, terms: [['2015-04-30', '2016-07-12'], ['2019-02-19', '2020-04-08']] },
  { title: CANDIDATE, name: String.raw`(?:Ted\s+)?Cruz`, terms: [['2015-03-23', '2016-05-03']] },
  { title: CANDIDATE, name: String.raw`(?:Jeb\s+)?Bush`, terms: [['2015-06-15', '2016-02-20']] },
  { title: CANDIDATE, name: String.raw`(?:Mitt\s+)?Romney`, terms: [['2007-02-13', '2008-02-07'], ['2011-06-02', '2012-11-06']] },
  { title: CANDIDATE, name: String.raw`(?:Joe\s+)?Biden`, terms: [['2019-04-25', '2020-11-03']] },
  { title: CANDIDATE, name: String.raw`(?:Kamala\s+)?Harris`, terms: [['2024-07-21', '2024-11-05']] },
  { title: String.raw`(?:House\s+)?Speaker`, name: String.raw`(?:John\s+)?Boehner`, terms: [['2011-01-05', '2015-10-29']] },
  { title: String.raw`(?:House\s+)?Speaker`, name: String.raw`(?:Paul\s+)?Ryan`, terms: [['2015-10-29', '2019-01-03']] },
  { title: String.raw`(?:House\s+)?Speaker`, name: String.raw`(?:Nancy\s+)?Pelosi`, terms: [['2007-01-04', '2011-01-03'], ['2019-01-03', '2023-01-03']] },
  { title: String.raw`(?:House\s+)?Speaker`, name: String.raw`(?:Kevin\s+)?McCarthy`, terms: [['2023-01-07', '2023-10-03']] },
  { title: String.raw`(?:Senate\s+)?Majority\s+Leader`, name: String.raw`(?:Harry\s+)?Reid`, terms: [['2007-01-04', '2015-01-03']] },
  { title: String.raw`(?:Senate\s+)?Majority\s+Leader`, name: String.raw`(?:Mitch\s+)?McConnell`, terms: [['2015-01-03', '2021-01-20']] },
  { title: String.raw`(?:Senate\s+)?Majority\s+Leader`, name: String.raw`(?:Chuck\s+)?Schumer`, terms: [['2021-01-20', '2025-01-03']] },
  { title: 'Attorney\\s+General', name: String.raw`(?:Eric\s+)?Holder`, terms: [['2009-02-03', '2015-04-27']] },
  { title: 'Attorney\\s+General', name: String.raw`(?:Loretta\s+)?Lynch`, terms: [['2015-04-27', '2017-01-20']] },
  { title: 'Attorney\\s+General', name: String.raw`(?:Jeff\s+)?Sessions`, terms: [['2017-02-09', '2018-11-07']] },
  { title: 'Attorney\\s+General', name: String.raw`(?:William\s+|Bill\s+)?Barr`, terms: [['1991-11-26', '1993-01-20'], ['2019-02-14', '2020-12-23']] },
  { title: 'Attorney\\s+General', name: String.raw`(?:Merrick\s+)?Garland`, terms: [['2021-03-11', '2025-01-20']] },
  { title: 'FBI\\s+Director', name: String.raw`(?:James\s+)?Comey`, terms: [['2013-09-04', '2017-05-09']] },
  { title: String.raw`(?:White\s+House\s+)?press\s+secretary`, name: String.raw`(?:Josh\s+)?Earnest`, terms: [['2014-06-20', '2017-01-20']] },
  { title: String.raw`(?:White\s+House\s+)?press\s+secretary`, name: String.raw`(?:Sean\s+)?Spicer`, terms: [['2017-01-20', '2017-07-21']] },
  { title: String.raw`State\s+Department\s+(?:spokesman|spokesperson)`, name: String.raw`(?:John\s+)?Kirby`, terms: [['2015-05-11', '2017-01-20']] },
  { title: String.raw`State\s+Department\s+(?:spokesman|spokesperson)`, name: String.raw`(?:Mark\s+)?Toner`, terms: [['2011-06-01', '2017-06-30']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`(?:Tony\s+)?Blair`, terms: [['1997-05-02', '2007-06-27']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`(?:Gordon\s+)?Brown`, terms: [['2007-06-27', '2010-05-11']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`(?:David\s+)?Cameron`, terms: [['2010-05-11', '2016-07-13']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`Theresa\s+May`, terms: [['2016-07-13', '2019-07-24']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`Boris\s+Johnson`, terms: [['2019-07-24', '2022-09-06']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`(?:Rishi\s+)?Sunak`, terms: [['2022-10-25', '2024-07-05']] },
  { title: String.raw`(?:British\s+|UK\s+)?Prime\s+Minister`, name: String.raw`(?:Keir\s+)?Starmer`, terms: [['2024-07-05', null]] },
  { title: String.raw`(?:German\s+)?Chancellor`, name: String.raw`(?:Angela\s+)?Merkel`, terms: [['2005-11-22', '2021-12-08']] },
  { title: String.raw`(?:German\s+)?Chancellor`, name: String.raw`(?:Olaf\s+)?Scholz`, terms: [['2021-12-08', '2025-05-06']] },
  { title: String.raw`(?:French\s+)?President`, name: String.raw`(?:Nicolas\s+)?Sarkozy`, terms: [['2007-05-16', '2012-05-15']] },
  { title: String.raw`(?:French\s+)?President`, name: String.raw`(?:François\s+|Francois\s+)?Hollande`, terms: [['2012-05-15', '2017-05-14']] },
  { title: String.raw`(?:French\s+)?President`, name: String.raw`(?:Emmanuel\s+)?Macron`, terms: [['2017-05-14', null]] },
  { title: String.raw`(?:Russian\s+)?President`, name: String.raw`(?:Vladimir\s+)?Putin`, terms: [['2000-05-07', '2008-05-07'], ['2012-05-07', null]] },
  { title: String.raw`(?:Russian\s+)?President`, name: String.raw`(?:Dmitry\s+)?Medvedev`, terms: [['2008-05-07', '2012-05-07']] },
  { title: String.raw`(?:Chinese\s+)?President`, name: String.raw`(?:Xi\s+Jinping|Xi)`, terms: [['2013-03-14', null]] },
  { title: String.raw`(?:Chinese\s+)?President`, name: String.raw`Hu\s+Jintao`, terms: [['2003-03-15', '2013-03-14']] },
  { title: String.raw`(?:UN\s+|U\.N\.\s+)?Secretary-General`, name: String.raw`Ban\s+Ki-moon`, terms: [['2007-01-01', '2016-12-31']] },
  { title: String.raw`(?:UN\s+|U\.N\.\s+)?Secretary-General`, name: String.raw`(?:António\s+|Antonio\s+)?Guterres`, terms: [['2017-01-01', null]] },
  { title: 'Pope', name: 'Francis', terms: [['2013-03-13', '2025-04-21']] },
  { title: 'Pope', name: String.raw`Benedict(?:\s+XVI)?`, terms: [['2005-04-19', '2013-02-28']] },
];
