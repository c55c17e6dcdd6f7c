/** True for the file names Loopscope reads as manifests (its own module: the CLI's reader thread loads no parser). */
export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}
