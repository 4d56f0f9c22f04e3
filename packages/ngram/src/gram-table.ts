/**
 * An open-addressing hash table from n-grams of integer ids to counts, over typed arrays: a slot is
 * `order + 1` consecutive `Uint32Array` entries, the ids then the count, so a lookup touches one
 * cache line; a count of 0 marks an empty slot. Counts are exact up to 2^53: the rare count that
 * passes 2^32 − 1 keeps its high part in a second array allocated only then. No strings, no objects
 * per n-gram: 4·(order + 1) bytes per slot, slots at most 80% full (linear probing).
 *
 * Memory: a large table is split into {@link SHARDS} shards by the low bits of the hash, each its
 * own array that grows on its own (by half, to any size, not only powers of two), so growing copies
 * 1/64 of the table at a time instead of allocating a whole second table beside the first, and the
 * table stays between 53% and 80% full. Where the engine has resizable `ArrayBuffer`s a shard
 * grows in place (through one reused scratch array), leaving no old array for the garbage collector.
 * A small table is one plain array (one shard) until it holds {@link SPLIT_AT} keys.
 *
 * Slots are numbered across the shards (shard by shard); a slot number stays valid until the next
 * key is added.
 */

/** Mixes the ids `ids[offset … offset + order - 1]` into a 32-bit hash (MurmurHash3's steps). */
export function hashIds(ids: ArrayLike<number>, offset: number, order: number): number {
  let h = 0x9747b28c ^ order;
  for (let i = 0; i < order; i++) {
    let k = Math.imul(ids[offset + i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const TWO_32 = 4294967296;
/** Number of shards of a large table (a power of two). */
export const SHARDS = 64;
/** A one-shard table is split into {@link SHARDS} shards when it would hold more keys than this. */
export const SPLIT_AT = 1 << 15;
/** Keys per slot a shard may reach before it grows. */
export const MAX_LOAD = 0.8;
/** How much a shard grows at a time. */
const GROWTH = 1.5;
const MIN_CAPACITY = 16;
/** Address space reserved for each shard of a large table (committed only as the shard grows). */
const SHARD_RESERVE = 1 << 28;

/** A resizable `ArrayBuffer` (ES2024; typed here, as the project's lib is ES2023). */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}

/**
 * Slots for a shard of a large table: a view of a resizable `ArrayBuffer` where the engine has them
 * (the shard then grows in place, leaving no old array behind for the garbage collector), else a
 * plain array.
 */
function shardArray(length: number): Uint32Array {
  const bytes = length * 4;
  if (bytes <= SHARD_RESERVE) {
    try {
      const Buffer = ArrayBuffer as unknown as new (
        bytes: number,
        options: { maxByteLength: number },
      ) => ResizableBuffer;
      const buffer = new Buffer(bytes, { maxByteLength: SHARD_RESERVE });
      if (buffer.resizable === true) return new Uint32Array(buffer, 0, length);
    } catch {
      // No address space to reserve: a plain array.
    }
  }
  return new Uint32Array(length);
}

/** Slots for `keys` keys at most {@link MAX_LOAD} full. */
function capacityFor(keys: number): number {
  return Math.max(MIN_CAPACITY, Math.ceil(keys / MAX_LOAD) + 1);
}

/**
 * The home slot of `hash` in a shard of `capacity` slots: ⌊hash · capacity / 2^32⌋ (a multiply, not
 * a modulo; uses the high bits of the hash, while the shard is chosen by the low bits). `scale` is
 * capacity / 2^32; the product is always below `capacity`.
 */
function home(hash: number, scale: number): number {
  return Math.floor(hash * scale);
}

/** Counts of n-grams of ids of one order (0 included: the one empty n-gram). */
export class GramTable {
  /** How many ids make one key. */
  readonly order: number;
  /** Entries per slot: the ids, then the count's low 32 bits. */
  readonly stride: number;
  /** Number of filled slots: distinct n-grams. */
  size = 0;
  /** Sum of all counts. */
  total = 0;
  /** `shards - 1`: the shard of a hash is `hash & shardMask`. */
  private shardMask = 0;
  /** By shard: the slots. */
  private datas: Uint32Array[];
  /** By shard: the high 32 bits of counts ≥ 2^32, by slot; allocated on the shard's first such count. */
  private highs: (Uint32Array | undefined)[];
  /** By shard: number of slots. */
  private capacities: number[];
  /** By shard: capacity / 2^32. */
  private scales: number[];
  /** By shard: filled slots. */
  private sizes: number[];
  /** By shard: the size at which it grows. */
  private limits: number[];
  /** By shard: the number of its first slot; `offsets[shards]` is the capacity. */
  private offsets: number[];
  private hashes = new Uint32Array(0);
  private homes = new Int32Array(0);
  private pending: number[] = [];
  /** Where a shard growing in place keeps its old slots while they are placed again. */
  private spare = new Uint32Array(0);
  /** @internal Keeps the touching pass of `addWindows` from being optimised away. */
  sink = 0;

  constructor(order: number, expected = 16) {
    this.order = order;
    this.stride = order + 1;
    const shards = expected > SPLIT_AT ? SHARDS : 1;
    const capacity = capacityFor(Math.ceil(expected / shards));
    this.shardMask = shards - 1;
    this.datas = [];
    this.highs = [];
    this.capacities = [];
    this.scales = [];
    this.sizes = [];
    this.limits = [];
    this.offsets = [0];
    for (let s = 0; s < shards; s++) {
      this.datas.push(new Uint32Array(capacity * this.stride));
      this.highs.push(undefined);
      this.capacities.push(capacity);
      this.scales.push(capacity / TWO_32);
      this.sizes.push(0);
      this.limits.push(Math.floor(capacity * MAX_LOAD));
      this.offsets.push((s + 1) * capacity);
    }
  }

  /** Number of slots, over all shards: slot numbers are 0 … capacity − 1. */
  get capacity(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  /** Number of shards. */
  get shards(): number {
    return this.shardMask + 1;
  }

  /** The shard holding slot number `slot`. */
  private shardOf(slot: number): number {
    const { offsets } = this;
    let lo = 0;
    let hi = offsets.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid]! <= slot) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The count in `slot` (0: empty). */
  countAt(slot: number): number {
    const s = this.shardOf(slot);
    const local = slot - this.offsets[s]!;
    const low = this.datas[s]![local * this.stride + this.order]!;
    const high = this.highs[s];
    return high === undefined ? low : low + high[local]! * TWO_32;
  }

  /** The i-th id of the key in `slot`. */
  idAt(slot: number, i: number): number {
    const s = this.shardOf(slot);
    return this.datas[s]![(slot - this.offsets[s]!) * this.stride + i]!;
  }

  /** The ids of the key in `slot`. */
  keyAt(slot: number): number[] {
    const s = this.shardOf(slot);
    const base = (slot - this.offsets[s]!) * this.stride;
    return Array.from(this.datas[s]!.subarray(base, base + this.order));
  }

  /** The slot holding the key `ids[offset …]`, or -1. */
  find(ids: ArrayLike<number>, offset: number): number {
    const { order, stride } = this;
    const hash = hashIds(ids, offset, order);
    const s = hash & this.shardMask;
    const data = this.datas[s]!;
    const high = this.highs[s];
    const capacity = this.capacities[s]!;
    let slot = home(hash, this.scales[s]!);
    for (;;) {
      const base = slot * stride;
      if (data[base + order] === 0 && (high === undefined || high[slot] === 0)) return -1;
      let i = 0;
      while (i < order && data[base + i] === ids[offset + i]) i++;
      if (i === order) return this.offsets[s]! + slot;
      if (++slot === capacity) slot = 0;
    }
  }

  /** The count of the key `ids[offset …]` (0 when absent). */
  get(ids: ArrayLike<number>, offset = 0): number {
    const slot = this.find(ids, offset);
    return slot < 0 ? 0 : this.countAt(slot);
  }

  /** Adds `amount` (an integer ≥ 1) to the key `ids[offset …]`. */
  add(ids: ArrayLike<number>, offset: number, amount = 1): void {
    const hash = hashIds(ids, offset, this.order);
    let s = hash & this.shardMask;
    while (this.sizes[s]! >= this.limits[s]!) {
      this.makeRoom(s, 1);
      s = hash & this.shardMask;
    }
    this.addAt(s, home(hash, this.scales[s]!), ids, offset, amount);
  }

  /** Adds `amount` to the key `ids[offset …]` in shard `s`, probing from `slot`; the shard has room. */
  private addAt(s: number, slot: number, ids: ArrayLike<number>, offset: number, amount: number): void {
    const { order, stride } = this;
    const data = this.datas[s]!;
    const high = this.highs[s];
    const capacity = this.capacities[s]!;
    for (;;) {
      const base = slot * stride;
      const low = data[base + order]!;
      if (low === 0 && (high === undefined || high[slot] === 0)) {
        for (let i = 0; i < order; i++) data[base + i] = ids[offset + i]!;
        this.size++;
        this.sizes[s]!++;
        this.bump(s, slot, base + order, 0, amount);
        return;
      }
      let i = 0;
      while (i < order && data[base + i] === ids[offset + i]) i++;
      if (i === order) {
        this.bump(s, slot, base + order, low, amount);
        return;
      }
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * Adds 1 to each of the `count` keys starting at `ids[0]`, `ids[1]`, … (overlapping windows of a
   * sequence of ids: the n-grams of a run of tokens). Same result as `add` on each, faster on large
   * tables: the keys are hashed first, every shard that could fill up is grown once, and the home
   * slots are touched in a separate pass, whose loads do not depend on each other and so overlap
   * their cache misses, before the probing pass finds them in cache.
   */
  addWindows(ids: Uint32Array, count: number): void {
    if (count <= 0) return;
    const { order, stride } = this;
    let hashes = this.hashes;
    if (hashes.length < count) {
      hashes = new Uint32Array(count);
      this.hashes = hashes;
      this.homes = new Int32Array(count);
    }
    const homes = this.homes;
    for (let i = 0; i < count; i++) hashes[i] = hashIds(ids, i, order);
    // Room for every window to be new (an upper bound, by shard).
    if (this.shardMask === 0) {
      if (this.sizes[0]! + count > this.limits[0]!) this.makeRoom(0, count);
    }
    if (this.shardMask !== 0) {
      const pending = this.pending;
      pending.length = 0;
      for (let s = 0; s <= this.shardMask; s++) pending.push(0);
      const mask = this.shardMask;
      for (let i = 0; i < count; i++) pending[hashes[i]! & mask]!++;
      for (let s = 0; s <= mask; s++) {
        if (this.sizes[s]! + pending[s]! > this.limits[s]!) this.grow(s, this.sizes[s]! + pending[s]!);
      }
    }
    const { datas, scales, shardMask } = this;
    let sink = 0;
    for (let i = 0; i < count; i++) {
      const hash = hashes[i]!;
      const s = hash & shardMask;
      const slot = home(hash, scales[s]!);
      homes[i] = slot;
      sink ^= datas[s]![slot * stride + order]!;
    }
    this.sink = sink;
    for (let w = 0; w < count; w++) this.addAt(hashes[w]! & shardMask, homes[w]!, ids, w, 1);
  }

  private bump(s: number, slot: number, at: number, low: number, amount: number): void {
    this.total += amount;
    const sum = low + amount;
    const data = this.datas[s]!;
    if (sum < TWO_32) {
      data[at] = sum;
      return;
    }
    let high = this.highs[s];
    if (high === undefined) {
      high = new Uint32Array(this.capacities[s]!);
      this.highs[s] = high;
    }
    data[at] = sum % TWO_32;
    high[slot]! += Math.floor(sum / TWO_32);
  }

  /** Calls `visit(slot, data, base)` for every filled slot, in slot order; its key is `data[base …]`. */
  forEachSlot(visit: (slot: number, data: Uint32Array, base: number) => void): void {
    const { stride, order } = this;
    for (let s = 0; s <= this.shardMask; s++) {
      const data = this.datas[s]!;
      const high = this.highs[s];
      const capacity = this.capacities[s]!;
      const offset = this.offsets[s]!;
      for (let slot = 0; slot < capacity; slot++) {
        const base = slot * stride;
        if (data[base + order] !== 0 || (high !== undefined && high[slot] !== 0)) visit(offset + slot, data, base);
      }
    }
  }

  /** Makes room in shard `s` for `more` keys: grows it, or splits a one-shard table that got large. */
  private makeRoom(s: number, more: number): void {
    const keys = this.sizes[s]! + more;
    if (this.shardMask === 0 && keys > SPLIT_AT) this.split(keys);
    else this.grow(s, keys);
  }

  /** Moves the keys of a one-shard table into {@link SHARDS} shards, each with room for its part of `keys`. */
  private split(keys: number): void {
    const { stride, order } = this;
    const old = this.datas[0]!;
    const oldHigh = this.highs[0];
    const oldCapacity = this.capacities[0]!;
    const capacity = capacityFor(Math.ceil((keys * GROWTH) / SHARDS));
    this.shardMask = SHARDS - 1;
    this.datas = [];
    this.highs = [];
    this.capacities = [];
    this.scales = [];
    this.sizes = [];
    this.limits = [];
    for (let s = 0; s < SHARDS; s++) {
      this.datas.push(shardArray(capacity * stride));
      this.highs.push(oldHigh === undefined ? undefined : new Uint32Array(capacity));
      this.capacities.push(capacity);
      this.scales.push(capacity / TWO_32);
      this.sizes.push(0);
      this.limits.push(Math.floor(capacity * MAX_LOAD));
    }
    this.updateOffsets();
    for (let from = 0; from < oldCapacity; from++) {
      const base = from * stride;
      if (old[base + order] === 0 && (oldHigh === undefined || oldHigh[from] === 0)) continue;
      this.place(old, base, oldHigh === undefined ? 0 : oldHigh[from]!);
    }
  }

  /** Grows shard `s` to room for `keys` keys (and half as many more). */
  private grow(s: number, keys: number): void {
    const { stride, order } = this;
    const old = this.datas[s]!;
    const oldHigh = this.highs[s];
    const oldCapacity = this.capacities[s]!;
    const capacity = Math.max(capacityFor(keys), Math.ceil(oldCapacity * GROWTH));
    let source = old;
    const buffer = old.buffer as ResizableBuffer;
    if (buffer.resizable === true && capacity * stride * 4 <= buffer.maxByteLength) {
      // In place: the old slots go to a scratch array kept for the next shard that grows.
      if (this.spare.length < old.length) this.spare = new Uint32Array(Math.ceil(old.length * GROWTH));
      source = this.spare;
      source.set(old);
      buffer.resize(capacity * stride * 4);
      const data = new Uint32Array(buffer, 0, capacity * stride);
      data.fill(0, 0, old.length);
      this.datas[s] = data;
    } else {
      this.datas[s] = this.shardMask === 0 ? new Uint32Array(capacity * stride) : shardArray(capacity * stride);
    }
    this.highs[s] = oldHigh === undefined ? undefined : new Uint32Array(capacity);
    this.capacities[s] = capacity;
    this.scales[s] = capacity / TWO_32;
    this.limits[s] = Math.floor(capacity * MAX_LOAD);
    this.sizes[s] = 0;
    this.updateOffsets();
    for (let from = 0; from < oldCapacity; from++) {
      const base = from * stride;
      if (source[base + order] === 0 && (oldHigh === undefined || oldHigh[from] === 0)) continue;
      this.place(source, base, oldHigh === undefined ? 0 : oldHigh[from]!);
    }
  }

  /** Puts a key known to be absent (`from[base …]`, with its count and `high` part) into its shard. */
  private place(from: Uint32Array, base: number, high: number): void {
    const { stride, order } = this;
    const hash = hashIds(from, base, order);
    const s = hash & this.shardMask;
    // Only a very uneven split can fill a shard here.
    if (this.sizes[s]! >= this.limits[s]!) this.grow(s, this.sizes[s]! + 1);
    const data = this.datas[s]!;
    const highs = this.highs[s];
    const capacity = this.capacities[s]!;
    let slot = home(hash, this.scales[s]!);
    while (data[slot * stride + order] !== 0 || (highs !== undefined && highs[slot] !== 0)) {
      if (++slot === capacity) slot = 0;
    }
    data.set(from.subarray(base, base + stride), slot * stride);
    if (highs !== undefined) highs[slot] = high;
    this.sizes[s]!++;
  }

  private updateOffsets(): void {
    const offsets = [0];
    for (let s = 0; s <= this.shardMask; s++) offsets.push(offsets[s]! + this.capacities[s]!);
    this.offsets = offsets;
  }
}

/**
 * A new table of order `to - from` holding, for every key of `table`, the ids `from … to - 1` of it,
 * with the counts summed (`distinct: false`) or with 1 per distinct key of `table` (`distinct:
 * true`: how many distinct n-grams of `table` have that part).
 */
export function project(table: GramTable, from: number, to: number, distinct: boolean): GramTable {
  const out = new GramTable(to - from, Math.min(table.size, 1 << 20));
  table.forEachSlot((slot, data, base) => {
    out.add(data, base + from, distinct ? 1 : table.countAt(slot));
  });
  return out;
}
