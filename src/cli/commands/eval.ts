import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type CliIO } from '../command.js';
import { evaluatePolnear } from '../../attribution/eval/evaluate.js';
import { formatScoreTable } from '../../attribution/eval/score.js';
import { readAttributionModel } from '../../attribution/model.js';
import { AttributionTagger } from '../../attribution/tagger.js';

const usage = `Usage: whosaid eval attribution [options]

Scores the attribution stage on a PolNeAR split: exact-span and overlap
precision, recall and F1 for source, cue and content, and whole-relation
(triple) F1, against one annotation per article (the annotator id that sorts
first). Also prints the stage's speed in tokens per second.

Options:
  --data DIR     the PolNeAR folder (default ../shared/data/polnear)
  --split NAME   the split to score (default dev)
  --model FILE   a model file to use instead of the shipped one
  --json         print the scores as JSON
  -h, --help     show this help`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Score a stage against a benchmark (attribution on PolNeAR)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string', default: '../shared/data/polnear' },
        split: { type: 'string', default: 'dev' },
        model: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'attribution') {
      throw new UsageError('say what to evaluate: "whosaid eval attribution"');
    }
    const root = resolve(values.data);
    if (!existsSync(join(root, values.split))) {
      io.stderr.write(`whosaid eval: no PolNeAR split "${values.split}" in ${root}; point --data at the PolNeAR folder (it holds dev/ and train/)\n`);
      return 1;
    }
    const tagger = values.model ? new AttributionTagger(readAttributionModel(resolve(values.model))) : undefined;
    const report = evaluatePolnear(root, values.split, tagger);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(
      `PolNeAR ${report.split}: ${report.articles} articles, one annotation each (the annotator id that sorts first); outermost attributions scored\n\n`,
    );
    io.stdout.write(`${formatScoreTable(report.scores)}\n\n`);
    io.stdout.write(
      `speed (attribution stage, one thread): ${report.tokens} tokens; ${Math.round(report.tokensPerSecond)} tokens/s wall clock ` +
        `(${(report.stageMs / 1000).toFixed(2)} s), ${Math.round(report.tokensPerCpuSecond)} tokens per CPU second (${(report.stageCpuMs / 1000).toFixed(2)} s)\n`,
    );
    return 0;
  },
};
