import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { initialValues, weightSeed, type Initializer } from './init';

/** What every layer's {@link Layer.call} is given besides its input. */
export interface CallContext {
  /** True while training: dropout drops, and nothing else changes. */
  readonly training: boolean;
  /** Seed of this call's random choices (dropout masks): the same seed gives the same masks. */
  readonly seed: number;
  /** This layer's dotted path in the model (`''` for the root), e.g. `blocks.2.attn`. */
  readonly path: string;
  /** Receives every layer output and tap, by path, when activations are being captured. */
  readonly record?: ((path: string, value: tf.Tensor) => void) | undefined;
  /** Checked before each child layer runs. */
  readonly signal?: AbortSignal | undefined;
}

/** A weight as a layer declares it, before the model is initialised. */
interface WeightSpec {
  readonly shape: readonly number[];
  readonly init: Initializer;
  readonly trainable: boolean;
}

/** A weight of a model: its full dotted name and the variable that holds it. */
export interface NamedWeight {
  /** Dotted path, e.g. `1.weight` or `h.0.attn.c_attn.bias` (PyTorch's `named_parameters` style). */
  readonly name: string;
  readonly variable: tf.Variable;
  readonly trainable: boolean;
}

/** Options of {@link Layer.initialize}. */
export interface InitializeOptions {
  /** Seed of the initialisers (a safe integer; default 0). */
  readonly seed?: number;
  /**
   * Values for some weights, by dotted name (row-major, the weight's size): e.g. a checkpoint's
   * tensors, so loading does not first draw random numbers. Weights it returns `undefined` for are
   * initialised from the seed. It is called once per weight, in declaration order.
   */
  readonly values?: (name: string, shape: number[]) => ArrayLike<number> | undefined;
}

/** Options of {@link Layer.apply}. */
export interface ApplyOptions {
  /** Training mode: dropout drops. Default false. */
  readonly training?: boolean;
  /** Seed of dropout masks in training mode. Default 0. */
  readonly seed?: number;
  /** Checked before every layer; an aborted signal throws its reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A layer: its own weights (declared with shapes and initialisers, created by {@link initialize}),
 * its child layers, and a forward computation. Layers nest: a model is just the outermost layer, and
 * every layer has the model methods (named weights, parameter counts, capture, dispose).
 *
 * Tensor code in {@link call} works on tfjs-core ops, on whatever backend the app made active; it
 * must not dispose its input and should create no tensors outside the result (callers run it inside
 * `tf.tidy`, as {@link apply} does).
 */
export abstract class Layer {
  /** What the layer is, e.g. `Dense`, `Conv2D`. */
  abstract readonly kind: string;

  private readonly specs = new Map<string, WeightSpec>();
  private readonly values = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Layer>();
  private readonly tapNames: string[] = [];

  /** The forward computation. Use {@link callChild} to run child layers, so capture sees them. */
  abstract call(x: tf.Tensor, ctx: CallContext): tf.Tensor;

  /** Declares a weight of this layer; its variable is created by {@link initialize}. */
  protected addWeight(name: string, shape: readonly number[], init: Initializer, trainable = true): void {
    this.specs.set(name, { shape: [...shape], init, trainable });
  }

  /** Adds a child layer under `name` and returns it. */
  protected addChild<L extends Layer>(name: string, layer: L): L {
    if (!(layer instanceof Layer)) {
      throw new NnCoreError('INVALID_ARGUMENT', `${this.kind}: child "${name}" is not a Layer`, {
        argument: name,
        value: layer,
        expected: 'a Layer',
      });
    }
    this.children.set(name, layer);
    return layer;
  }

  /** Declares an intermediate tensor a layer reports through {@link tap} (e.g. attention `probs`). */
  protected addTap(name: string): void {
    this.tapNames.push(name);
  }

  /** The variable of one of this layer's own weights. Initialises the model with seed 0 if needed. */
  protected w(name: string): tf.Variable {
    const v = this.values.get(name);
    if (v) return v;
    if (!this.specs.has(name)) throw new NnCoreError('NAME_UNKNOWN', `${this.kind}: no weight "${name}"`);
    throw new NnCoreError('INVALID_ARGUMENT', `${this.kind}: weights are not initialised; call initialize() first`, {
      argument: 'initialize',
    });
  }

  /** Runs child `name` on `x` and records its output for capture. */
  protected callChild(name: string, x: tf.Tensor, ctx: CallContext): tf.Tensor {
    const child = this.children.get(name);
    if (!child) throw new NnCoreError('NAME_UNKNOWN', `${this.kind}: no child layer "${name}"`);
    ctx.signal?.throwIfAborted();
    const path = joinPath(ctx.path, name);
    const out = child.call(x, { ...ctx, path, seed: (ctx.seed ^ hashPath(path)) >>> 0 });
    ctx.record?.(path, out);
    return out;
  }

