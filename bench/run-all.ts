/**
 * `npm run bench`: the extraction benchmarks, then the speed benchmark, one
 * after the other (never both at once, so timings are not disturbed), and
 * docs/benchmarks.md regenerated from scratch.
 */
import { runExtractionBench } from './extraction.js';
import { resetDocs, docsPath } from './report.js';
import { runSpeedBench } from './speed.js';

resetDocs();
runExtractionBench({ aeb: true, wcxb: true, docs: true, command: 'npm run bench' });
console.log('');
await runSpeedBench({ docs: true, command: 'npm run bench' });
console.log(`\nWrote ${docsPath()}`);
