/**
 * A compact form for long lists of plain data (the import's timeline and comparison rows) on
 * their way from the worker to the page. Structured clone copies every string of every object
 * (a 100,000-line log's steps repeat the same few function and file names 100,000 times) and
 * hands the page hundreds of thousands of fresh strings at once, whose garbage collection froze
 * the tab for 100+ ms at a time on a loaded machine. Here:
 * - short strings are interned: sent once per import, then shared by every object using them;
 * - long ones (explanations, dmesg lines) travel end to end in one text per chunk, and the page
 *   takes them as slices of it (V8 keeps a slice as a pointer into that text, not a copy);
 * - object keys are sent once per shape, numbers and structure in typed arrays that are
 *   transferred, not copied.
 * Plain data only: objects, arrays, strings, numbers, booleans, null and undefined.
 */

/** What one chunk is on the wire. */
export interface Packed {
  /** How many top-level items the chunk holds. */
  count: number;
  /** One tag per value, depth first. */
  tags: Uint8Array;
  /** The numbers, in order. */
  nums: Float64Array;
  /** Table ids, array lengths and text lengths, in order. */
  ints: Uint32Array;
  /** Strings interned by this chunk, appended to the table the earlier chunks built. */
  strings: string[];
  /** Object shapes (their keys, in order) first seen in this chunk. */
  shapes: string[][];
  /** The chunk's long strings, end to end. */
  text: string;
}

const enum Tag {
  Undefined,
  Null,
  False,
  True,
  Number,
  /** A string of the table: ints holds its id. */
  Interned,
  /** A string of the chunk's text: ints holds its length. */
  Text,
  /** ints holds the length; the items follow. */
  Array,
  /** ints holds the shape id; the values follow, one per key. */
  Object,
  /** The array or object that follows is frozen: later uses in the chunk are `Same`. */
  Frozen,
  /** ints holds how many frozen values of the chunk came before the one meant. */
  Same,
}

/** Strings up to this length are interned (names, kinds, labels); longer ones go in the text. */
const INTERN_MAX = 40;
/** Interned strings per import at most: a log of unique short strings must not grow it forever. */
const TABLE_MAX = 1 << 16;

/** Every empty array is one on the page already (EMPTY). */
const isEmptyArray = (v: object): boolean => Array.isArray(v) && v.length === 0;

/** Shapes seen, as a tree of their keys in order: a node with an id ends a shape. */
interface ShapeNode {
  id?: number;
  next: Map<string, ShapeNode>;
}

/** The worker's side: one per import, so each chunk sends only the strings and shapes it adds. */
export class Packer {
  private readonly strings = new Map<string, number>();
  private readonly shapes: ShapeNode = { next: new Map() };
  private shapeCount = 0;

  pack(items: readonly unknown[]): { packed: Packed; transfer: ArrayBuffer[] } {
    const tags: number[] = [];
    const nums: number[] = [];
    const ints: number[] = [];
    const newStrings: string[] = [];
    const newShapes: string[][] = [];
    const text: string[] = [];
    // Frozen values are shared by their makers (one `request` line for every step that answers
    // the same request): sent once per chunk, and one object for all of them on the page too.
    const frozen = new Map<object, number>();

    const str = (s: string): void => {
      // Long strings are not looked up: hashing every explanation would cost more than sending it.
      let id = s.length <= INTERN_MAX ? this.strings.get(s) : undefined;
      if (id === undefined && s.length <= INTERN_MAX && this.strings.size < TABLE_MAX) {
        id = this.strings.size;
        this.strings.set(s, id);
        newStrings.push(s);
      }
      if (id !== undefined) {
        tags.push(Tag.Interned);
        ints.push(id);
      } else {
        tags.push(Tag.Text);
        ints.push(s.length);
        text.push(s);
      }
    };

    const value = (v: unknown): void => {
      if (v === undefined) tags.push(Tag.Undefined);
      else if (v === null) tags.push(Tag.Null);
      else if (typeof v === 'boolean') tags.push(v ? Tag.True : Tag.False);
      else if (typeof v === 'number') {
        tags.push(Tag.Number);
        nums.push(v);
      } else if (typeof v === 'string') str(v);
      else if (typeof v === 'object' && frozen.has(v)) {
        tags.push(Tag.Same);
        ints.push(frozen.get(v) as number);
      } else if (typeof v === 'object' && Object.isFrozen(v) && !isEmptyArray(v)) {
        // Numbered before what it holds: the page numbers it the same way.
        frozen.set(v, frozen.size);
        tags.push(Tag.Frozen);
        open(v);
      } else open(v);
    };
    /** An array's or object's own encoding. */
    const open = (v: unknown): void => {
      if (Array.isArray(v)) {
        tags.push(Tag.Array);
        ints.push(v.length);
        for (const x of v) value(x);
      } else if (
        typeof v === 'object' &&
        v !== null &&
        Object.getPrototypeOf(v) === Object.prototype
      ) {
        const keys = Object.keys(v);
        // A key at a time down the tree of shapes seen: no joined string, so [''] and [] differ.
        let node = this.shapes;
        for (const k of keys) {
          let next = node.next.get(k);
          if (!next) node.next.set(k, (next = { next: new Map() }));
          node = next;
        }
        let id = node.id;
        if (id === undefined) {
          if (keys.includes('__proto__')) throw new Error('compact: a key named __proto__');
          id = node.id = this.shapeCount++;
          newShapes.push(keys);
        }
        tags.push(Tag.Object);
        ints.push(id);
        for (const k of keys) value((v as Record<string, unknown>)[k]);
      } else throw new Error(`compact: plain data only, not ${Object.prototype.toString.call(v)}`);
    };

    for (const x of items) value(x);
    const packed: Packed = {
      count: items.length,
      tags: Uint8Array.from(tags),
      nums: Float64Array.from(nums),
      ints: Uint32Array.from(ints),
      strings: newStrings,
      shapes: newShapes,
      text: text.join(''),
    };
    // Typed arrays made by `from` own plain ArrayBuffers, never shared ones.
    const transfer = [packed.tags, packed.nums, packed.ints].map((a) => a.buffer as ArrayBuffer);
    return { packed, transfer };
  }
}

