/**
 * Generates the published description of whosaid's result:
 *
 *   docs/schema.json  a JSON Schema (draft-07) of `AnalysisResult`, derived from
 *                     the TypeScript types in src/model/result.ts;
 *   docs/schema.md    the generated parts of the field reference (one table per
 *                     type, from the same schema) and the example result,
 *                     produced by analysing examples/sputnik-2017-capture.txt.
 *
 * Run it whenever result types change: `npm run schema`. With `--check` it
 * writes nothing and exits with status 1 when either file is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator, type Config } from 'ts-json-schema-generator';
import { analyzeText } from '../src/analyze.js';

/** The repository root, whether this runs from scripts/ (ts) or dist/scripts/ (js). */
function repositoryRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.replace(/\/dist\/scripts\/?$/u, '').replace(/\/scripts\/?$/u, '');
}

const ROOT = repositoryRoot();
export const SCHEMA_PATH = `${ROOT}/docs/schema.json`;
export const GUIDE_PATH = `${ROOT}/docs/schema.md`;
export const EXAMPLE_CAPTURE = 'examples/sputnik-2017-capture.txt';
const ROOT_TYPE = 'AnalysisResult';

/** A JSON Schema node, as far as this script reads it. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  description?: string;
  definitions?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

/** Derives the JSON Schema of the result from the TypeScript types. */
export function generateResultSchema(): SchemaNode {
  const config: Config = {
    path: `${ROOT}/src/model/result.ts`,
    tsconfig: `${ROOT}/tsconfig.json`,
    type: ROOT_TYPE,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // Types are checked by the build; checking them again here only costs time.
    skipTypeCheck: true,
    // A result field the types do not declare is a bug the schema should catch.
    additionalProperties: false,
    sortProps: false,
  };
  const schema = createGenerator(config).createSchema(ROOT_TYPE) as SchemaNode;
  return {
    $schema: schema.$schema,
    $id: 'https://github.com/whosaid/whosaid/docs/schema.json',
    title: 'whosaid analysis result',
    description: 'What whosaid returns for one page: the article body with its blocks, metadata with provenance, and the chrome that was cut.',
    ...schema,
  };
}

/** The example result shown in the guide: the example capture analysed as a user would. */
export function exampleResult(): unknown {
  const capture = readFileSync(`${ROOT}/${EXAMPLE_CAPTURE}`, 'utf8');
  return analyzeText(capture, { input: EXAMPLE_CAPTURE });
}

/**
 * Descriptions for the guide where the type declares a field without a doc
 * comment. A doc comment on the type always wins, so documenting the field in
 * the source makes its entry here unnecessary.
 */
const FIELD_NOTES: Readonly<Record<string, string>> = {
  'AnalysisResult.url': 'The page\'s URL when known (given by the user, fetched, or from a manifest); null otherwise.',
  'AnalysisResult.title': 'The article\'s headline as the page states it; null when the page has none (a capture without a headline line).',
  'AnalysisResult.authors': 'Author names as the page credits them, in page order; empty when none is stated.',
  'AnalysisResult.site': 'The publication: its name from the page\'s metadata, or the URL\'s host name.',
  'AnalysisResult.published': 'When the article was first published, as the page states it, with where that was read.',
  'AnalysisResult.modified': 'When the page says the article was last updated; null when it does not say.',
  'AnalysisResult.tags': 'The page\'s own tags and keywords (metadata keywords, tag links, a tag line), case-insensitively deduplicated.',
  'AnalysisResult.related': 'Other stories the page links to in related-story lists, in page order.',
  'AnalysisResult.chrome': 'Every piece cut from the page as not part of the article, with why.',
  'AnalysisResult.pageType': '"article", or why the page is not one.',
  'PublishedDate.candidates': 'Every date found in the page and where, so the choice of `stated` can be audited.',
  'Block.kind': 'What the block is: paragraph, heading, list item, quotation, table row, preformatted text or caption.',
  'ChromeItem.text': 'The removed text as it appeared, with spaces made plain.',
  'ChromeItem.kind': 'What kind of page furniture it was judged to be.',
  'DateCandidate.value': 'The date read, ISO 8601.',
  'DateCandidate.raw': 'The date as printed in the page.',
  'DateCandidate.source': 'Where in the page it was found.',
  'DateCandidate.kind': 'Whether the page presents it as the publication date, the update date, or neither.',
  'ExtractorInfo.name': 'Always "whosaid".',
  'ExtractorInfo.version': 'The whosaid version; it changes whenever what is extracted changes.',
  'MetadataProvenance.title': 'Where the title came from.',
  'MetadataProvenance.authors': 'Where the authors came from.',
  'MetadataProvenance.site': 'Where the site name came from.',
  'MetadataProvenance.language': 'Where the language came from (`"text"`: guessed from the body).',
  'RelatedLink.title': 'The linked story\'s headline.',
  'RelatedLink.url': 'The link\'s address, absolute, when the page gives one (HTML pages; a text capture has none).',
};

/** Fields that have neither a doc comment nor a note: listed by the script so they get documented. */
export function undocumentedFields(schema: SchemaNode): string[] {
  const missing: string[] = [];
  for (const [name, node] of Object.entries(schema.definitions ?? {})) {
    for (const [field, property] of Object.entries(node.properties ?? {})) {
      if (property.description === undefined && FIELD_NOTES[`${name}.${field}`] === undefined) missing.push(`${name}.${field}`);
    }
  }
  return missing;
}

