/** True for the file names Loopscope reads as manifests (its own module: the CLI's reader thread loads no parser). */
export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** True for the OpenLineage event files `import openlineage` and `lint --lineage` read in folders. */
export function isLineagePath(path: string): boolean {
  return /\.(json|ndjson|jsonl)$/i.test(path);
}

/** Which files a folder walk lists: manifests, or OpenLineage event files. */
export type WalkedFiles = "manifests" | "lineage";

export function walkedFileTest(files: WalkedFiles): (path: string) => boolean {
  return files === "lineage" ? isLineagePath : isManifestPath;
}

/**
 * Loopscope's own files, which sit beside the manifests (the README puts the schema there for
 * editors; `init` writes the config; `baseline` the baseline): skipped without a notice, which
 * every run repeated about files the user knows are not manifests.
 */
export function isLoopscopeOwnFile(path: string): boolean {
  return /(^|[/\\])(loopscope\.config\.(ya?ml|json)|loopscope\.schema\.json|loopscope\.config\.schema\.json|loopscope-baseline\.json)$/.test(path);
}
