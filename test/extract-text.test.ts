import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractTextCapture, readTextCapture, sourceOffsetOf } from '../src/extract/text/extract-text.js';
import { splitGluedPhrases } from '../src/extract/text/shape.js';
import { analyzeText } from '../src/analyze.js';
import type { Extraction } from '../src/extract/types.js';

const SPUTNIK = fileURLToPath(new URL('../../examples/sputnik-2017-capture.txt', import.meta.url));

function blockTexts(extraction: Extraction): string[] {
  return extraction.blocks.map((block) => extraction.text.slice(block.start, block.end));
}

/** Every block maps back to the capture piece by piece, character for character once spaces are made plain. */
function assertSourcesExact(capture: string): void {
  const reading = readTextCapture(capture);
  const { text, blocks } = reading.extraction;
  assert.equal(reading.blockSources.length, blocks.length);
  reading.blockSources.forEach((segments, index) => {
    assert.ok(segments.length > 0);
    assert.equal(segments[0].textStart, blocks[index].start);
    for (const segment of segments) {
      const inBody = text.slice(segment.textStart, segment.textStart + segment.length);
      const inCapture = capture.slice(segment.sourceStart, segment.sourceStart + segment.length).replace(/[\u00a0\u2000-\u200a\u202f\t]/g, ' ');
      assert.equal(inBody, inCapture);
    }
  });
}

test('the sputnik capture: glued dateline, chrome lines, body, related headlines and tags', () => {
  const capture = readFileSync(SPUTNIK, 'utf8');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.published.stated, '2021-04-12T11:46:00Z');
  assert.equal(extraction.metadata.published.source, 'dateline');
  assert.equal(extraction.metadata.published.raw, '11:46 GMT12 April 2021');
  assert.equal(extraction.metadata.title, null, 'the capture has no headline line');
  assert.equal(extraction.metadata.language, 'en');
  assert.equal(extraction.pageType, 'article');

  const chrome = extraction.chrome.filter((item) => !['dateline', 'related', 'tags'].includes(item.kind));
  assert.deepEqual(
    chrome.map((item) => item.text),
    ['Listen Live', 'Get short URL', 'Community standards', 'Discussion'],
  );
  assert.equal(chrome.find((item) => item.text === 'Get short URL')?.kind, 'share');
  assert.equal(chrome.find((item) => item.text === 'Discussion')?.kind, 'comments');

  const blocks = blockTexts(extraction);
  assert.equal(blocks.length, 15);
  assert.match(blocks[0], /^Washington is continuing to pursue/);
  assert.equal(blocks[blocks.length - 1], '"The current situation does not add to the stability of international affairs. Rather to the contrary," Ilyashenko concluded.');
  assert.ok(!/[\u00a0]/.test(extraction.text), 'non-breaking spaces are made plain');
  assert.ok(!/^ /m.test(extraction.text), 'indentation is trimmed');
  assert.ok(!extraction.text.includes('Listen Live') && !extraction.text.includes('Obama'));
  assert.ok(extraction.text.includes("Putin's American 'president' — clearly"), 'a non-breaking space becomes one plain space');

  assert.equal(extraction.related.length, 4);
  assert.match(extraction.related[0].title, /^Obama 'Putting a Spoke/);
  assert.match(extraction.related[3].title, /Putin$/);
  assert.deepEqual(extraction.tags, ['suspicions', 'legacy', 'clout', 'confrontation', 'standoff', 'elections', 'hackers', 'Donald Trump', 'US']);
  assertSourcesExact(capture);
});

test('every line of the sputnik capture ends up in the body or in the audited chrome, never both', () => {
  const capture = readFileSync(SPUTNIK, 'utf8');
  const extraction = extractTextCapture(capture);
  const chromeText = extraction.chrome.map((item) => item.text).join('\n');
  for (const line of capture.split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim()).filter((l) => l !== '')) {
    const inBody = extraction.text.includes(line);
    const pieces = splitGluedPhrases(line);
    const inChrome = pieces.every((piece) => chromeText.includes(piece));
    assert.ok(inBody !== inChrome, `line placed exactly once: ${line.slice(0, 60)}`);
  }
});

