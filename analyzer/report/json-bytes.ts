/**
 * The bytes of `JSON.stringify(value)` in UTF-8, written straight into byte buffers.
 *
 * Why not `JSON.stringify` and an encoder: at 40,000 findings the stringified report is
 * 38 MB of strings that V8 builds as chains of pieces and must flatten before anything can
 * encode them (about 0.25 s), then encode (0.15-0.3 s: two-byte strings when one message
 * holds a "→"), and all of it is garbage the collector then has to deal with. Writing the
 * bytes directly is about a third faster and allocates only the output chunks.
 *
 * Same bytes as `JSON.stringify` for every value JSON can hold: property order of
 * `Object.keys`, `undefined` and functions skipped in objects and `null` in arrays,
 * non-finite numbers as `null`, strings escaped by `JSON.stringify` itself whenever they
 * are not plain printable ASCII (so lone surrogates and control characters come out the
 * same). An object with `toJSON` (a Date) is handed to `JSON.stringify` whole.
 */

/** Printable ASCII without `"` and `\`: written as is, one byte per character. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const QUOTE = 34;
const COMMA = 44;
const encoder = new TextEncoder();

class ByteWriter {
  /** Full chunks waiting to be taken. */
  readonly ready: Uint8Array[] = [];
  private buffer: Uint8Array;
  private at = 0;
  /** With `reuse`: the buffer of the chunk handed out before the current one, free once that chunk was taken. */
  private spare: Uint8Array | undefined;
  /** `"key":` per key: reports repeat a few dozen keys hundreds of thousands of times. */
  private readonly keys = new Map<string, Uint8Array>();

  constructor(
    private readonly chunkBytes: number,
    private readonly reuse = false,
  ) {
    this.buffer = new Uint8Array(chunkBytes);
  }

  /** Makes room for `bytes` more, moving the filled part to `ready` when it would not fit. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = new Uint8Array(bytes);
  }

  flush(): void {
    if (this.at === 0) return;
    // Two buffers in turn when the consumer is done with each chunk before taking the next:
    // a fresh megabyte per chunk is memory the kernel must map (38 MB for 40,000 findings).
    // A chunk still waiting to be taken (an element longer than a chunk) forces a fresh one.
    const free = this.reuse && this.ready.length === 0 ? this.spare : undefined;
    this.ready.push(this.buffer.subarray(0, this.at));
    if (this.reuse && this.ready.length === 1) this.spare = this.buffer;
    this.buffer = free ?? new Uint8Array(this.chunkBytes);
    this.at = 0;
  }

  /** ASCII text known to need no escaping (numbers, punctuation, literals). */
  ascii(text: string): void {
    this.room(text.length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  private encoded(json: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.room(json.length * 3);
    this.at += encoder.encodeInto(json, this.buffer.subarray(this.at)).written;
  }

  string(text: string): void {
    if (!PLAIN.test(text)) {
      this.encoded(JSON.stringify(text));
      return;
    }
    this.room(text.length + 2);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    buffer[at++] = QUOTE;
    this.at = at;
  }

  key(name: string, first: boolean): void {
    let bytes = this.keys.get(name);
    if (bytes === undefined) {
      bytes = encoder.encode(`${JSON.stringify(name)}:`);
      this.keys.set(name, bytes);
    }
    this.room(bytes.length + 1);
    if (!first) this.buffer[this.at++] = COMMA;
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  value(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.string(value);
        return;
      case "number":
        this.ascii(Number.isFinite(value) ? String(value) : "null");
        return;
      case "boolean":
        this.ascii(value ? "true" : "false");
        return;
      case "object":
        if (value === null) this.ascii("null");
        else if (typeof (value as { toJSON?: unknown }).toJSON === "function") this.encoded(JSON.stringify(value));
        else if (Array.isArray(value)) this.array(value);
        else this.object(value as Record<string, unknown>);
        return;
      default:
        // JSON.stringify(undefined) is not JSON at all; only reachable for a bare undefined.
        this.ascii("null");
    }
  }

  array(items: readonly unknown[]): void {
    this.ascii("[");
    for (let i = 0; i < items.length; i++) this.item(items, i);
    this.ascii("]");
  }

  /** The `i`th element of an array and the comma before it. */
  item(items: readonly unknown[], i: number): void {
    if (i > 0) this.ascii(",");
    const item = items[i];
    if (skipped(item)) this.ascii("null");
    else this.value(item);
  }

  object(record: Record<string, unknown>): void {
    this.ascii("{");
    // for-in visits own string keys in Object.keys order (then inherited ones, skipped here),
    // from V8's enum cache: no key array per object, of which a report has 250,000.
    let first = true;
    for (const name in record) {
      if (!hasOwn.call(record, name)) continue;
      const value = record[name];
      if (skipped(value)) continue;
      this.key(name, first);
      first = false;
      this.value(value);
    }
    this.ascii("}");
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** The keys JSON.stringify writes, in its order (own enumerable string keys, skipped values left out). */
function writtenKeys(record: Record<string, unknown>): string[] {
  const names = Object.keys(record);
  let kept = 0;
  for (const name of names) if (!skipped(record[name])) names[kept++] = name;
  names.length = kept;
  return names;
}

export interface JsonBytesOptions {
  /** ASCII text after the JSON (a newline). */
  suffix?: string | undefined;
  chunkBytes?: number | undefined;
  /**
   * Hand out chunks that are only valid until the next one is taken (the generator then
   * writes into the same two buffers in turn). For consumers that write each chunk out at
   * once; a stream that may keep a chunk needs the default, a fresh buffer per chunk.
   */
  reuse?: boolean | undefined;
}

/**
 * `JSON.stringify(value)` plus `suffix`, as UTF-8 chunks of about `chunkBytes` each. The
 * elements of a top-level array, or of an array directly inside a top-level object (a
 * report's `findings`), are written one by one and chunks are handed out as they fill, so
 * the whole text is never held at once.
 */
export function* jsonBytes(value: unknown, { suffix = "", chunkBytes = 1 << 20, reuse = false }: JsonBytesOptions = {}): Generator<Uint8Array> {
  const writer = new ByteWriter(chunkBytes, reuse);
  const ready = writer.ready;
  function* drain(): Generator<Uint8Array> {
    while (ready.length > 0) yield ready.shift()!;
  }
  // Arrays are walked here rather than inside the writer so that chunks leave between elements.
  function* arrayInParts(items: readonly unknown[]): Generator<Uint8Array> {
    writer.ascii("[");
    for (let i = 0; i < items.length; i++) {
      writer.item(items, i);
      if (ready.length > 0) yield* drain();
    }
    writer.ascii("]");
  }
  if (Array.isArray(value)) yield* arrayInParts(value);
  else if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
    const record = value as Record<string, unknown>;
    writer.ascii("{");
    const names = writtenKeys(record);
    for (let i = 0; i < names.length; i++) {
      const item = record[names[i]!];
      writer.key(names[i]!, i === 0);
      if (Array.isArray(item)) yield* arrayInParts(item);
      else writer.value(item);
      yield* drain();
    }
    writer.ascii("}");
  } else writer.value(value);
  writer.ascii(suffix);
  writer.flush();
  yield* drain();
}
