// Runs nn-core's op suite in the browser on the backend named by ?backend=, and writes the results
// as JSON into #results (read by backends.browser.test.ts).
import { BACKEND_NAMES, initBackend, type BackendName } from '@chatgpt-explained/nn-core';
import { OP_TOLERANCE, runOpSuite } from '@chatgpt-explained/nn-core/test';
import { browserBackendRegistry } from '../../src/browser-backends';
import { reportResult } from '../report-result';

async function run(): Promise<unknown> {
  const asked = new URLSearchParams(window.location.search).get('backend') ?? '';
  if (!(BACKEND_NAMES as readonly string[]).includes(asked)) return { error: `unknown backend "${asked}"` };
  const ctx = await initBackend(browserBackendRegistry(), asked as BackendName);
  const results = await runOpSuite(ctx.tf, OP_TOLERANCE[ctx.backend]);
  return { backend: ctx.backend, reason: ctx.reason, results };
}

reportResult(run);
