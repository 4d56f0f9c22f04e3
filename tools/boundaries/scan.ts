import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import ts from 'typescript';

/** One package of the workspace, as the boundary check sees it. */
export interface Project {
  /** Repo-relative directory with `/` separators: `packages/<name>`, `apps/<name>`, `bench`. */
  readonly dir: string;
  /** Libraries live under `packages/`; everything else in the workspace is an app (may use all). */
  readonly kind: 'library' | 'app';
  /** The directory name, e.g. `nn-core`: the key of the allowed graph for libraries. */
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

/** How a file refers to a module. */
export type ReferenceKind =
  | 'import'
  | 'import type'
  | 'export'
  | 'dynamic import'
  | 'require'
  | 'createRequire'
  | 'require.resolve'
  | 'import.meta.resolve'
  | 'new URL'
  | 'reference path'
  | 'reference types';

/** A module reference found in a source file. */
export interface ModuleReference {
  /** The specifier as written, or `null` when it is computed or the loader escapes (cannot be checked). */
  readonly specifier: string | null;
  readonly line: number;
  readonly how: ReferenceKind;
}

export interface SourceFile {
  /** Repo-relative path with `/` separators. */
  readonly path: string;
  /** `*.test.*` files, and files under the project's own `test/` directory. */
  readonly isTest: boolean;
  /** Build-tool configs at the project's root (`tsup.config.ts`, `vite.config.ts`). */
  readonly isConfig: boolean;
  /** Development scripts under the project's own `scripts/` (never published: `files` lists `dist`). */
  readonly isScript: boolean;
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

function literal(node: ts.Node | undefined): string | null {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : null;
}

function isImportMeta(node: ts.Node): boolean {
  return ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword && node.name.text === 'meta';
}

/** `createRequire(…)`, however `createRequire` was imported. */
function isCreateRequireCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (
    (ts.isIdentifier(callee) && callee.text === 'createRequire') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 'createRequire')
  );
}

/**
 * Every module reference in `text`: static and dynamic imports, re-exports, `import('x')` types,
 * `require`, `require.resolve`, `module.require`, `import.meta.resolve`, functions made by
 * `createRequire`, `new URL('…', import.meta.url)`, and triple-slash references. A loader whose
 * argument is not a string literal, or a `createRequire` result that is passed around, is reported
 * with a `null` specifier: it cannot be checked.
 */
export function findReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const refs: ModuleReference[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (how: ReferenceKind, node: ts.Node, arg: ts.Node | undefined) =>
    refs.push({ specifier: literal(arg), line: lineOf(node), how });

  // Names bound to a createRequire(…) result: `const req = createRequire(import.meta.url)`. Such a
  // binding may only be called or `.resolve`d in place; exporting it or passing it on escapes.
  const requireFunctions = new Set<string>(['require']);
  const handledCreateRequire = new Set<ts.Node>();
  const collect = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      isCreateRequireCall(node.initializer) &&
      ts.isIdentifier(node.name)
    ) {
      const statement = node.parent.parent;
      const exported =
        ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) {
        requireFunctions.add(node.name.text);
        handledCreateRequire.add(node.initializer);
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  /** An identifier naming a createRequire binding, used other than as a call or `.resolve` target. */
  const escapes = (node: ts.Identifier): boolean => {
    if (node.text === 'require' || !requireFunctions.has(node.text)) return false;
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && parent.name === node) return false;
    if (ts.isCallExpression(parent) && parent.expression === node) return false;
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === node &&
      parent.name.text === 'resolve' &&
      ts.isCallExpression(parent.parent)
    )
      return false;
    return !(ts.isPropertyAccessExpression(parent) && parent.name === node);
  };

  const isRequireFunction = (node: ts.Expression): boolean =>
    (ts.isIdentifier(node) && requireFunctions.has(node.text)) || isCreateRequireCall(node);

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && escapes(node)) {
      refs.push({ specifier: null, line: lineOf(node), how: 'createRequire' });
    } else if (ts.isImportDeclaration(node)) {
      add(node.importClause?.isTypeOnly ? 'import type' : 'import', node, node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add('export', node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add('require', node, node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add('import type', node, node.argument.literal);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const base = node.arguments?.[1];
      if (base && ts.isPropertyAccessExpression(base) && base.name.text === 'url' && isImportMeta(base.expression)) {
        add('new URL', node, node.arguments?.[0]);
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        add('dynamic import', node, node.arguments[0]);
      } else if (isRequireFunction(callee)) {
        // require('x'), req('x'), createRequire(u)('x')
        if (isCreateRequireCall(callee)) handledCreateRequire.add(callee);
        add('require', node, node.arguments[0]);
      } else if (ts.isPropertyAccessExpression(callee)) {
        const { expression: object, name } = callee;
        if (name.text === 'resolve' && isRequireFunction(object)) {
          if (isCreateRequireCall(object)) handledCreateRequire.add(object);
          add('require.resolve', node, node.arguments[0]);
        } else if (name.text === 'require' && ts.isIdentifier(object) && object.text === 'module') {
          add('require', node, node.arguments[0]);
        } else if (name.text === 'resolve' && isImportMeta(object)) {
          add('import.meta.resolve', node, node.arguments[0]);
        }
      }
      if (isCreateRequireCall(node) && !handledCreateRequire.has(node)) {
        // Visited after its parent: the result escapes (returned, passed along, stored in a field).
        refs.push({ specifier: null, line: lineOf(node), how: 'createRequire' });
      }
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
  return refs.sort((a, b) => a.line - b.line);
}

/** The project directories named by pnpm-workspace.yaml's `packages:` list (`dir` or `dir/*`). */
export function workspaceDirs(root: string): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  const globs = [...list.matchAll(/^\s+-\s+['"]?([^'"\s#]+)['"]?/gm)].map((m) => m[1]!);
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    return existsSync(join(root, parent))
      ? readdirSync(join(root, parent))
          .sort()
          .map((name) => `${parent}/${name}`)
      : [];
  });
}

/**
 * Whether a repo-relative file of the project at `projectDir` is a test, a build config at its root,
 * or a development script under its `scripts/`.
 */
export function classify(projectDir: string, rel: string): { isTest: boolean; isConfig: boolean; isScript: boolean } {
  const inside = rel.slice(projectDir.length + 1);
  const base = basename(rel);
  return {
    isTest: /\.test\.[cm]?[jt]sx?$/.test(base) || inside.startsWith('test/'),
    isConfig: !inside.includes('/') && /\.config\.[cm]?[jt]s$/.test(base),
    isScript: inside.startsWith('scripts/'),
  };
}

/** Reads every package of the workspace at `root`, as pnpm-workspace.yaml lists them. */
export function scanWorkspace(root: string): Project[] {
  const projects: Project[] = [];
  for (const dir of workspaceDirs(root)) {
    const manifestPath = join(root, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const files = listFiles(join(root, dir)).map((path): SourceFile => {
      const rel = relative(root, path).split('\\').join('/');
      return { path: rel, ...classify(dir, rel), references: findReferences(path, readFileSync(path, 'utf8')) };
    });
    projects.push({
      dir,
      kind: dir.startsWith('packages/') ? 'library' : 'app',
      name: basename(dir),
      manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest,
      files,
    });
  }
  return projects;
}
