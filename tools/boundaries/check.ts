import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import {
  ADAPTER_DIR,
  ADAPTER_SUBPATH,
  ALLOWED,
  ENGINE_PACKAGE,
  isBackendPackage,
  LIBRARIES,
  SCOPE,
  type Library,
} from './rules';
import type { Manifest, Project, SourceFile } from './scan';

/** One place where the workspace crosses a boundary. */
export interface Violation {
  /** The package.json or source file, repo-relative. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] as const;
const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The package a dependency entry really installs: `"g": "npm:@x/y@1"` and
 * `"g": "workspace:@x/y@*"` install `@x/y` under the name `g`.
 */
export function realPackage(key: string, value: string): string {
  const alias = /^(?:npm|workspace):((?:@[^@/]+\/)?[^@]+)@/.exec(value);
  return alias?.[1] ?? key;
}

function isLibrary(name: string): name is Library {
  return (LIBRARIES as readonly string[]).includes(name);
}

/** Our packages the project may use: a library its allowed list, an app every library. */
function allowedFor(project: Project): ReadonlySet<string> {
  if (project.kind === 'app') return new Set(LIBRARIES.map((l) => `${SCOPE}${l}`));
  return new Set(isLibrary(project.name) ? ALLOWED[project.name].map((l) => `${SCOPE}${l}`) : []);
}

function ownName(project: Project): string {
  return project.manifest.name ?? `${SCOPE}${project.name}`;
}

function inside(target: string, dir: string): boolean {
  return target === dir || target.startsWith(`${dir}/`);
}

/** The entries of one dependency field as [name in node_modules, real package, value]. */
function entries(manifest: Manifest, field: (typeof DEPENDENCY_FIELDS)[number]): Array<[string, string, string]> {
  return Object.entries(manifest[field] ?? {}).map(([key, value]) => [key, realPackage(key, value), value]);
}

function checkManifest(project: Project, projects: readonly Project[]): Violation[] {
  const file = `${project.dir}/package.json`;
  const { manifest } = project;
  const violations: Violation[] = [];
  const allowed = allowedFor(project);
  const own = ownName(project);
  const library = project.kind === 'library';

  for (const field of DEPENDENCY_FIELDS) {
    for (const [key, dep, value] of entries(manifest, field)) {
      const named = key === dep ? dep : `${dep} (as "${key}")`;
      if (dep.startsWith(SCOPE) && dep !== own && !allowed.has(dep)) {
        violations.push({
          file,
          message: `${own} may not depend on ${named} (${field}); allowed: ${[...allowed].join(', ') || 'none of ours'}`,
        });
      }
      const linked = /^(?:link|file):(.+)$/.exec(value)?.[1];
      if (linked !== undefined) {
        const target = posix.normalize(posix.join(project.dir, linked));
        const other = projects.find((p) => p !== project && inside(target, p.dir));
        if (other)
          violations.push({
            file,
            message: `${own} links ${key} to ${other.dir} by path (${value}); depend on ${ownName(other)} with workspace:^`,
          });
      }
      if (library && isBackendPackage(dep)) {
        if (field === 'dependencies' || field === 'optionalDependencies') {
          violations.push({
            file,
            message: `library ${own} lists the compute backend ${named} in ${field}; backends are optional peers of nn-core, chosen by the app`,
          });
        } else if (
          field === 'peerDependencies' &&
          (project.name !== 'nn-core' || manifest.peerDependenciesMeta?.[key]?.optional !== true)
        ) {
          violations.push({
            file,
            message: `${named} may only be an optional peer dependency of nn-core, not of ${own}`,
          });
        } else if (field === 'devDependencies' && project.name !== 'nn-core') {
          violations.push({
            file,
            message: `${own} lists the compute backend ${named}; its tests reach backends through nn-core's adapters`,
          });
        }
      }
      if (library && dep === ENGINE_PACKAGE && (field === 'dependencies' || field === 'optionalDependencies')) {
        violations.push({
          file,
          message: `${ENGINE_PACKAGE} must be a peer dependency of ${own}, not in ${field} (one engine per app)`,
        });
      }
    }
  }
  return violations;
}

/** What a bare specifier's first segment names in the project's node_modules → the real package. */
type Installed = ReadonlyMap<string, { readonly real: string; readonly forTestsOnly: boolean }>;

function installedFor(project: Project, rootDevDependencies: Manifest['devDependencies']): Installed {
  const installed = new Map<string, { real: string; forTestsOnly: boolean }>();
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [key, dep] of entries(project.manifest, field)) installed.set(key, { real: dep, forTestsOnly: false });
  }
  for (const [key, dep] of entries(project.manifest, 'devDependencies'))
    if (!installed.has(key)) installed.set(key, { real: dep, forTestsOnly: true });
  for (const [key, value] of Object.entries(rootDevDependencies ?? {}))
    if (!installed.has(key)) installed.set(key, { real: realPackage(key, value), forTestsOnly: true });
  return installed;
}

