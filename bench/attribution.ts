/**
 * `npm run bench:attribution`: who said what, measured three ways, each by its
 * own script, and written into the attribution section of docs/benchmarks.md:
 *
 * - PolNeAR dev (`whosaid eval attribution`): exact and overlap F1 for source,
 *   cue and content, linked triples, and the stage's speed;
 * - speaker, pronoun and role resolution on the hand-checked set in
 *   test/fixtures/resolution (`bench/resolution.ts`);
 * - nested chains on the hand-checked set in test/fixtures/nesting
 *   (`bench/nesting.ts`).
 *
 * Each runs in its own process, one after the other; their printed tables go
 * into the docs as they are.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, runHeader, writeOwnSection } from './report.js';

interface Part {
  title: string;
  command: string;
  args: string[];
}

const root = repoRoot();
const parts: Part[] = [
  {
    title: 'PolNeAR dev (outermost attributions, one pinned annotation per article)',
    command: 'whosaid eval attribution --data ../shared/data/polnear --split dev',
    args: [join(root, 'dist/src/cli/main.js'), 'eval', 'attribution', '--data', join(root, '../shared/data/polnear'), '--split', 'dev'],
  },
  {
    title: 'Speaker, pronoun and role resolution (hand-checked set)',
    command: 'node dist/bench/resolution.js',
    args: [join(root, 'dist/bench/resolution.js')],
  },
  {
    title: 'Nested chains (hand-checked set)',
    command: 'node dist/bench/nesting.js',
    args: [join(root, 'dist/bench/nesting.js')],
  },
];

const started = new Date();
const sections: string[] = [];
for (const part of parts) {
  const output = execFileSync(process.execPath, part.args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  console.log(output);
  sections.push(`### ${part.title}\n\n\`${part.command}\`\n\n\`\`\`\n${output.trimEnd()}\n\`\`\``);
}
const targets = [
  'Targets on PolNeAR dev (exact F1): source ≥ 85, cue ≥ 82, content ≥ 76, at ≥ 20,000 tokens/s on one core.',
  'Published on PolNeAR test (exact F1 source/cue/content): BERT+CofeNet 83.2/75.3/72.9, BERT-CRF 82.2/74.9/71.0.',
  'The hand-checked sets are small (tens of items): read them as regression checks; "fresh" items were not used to develop the rules.',
].join('\n');
const path = writeOwnSection('attribution', 'Attribution', `${runHeader('npm run bench:attribution', started)}\n\n${targets}\n\n${sections.join('\n\n')}`);
console.log(`Wrote ${path}`);
