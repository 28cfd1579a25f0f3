import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderFailure, renderMarkdown, renderResult, renderText } from '../src/cli/render.js';
import type { AnalysisResult } from '../src/model/result.js';

function sample(): AnalysisResult {
  const text = 'Harbour reopens\n\nThe mayor said the wall was safe.\n\nFirst point\nSecond point';
  return {
    input: 'pages/harbour.html',
    url: 'https://news.example/2024/05/06/harbour',
    title: 'Harbour *reopens*',
    authors: ['Ann Lee', 'Bo Chen'],
    site: 'News Example',
    language: 'en',
    published: { stated: '2024-05-06T09:30:00+02:00', source: 'json-ld', raw: '2024-05-06T09:30:00+02:00' },
    modified: { stated: '2024-05-07', source: 'meta', raw: 'May 7, 2024' },
    text,
    blocks: [
      { start: 0, end: 15, kind: 'heading', level: 1 },
      { start: 17, end: 50, kind: 'paragraph' },
      { start: 52, end: 63, kind: 'list-item' },
      { start: 64, end: 76, kind: 'list-item' },
    ],
    tags: ['Ports', 'Weather'],
    related: [{ title: 'Storm hits coast', url: 'https://news.example/storm' }],
    chrome: [{ text: 'Share on Facebook', kind: 'share' }],
    pageType: 'article',
    pageTypeReason: null,
    provenance: {},
    extractor: { name: 'whosaid', version: '0.0.0' },
    warnings: ['page cut to its first 20 MB'],
    attributions: [
      {
        id: 'a1',
        source: { start: 17, end: 26, text: 'The mayor' },
        cue: { start: 27, end: 31, text: 'said' },
        content: { start: 32, end: 49, text: 'the wall was safe' },
        kind: 'indirect',
        speaker: { entity: 'e1', name: 'Jo Park', role: 'mayor' },
        parent: null,
      },
    ],
  };
}

test('text shows the fields with date sources, the body, who said what, then chrome, related and tags', () => {
  const out = renderText(sample());
  const expectedOrder = [
    '== pages/harbour.html ==',
    'Title:     Harbour *reopens*',
    'Site:      News Example',
    'Authors:   Ann Lee; Bo Chen',
    'Published: 2024-05-06T09:30:00+02:00 (from json-ld)',
    'Modified:  2024-05-07 (from meta, as "May 7, 2024")',
    'Language:  en',
    'Warning:   page cut to its first 20 MB',
    'The mayor said the wall was safe.',
    '-- Who said what (1) --',
    'Jo Park (mayor)',
    '  said: “the wall was safe”',
    '-- Removed as chrome (1) --',
    '[share] Share on Facebook',
    '-- Related (1) --',
    '- Storm hits coast <https://news.example/storm>',
    '-- Tags --',
    'Ports, Weather',
  ];
  let from = 0;
  for (const line of expectedOrder) {
    const at = out.indexOf(line, from);
    assert.ok(at >= from, `"${line}" should follow in order`);
    from = at + line.length;
  }
});

