import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * CHROMIUM_PATH when set, else Debian's chromium; playwright's own browser download cannot run here.
 * Returns the reason when there is none, so the tests skip and say why; under CI (CI set) a missing
 * Chromium is an error instead, so CI cannot pass without running them.
 */
export function findChromium(): { path: string } | { missing: string } {
  const found = locateChromium();
  if ('missing' in found && process.env['CI']) throw new Error(`browser tests cannot run under CI: ${found.missing}`);
  return found;
}

function locateChromium(): { path: string } | { missing: string } {
  const asked = process.env['CHROMIUM_PATH'];
  if (asked !== undefined && asked !== '') {
    return existsSync(asked) ? { path: asked } : { missing: `CHROMIUM_PATH=${asked} does not exist` };
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  return found === undefined
    ? { missing: 'no Chromium at /usr/bin/chromium (Debian: apt-get install chromium) and CHROMIUM_PATH is not set' }
    : { path: found };
}

/** Headless Chromium with WebGPU allowed (a SwiftShader adapter appears) and no background traffic. */
export async function launchChromium(executablePath: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--enable-unsafe-webgpu',
      '--enable-unsafe-swiftshader',
    ],
  });
}
