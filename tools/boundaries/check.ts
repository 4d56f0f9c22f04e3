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

function isLibrary(name: string): name is Library {
  return (LIBRARIES as readonly string[]).includes(name);
}

/** Our packages the project may use: a library its allowed list, an app every library. */
function allowedFor(project: Project): ReadonlySet<string> {
  if (project.kind === 'app') return new Set(LIBRARIES.map((l) => `${SCOPE}${l}`));
  return new Set(isLibrary(project.name) ? ALLOWED[project.name].map((l) => `${SCOPE}${l}`) : []);
}

function checkManifest(project: Project): Violation[] {
  const file = `${project.dir}/package.json`;
  const { manifest } = project;
  const violations: Violation[] = [];
  const allowed = allowedFor(project);
  const own = `${SCOPE}${project.name}`;

  for (const field of DEPENDENCY_FIELDS) {
    for (const dep of Object.keys(manifest[field] ?? {})) {
      if (dep.startsWith(SCOPE) && dep !== own && !allowed.has(dep)) {
        violations.push({
          file,
          message: `${own} may not depend on ${dep} (${field}); allowed: ${[...allowed].join(', ') || 'none of ours'}`,
        });
      }
      if (project.kind === 'library' && isBackendPackage(dep)) {
        if (field === 'dependencies' || field === 'optionalDependencies') {
          violations.push({
            file,
            message: `library ${own} lists the compute backend ${dep} in ${field}; backends are optional peers of nn-core, chosen by the app`,
          });
        } else if (
          field === 'peerDependencies' &&
          (project.name !== 'nn-core' || manifest.peerDependenciesMeta?.[dep]?.optional !== true)
        ) {
          violations.push({
            file,
            message: `${dep} may only be an optional peer dependency of nn-core, not of ${own}`,
          });
        } else if (field === 'devDependencies' && project.name !== 'nn-core') {
          violations.push({
            file,
            message: `${own} lists the compute backend ${dep}; its tests reach backends through nn-core's adapters`,
          });
        }
      }
    }
  }
  if (project.kind === 'library' && manifest.dependencies?.[ENGINE_PACKAGE] !== undefined) {
    violations.push({
      file,
      message: `${ENGINE_PACKAGE} must be a peer dependency of ${own}, not a dependency (one engine per app)`,
    });
  }
  return violations;
}

function checkFile(
  project: Project,
  file: SourceFile,
  projects: readonly Project[],
  rootDevDependencies: Manifest['devDependencies'],
): Violation[] {
  const violations: Violation[] = [];
  const { manifest } = project;
  const own = `${SCOPE}${project.name}`;
  const allowed = allowedFor(project);
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const declaredForTests = new Set([
    ...declared,
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(rootDevDependencies ?? {}),
  ]);
  const fileDir = posix.dirname(file.path);

  for (const ref of file.references) {
    const at = { file: file.path, line: ref.line };
    if (ref.specifier === null) {
      violations.push({
        ...at,
        message: `${ref.how} with a computed specifier cannot be checked; use a string literal`,
      });
      continue;
    }
    const spec = ref.specifier;
    if (spec.startsWith('.') || spec.startsWith('/') || ref.how === 'reference path') {
      const target = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(fileDir, spec));
      const other = projects.find((p) => p !== project && (target === p.dir || target.startsWith(`${p.dir}/`)));
      if (other) {
        violations.push({
          ...at,
          message: `relative path "${spec}" reaches into ${other.dir}; import ${SCOPE}${other.name} instead`,
        });
      } else if (!(target === project.dir || target.startsWith(`${project.dir}/`)) && !file.isConfig) {
        // Build configs may share the repo's root config; source files stay inside their project.
        violations.push({ ...at, message: `relative path "${spec}" leaves ${project.dir}` });
      }
      continue;
    }
    if (spec.startsWith('node:') || BUILTINS.has(spec)) continue;
    const pkg = packageOf(spec);
    const tests = file.isTest || file.isConfig;

    if (pkg.startsWith(SCOPE) && pkg !== own && !allowed.has(pkg)) {
      violations.push({
        ...at,
        message: `${own} may not import ${spec}; allowed: ${[...allowed].join(', ') || 'none of ours'}`,
      });
      continue;
    }
    if (project.kind === 'library' && !tests) {
      if (spec.startsWith(ADAPTER_SUBPATH)) {
        violations.push({
          ...at,
          message: `library code imports the backend adapter ${spec}; only apps choose a backend`,
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
    }
    if (project.kind === 'library' && tests && isBackendPackage(pkg) && project.name !== 'nn-core') {
      violations.push({
        ...at,
        message: `test imports the compute backend ${pkg}; start backends through ${ADAPTER_SUBPATH}<name>`,
      });
      continue;
    }
    if (pkg === own) continue;
    if (!(tests ? declaredForTests : declared).has(pkg)) {
      violations.push({
        ...at,
        message: `${spec} is imported but ${pkg} is not declared in ${project.dir}/package.json${tests ? ' (nor in the root devDependencies)' : ''}`,
      });
    }
  }
  return violations;
}

/**
 * Checks every package.json and every import of the workspace against the allowed graph in
 * `rules.ts`: our packages, compute backends, the engine as a peer, relative paths between
 * projects, undeclared packages, and dynamic imports that cannot be checked.
 */
export function checkBoundaries(projects: readonly Project[], rootManifest: Manifest): Violation[] {
  const violations: Violation[] = [];
  for (const project of projects) {
    violations.push(...checkManifest(project));
    for (const file of project.files)
      violations.push(...checkFile(project, file, projects, rootManifest.devDependencies));
  }
  return violations;
}

/** One line per violation, for people. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.file}${v.line === undefined ? '' : `:${v.line}`}: ${v.message}`).join('\n');
}
