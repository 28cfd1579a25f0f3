import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { ProgressDisplay, describeInterruption, describeProgress, estimateRemainingMs, formatDuration, renderBar } from '../src/cli/progress.js';
import type { IngestProgress } from '../src/store/ingest/index.js';

const progress = (over: Partial<IngestProgress>): IngestProgress => ({
  seen: 0,
  total: null,
  stored: 0,
  skipped: 0,
  failed: 0,
  grouped: 0,
  analysed: 0,
  analysingMs: 0,
  elapsedMs: 0,
  rate: 0,
  done: false,
  ...over,
});

function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean; columns?: number }; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('ingest progress', () => {
  it('describes pages done, outcomes, rate and the time left', () => {
    // 160 pages analysed in 8 s: 20 a second, so the 800 left take 40 s.
    const line = describeProgress(
      progress({ total: 1000, stored: 150, skipped: 40, failed: 10, analysed: 160, analysingMs: 8000, rate: 20, elapsedMs: 10_000 }),
    );
    assert.equal(line, 'ingest: 200/1000 pages · 150 stored · 40 skipped · 10 failed · 20.0 pages/s · ETA 0:40');
    const done = describeProgress(progress({ total: 3, stored: 3, rate: 1.5, elapsedMs: 2000, done: true, grouped: 2 }));
    assert.equal(done, 'ingest: 3/3 pages · 3 stored · 0 skipped · 2 in duplicate groups · 0 failed · 1.5 pages/s · done in 0:02');
    assert.doesNotMatch(describeProgress(progress({ stored: 5, rate: 2 })), /ETA/, 'no ETA without a total');
    assert.doesNotMatch(describeProgress(progress({ total: 10, skipped: 5, rate: 50 })), /ETA/, 'no ETA before a page is analysed');
  });

  it('projects the time left from analysed pages only, not from skipped ones', () => {
    // A re-run: 9,000 stored pages skipped in the first second, then 10 pages analysed in the next second.
    const rerun = progress({ total: 10_000, skipped: 9000, stored: 10, analysed: 10, analysingMs: 1000, elapsedMs: 2000, rate: 4505 });
    // 990 pages left at 10 a second: 99 s. Counting the skipped pages in the rate would have said well under a second.
    assert.equal(estimateRemainingMs(rerun), 99_000);
    assert.match(describeProgress(rerun), /ETA 1:39$/);
    // Pages that failed in analysis took analysis time and count; skipped ones never do.
    const withFailures = progress({ total: 100, skipped: 50, stored: 15, failed: 5, analysed: 20, analysingMs: 4000 });
    assert.equal(estimateRemainingMs(withFailures), 6000);
    assert.equal(estimateRemainingMs(progress({ total: 100, skipped: 100 })), 0, 'nothing left');
    assert.equal(estimateRemainingMs(progress({ total: 100, skipped: 40 })), null, 'nothing analysed yet');
  });

  it('says what an interrupted run stored and how to resume', () => {
    const summary = { ...progress({ total: 300, stored: 40, skipped: 12, failed: 2, elapsedMs: 5000, done: true }), interrupted: true, abandoned: 3 };
    assert.equal(
      describeInterruption(summary),
      'interrupted: 52 of 300 pages stored (40 by this run, 12 already stored), 2 failed; run the same command again to resume',
    );
    assert.match(describeProgress(summary), /stopped after 0:05$/);
    assert.equal(
      describeInterruption({ ...summary, total: null, failed: 0 }),
      'interrupted: 52 pages stored (40 by this run, 12 already stored); run the same command again to resume',
    );
  });

  it('draws a bar that fills with the fraction done', () => {
    assert.equal(renderBar(0, 10), `[${'.'.repeat(24)}]   0%`);
    assert.equal(renderBar(5, 10), `[${'#'.repeat(12)}${'.'.repeat(12)}]  50%`);
    assert.equal(renderBar(12, 10), `[${'#'.repeat(24)}] 100%`);
    assert.equal(formatDuration(3_725_000), '1:02:05');
  });

  it('redraws one line on a terminal and writes plain lines otherwise', () => {
    const terminal = capture(true);
    const onTerminal = new ProgressDisplay(terminal.stream);
    onTerminal.update(progress({ total: 4, stored: 1, rate: 1 }));
    onTerminal.update(progress({ total: 4, stored: 4, rate: 1, done: true }));
    const drawn = terminal.text();
    assert.equal(drawn.split('\r\u001b[2K').length, 3, 'each update redraws the same line');
    assert.match(drawn, /\[#{6}\.{18}\]  25%/);
    assert.ok(drawn.endsWith('\n'), 'the last update ends the line');

    const log = capture(false);
    const inLog = new ProgressDisplay(log.stream);
    inLog.update(progress({ stored: 1, rate: 1 }));
    inLog.update(progress({ stored: 2, rate: 1 })); // within the interval: not written
    inLog.update(progress({ stored: 3, rate: 1, done: true }));
    const lines = log.text().trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines.every((line) => !line.includes('\r') && !line.includes('\u001b')));
    assert.match(lines[1] ?? '', /3 stored .* done in/);
  });
});