/** The reader's findings at a glance: metadata, the first two blocks of the body, and what was cut. */
function exampleExcerpt(result: Record<string, unknown>): Record<string, unknown> {
  const blocks = Array.isArray(result.blocks) ? (result.blocks as { start: number; end: number }[]).slice(0, 2) : [];
  const text = typeof result.text === 'string' ? result.text : '';
  const shown = blocks.length > 0 ? text.slice(0, blocks[blocks.length - 1].end) : text;
  const picked: Record<string, unknown> = {};
  for (const key of ['title', 'language', 'published', 'pageType', 'pageTypeReason']) picked[key] = result[key];
  picked.text = shown.length < text.length ? `${shown}…` : shown;
  picked.blocks = blocks;
  for (const key of ['chrome', 'related', 'tags']) picked[key] = result[key];
  return picked;
}

/** Schema type → readable type expression for the tables. */
function typeOf(node: SchemaNode): string {
  if (node.$ref !== undefined) {
    const name = node.$ref.replace(/^#\/definitions\//u, '');
    return `[${name}](#${name.toLowerCase()})`;
  }
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum !== undefined) return node.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ');
  if (node.anyOf !== undefined) return node.anyOf.map(typeOf).join(' \\| ');
  if (node.type === 'array') return `${node.items === undefined ? 'unknown' : typeOf(node.items)}[]`;
  if (Array.isArray(node.type)) return node.type.join(' \\| ');
  if (node.type === 'object' && node.properties === undefined) return 'object';
  return node.type ?? 'unknown';
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').replace(/\|/gu, '\\|');
}

/** One Markdown section per schema definition: the root type first, then the others alphabetically. */
export function fieldReference(schema: SchemaNode): string {
  const definitions = schema.definitions ?? {};
  const names = Object.keys(definitions).sort((a, b) => (a === ROOT_TYPE ? -1 : b === ROOT_TYPE ? 1 : a.localeCompare(b)));
  const sections: string[] = [];
  for (const name of names) {
    const node = definitions[name];
    const lines = [`### ${name}`, ''];
    if (node.description !== undefined) lines.push(cell(node.description), '');
    if (node.properties !== undefined) {
      const required = new Set(node.required ?? []);
      lines.push('| Field | Type | Always present | Description |', '| --- | --- | --- | --- |');
      for (const [field, property] of Object.entries(node.properties)) {
        lines.push(`| \`${field}\` | ${typeOf(property)} | ${required.has(field) ? 'yes' : 'no'} | ${cell(property.description ?? FIELD_NOTES[`${name}.${field}`] ?? '')} |`);
      }
    } else {
      lines.push(`One of: ${typeOf(node)}.`);
    }
    sections.push(lines.join('\n'));
  }
  return sections.join('\n\n');
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceGenerated(document: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start === -1 || end === -1 || end < start) throw new Error(`${GUIDE_PATH} lacks the markers ${open} … ${close}`);
  return `${document.slice(0, start + open.length)}\n${content}\n${document.slice(end)}`;
}

/** The schema file's text and the guide's text as they should be now. */
export function generatedFiles(): { schema: string; guide: string } {
  const schema = generateResultSchema();
  let guide = readFileSync(GUIDE_PATH, 'utf8');
  guide = replaceGenerated(guide, 'fields', fieldReference(schema));
  const result = exampleResult() as Record<string, unknown>;
  const example = JSON.stringify(result, null, 2);
  const excerpt = JSON.stringify(exampleExcerpt(result), null, 2);
  // The full result is folded: with later stages' annotations it runs to hundreds of lines.
  guide = replaceGenerated(
    guide,
    'example',
    [
      'The fields that show what the reader found, with the body cut after its first two blocks:',
      '',
      `\`\`\`json\n${excerpt}\n\`\`\``,
      '',
      '<details>',
      '<summary>The full result as JSON</summary>',
      '',
      `\`\`\`json\n${example}\n\`\`\``,
      '',
      '</details>',
    ].join('\n'),
  );
  return { schema: `${JSON.stringify(schema, null, 2)}\n`, guide };
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const files = generatedFiles();
  const current = {
    schema: existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '',
    guide: readFileSync(GUIDE_PATH, 'utf8'),
  };
  const stale = [
    ...(current.schema === files.schema ? [] : [SCHEMA_PATH]),
    ...(current.guide === files.guide ? [] : [GUIDE_PATH]),
  ];
  if (check) {
    for (const path of stale) console.error(`${path} is out of date: run npm run schema`);
    return stale.length === 0 ? 0 : 1;
  }
  const missing = undocumentedFields(JSON.parse(files.schema) as SchemaNode);
  if (missing.length > 0) console.warn(`fields without a description (add a doc comment to the type): ${missing.join(', ')}`);
  writeFileSync(SCHEMA_PATH, files.schema);
  writeFileSync(GUIDE_PATH, files.guide);
  console.log(stale.length === 0 ? 'docs/schema.json and docs/schema.md were up to date' : `wrote ${stale.join(', ')}`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
