// Finds the machine's Chromium for the browser tests (Debian's `chromium` package, installed by
// tools/scripts/ensure-chromium.sh, which .ci/run calls). Missing: the test fails and says how to install it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/**
 * The Chromium executable: `CHROMIUM_PATH` when set, else the first of the usual Debian/Ubuntu paths; `null` when
 * none exists.
 *
 * @example
 * ```ts
 * const path = chromiumPath(); // '/usr/bin/chromium'
 * ```
 */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string | null {
  const configured = env['CHROMIUM_PATH'];
  if (configured !== undefined && configured !== '') return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Launches headless Chromium through playwright-core, or throws an error saying how to install it.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * await browser.close();
 * ```
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === null)
    throw new Error(
      'Chromium not found (CHROMIUM_PATH, /usr/bin/chromium): run `bash tools/scripts/ensure-chromium.sh` ' +
        '(apt-get install chromium) or set CHROMIUM_PATH',
    );
  // --no-sandbox: CI and this machine run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
