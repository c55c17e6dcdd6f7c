import type { SourceFile } from "../../analyzer/types.js";

/** Every file under samples/, bundled as text at build time (nothing is fetched). */
const files = import.meta.glob("../../samples/**/*.{yaml,yml,json}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const readmes = import.meta.glob("../../samples/*/README.md", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

export interface Sample {
  name: string;
  summary: string;
  sources: SourceFile[];
}

export const SAMPLES: Sample[] = (() => {
  const byName = new Map<string, SourceFile[]>();
  for (const [path, text] of Object.entries(files)) {
    const relative = path.replace(/^(\.\.\/)+/, "");
    const name = relative.split("/")[1]!;
    (byName.get(name) ?? byName.set(name, []).get(name)!).push({ path: relative, text });
  }
  return [...byName]
    .sort(([a], [b]) => (a === "bike-shop" ? -1 : b === "bike-shop" ? 1 : a < b ? -1 : 1))
    .map(([name, sources]) => {
      const readme = Object.entries(readmes).find(([p]) => p.includes(`/samples/${name}/`))?.[1] ?? "";
      const summary = readme.split("\n\n").find((p) => p.trim() && !p.startsWith("#"))?.replace(/\s+/g, " ").trim() ?? "";
      return { name, summary, sources: sources.sort((a, b) => (a.path < b.path ? -1 : 1)) };
    });
})();

/** The bundled sample a label stands for: "sample: bike-shop" is one, "sample: bike-shop + pasted" is not. */
export function sampleOf(label: string): Sample | undefined {
  return label.startsWith("sample: ") ? SAMPLES.find((s) => label === `sample: ${s.name}`) : undefined;
}
