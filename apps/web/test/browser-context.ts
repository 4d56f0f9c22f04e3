/**
 * The shared setup of the essay page's browser tests: the production build (from global-setup.ts)
 * served on 127.0.0.1 and one headless Chromium. Call inside a describe that is skipped when
 * Chromium is missing (see {@link findChromium}).
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './chromium';
import { serveStatic } from './static-server';

export interface SiteUnderTest {
  /** The site's address, ending in `/`. */
  url: string;
  /** Paths the server was asked for, in order. */
  requests: string[];
  context: BrowserContext;
}

/** Serves the built site and starts Chromium before the file's tests; closes both after. */
export function useSite(executable: string): SiteUnderTest {
  const site = {} as SiteUnderTest;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const server = await serveStatic(inject('webDist'));
    site.url = server.url;
    site.requests = server.requests;
    site.context = await launchChromium(executable);
    close = async () => {
      await site.context.close();
      await server.close();
    };
  }, 120_000);
  afterAll(async () => close?.());
  return site;
}
