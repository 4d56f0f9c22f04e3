import { TOUR_STEPS, tourPlan, type TourPlanEntry, type TourStepResult } from '@chatgpt-explained/essay';
import { initBackend } from '@chatgpt-explained/nn-core';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { fileEssayData } from '../essay-data';
import { cacheDirOption, lazyModel, modelOption, offlineOption, type ModelOptions } from '../model-source';
import { writeFigure } from '../figure-output';
import { writeJson } from '../io';
import type { CommandContext } from '../main';
import { nodeBackendRegistry } from '../node-backends';
import { backendOption, backendRequest, jsonOption } from '../options';
import { createProgressBar } from '../progress';
import { integerFromTo } from '../number-options';
import { UsageError } from '../usage-error';
import { serveWeb } from './tour-web';

interface TourOptions extends ModelOptions {
  readonly out: string;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly only?: string;
  readonly web?: boolean;
  readonly build: boolean;
  readonly host: string;
  readonly port: number;
}

/** The item ids of `--only 3.1,5.2`, checked against the essay's runnable items. */
function onlyItems(value: string | undefined, plan: readonly TourPlanEntry[]): Set<string> | undefined {
  if (value === undefined) return undefined;
  const runnable = plan.filter((entry) => entry.runnable).map((entry) => entry.id);
  const ids = value.split(',').map((id) => id.trim());
  for (const id of ids) {
    if (!runnable.includes(id)) {
      throw new UsageError(
        `option '--only <items>' argument '${value}': '${id}' is not a runnable essay item (runnable: ${runnable.join(', ')})`,
      );
    }
  }
  return new Set(ids);
}

/** A step's result as the report keeps it: its lines and data, and the figure files it wrote. */
export type TourReportResult = Omit<TourStepResult, 'figures'> & { readonly figures?: readonly string[] };

/** The tour's result: what ran, on which backend, and what is still to come. */
export interface TourReport {
  readonly backend: { readonly name: string; readonly reason: string };
  readonly quick: boolean;
  readonly items: ReadonlyArray<TourPlanEntry & { readonly result?: TourReportResult }>;
}

export function registerTourCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('tour')
    .description('run the essay end to end on the bundled data, printing results and writing figures to --out')
    .addOption(backendOption())
    .option('--out <dir>', 'where figures and tour.json are written', 'out')
    .option('--quick', 'small inputs and few iterations (CI; also CHATGPT_EXPLAINED_QUICK=1)')
    .option('--only <items>', 'run only these essay items, e.g. 3.1,5.2 (the report still lists every item)')
    .addOption(jsonOption())
    .addOption(modelOption())
    .addOption(cacheDirOption())
    .addOption(offlineOption())
    .option('--web', 'instead: build the interactive essay (apps/web) and serve it locally, printing its address')
    .option('--no-build', 'with --web: serve the last build in apps/web/dist without building')
    .option('--host <host>', 'with --web: the address to listen on', '127.0.0.1')
    .option('--port <port>', 'with --web: the port (0: any free port)', integerFromTo(0, 65535), 4173)
    .action(async (options: TourOptions, command: Command) => {
      if (options.web) {
        await serveWeb(io, { build: options.build, host: options.host, port: options.port, signal: context.signal });
        return;
      }
      const quick = options.quick === true || io.env['CHATGPT_EXPLAINED_QUICK'] === '1';
      const only = onlyItems(options.only, tourPlan(TOUR_STEPS));
      const compute = await initBackend(nodeBackendRegistry(), backendRequest(command, io), { signal: context.signal });
      io.stderr.write(`backend: ${compute.backend} (${compute.reason})\n`);

      const plan = tourPlan(TOUR_STEPS);
      const data = fileEssayData();
      const outDir = resolve(io.cwd, options.out);
      const items: Array<TourPlanEntry & { result?: TourReportResult }> = [];
      const model = lazyModel(io, options, context.signal);
      for (const entry of plan) {
        const step = TOUR_STEPS.find((s) => s.item === entry.id);
        if (step === undefined || (only !== undefined && !only.has(entry.id))) {
          items.push(entry);
          continue;
        }
        context.signal.throwIfAborted();
        const bar = createProgressBar(io.stderr, { label: `${entry.id} ${entry.title}` });
        const result = await step.run({
          compute,
          data,
          quick,
          signal: context.signal,
          onProgress: (p) => bar.update(p.fraction, p.message),
          ...(model.get === undefined ? {} : { gpt2: model.get }),
        });
        bar.finish();
        const files: string[] = [];
        for (const figure of result.figures ?? []) {
          for (const ext of ['svg', 'png']) {
            const file = `${figure.name}.${ext}`;
            await writeFigure(figure.spec, resolve(outDir, file));
            files.push(file);
          }
        }
        // The report keeps each step's data and the files its figures went to, not the specs.
        const { figures: _specs, ...rest } = result;
        items.push({ ...entry, result: { ...rest, ...(files.length > 0 ? { figures: files } : {}) } });
        if (!options.json)
          io.stdout.write(
            `\n${entry.id} ${entry.title}\n${[...result.lines, ...files.filter((f) => f.endsWith('.svg')).map((f) => `figure: ${resolve(outDir, f)}`)].map((l) => `  ${l}`).join('\n')}\n`,
          );
      }

      await model.dispose();
      // A step that ignored Ctrl-C must not leave a report that looks complete.
      context.signal.throwIfAborted();
      const report: TourReport = { backend: { name: compute.backend, reason: compute.reason }, quick, items };
      await writeFileAtomic(resolve(outDir, 'tour.json'), `${JSON.stringify(report, null, 2)}\n`);
      if (options.json) {
        writeJson(io, report);
        return;
      }
      const pending = items.filter((i) => !i.runnable && !i.explainOnly);
      const ran = items.filter((i) => i.result !== undefined).length;
      const experiments = items.filter((i) => !i.explainOnly).length;
      io.stdout.write(
        `\nTour: ${ran} of ${experiments} essay experiments ran on ${compute.backend}${only ? ' (--only)' : ''}; results in ${outDir}.\n` +
          (pending.length > 0 ? `Not runnable yet: ${pending.map((i) => i.id).join(', ')}\n` : ''),
      );
    });
}
