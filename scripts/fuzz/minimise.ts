/**
 * Delta debugging (ddmin) over an input's bytes: removes ever smaller chunks
 * while the input still fails the same way, until no single chunk can go or
 * the time budget is spent. The result fails as the original did; it is not
 * guaranteed to be the smallest such input.
 */

export interface MinimiseResult {
  bytes: Buffer;
  tests: number;
  /** True when the budget ran out before ddmin finished. */
  outOfTime: boolean;
}

export async function minimise(original: Buffer, stillFails: (candidate: Buffer) => Promise<boolean>, budgetMs: number): Promise<MinimiseResult> {
  const deadline = performance.now() + budgetMs;
  let current = original;
  let granularity = 2;
  let tests = 0;
  const test = async (candidate: Buffer): Promise<boolean> => {
    tests++;
    return stillFails(candidate);
  };
  while (current.length >= 2) {
    if (performance.now() > deadline) return { bytes: current, tests, outOfTime: true };
    const chunk = Math.ceil(current.length / granularity);
    let reduced = false;
    // Each chunk alone first (a big step when the cause is local), then each complement.
    for (const keepOnly of [true, false]) {
      if (keepOnly && granularity === 2) continue; // the complement of one half is the other half
      for (let start = 0; start < current.length && !reduced; start += chunk) {
        if (performance.now() > deadline) return { bytes: current, tests, outOfTime: true };
        const candidate = keepOnly ? current.subarray(start, start + chunk) : Buffer.concat([current.subarray(0, start), current.subarray(start + chunk)]);
        if (candidate.length === 0 || candidate.length === current.length) continue;
        if (await test(Buffer.from(candidate))) {
          current = Buffer.from(candidate);
          granularity = keepOnly ? 2 : Math.max(granularity - 1, 2);
          reduced = true;
        }
      }
      if (reduced) break;
    }
    if (!reduced) {
      if (granularity >= current.length) break;
      granularity = Math.min(current.length, granularity * 2);
    }
  }
  return { bytes: current, tests, outOfTime: false };
}
