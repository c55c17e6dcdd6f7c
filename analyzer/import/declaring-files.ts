import type { Notice, SourceFile } from "../types.js";
import { parseSource } from "../parse/parse-source.js";
import { isObject } from "../lineage/is-object.js";
import type { ImportedFile } from "./imported-file.js";

/** The file that declares each name among `sources` (the first by path, as lint uses the first). */
export function declaringFiles(sources: SourceFile[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseSource(source);
    if (parsed.skipped) continue;
    for (const doc of parsed.documents) {
      const name = isObject(doc.value) ? doc.value["name"] : undefined;
      if (typeof name === "string" && !files.has(name)) files.set(name, source.path);
    }
  }
  return files;
}

/**
 * Sends each imported document to the file that already declares its name, when that is not
 * its namespace's file: a team that moved a model into a file of its own got a second,
 * unedited copy in the namespace's file on the next import, and lint used that copy (the
 * first by path) over the edited one. The merge writes YAML, so a name declared in a JSON
 * manifest is left to the team, with a notice (writing YAML into it broke the file). Files keep
 * the order of their paths.
 */
export function routeToDeclaringFiles(files: ImportedFile[], declared: ReadonlyMap<string, string>): { files: ImportedFile[]; notices: Notice[] } {
  const byPath = new Map<string, ImportedFile>();
  const notices: Notice[] = [];
  const fileAt = (path: string, header: string[]) => {
    let file = byPath.get(path);
    if (!file) byPath.set(path, (file = { path, header, documents: [] }));
    return file;
  };
  for (const file of files) {
    fileAt(file.path, file.header);
    for (const document of file.documents) {
      const home = declared.get(document.name) ?? file.path;
      if (/\.json$/i.test(home)) {
        notices.push({ file: home, message: `${document.name} is declared in this JSON manifest, which the import does not rewrite; what the events add to it is left out (merge it by hand, or keep it in a YAML file)` });
        continue;
      }
      fileAt(home, file.header).documents.push(document);
    }
  }
  return { files: [...byPath.values()].filter((f) => f.documents.length > 0).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), notices };
}
