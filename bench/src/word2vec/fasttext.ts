import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ChildResult } from '../train/spawn';
import type { Word2VecRunResult, Word2VecSettings } from '../word2vec-types';

/** The `fasttext skipgram` arguments for the pinned settings; `subwords: false` makes it plain word2vec. */
export function fasttextArgs(
  settings: Word2VecSettings,
  corpus: string,
  prefix: string,
  seed: number,
  subwords: boolean,
): string[] {
  return [
    'skipgram',
    ...['-input', corpus, '-output', prefix],
    ...['-dim', String(settings.dimensions), '-ws', String(settings.window), '-neg', String(settings.negative)],
    ...['-minCount', String(settings.minCount), '-t', String(settings.sample), '-lr', String(settings.alpha)],
    ...['-epoch', String(settings.epochs), '-thread', String(settings.workers), '-seed', String(seed)],
    // Without character n-grams fastText's skip-gram is word2vec's (and its bucket count drops to 0).
    ...(subwords ? [] : ['-minn', '0', '-maxn', '0']),
    ...['-verbose', '2'],
  ];
}

/** fastText's version line (`fasttext` has no --version; dpkg knows the Debian package's). */
export function fasttextVersion(): string | undefined {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'fasttext'], { encoding: 'utf8' });
  return dpkg.status === 0 && dpkg.stdout.trim() !== '' ? dpkg.stdout.trim() : undefined;
}

/**
 * Runs `fasttext skipgram` (writes `prefix.vec`, word2vec text format, and `prefix.bin`). Training
 * time is read from its progress output on stderr (unbuffered): from the line "Number of labels"
 * (vocabulary read: it comes after the pass that counts words) to the final "Progress: 100.0%"
 * line and its newline (all threads joined), so neither vocabulary building nor saving counts.
 */
export function runFasttext(
  command: string,
  settings: Word2VecSettings,
  corpus: string,
  prefix: string,
  seed: number,
  subwords: boolean,
  timeoutMs = 1_800_000,
): Promise<ChildResult<Word2VecRunResult>> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, fasttextArgs(settings, corpus, prefix, seed, subwords), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    timer.unref();
    let stderr = '';
    let vocabDone: number | undefined;
    let trainDone: number | undefined;
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      const now = performance.now();
      stderr += d;
      if (vocabDone === undefined && /Number of labels/.test(stderr)) vocabDone = now;
      if (trainDone === undefined && /Progress: 100\.0%[^\r]*\n/.test(stderr)) trainDone = now;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') resolve({ ok: true, value: { unavailable: `${command}: not found` } });
      else resolve({ ok: false, error: `${command}: ${error.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const ended = performance.now();
      if (status !== 0 || vocabDone === undefined || trainDone === undefined) {
        const last = stderr
          .split(/[\r\n]/)
          .filter((l) => l.trim() !== '')
          .at(-1);
        resolve({ ok: false, error: `${command} exited with ${String(status ?? signal)}: ${last ?? '(no output)'}` });
        return;
      }
      const vocabulary = /Number of words:\s*(\d+)/.exec(stderr)?.[1];
      const perThread = [...stderr.matchAll(/words\/sec\/thread:\s*(\d+)/g)].at(-1)?.[1];
      const version = fasttextVersion();
      resolve({
        ok: true,
        value: {
          ...(version !== undefined && { version }),
          trainSeconds: (trainDone - vocabDone) / 1000,
          vocabSeconds: (vocabDone - started) / 1000,
          ...(vocabulary !== undefined && { vocabulary: Number(vocabulary) }),
          timing:
            'from its "Number of labels" line (vocabulary read) to its final "Progress: 100.0%" line, read from ' +
            'its stderr as it came; process start to vocabulary and saving excluded',
          detail:
            `whole process ${((ended - started) / 1000).toFixed(1)} s` +
            (perThread === undefined ? '' : `; its own final words/sec/thread ${perThread}`),
        },
      });
    });
  });
}
