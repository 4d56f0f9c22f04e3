import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One package or app of the workspace, as the boundary check sees it. */
export interface Project {
  /** `packages/<name>` or `apps/<name>`, with `/` separators. */
  readonly dir: string;
  readonly kind: 'library' | 'app';
  /** The directory name, e.g. `nn-core`. */
  readonly name: string;
  readonly manifest: Manifest;
  readonly files: readonly SourceFile[];
}

/** The parts of package.json the check reads. */
export interface Manifest {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** A module reference found in a source file. */
export interface ModuleReference {
  /** The specifier as written, or `null` for an `import()`/`require()` whose argument is not a literal. */
  readonly specifier: string | null;
  readonly line: number;
  readonly how:
    'import' | 'export' | 'dynamic import' | 'require' | 'import type' | 'reference path' | 'reference types';
}

export interface SourceFile {
  /** Repo-relative path with `/` separators. */
  readonly path: string;
  readonly isTest: boolean;
  /** Config files of the build tools (tsup.config.ts, vite.config.ts, …). */
  readonly isConfig: boolean;
  readonly references: readonly ModuleReference[];
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'coverage', '.turbo', '.cache']);

function listFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (SKIP_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...listFiles(path));
    else if (SOURCE.test(entry)) found.push(path);
  }
  return found;
}

/** Every module reference in `text`: static, dynamic, require, `import('x')` types, triple-slash. */
export function findReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const refs: ModuleReference[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const literal = (node: ts.Node | undefined) =>
    node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      refs.push({
        specifier: literal(node.moduleSpecifier),
        line: lineOf(node),
        how: node.importClause?.isTypeOnly ? 'import type' : 'import',
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      refs.push({ specifier: literal(node.moduleSpecifier), line: lineOf(node), how: 'export' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      refs.push({ specifier: literal(node.moduleReference.expression), line: lineOf(node), how: 'require' });
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        refs.push({ specifier: literal(node.arguments[0]), line: lineOf(node), how: 'dynamic import' });
      } else if (
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'require' &&
        node.arguments.length === 1
      ) {
        refs.push({ specifier: literal(node.arguments[0]), line: lineOf(node), how: 'require' });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      refs.push({ specifier: literal(node.argument.literal), line: lineOf(node), how: 'import type' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const pre = ts.preProcessFile(text, false, false);
  const lineAt = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  for (const ref of pre.referencedFiles)
    refs.push({ specifier: ref.fileName, line: lineAt(ref.pos), how: 'reference path' });
  for (const ref of pre.typeReferenceDirectives)
    refs.push({ specifier: ref.fileName, line: lineAt(ref.pos), how: 'reference types' });
  return refs;
}

/** Reads every project under `packages/` and `apps/` of the workspace at `root`. */
export function scanWorkspace(root: string): Project[] {
  const projects: Project[] = [];
  for (const [group, kind] of [
    ['packages', 'library'],
    ['apps', 'app'],
  ] as const) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      const manifestPath = join(dir, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const files = listFiles(dir).map((path): SourceFile => {
        const rel = relative(root, path).split('\\').join('/');
        const base = rel.slice(rel.lastIndexOf('/') + 1);
        return {
          path: rel,
          isTest: /\.test\.[cm]?[jt]sx?$/.test(base) || rel.includes('/src/testing/') || rel.includes('/test/'),
          isConfig: /\.config\.[cm]?[jt]s$/.test(base),
          references: findReferences(path, readFileSync(path, 'utf8')),
        };
      });
      projects.push({
        dir: `${group}/${name}`,
        kind,
        name,
        manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest,
        files,
      });
    }
  }
  return projects;
}
