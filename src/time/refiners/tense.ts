import type { ExpressionMatch } from '../types.js';

/**
 * Words shortly before a time expression, in the same sentence, that put it in
 * the future of the writer or in a plan, forecast or target: "will be held in
 * 2018", "ahead of the 2016 election", "could reach 40 percent by 2050",
 * "up for reelection in 2018". Such dates bound the writing date from above,
 * never from below: news speaks of the future and of targets constantly.
 */
const FUTURE_CUE = new RegExp(
  String.raw`(?:['’]ll(?![\p{L}]))|(?<![\p{L}])(?:will|won['’]t|shall|going to|would|could|might|plans?|planned|planning|scheduled|slated|set to|expected|expects?|projected|projects?|forecasts?|predicted|due|upcoming|ahead of|run-up to|to be held|is to|are to|forthcoming|intends?|aims?|hopes?|targets?|goals?|pledged?|promised?|reelection|re-election|eyes|eyeing|mulling|bid for|run in|running in|takes effect|take effect|delay|deadline)(?![\p{L}])`,
  'iu',
);
/** A preposition right before the year that makes it a limit, not a time something happened: "by 2030", "until 2017". */
const LIMIT_BEFORE = /(?<![\p{L}])(?:by|until|till|through|before|toward|towards|for|in fiscal(?: year)?|fiscal(?: year)?|FY)\s+(?:(?:early|mid|late|the end of|the start of|the beginning of|the middle of)[\s-]+)?$/iu;
/** A revision note: the date says when the text was changed, not when it was first written. */
const REVISION_BEFORE = /(?<![\p{L}])(?:updated|edited|revised|modified|reviewed|amended|corrected|update)(?:\s+(?:on|at|in))?[\s:,-]*$/iu;
/** The end of a year range ("2025–2030") may lie ahead of the writer. */
const RANGE_END_BEFORE = /(?<!\p{N})(?:1[89]|2[01])\d\d\s*[–—-]\s*$/u;

/** Words right after the expression that show it is still to come: "in 2018, which would…", "2020 is approaching". */
const FUTURE_AFTER = /^[^.!?\n]{0,30}?(?<![\p{L}])(?:will|would|is approaching|approaches|to come|lies ahead)(?![\p{L}])/iu;
/** The strongest cues: only these let a future date bound the writing date from above. */
const FIRM_FUTURE = /(?<![\p{L}])(?:will|won['’]t|shall|going to|upcoming|to be held|will be held|scheduled for|ahead of|forthcoming|next)(?![\p{L}])[^.!?\n]{0,30}$/iu;
const WINDOW = 70;

export function markFuture(text: string, matches: ExpressionMatch[]): void {
  for (const match of matches) {
    if (match.kind === 'relative') continue;
    let from = Math.max(0, match.start - WINDOW);
    const before = text.slice(from, match.start);
    // Stay inside the sentence: cut at the last sentence end before the expression.
    const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '), before.lastIndexOf('\n'));
    from = stop >= 0 ? stop + 1 : 0;
    const own = text.slice(match.start, match.end);
    const sentenceBefore = before.slice(from);
    if (REVISION_BEFORE.test(before)) match.revision = true;
    if (RANGE_END_BEFORE.test(before)) match.future = true;
    const after = text.slice(match.end, match.end + 40);
    if (FUTURE_CUE.test(sentenceBefore) || LIMIT_BEFORE.test(before) || /^(?:by|until)\s/i.test(own) || FUTURE_AFTER.test(after)) {
      match.future = true;
      if (FIRM_FUTURE.test(sentenceBefore)) match.firmFuture = true;
    }
  }
}
