// `pnpm check:boundaries`: prints every boundary violation of the workspace and exits 1 if any.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBoundaries, formatViolations } from './check';
import { scanWorkspace, type Manifest } from './scan';

const root = join(import.meta.dirname, '../..');
const violations = checkBoundaries(
  scanWorkspace(root),
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest,
);
if (violations.length > 0) {
  process.stderr.write(`${formatViolations(violations)}\n${violations.length} boundary violation(s)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('dependency boundaries: no violations\n');
}
