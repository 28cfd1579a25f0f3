/** A real headless Chromium for the UI tests, driven by playwright-core (which ships no browser of its own). */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; WHOSAID_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.WHOSAID_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or null when they can. On CI a
 * missing browser is a failure (the tests would otherwise pass by skipping);
 * on a developer's machine the tests skip with this reason.
 */
export function missingBrowser(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set WHOSAID_CHROMIUM`;
}

export const ON_CI = process.env.CI === 'true';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No network beyond loopback, nothing phoning home: the tests see only what the server sends.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Where screenshots go when WHOSAID_SCREENSHOTS=1; null otherwise, so test runs leave the tree clean. */
export function screenshotDirectory(): string | null {
  if (process.env.WHOSAID_SCREENSHOTS !== '1') return null;
  const dir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