test('markdown renders block kinds and escapes page text in one-line fields', () => {
  const out = renderMarkdown(sample());
  assert.match(out, /^# Harbour \\\*reopens\\\*\n/);
  assert.match(out, /\n- \*\*Published:\*\* 2024-05-06T09:30:00\+02:00 \(from json-ld\)\n/);
  assert.match(out, /\n## Harbour reopens\n/);
  assert.match(out, /\n- First point\n- Second point\n/);
  assert.match(out, /\n## Who said what\n\n- \*\*Jo Park \(mayor\)\*\*\n  - said: “the wall was safe”\n/);
  assert.match(out, /\n## Related\n\n- \[Storm hits coast\]\(https:\/\/news\.example\/storm\)\n/);
  // Each page ends with a blank line, so several pages concatenate into one document.
  assert.match(out, /\n## Tags\n\nPorts, Weather\n\n$/);
});

test('json is pretty, jsonl is one line, and failures are records only in the JSON formats', () => {
  const result = sample();
  assert.deepEqual(JSON.parse(renderResult(result, 'json')), result);
  const line = renderResult(result, 'jsonl');
  assert.equal(line.split('\n').length, 2);
  assert.deepEqual(JSON.parse(line), result);
  const failure = { input: 'x.html', error: 'x.html: file not found' };
  assert.equal(renderFailure(failure, 'jsonl'), '{"input":"x.html","error":"x.html: file not found"}\n');
  assert.equal(renderFailure(failure, 'text'), '');
  assert.equal(renderFailure(failure, 'md'), '');
});

test('the readable view groups statements by speaker and names the speaker a nested report came through', () => {
  const result = sample();
  const text = 'Ann wrote that Bo said "it rained." Bo also said it was cold.';
  result.text = text;
  const span = (s: string, from = 0) => {
    const start = text.indexOf(s, from);
    return { start, end: start + s.length, text: s };
  };
  result.attributions = [
    { id: 'a1', source: span('Ann'), cue: span('wrote'), content: span('that Bo said "it rained."'), kind: 'mixed', speaker: { entity: 'e1', name: 'Ann Lee' }, parent: null },
    { id: 'a2', source: span('Bo'), cue: span('said'), content: span('"it rained."'), kind: 'direct', speaker: { entity: 'e2', name: 'Bo Chen', role: 'forecaster' }, parent: 'a1' },
    { id: 'a3', source: span('Bo', 36), cue: span('said', 40), content: span('it was cold'), kind: 'indirect', speaker: { entity: 'e2', name: 'Bo Chen', role: 'forecaster' }, parent: null },
  ];
  const out = renderText(result);
  const section = out.slice(out.indexOf('-- Who said what (3) --'));
  assert.match(section, /Ann Lee\n  wrote: “that Bo said "it rained\."”\n/);
  // Both of Bo's statements sit under one heading; the quote loses its own marks; the nested one names its reporter.
  assert.match(section, /Bo Chen \(forecaster\)\n  said: “it rained” \(reported by Ann Lee\)\n  said: “it was cold”\n/);
  assert.equal(section.split('Bo Chen (forecaster)').length, 2);
});

test('the readable views show when the text was written and flag a mis-dated page', () => {
  const result = sample();
  result.published = {
    ...result.published,
    estimated: { earliest: '2017-01-01', latest: '2017-01-20', best: '2017-01-10', confidence: 0.8, evidence: [] },
    misdated: true,
    misdatedReason: 'the stated date is 4 years after the text was written',
  };
  const text = renderText(result);
  assert.match(text, /\nWritten: {3}2017-01-01 – 2017-01-20 \(estimated from the text, confidence 0\.80\)\n/);
  assert.match(text, /\nMis-dated: yes: the stated date is 4 years after the text was written\n/);
  result.published = { ...result.published, estimated: { unknown: true, reason: 'the text names no time' }, misdated: false };
  const plain = renderText(result);
  assert.match(plain, /\nWritten: {3}unknown \(the text names no time\)\n/);
  assert.doesNotMatch(plain, /Mis-dated/);
});

test('page-controlled control characters are shown as escapes in text and md, never sent to the terminal', () => {
  const result = sample();
  // Window title (OSC 0 … BEL), clear screen (CSI 2J), a disguised link (OSC 8), backspaces, DEL and a one-character C1 CSI.
  const hostile = 'Safe\u001b]0;pwned\u0007 \u001b[2J\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ ok\b\bX\u007f \u009b31m';
  const body = `Harbour reopens\n\n${hostile}\tend`;
  result.title = hostile;
  result.text = body;
  result.blocks = [
    { start: 0, end: 15, kind: 'heading', level: 1 },
    { start: 17, end: body.length, kind: 'paragraph' },
  ];
  result.warnings = [hostile];
  result.chrome = [{ text: hostile, kind: 'share' }];
  result.related = [{ title: hostile, url: 'https://news.example/storm' }];
  result.attributions = [];
  for (const out of [renderText(result), renderMarkdown(result), renderResult(result, 'text'), renderResult(result, 'md')]) {
    // Only line feeds and tabs remain of the control characters.
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(out, /\\x1b\]0;pwned\\x07/);
    assert.match(out, /\\x1b\[2J/);
    assert.match(out, /\\x1b\]8;;https:\/\/evil\.example\/\\x1b/);
    assert.match(out, /\\x08\\x08X\\x7f \\x9b31m/);
    assert.match(out, /\tend/);
  }
  const text = renderText(result);
  assert.ok(text.startsWith('== pages/harbour.html ==\nTitle:     Safe\\x1b]0;pwned\\x07 '), text.slice(0, 80));
});
