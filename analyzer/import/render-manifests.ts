import { Document } from "yaml";
import type { ImportedFile } from "./imported-file.js";
import { visible } from "../report/visible-text.js";

/** YAML text of a freshly imported file: the header comment, then one document per manifest. */
export function renderImportedFile(file: ImportedFile): string {
  return joinDocuments(file.documents.map((d, i) => {
    const doc = new Document(d);
    if (i === 0) doc.commentBefore = headerComment(file.header);
    return doc;
  }));
}

/** `# ` is added by the yaml printer; an empty header line stays an empty comment line. */
export function headerComment(lines: string[]): string {
  // Namespaces and file names come from other systems' events: a comment is read in terminals too.
  return lines.map((l) => ` ${visible(l)}`).join("\n");
}

export function joinDocuments(docs: Document[]): string {
  return docs
    .map((doc) => doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/^---\n/, ""))
    .join("---\n");
}
