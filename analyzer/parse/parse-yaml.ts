import { loadAll, YAMLException, type LoadOptions } from "js-yaml";
import { parseAllDocuments, type Document } from "yaml";
import type { Location } from "../types.js";
import { checkValue } from "./check-value.js";
import { LineIndex, withLoneCrAsLf } from "./line-index.js";
import { PARSE_LIMITS } from "./limits.js";
import type { FieldPath, ParsedDocument, ParsedFile, ParseProblem } from "./parsed-document.js";
import { parseYamlRecovering } from "./parse-yaml-recovering.js";
import { locateFlat, type Located } from "./flat-tree.js";
import { locateInYaml } from "./yaml-ast.js";
import { FrameRecorder } from "./yaml-frames.js";
import type { YamlTree } from "./yaml-tree.js";
import { FilePositions, PlacedDocument } from "./document-place.js";
import { MANIFEST_YAML_SCHEMA } from "./yaml-schema.js";
import { isBlankDocument } from "./yaml-text.js";

/** Thrown from the parse listener to stop reading a file with too many documents. */
class TooManyDocuments extends Error {
  constructor(readonly position: number) {
    super("too many documents");
  }
}

/**
 * Reads a YAML stream: every `---` document, with exact positions for every field.
 *
 * The `yaml` package keeps a full syntax tree and was about 10x slower than js-yaml on
 * a 10,000-model estate (bench/RESULTS.md), so the common case, a well-formed file, is
 * read by js-yaml with its node listener recording where each value starts. A file that
 * js-yaml rejects is re-read by the `yaml` package, which recovers after errors and
 * reports each broken document separately (parse-yaml-recovering.ts).
 */
export function parseYaml(file: string, text: string): ParsedFile {
  const at = (offset: number): Location => new LineIndex(text).locate(file, offset);
  const recorder = new FrameRecorder(
    text,
    (position, count) => {
      if (count >= PARSE_LIMITS.maxDocumentsPerFile) throw new TooManyDocuments(position);
    },
    PARSE_LIMITS,
  );
  let failure: ParseProblem | undefined;
  let lastRootIsComplete = true;
  let stoppedAt = text.length;
  try {
    // js-yaml's maxDepth counts its nested calls (up to two per level): a safety net against
    // stack overflow; the exact limit is checkValue's.
    loadAll(text, null, { schema: MANIFEST_YAML_SCHEMA, listener: recorder.listener, maxDepth: PARSE_LIMITS.maxDepth * 2 + 2 } as LoadOptions);
  } catch (error) {
    if (error instanceof TooManyDocuments) {
      stoppedAt = error.position;
      failure = { location: at(error.position), message: `more than ${PARSE_LIMITS.maxDocumentsPerFile.toLocaleString("en-US")} documents in one file; the rest of the file is not read` };
    } else if (error instanceof YAMLException) {
      const isDepth = /maxDepth/.test(error.reason);
      if (!isDepth && text.length <= PARSE_LIMITS.maxRecoveryBytes) {
        const recovered = parseYamlRecovering(file, text);
        if (recovered) return recovered;
      }
      failure = jsYamlProblem(file, error, isDepth);
      // An error between documents may have ended the last one early; drop it.
      lastRootIsComplete = recorder.insideDocument;
    } else if (error instanceof RangeError) {
      failure = { location: { file, line: 1, column: 1 }, message: "this file is too deeply nested to read" };
      lastRootIsComplete = recorder.insideDocument;
    } else throw error;
  }
  const { tree, values } = recorder.finish();
  const rootCount = lastRootIsComplete ? recorder.roots.length : recorder.roots.length - 1;
  const positions = new YamlPositions(file, text, tree);
  const problems: ParseProblem[] = [];
  const documents: ParsedDocument[] = [];
  const mayShare = text.includes("*");
  for (let index = 0; index < rootCount; index++) {
    const root = recorder.roots[index]!;
    const value = values[index];
    const nextRoot = recorder.roots[index + 1];
    const end = nextRoot === undefined ? stoppedAt : tree.starts[nextRoot]!;
    if (value === null && isBlankDocument(text.slice(tree.starts[root], end))) continue;
    // Without aliases a document is a tree: the value walk is needed only for aliases
    // (bombs, self-reference) or when the listener saw a long string or deep nesting.
    const problem = mayShare || recorder.nearLimits.has(index) ? checkValue(value) : undefined;
    if (problem) {
      problems.push({ location: positions.at(positions.find(root, index, problem.path).valueOffset), message: problem.message });
      continue;
    }
    documents.push(new PlacedDocument(file, index, value, positions, root));
  }
  if (failure) problems.push(failure);
  return { file, documents, problems };
}

function jsYamlProblem(file: string, error: YAMLException, isDepth: boolean): ParseProblem {
  const mark = error.mark as { line?: number; column?: number } | undefined;
  const location = { file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
  if (isDepth) return { location, message: `values are nested more than ${PARSE_LIMITS.maxDepth} levels deep; the rest of the file is not read` };
  const tag = /^unknown tag !<(.*)>/.exec(error.reason)?.[1];
  if (tag) return { location, message: `unsupported YAML tag ${tag.replace(/^tag:yaml\.org,2002:/, "!!")}: manifests hold plain values; the rest of the file is not read` };
  return { location, message: `${error.reason}; the rest of the file is not read` };
}

/** Positions in a YAML file: the flat tree, and the `yaml` package's tree where its shape does not match. */
class YamlPositions extends FilePositions {
  /** Parsed on the first look-up the flat tree cannot answer. */
  private slowDocs: Document[] | undefined;

  constructor(
    file: string,
    text: string,
    private readonly tree: YamlTree,
  ) {
    super(file, text);
  }

  find(root: number, index: number, path: FieldPath): Located {
    return locateFlat(this.text, this.tree, root, path) ?? this.slowLocate(index, path, this.tree.starts[root]!);
  }

  private slowLocate(index: number, path: FieldPath, fallback: number): Located {
    try {
      this.slowDocs ??= parseAllDocuments(withLoneCrAsLf(this.text), { uniqueKeys: false, schema: "core", merge: true, resolveKnownTags: false, logLevel: "error" }) as Document[];
      const doc = this.slowDocs[index];
      return doc ? locateInYaml(doc, path) : { valueOffset: fallback };
    } catch {
      return { valueOffset: fallback };
    }
  }
}