test('a capture with a headline, a labelled US dateline, a byline, glued share links, an advert and a copyright footer', () => {
  const capture = [
    'Parliament Approves New Budget After Marathon Session',
    'Published: March 3, 2019 at 4:05 pm EST',
    'By Jane Doe and John Roe',
    'ShareTweetEmail',
    '',
    'Lawmakers approved the budget late on Tuesday after a session that lasted more than twenty hours, ending weeks of uncertainty.',
    '',
    'The opposition said the plan cut too deeply into public services, while the finance minister called it a responsible compromise.',
    '',
    'Advertisement',
    '',
    'Key changes',
    'The budget raises the tax on tobacco and lowers the rate paid by the smallest companies, according to the published text.',
    '- A lower rate for small firms',
    '- A higher duty on tobacco',
    '',
    'The vote passed by a narrow margin, and the upper house is expected to approve it next week without changes.',
    '',
    'Topics: budget, parliament, taxes',
    'Most Read',
    'Flood Waters Rise Along the River as Towns Prepare for Evacuation',
    'Local Team Wins Championship in Dramatic Overtime Finish',
    '© 2019 Example News. All rights reserved.',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.title, 'Parliament Approves New Budget After Marathon Session');
  assert.equal(extraction.metadata.published.stated, '2019-03-03T16:05:00-05:00');
  assert.deepEqual(extraction.metadata.authors, ['Jane Doe', 'John Roe']);
  assert.deepEqual(
    extraction.chrome.filter((item) => item.kind === 'share').map((item) => item.text),
    ['Share', 'Tweet', 'Email'],
  );
  assert.ok(extraction.chrome.some((item) => item.text === 'Advertisement' && item.kind === 'advert'));
  assert.ok(extraction.chrome.some((item) => item.kind === 'footer' && item.text.startsWith('©')));
  assert.ok(!extraction.text.includes('Advertisement') && !extraction.text.includes('©'));
  assert.deepEqual(extraction.tags, ['budget', 'parliament', 'taxes']);
  assert.deepEqual(
    extraction.related.map((link) => link.title),
    ['Flood Waters Rise Along the River as Towns Prepare for Evacuation', 'Local Team Wins Championship in Dramatic Overtime Finish'],
  );
  const kinds = extraction.blocks.map((block) => block.kind);
  assert.deepEqual(kinds, ['paragraph', 'paragraph', 'heading', 'paragraph', 'list-item', 'list-item', 'paragraph']);
  assert.deepEqual(blockTexts(extraction).slice(4, 6), ['A lower rate for small firms', 'A higher duty on tobacco']);
  assert.ok(extraction.text.includes('A lower rate for small firms\nA higher duty on tobacco'), 'list items on consecutive lines');
  assertSourcesExact(capture);
});

test('Windows line endings, no dateline, no tags: offsets still map to the capture', () => {
  const capture =
    'Home  News  World\r\n\r\n' +
    '\u00a0 The river burst its banks on Sunday night, flooding hundreds of homes in the lower town and cutting the main road.\r\n\r\n' +
    'Residents were moved to the school gym, where volunteers handed out blankets and hot food until the early morning.\r\n\r\n' +
    'Officials said the water would take several days to recede and warned people not to drive through flooded streets.\r\n';
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.published.stated, null);
  assert.equal(extraction.metadata.published.source, null);
  assert.deepEqual(extraction.tags, []);
  assert.deepEqual(extraction.related, []);
  assert.equal(extraction.blocks.length, 3);
  assert.ok(!extraction.text.includes('\r'));
  assert.match(blockTexts(extraction)[0], /^The river burst/);
  assert.deepEqual(extraction.chrome, [{ text: 'Home  News  World', kind: 'navigation' }]);
  assertSourcesExact(capture);
  const reading = readTextCapture(capture);
  const second = reading.blockSources[1];
  assert.equal(capture.slice(sourceOffsetOf(second, extraction.blocks[1].start) ?? -1).slice(0, 9), 'Residents');
});