  /** Reports an intermediate tensor as `<path>.<name>` for capture. */
  protected tap(ctx: CallContext, name: string, value: tf.Tensor): void {
    ctx.record?.(joinPath(ctx.path, name), value);
  }

  /** This layer's children, in the order they were added. */
  childLayers(): ReadonlyArray<readonly [string, Layer]> {
    return [...this.children];
  }

  /**
   * Creates every weight of this layer and its children from their initialisers. Each weight's
   * values depend only on `seed` and its full name, so adding a layer does not change the others.
   * Existing weights are replaced (and disposed). Returns the layer.
   */
  initialize(options: InitializeOptions = {}): this {
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed)) {
      throw new NnCoreError('INVALID_ARGUMENT', `initialize: seed must be a safe integer, got ${String(seed)}`, {
        argument: 'seed',
        value: seed,
        expected: 'a safe integer',
      });
    }
    this.visit('', (path, layer) => {
      for (const [name, spec] of layer.specs) {
        const full = joinPath(path, name);
        const given = options.values?.(full, [...spec.shape]);
        const size = spec.shape.reduce((a, b) => a * b, 1);
        if (given !== undefined && given.length !== size) {
          throw new NnCoreError(
            'SHAPE_MISMATCH',
            `initialize: values for ${full} have ${given.length} numbers; its shape [${spec.shape.join(', ')}] needs ${size}`,
            { argument: full, value: given.length, expected: `${size} values` },
          );
        }
        const values =
          given === undefined
            ? initialValues(spec.init, spec.shape, weightSeed(seed, full))
            : given instanceof Float32Array
              ? given
              : Float32Array.from(given);
        layer.values.get(name)?.dispose();
        const initial = tf.tensor(values, [...spec.shape], 'float32');
        layer.values.set(name, tf.variable(initial, spec.trainable));
        initial.dispose(); // the variable holds its own reference to the data
      }
    });
    return this;
  }

  /** True once {@link initialize} has created the weights. */
  get initialized(): boolean {
    let all = true;
    this.visit('', (_path, layer) => {
      for (const name of layer.specs.keys()) if (!layer.values.has(name)) all = false;
    });
    return all;
  }

  /** Every weight, in declaration order, with its dotted name. */
  namedWeights(): NamedWeight[] {
    this.ensureInitialized();
    const out: NamedWeight[] = [];
    this.visit('', (path, layer) => {
      for (const [name, spec] of layer.specs) {
        out.push({ name: joinPath(path, name), variable: layer.values.get(name)!, trainable: spec.trainable });
      }
    });
    return out;
  }

  /** The trainable variables, in {@link namedWeights} order. */
  trainableVariables(): tf.Variable[] {
    return this.namedWeights()
      .filter((w) => w.trainable)
      .map((w) => w.variable);
  }

  /** The variable named `name`; throws `NAME_UNKNOWN` listing the names that exist. */
  weight(name: string): tf.Variable {
    const found = this.namedWeights().find((w) => w.name === name);
    if (found) return found.variable;
    throw unknownName(
      'weight',
      name,
      this.namedWeights().map((w) => w.name),
    );
  }

  /**
   * Sets weights by name from tensors or flat arrays (row-major). Every name and shape is checked
   * before any weight changes, so a bad entry leaves the model as it was.
   */
  setWeights(weights: Readonly<Record<string, tf.Tensor | ArrayLike<number>>>): void {
    const byName = new Map(this.namedWeights().map((w) => [w.name, w.variable]));
    for (const [name, value] of Object.entries(weights)) {
      const variable = byName.get(name);
      if (!variable) throw unknownName('weight', name, [...byName.keys()]);
      const size = value instanceof tf.Tensor ? value.size : value.length;
      const sameShape = value instanceof tf.Tensor ? tf.util.arraysEqual(value.shape, variable.shape) : true;
      if (size !== variable.size || !sameShape) {
        const seen = value instanceof tf.Tensor ? `shape [${value.shape.join(', ')}]` : `${size} values`;
        throw new NnCoreError(
          'SHAPE_MISMATCH',
          `setWeights: ${name} has shape [${variable.shape.join(', ')}]; got ${seen}`,
          { argument: name, value: seen, expected: `shape [${variable.shape.join(', ')}]` },
        );
      }
    }
    for (const [name, value] of Object.entries(weights)) {
      const variable = byName.get(name)!;
      tf.tidy(() => {
        const t = value instanceof tf.Tensor ? value : tf.tensor(Float32Array.from(value), variable.shape, 'float32');
        variable.assign(t.dtype === 'float32' ? t : tf.cast(t, 'float32'));
      });
    }
  }

  /** Copies of every weight's values, by name (row-major float32). */
  async readWeights(): Promise<Record<string, { shape: number[]; data: Float32Array }>> {
    const out: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const { name, variable } of this.namedWeights()) {
      out[name] = { shape: [...variable.shape], data: Float32Array.from(await variable.data()) };
    }
    return out;
  }

  /**
   * Frees the values of weight `name` (a dotted name from {@link namedWeights}) when another
   * representation takes over its job, such as a quantised matrix: the weight stays in
   * `namedWeights()` as an empty ([0]) non-trainable variable, as `Dense.setQuantizedWeight` does,
   * and is no longer counted by `parameterCount()`. A later `initialize()` keeps it empty. Throws
   * `NAME_UNKNOWN` for a name that does not exist.
   */
  releaseWeight(name: string): void {
    let found: { layer: Layer; local: string } | undefined;
    const known: string[] = [];
    this.visit('', (path, layer) => {
      for (const local of layer.specs.keys()) {
        const full = joinPath(path, local);
        known.push(full);
        if (full === name) found = { layer, local };
      }
    });
    if (!found) throw unknownName('weight', name, known);
    const { layer, local } = found;
    layer.specs.set(local, { shape: [0], init: 'zeros', trainable: false });
    const old = layer.values.get(local);
    if (old) {
      old.dispose();
      const empty = tf.zeros([0], 'float32');
      layer.values.set(local, tf.variable(empty, false));
      empty.dispose();
    }
  }

  /** The number of weights (trainable or not), like PyTorch's `sum(p.numel())`. */
  parameterCount(): number {
    let n = 0;
    this.visit('', (_path, layer) => {
      for (const spec of layer.specs.values()) n += spec.shape.reduce((a, b) => a * b, 1);
    });
    return n;
  }

  /** Paths whose values {@link Layer.run}-style capture can return: every layer and every tap. */
  capturePaths(): string[] {
    const out: string[] = [];
    this.visit('', (path, layer) => {
      if (path) out.push(path);
      for (const tap of layer.tapNames) out.push(joinPath(path, tap));
    });
    return out;
  }

  /** One row per layer: path, kind, and the weights it owns (children not included). */
  summary(): Array<{ path: string; kind: string; parameters: number }> {
    const rows: Array<{ path: string; kind: string; parameters: number }> = [];
    this.visit('', (path, layer) => {
      let parameters = 0;
      for (const spec of layer.specs.values()) parameters += spec.shape.reduce((a, b) => a * b, 1);
      rows.push({ path: path || '(root)', kind: layer.kind, parameters });
    });
    return rows;
  }

  /**
   * Runs the layer on `x` inside `tf.tidy` and returns the output (the caller disposes it). Weights
   * not yet initialised are initialised with seed 0.
   */
  apply(x: tf.Tensor, options: ApplyOptions = {}): tf.Tensor {
    options.signal?.throwIfAborted();
    this.ensureInitialized();
    return tf.tidy(() => {
      const y = this.call(x, {
        training: options.training ?? false,
        seed: (options.seed ?? 0) >>> 0,
        path: '',
        signal: options.signal,
      });
      // A layer may return its input (dropout at inference, a linear activation); the caller owns
      // the result and may dispose it, so never hand back the caller's own tensor.
      return y === x ? tf.clone(y) : y;
    });
  }

  /** Disposes every weight. The layer can be initialised again afterwards. */
  dispose(): void {
    this.visit('', (_path, layer) => {
      for (const v of layer.values.values()) v.dispose();
      layer.values.clear();
    });
  }

  /** Calls `fn` on this layer and every descendant, depth first, with dotted paths. */
  protected visit(path: string, fn: (path: string, layer: Layer) => void): void {
    fn(path, this);
    for (const [name, child] of this.children) child.visit(joinPath(path, name), fn);
  }

  private ensureInitialized(): void {
    if (!this.initialized) this.initialize({ seed: 0 });
  }
}

/** `a.b`, or `b` when `a` is empty. */
export function joinPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

function hashPath(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The `NAME_UNKNOWN` error, listing a few names that do exist. */
export function unknownName(what: string, name: string, known: readonly string[]): NnCoreError {
  const shown = known.slice(0, 12).join(', ') + (known.length > 12 ? `, … (${known.length} in all)` : '');
  return new NnCoreError('NAME_UNKNOWN', `no ${what} named "${name}"; known: ${shown || '(none)'}`, {
    argument: what,
    value: name,
    expected: shown,
  });
}
