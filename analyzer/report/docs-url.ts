/**
 * Where Loopscope's documentation lives. Reporters link each rule to its page in the
 * repository (docs/rules/<id>.md) so SARIF viewers, PR comments and JUnit output all point
 * at the same text the project ships. The base is one constant; reporters take a
 * `docsBaseUrl` option for forks and mirrors.
 */
export const REPOSITORY_URL = "https://github.com/loopscope/loopscope";
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/`;

/** Absolute URL of a file in the repository, e.g. docsUrl("docs/ci.md"). */
export function docsUrl(path: string, base: string = DOCS_BASE_URL): string {
  return `${base.endsWith("/") ? base : `${base}/`}${path}`;
}

/** The documentation page of one rule. */
export function ruleDocsUrl(id: string, base: string = DOCS_BASE_URL): string {
  return docsUrl(`docs/rules/${encodeURIComponent(id)}.md`, base);
}

/** The raw file behind a docs URL, for tools that fetch it (a JSON Schema for editors). */
export const RAW_BASE_URL = "https://raw.githubusercontent.com/loopscope/loopscope/main/";
