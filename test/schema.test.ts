import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { analyzeHtml, analyzeText } from '../src/analyze.js';
import {
  EXAMPLE_CAPTURE,
  GUIDE_PATH,
  SCHEMA_PATH,
  fieldReference,
  generateResultSchema,
  replaceGenerated,
  type SchemaNode,
} from '../scripts/generate-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SPUTNIK = `${ROOT}${EXAMPLE_CAPTURE}`;

function loadSchema(): SchemaNode {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode;
}

function validator(): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true }).compile(loadSchema());
}

function sputnikResult(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(analyzeText(readFileSync(SPUTNIK, 'utf8'), { input: EXAMPLE_CAPTURE }))) as Record<string, unknown>;
}

test('the result for the sputnik capture validates against docs/schema.json', () => {
  const validate = validator();
  const result = sputnikResult();
  assert.ok(validate(result), JSON.stringify(validate.errors));
});

test('other results validate too: an empty capture, a hand-made capture, an HTML page', () => {
  const validate = validator();
  const results = [
    analyzeText(''),
    analyzeText('Title Of A Short Story Here\nBy Jane Doe\n\nA single sentence of the story, long enough to read as prose.'),
    analyzeHtml('<!doctype html><html><head><title>T</title></head><body><p>Hello there, world.</p></body></html>'),
  ];
  for (const result of results) {
    assert.ok(validate(JSON.parse(JSON.stringify(result))), JSON.stringify(validate.errors));
  }
});

test('broken results do not validate, and the errors name what is wrong', () => {
  const validate = validator();
  const breakages: { name: string; breakResult: (result: Record<string, unknown>) => void; errorPath: RegExp }[] = [
    { name: 'missing body text', breakResult: (r) => delete r.text, errorPath: /text/ },
    { name: 'unknown page type', breakResult: (r) => (r.pageType = 'news'), errorPath: /pageType/ },
    { name: 'offset as a string', breakResult: (r) => ((r.blocks as Record<string, unknown>[])[0].start = '0'), errorPath: /blocks\/0\/start/ },
    { name: 'chrome kind outside the list', breakResult: (r) => ((r.chrome as Record<string, unknown>[])[0].kind = 'sidebar'), errorPath: /chrome\/0\/kind/ },
    { name: 'date as a number', breakResult: (r) => ((r.published as Record<string, unknown>).stated = 20210412), errorPath: /published\/stated/ },
    { name: 'a field the types do not declare', breakResult: (r) => (r.quotes2 = []), errorPath: /additionalProperty|quotes2/ },
    { name: 'authors as one string', breakResult: (r) => (r.authors = 'Jane Doe'), errorPath: /authors/ },
  ];
  for (const { name, breakResult, errorPath } of breakages) {
    const result = sputnikResult();
    breakResult(result);
    assert.equal(validate(result), false, `${name} should not validate`);
    assert.match(JSON.stringify(validate.errors), errorPath, name);
  }
});

test('docs/schema.json is what the types generate now (run `npm run schema` after changing result types)', () => {
  const generated = `${JSON.stringify(generateResultSchema(), null, 2)}\n`;
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), generated, 'docs/schema.json is out of date: run npm run schema');
});

test('docs/schema.md documents every field of every type in the schema, and its example is a valid result', () => {
  const schema = loadSchema();
  const guide = readFileSync(GUIDE_PATH, 'utf8');
  assert.equal(replaceGenerated(guide, 'fields', fieldReference(schema)), guide, 'the field reference is out of date: run npm run schema');
  for (const [name, node] of Object.entries(schema.definitions ?? {})) {
    assert.ok(guide.includes(`### ${name}\n`), `section for ${name}`);
    for (const field of Object.keys(node.properties ?? {})) {
      assert.ok(guide.includes(`| \`${field}\` |`), `row for ${name}.${field}`);
    }
  }
  const example = /<summary>The full result as JSON<\/summary>\n\n```json\n([\s\S]*?)\n```/.exec(guide);
  assert.ok(example !== null, 'the guide has a generated example');
  const shown = JSON.parse(example[1]) as Record<string, unknown>;
  const validate = validator();
  assert.ok(validate(shown), JSON.stringify(validate.errors));
  const current = sputnikResult();
  assert.deepEqual(Object.keys(shown), Object.keys(current), 'the example shows every field a result has now');
  assert.equal(shown.text, current.text, 'the example body is what the code reads now');
});