test('a capture that is one long paragraph is all body, with no title or chrome', () => {
  const sentence = 'The committee met again on Thursday to discuss the proposal, which has divided members for months. ';
  const capture = sentence.repeat(8).trim();
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.text, capture);
  assert.equal(extraction.blocks.length, 1);
  assert.equal(extraction.metadata.title, null);
  assert.deepEqual(extraction.chrome, []);
  assert.equal(extraction.pageType, 'article');
});

test('an empty or blank capture is an empty page', () => {
  for (const capture of ['', '   \n\n \u00a0 \r\n\t']) {
    const extraction = extractTextCapture(capture);
    assert.equal(extraction.pageType, 'empty');
    assert.equal(extraction.text, '');
    assert.deepEqual(extraction.blocks, []);
  }
});

test('a German capture with a numeric dateline and an updated line: published and modified kept apart', () => {
  const capture = [
    '12.04.2021, 11:46 Uhr',
    'Aktualisiert am 13.04.2021',
    'Teilen',
    '',
    'Die Regierung hat am Montag neue Regeln für den Handel beschlossen, die ab dem kommenden Monat gelten sollen.',
    '',
    'Nach Angaben des Ministeriums sind vor allem kleine Betriebe betroffen, die nun mehr Zeit für die Umstellung bekommen.',
    '',
    'Die Opposition kritisierte das Verfahren und kündigte an, die Regeln im Parlament noch einmal prüfen zu lassen.',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.published.stated, '2021-04-12T11:46:00Z');
  assert.equal(extraction.metadata.modified?.stated, '2021-04-13');
  assert.equal(extraction.metadata.language, 'de');
  assert.ok(extraction.chrome.some((item) => item.text === 'Teilen' && item.kind === 'share'));
  assert.equal(extraction.blocks.length, 3);
});

test('a date glued to the chrome that follows it is split from it', () => {
  const capture = [
    '5 May 2020Watch LiveSubscribe',
    '',
    'The central bank kept its main rate unchanged on Tuesday, saying the economy was recovering more slowly than expected.',
    '',
    'Analysts had expected the decision, although some had forecast a small cut to support lending to households.',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.published.stated, '2020-05-05');
  assert.equal(extraction.metadata.published.raw, '5 May 2020');
  assert.deepEqual(
    extraction.chrome.map((item) => [item.text, item.kind]),
    [
      ['5 May 2020', 'dateline'],
      ['Watch Live', 'navigation'],
      ['Subscribe', 'newsletter'],
    ],
  );
});

test('hard-wrapped paragraphs are joined back, and each line maps to its place in the capture', () => {
  const capture = [
    '   Mayor Unveils Plan to Rebuild the Old Harbour',
    '',
    '   The mayor presented a plan on Wednesday to rebuild the old harbour,',
    '   which has stood empty since the shipyard closed two decades ago. The',
    '   plan includes housing, a park and a ferry terminal for commuters.',
    '',
    '   Critics said the cost had been underestimated and asked for an',
    '   independent review before the council commits any public money to',
    '   the project, which would take at least eight years to complete.',
    '',
    '   housing, harbour, council, ferries',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.title, 'Mayor Unveils Plan to Rebuild the Old Harbour');
  assert.equal(extraction.blocks.length, 2);
  assert.match(blockTexts(extraction)[0], /old harbour, which has stood empty .* The plan includes/);
  assert.ok(!extraction.text.includes('\n   '));
  assert.deepEqual(extraction.tags, ['housing', 'harbour', 'council', 'ferries']);
  const reading = readTextCapture(capture);
  assert.equal(reading.blockSources[0].length, 3, 'one source piece per wrapped line');
  assertSourcesExact(capture);
});

test('a page of headlines only is a listing with no body', () => {
  const capture = [
    'Latest News',
    'Storm Closes Schools Across the North as Snow Keeps Falling',
    'Central Bank Holds Rates Steady Amid Slowing Growth',
    'City Council Approves Budget for New Tram Line',
    'Local Runner Breaks Marathon Record in Cold Conditions',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.pageType, 'listing');
  assert.equal(extraction.text, '');
  assert.equal(extraction.related.length, 4);
});

