import type { State } from "js-yaml";
import { YamlTree } from "./yaml-tree.js";

/**
 * js-yaml reports every node it composes through its `listener` option: "open" where the
 * node begins, "close" with the value built. Recording those events in flat arrays gives
 * the positions of every value at little cost on top of the parse (bench/RESULTS.md).
 *
 * The frames are js-yaml's call tree, not the YAML node tree, so they are read with care:
 * - a mapping frame has a key frame then a value frame for each entry;
 * - a sequence frame has one frame per item;
 * - a scalar or flow collection in block context is composed twice (the outer attempt
 *   wraps an inner one with the same value): `unwrap` skips such wrappers.
 * When the shape does not match the value (an explicit `? key` with no value, an empty
 * `-` item, a rolled-back attempt), lookups return undefined and the caller finds the
 * position with the slower `yaml` package instead.
 */
/** The recording buffers, grown by doubling and kept for the next file. */
const scratch = { starts: new Int32Array(1 << 12), ends: new Int32Array(1 << 12) };

export class FrameRecorder {
  /** Where each frame starts and where its subtree ends. */
  private starts: Int32Array;
  private ends: Int32Array;
  /** The value each frame built: read while the file is parsed, dropped by `finish`. */
  private readonly results: unknown[] = [];
  private count = 0;
  /** Frame numbers of the documents' root nodes, in order. */
  readonly roots: number[] = [];
  /** Documents (by index) with a string longer than, or nesting deeper than, the limits (checked exactly later). */
  readonly nearLimits = new Set<number>();
  private readonly stack: number[] = [];
  /** Sequences are copied at their exact size (see the listener) unless the file may hold an anchor (`&`). */
  private readonly exactLists: boolean;

  /** `onRoot` runs before each document's root node; it may throw to stop reading. */
  constructor(
    private readonly text: string,
    private readonly onRoot: (position: number, count: number) => void,
    private readonly limits: { maxStringLength: number; maxDepth: number } = { maxStringLength: Infinity, maxDepth: Infinity },
  ) {
    // Recording goes into buffers shared by every file (one file is read at a time), and
    // `finish` copies out exactly what this file needs.
    this.starts = scratch.starts;
    this.ends = scratch.ends;
    this.exactLists = !text.includes("&");
  }

  /**
   * The file's positions, kept for the analysis (yaml-tree.ts), and each document root's
   * value. The tree holds numbers, not the values, so the parsed values can be collected
   * as soon as validation has made its own copies.
   */
  finish(): { tree: YamlTree; values: unknown[] } {
    const tree = YamlTree.fromFrames(this.text, this.starts.subarray(0, this.count), this.ends.subarray(0, this.count), this.results);
    return { tree, values: this.roots.map((root) => this.results[root]) };
  }

  /** True while a document is being read (so an error now belongs to that document). */
  get insideDocument(): boolean {
    return this.stack.length > 0;
  }

  readonly listener = (event: "open" | "close", state: State): void => {
    if (event === "open") {
      if (this.stack.length === 0) this.onRoot(state.position, this.roots.length);
      if (this.count === this.starts.length) this.grow();
      this.stack.push(this.count);
      if (this.stack.length > this.limits.maxDepth) this.nearLimits.add(this.roots.length);
      this.starts[this.count] = state.position;
      this.results.push(undefined);
      this.count++;
      return;
    }
    const frame = this.stack.pop();
    if (frame === undefined) return;
    let result: unknown = state.result;
    // js-yaml grows each sequence by push, which leaves a short list 17 slots long (a quarter
    // of the parsed values' memory at 10,000 models). The parent takes `state.result` after
    // this event, so an exact copy put there replaces it. Not in a file that may have anchors
    // (aliases would hold the original), nor for a wrapper frame (its inner frame, the next
    // one, already holds the copy).
    if (this.exactLists && Array.isArray(result) && result.length > 0 && !(this.count > frame + 1 && this.results[frame + 1] === result)) {
      result = state.result = result.slice();
    }
    this.results[frame] = result;
    this.ends[frame] = this.count;
    if (typeof result === "string" && result.length > this.limits.maxStringLength) this.nearLimits.add(this.roots.length);
    if (this.stack.length === 0) this.roots.push(frame);
  };

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = scratch.starts = starts;
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = scratch.ends = ends;
  }
}
