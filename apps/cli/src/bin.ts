#!/usr/bin/env node
import { processIo } from './io';
import { runCli } from './main';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // A second Ctrl-C exits at once, in case the work does not check its signal.
  if (interrupts > 1) process.exit(130);
  controller.abort(new Error('interrupted'));
});

process.exitCode = await runCli(process.argv.slice(2), processIo(), controller.signal);