function checkFile(
  project: Project,
  file: SourceFile,
  projects: readonly Project[],
  installed: Installed,
  allowed: ReadonlySet<string>,
): Violation[] {
  const violations: Violation[] = [];
  const { manifest } = project;
  const own = ownName(project);
  const library = project.kind === 'library';
  const tests = file.isTest || file.isConfig;
  const fileDir = posix.dirname(file.path);

  for (const ref of file.references) {
    const at = { file: file.path, line: ref.line };
    if (ref.specifier === null) {
      violations.push({
        ...at,
        message:
          ref.how === 'createRequire'
            ? 'a createRequire result that is passed along cannot be checked; call it in place with a string literal'
            : `${ref.how} with a computed specifier cannot be checked; use a string literal`,
      });
      continue;
    }
    const spec = ref.specifier.split('?')[0]!;
    const relativePath =
      spec.startsWith('.') || spec.startsWith('/') || ref.how === 'reference path' || ref.how === 'new URL';
    if (relativePath) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) continue; // new URL('https://…', import.meta.url): not a file
      const target = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(fileDir, spec));
      const other = projects.find((p) => p !== project && inside(target, p.dir));
      if (other) {
        violations.push({
          ...at,
          message: `relative path "${spec}" reaches into ${other.dir}; import ${ownName(other)} instead`,
        });
      } else if (target.split('/').includes('node_modules')) {
        violations.push({
          ...at,
          message: `relative path "${spec}" goes through node_modules; import the package by name`,
        });
      } else if (!inside(target, project.dir) && !file.isConfig) {
        // Build configs at a project's root may share the repo's root config; nothing else leaves.
        violations.push({ ...at, message: `relative path "${spec}" leaves ${project.dir}` });
      }
      continue;
    }
    if (spec.startsWith('node:') || BUILTINS.has(spec)) continue;
    const name = packageOf(spec);
    const entry = installed.get(name);
    const pkg = entry?.real ?? name;
    const shown = pkg === name ? spec : `${spec} (${pkg})`;

    if (pkg.startsWith(SCOPE) && pkg !== own && !allowed.has(pkg)) {
      violations.push({
        ...at,
        message: `${own} may not import ${shown}; allowed: ${[...allowed].join(', ') || 'none of ours'}`,
      });
      continue;
    }
    if (library && !tests) {
      if (`${pkg}${spec.slice(name.length)}`.startsWith(ADAPTER_SUBPATH)) {
        violations.push({
          ...at,
          message: `library code imports the backend adapter ${shown}; only apps choose a backend`,
        });
        continue;
      }
      if (isBackendPackage(pkg) && !file.path.startsWith(ADAPTER_DIR)) {
        violations.push({
          ...at,
          message: `library code imports the compute backend ${pkg}; only nn-core's adapters (${ADAPTER_DIR}) may`,
        });
        continue;
      }
      if (pkg === ENGINE_PACKAGE && manifest.peerDependencies?.[name] === undefined) {
        violations.push({
          ...at,
          message: `${own} uses ${ENGINE_PACKAGE} without listing it in peerDependencies (one engine per app)`,
        });
        continue;
      }
    }
    if (library && tests && isBackendPackage(pkg) && project.name !== 'nn-core') {
      violations.push({
        ...at,
        message: `test imports the compute backend ${pkg}; start backends through ${ADAPTER_SUBPATH}<name>`,
      });
      continue;
    }
    if (pkg === own) continue;
    // Tests, build configs and development scripts run only in the repository: devDependencies do.
    const devTime = tests || file.isScript;
    if (entry === undefined || (entry.forTestsOnly && !devTime)) {
      violations.push({
        ...at,
        message: `${shown} is imported but ${name} is not declared in ${project.dir}/package.json${devTime ? ' (nor in the root devDependencies)' : ''}`,
      });
    }
  }
  return violations;
}

/**
 * Checks every package.json and every module reference of the workspace against the allowed graph
 * in `rules.ts`: our packages (aliases, links and relative paths included), compute backends, the
 * engine as a peer, undeclared packages, and loaders whose target cannot be read.
 */
export function checkBoundaries(projects: readonly Project[], rootManifest: Manifest): Violation[] {
  const violations: Violation[] = [];
  for (const project of projects) {
    violations.push(...checkManifest(project, projects));
    const installed = installedFor(project, rootManifest.devDependencies);
    const allowed = allowedFor(project);
    for (const file of project.files) violations.push(...checkFile(project, file, projects, installed, allowed));
  }
  return violations;
}

/** One line per violation, for people. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.file}${v.line === undefined ? '' : `:${v.line}`}: ${v.message}`).join('\n');
}