test('a short capture is short, an error capture is an error page, binary is not text', () => {
  const short = extractTextCapture('Markets closed higher on Friday.');
  assert.equal(short.pageType, 'short');
  assert.equal(short.text, 'Markets closed higher on Friday.');
  const error = extractTextCapture('404 Page Not Found\n\nThe page you requested could not be found on this server.');
  assert.equal(error.pageType, 'error-page');
  const binary = extractTextCapture('\u0000\u0001\u0002PK\u0003\u0004\ufffd\ufffd\u0000\u0007data');
  assert.equal(binary.pageType, 'non-text');
  assert.equal(binary.text, '');
});

test('glued words split by a general rule; brand-like words stay whole', () => {
  assert.deepEqual(splitGluedPhrases('Community standardsDiscussion'), ['Community standards', 'Discussion']);
  assert.deepEqual(splitGluedPhrases('Get short URLShare'), ['Get short URL', 'Share']);
  assert.deepEqual(splitGluedPhrases('FacebookTwitterEmail'), ['Facebook', 'Twitter', 'Email']);
  assert.deepEqual(splitGluedPhrases('Follow us on YouTube'), ['Follow us on YouTube']);
  assert.deepEqual(splitGluedPhrases('LinkedIn'), ['LinkedIn']);
  assert.deepEqual(splitGluedPhrases('iPhone'), ['iPhone']);
});

test('a sentence that mentions a date is not a dateline, and a sentence-case first line with a full stop is not a title', () => {
  const capture = [
    'On 3 March 2019 the council voted to close the library, a decision that residents have fought ever since.',
    '',
    'The library will now stay open until the end of the year while a new operator is sought by the council.',
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.published.stated, null);
  assert.equal(extraction.metadata.title, null);
  assert.equal(extraction.blocks.length, 2);
});

test('pathological captures finish and stay bounded: one huge line, many short lines, deep indentation', () => {
  const huge = 'word '.repeat(400_000);
  assert.equal(extractTextCapture(huge).blocks.length, 1);
  const many = 'Short line\n'.repeat(100_000);
  const manyResult = extractTextCapture(many);
  assert.ok(manyResult.chrome.length + manyResult.blocks.length > 0);
  assert.match(manyResult.warnings.join(' '), /only the first \d+ were read/, 'a dump of many lines is read in part, and says so');
  const glued = extractTextCapture('aB'.repeat(500_000));
  assert.equal(glued.chrome.length + glued.blocks.length, 1, 'a huge camel-case word is one piece, not a quadratic search');
  const indented = ' '.repeat(1_000_000) + 'A sentence at the end of a lot of indentation, long enough to count as prose here.';
  assert.equal(extractTextCapture(indented).text, 'A sentence at the end of a lot of indentation, long enough to count as prose here.');
});

test('the pipeline reads a capture through analyzeText into the result', () => {
  const result = analyzeText(readFileSync(SPUTNIK, 'utf8'), { url: 'https://www.example.com/world/2021/story.html' });
  assert.equal(result.published.stated, '2021-04-12T11:46:00Z');
  assert.equal(result.site, 'example.com');
  assert.equal(result.provenance.site, 'url');
  assert.ok(result.tags.includes('Donald Trump'));
  assert.equal(result.blocks.length, 15);
});

/** A paragraph of plausible article prose, different for each seed. */
function paragraph(seed: number): string {
  const subjects = ['The council', 'The minister', 'Local residents', 'The company', 'Investigators', 'The hospital'];
  return `${subjects[seed % subjects.length]} said on day ${seed + 1} that the work would continue through the winter, although several questions about funding and timing remained open for now.`;
}

