import { parseAllDocuments, visit, type Document } from "yaml";
import type { Location } from "../types.js";
import { checkValue } from "./check-value.js";
import { PARSE_LIMITS } from "./limits.js";
import type { FieldPath, ParsedDocument, ParsedFile, ParseProblem } from "./parsed-document.js";
import { locateInYaml } from "./yaml-ast.js";
import { isBlankDocument } from "./yaml-text.js";
import { LineIndex, withLoneCrAsLf } from "./line-index.js";

/**
 * The slow, careful YAML path, for files the fast parser rejects: the `yaml` package
 * recovers after an error, so every broken document gets its own messages (up to five)
 * with positions, and the good documents of the same file are still analysed. It runs
 * only on broken files up to PARSE_LIMITS.maxRecoveryBytes. Returns undefined when even
 * this parser gives up (the caller then reports the fast parser's error).
 */
export function parseYamlRecovering(file: string, text: string): ParsedFile | undefined {
  // Positions from the analyzer's own line index: the package's LineCounter misses the line
  // breaks inside a scalar it rejects ("Unexpected scalar token"), which put later problems
  // lines too high, past the end of their line.
  const lines = new LineIndex(text);
  const problems: ParseProblem[] = [];
  const documents: ParsedDocument[] = [];
  const at = (offset: number): Location => lines.locate(file, offset);
  let docs: Document[];
  try {
    // logLevel "error": a key that is itself a list (`? [a, b]`) made the package print a Node
    // warning on stderr ("Keys with collection values will be stringified"), in the browser a
    // console warning; validation reports such a key as an unknown field instead.
    docs = parseAllDocuments(withLoneCrAsLf(text), { prettyErrors: false, uniqueKeys: true, strict: true, schema: "core", merge: true, resolveKnownTags: false, logLevel: "error" }) as Document[];
    if (!Array.isArray(docs)) return undefined;
  } catch {
    return undefined; // a stack overflow on deep nesting: the fast parser's message stands
  }
  for (const [index, doc] of docs.entries()) {
    if (index >= PARSE_LIMITS.maxDocumentsPerFile) {
      problems.push({ location: at(doc.range?.[0] ?? 0), message: `more than ${PARSE_LIMITS.maxDocumentsPerFile.toLocaleString("en-US")} documents in one file; the rest of the file is not read` });
      break;
    }
    const errors = doc.errors.filter((e) => e.code !== "MULTIPLE_DOCS");
    const tagWarnings = doc.warnings.filter((w) => w.code === "TAG_RESOLVE_FAILED");
    if (errors.length > 0 || tagWarnings.length > 0) {
      for (const error of errors.slice(0, 5)) {
        const message = error.code === "DUPLICATE_KEY" ? duplicateKeyMessage(text, error.pos[0]) : yamlMessage(error.message);
        problems.push({ location: at(error.pos[0]), message });
      }
      for (const warning of tagWarnings.slice(0, 5)) problems.push({ location: at(warning.pos[0]), message: tagMessage(warning.message) });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
    } catch (error) {
      // The yaml package throws a ReferenceError both for an alias bomb and for an alias whose
      // anchor is not set before it (a typo, or an anchor in another `---` document).
      const unresolved = error instanceof ReferenceError ? unresolvedAlias(doc) : undefined;
      if (unresolved) {
        problems.push({ location: at(unresolved.offset), message: `unknown anchor *${unresolved.name}: an alias must follow its anchor (&${unresolved.name}) in the same document; the document is not read` });
        continue;
      }
      const message =
        error instanceof ReferenceError
          ? `more than ${PARSE_LIMITS.maxAliasCount.toLocaleString("en-US")} YAML aliases expanded in one document (an alias bomb, "billion laughs"?); the document is not read`
          : `cannot read this document: ${firstLine(String(error))}`;
      problems.push({ location: at(doc.range?.[0] ?? 0), message });
      continue;
    }
    if ((value === null || value === undefined) && doc.contents === null && isBlankDocument(text.slice(doc.range?.[0] ?? 0, doc.range?.[2] ?? text.length))) continue;
    const locate = (path: FieldPath) => at(locateInYaml(doc, path).valueOffset);
    const problem = checkValue(value);
    if (problem) {
      problems.push({ location: locate(problem.path), message: problem.message });
      continue;
    }
    const locateKey = (path: FieldPath) => {
      const found = locateInYaml(doc, path);
      return at(found.keyOffset ?? found.valueOffset);
    };
    documents.push({ file, index, value, locate, locateKey, place: (kind) => ({ file, index, kind, locate, locateKey }) });
  }
  return { file, documents, problems };
}

/** The `yaml` package's messages end with " at line L, column C" and a code frame: the location is given separately. */
function yamlMessage(message: string): string {
  return firstLine(message).replace(/ at line \d+, column \d+:?$/, "");
}

function duplicateKeyMessage(text: string, offset: number): string {
  const key = /^[^:\n]*/.exec(text.slice(offset, offset + 200))?.[0]?.trim() ?? "";
  return `duplicate key ${JSON.stringify(key.replace(/^["']|["']$/g, ""))}: a key may appear once in a mapping; the document is not read`;
}

function tagMessage(message: string): string {
  const tag = /Unresolved tag: (\S+)/.exec(message)?.[1]?.replace(/^tag:yaml\.org,2002:/, "!!");
  return tag ? `unsupported YAML tag ${tag}: manifests hold plain values (strings, numbers, true/false, lists, mappings); the document is not read` : yamlMessage(message);
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** The first alias of the document whose anchor is not set before it, if any. */
function unresolvedAlias(doc: Document): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      found = { name: alias.source, offset: alias.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  return found;
}
