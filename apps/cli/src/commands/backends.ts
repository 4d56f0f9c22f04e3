import { initBackend, listBackends, type BackendStatus } from '@chatgpt-explained/nn-core';
import type { Command } from 'commander';
import { writeJson } from '../io';
import type { CommandContext } from '../main';
import { nodeBackendRegistry } from '../node-backends';
import { jsonOption } from '../options';

/** The `backends` command's result, as printed by `--json`. */
export interface BackendsReport {
  readonly backends: readonly BackendStatus[];
  /** What `--backend auto` picks here, and why. */
  readonly auto: { readonly backend: string | null; readonly reason: string };
}

/** Tries every backend, then asks `auto` which it would pick. */
export async function backendsReport(signal?: AbortSignal): Promise<BackendsReport> {
  const registry = nodeBackendRegistry();
  const options = signal === undefined ? {} : { signal };
  const backends = await listBackends(registry, options);
  let auto: BackendsReport['auto'];
  try {
    const chosen = await initBackend(registry, 'auto', options);
    auto = { backend: chosen.backend, reason: chosen.reason };
  } catch (error) {
    signal?.throwIfAborted();
    auto = { backend: null, reason: error instanceof Error ? error.message : String(error) };
  }
  return { backends, auto };
}

function formatReport(report: BackendsReport): string {
  const rows = report.backends.map((b) => {
    const gpu = b.backend === 'webgpu' || b.backend === 'webgl' || b.backend === 'cuda';
    const status = b.works ? (gpu && !b.hardware ? 'works (software GPU)' : 'works') : 'does not work';
    return [b.backend, status, b.reason] as const;
  });
  const nameWidth = Math.max(7, ...rows.map((r) => r[0].length));
  const statusWidth = Math.max(6, ...rows.map((r) => r[1].length));
  const lines = [
    `${'backend'.padEnd(nameWidth)}  ${'status'.padEnd(statusWidth)}  detail`,
    ...rows.map(([name, status, reason]) => `${name.padEnd(nameWidth)}  ${status.padEnd(statusWidth)}  ${reason}`),
    '',
    `auto → ${report.auto.backend ?? 'none'}: ${report.auto.reason}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function registerBackendsCommand(program: Command, { io, signal }: CommandContext): void {
  program
    .command('backends')
    .description('try every compute backend on this machine and say which work, and what auto picks')
    .addOption(jsonOption())
    .action(async (options: { json?: boolean }) => {
      const report = await backendsReport(signal);
      if (options.json) writeJson(io, report);
      else io.stdout.write(formatReport(report));
    });
}