test('the title is the headline just above the byline, even below a menu; relative stamps give no date', () => {
  const capture = [
    'Skip to content',
    'Home',
    'World',
    'Business',
    'Most Popular Stories This Week From Around the Region',
    'Harbour Tunnel Reopens After Two Years of Repairs',
    'By Ana Lima',
    '3 hours ago',
    '',
    paragraph(0),
    paragraph(1),
    paragraph(2),
  ].join('\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.title, 'Harbour Tunnel Reopens After Two Years of Repairs');
  assert.deepEqual(extraction.metadata.authors, ['Ana Lima']);
  assert.equal(extraction.metadata.published.stated, null, 'a relative stamp without a capture time names no date');
  assert.ok(extraction.chrome.some((item) => item.text === '3 hours ago' && item.kind === 'dateline'));
  assert.equal(extraction.blocks.length, 3);
});

test('a stray paragraph below a long menu is not part of the body', () => {
  const menu = ['Sections', 'Politics', 'Sport', 'Culture', 'Science', 'Travel', 'Opinion', 'Podcasts', 'Weather', 'Obituaries'];
  const capture = [
    paragraph(0),
    paragraph(1),
    paragraph(2),
    paragraph(3),
    ...menu,
    'Our newsroom can be reached at any hour by phone or by letter, and we answer every message that readers send to us about a story.',
  ].join('\n\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.blocks.length, 4);
  assert.ok(!extraction.text.includes('Our newsroom'));
  assert.ok(extraction.chrome.some((item) => item.text.startsWith('Our newsroom')));
});

test('inside the body: photo credits, repeated lines and an About section are cut; embedded-post signatures keep the body whole', () => {
  const capture = [
    'Officials Open New Bridge',
    'By Sam Reed',
    'June 3, 2021',
    '',
    paragraph(0),
    'The new bridge seen from the river bank on Monday morning before the opening ceremony began. (AP Photo/Kim Lee)',
    paragraph(1),
    'Thousands of people came to walk across the bridge before it opened to cars.',
    paragraph(2),
    'What a day for the city, the bridge is finally open',
    '— Jo Bloggs (@jobloggs) June 3, 2021',
    paragraph(3),
    'Thousands of people came to walk across the bridge before it opened to cars.',
    paragraph(4),
    'About Example Bridges',
    'Example Bridges is a company that has built more than forty bridges in twelve countries since it was founded in 1950, and employs engineers worldwide.',
  ].join('\n\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.metadata.title, 'Officials Open New Bridge');
  assert.equal(extraction.metadata.published.stated, '2021-06-03');
  const blocks = blockTexts(extraction);
  assert.ok(blocks.includes(paragraph(0)) && blocks.includes(paragraph(4)), 'the body runs across the embedded post');
  assert.ok(!extraction.text.includes('(AP Photo'));
  assert.ok(extraction.chrome.some((item) => item.kind === 'credit' && item.text.endsWith('(AP Photo/Kim Lee)')));
  assert.equal(blocks.filter((block) => block.startsWith('Thousands of people')).length, 1, 'a repeated line is kept once');
  assert.ok(!extraction.text.includes('Example Bridges is a company'));
});

test('a comment section below the article is not part of the body', () => {
  const capture = [
    paragraph(0),
    paragraph(1),
    paragraph(2),
    '12 Comments',
    'reader_one',
    'I have lived here for twenty years and I have never seen the council move this quickly on anything at all, which is remarkable.',
    'another_reader',
    'This is exactly what the town needed, and I hope they keep the promises they made about the schedule and the cost of the work.',
    'A third reader wrote a long reply about the history of the project, the earlier plans that were dropped, and the people who fought them.',
    'And then a fourth long comment followed, going over the same ground again with even more detail about what went wrong the first time.',
  ].join('\n\n');
  const extraction = extractTextCapture(capture);
  assert.equal(extraction.blocks.length, 3);
  assert.ok(!extraction.text.includes('twenty years'));
});

test('below the body, a footer link list is not a tag line and a short company name is not a related headline', () => {
  const capture = [
    paragraph(0),
    paragraph(1),
    paragraph(2),
    'Privacy Policy, Terms of Use, Cookie Settings, Contact Us',
    'The Example Media Group',
    'energy, climate, council budget',
  ].join('\n\n');
  const extraction = extractTextCapture(capture);
  assert.deepEqual(extraction.tags, ['energy', 'climate', 'council budget']);
  assert.deepEqual(extraction.related, []);
  assert.ok(extraction.chrome.some((item) => item.text === 'The Example Media Group' && item.kind === 'footer'));
});