/** Shared by every empty array unpacked (most steps change no region): frozen, so never written. */
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The page's side: one per import. Every chunk is `absorb`ed in the order it was packed (that
 * builds the tables); after that, chunks can be unpacked in any order, or never.
 */
export class Unpacker {
  private readonly strings: string[] = [];
  private readonly shapes: string[][] = [];
  /** Per shape, an object with its keys in order (values undefined), copied to make one. */
  private readonly templates: Record<string, unknown>[] = [];

  absorb(p: Packed): void {
    for (const s of p.strings) this.strings.push(s);
    for (const keys of p.shapes) {
      this.shapes.push(keys);
      this.templates.push(Object.fromEntries(keys.map((k) => [k, undefined])));
    }
  }

  unpack(p: Packed): unknown[] {
    const { tags, nums, ints, text } = p;
    const strings = this.strings;
    const shapes = this.shapes;
    const templates = this.templates;
    let t = 0;
    let n = 0;
    let i = 0;
    let at = 0;
    /** The chunk's frozen values, in the order the packer numbered them. */
    const same: unknown[] = [];
    const value = (): unknown => {
      switch (tags[t++] as Tag) {
        case Tag.Undefined:
          return undefined;
        case Tag.Null:
          return null;
        case Tag.False:
          return false;
        case Tag.True:
          return true;
        case Tag.Number:
          return nums[n++];
        case Tag.Interned: {
          const s = strings[ints[i++] as number];
          if (s === undefined) throw new Error('compact: a string from a chunk not unpacked');
          return s;
        }
        case Tag.Text: {
          const end = at + (ints[i++] as number);
          const s = text.slice(at, end);
          at = end;
          return s;
        }
        case Tag.Array: {
          const length = ints[i++] as number;
          if (length === 0) return EMPTY;
          // Made at its length: grown by push, a one-item array held room for 17.
          const a = new Array<unknown>(length);
          for (let k = 0; k < length; k++) a[k] = value();
          return a;
        }
        case Tag.Object: {
          const keys = shapes[ints[i++] as number];
          if (!keys) throw new Error('compact: a shape from a chunk not unpacked');
          // A copy of the shape's template has room for every key in the object itself: no
          // separate, grown property store per object.
          const o: Record<string, unknown> = { ...templates[ints[i - 1] as number] };
          for (const k of keys) o[k] = value();
          return o;
        }
        case Tag.Frozen: {
          const k = same.push(undefined) - 1;
          return (same[k] = Object.freeze(value()));
        }
        case Tag.Same: {
          const k = ints[i++] as number;
          if (k >= same.length) throw new Error('compact: a shared value not seen before');
          return same[k];
        }
        default:
          throw new Error(`compact: unknown tag ${tags[t - 1]}`);
      }
    };
    const out: unknown[] = [];
    for (let k = 0; k < p.count; k++) out.push(value());
    if (t !== tags.length || n !== nums.length || i !== ints.length || at !== text.length)
      throw new Error('compact: a chunk did not end where its data did');
    return out;
  }
}
