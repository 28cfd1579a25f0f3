/**
 * Tests that read the benchmark data in ../shared/data (or $WHOSAID_SHARED_DATA).
 *
 * A clone without that data still gets a green run: such tests are skipped,
 * each with the reason, and the test command prints one loud notice
 * (test/support/run-tests.ts). Where the data must be there — CI sets
 * WHOSAID_REQUIRE_SHARED_DATA=1 — nothing is skipped, so a missing folder fails
 * every test that needs it instead of passing quietly.
 */
import { findSharedDataDir } from '../../bench/data.js';

/** Set to 1 where the benchmark data must be present (CI): its absence is then a failure, never a skip. */
export const REQUIRE_SHARED_DATA_VARIABLE = 'WHOSAID_REQUIRE_SHARED_DATA';

export function sharedDataRequired(): boolean {
  const value = process.env[REQUIRE_SHARED_DATA_VARIABLE];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The data folder, or null when this clone has none. */
export const SHARED_DATA: string | null = findSharedDataDir();

export const SHARED_DATA_SKIP_REASON = 'needs the benchmark data in ../shared/data (or $WHOSAID_SHARED_DATA), which is not here';

/**
 * Test options for a test or suite that reads the shared data:
 * `test('…', NEEDS_SHARED_DATA, () => …)`. Skipped when the data is absent,
 * unless it is required, in which case the test runs and fails on the missing data.
 */
export const NEEDS_SHARED_DATA: { skip: string | false } = {
  skip: SHARED_DATA === null && !sharedDataRequired() ? SHARED_DATA_SKIP_REASON : false,
};
