import type { Location } from "../types.js";
import type { Located } from "./flat-tree.js";
import { LineIndex } from "./line-index.js";
import type { DocumentPlace, FieldPath, ParsedDocument } from "./parsed-document.js";

/**
 * One file's positions, shared by its documents: `find` walks to a field's offsets, and
 * offsets become lines and columns through a line index built on first use.
 */
export abstract class FilePositions {
  private lines: LineIndex | undefined;

  constructor(
    readonly file: string,
    protected readonly text: string,
  ) {}

  /** Offsets of the field at `path` in the document whose root is node `root` (the `index`th). */
  abstract find(root: number, index: number, path: FieldPath): Located;

  at(offset: number): Location {
    return (this.lines ??= new LineIndex(this.text)).locate(this.file, offset);
  }
}

/**
 * Where a document is: a file's positions and the document's root node. One object with
 * methods on its prototype, not three closures a document (8 MB less at 10,000 models).
 */
export class Place implements DocumentPlace {
  constructor(
    readonly file: string,
    readonly index: number,
    readonly kind: string | undefined,
    protected readonly positions: FilePositions,
    protected readonly root: number,
  ) {}

  locate(path: FieldPath): Location {
    return this.positions.at(this.positions.find(this.root, this.index, path).valueOffset);
  }

  locateKey(path: FieldPath): Location {
    const found = this.positions.find(this.root, this.index, path);
    return this.positions.at(found.keyOffset ?? found.valueOffset);
  }
}

/** A parsed document: its place and its value; `place` gives the place alone, to keep. */
export class PlacedDocument extends Place implements ParsedDocument {
  constructor(
    file: string,
    index: number,
    readonly value: unknown,
    positions: FilePositions,
    root: number,
  ) {
    super(file, index, undefined, positions, root);
  }

  place(kind: string): DocumentPlace {
    return new Place(this.file, this.index, kind, this.positions, this.root);
  }
}
