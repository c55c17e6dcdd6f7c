import { useState, type RefObject } from "react";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  graph: EstateGraph | undefined;
  owners: string[];
  onNode: (id: string) => void;
  onOwner: (owner: string) => void;
}

/** Search over node names, owners and descriptions, with suggestions (a datalist). */
export function SearchBox({ inputRef, graph, owners, onNode, onOwner }: Props) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const suggestions = !graph || q.length === 0 ? [] : [
    ...[...graph.nodes.filter((n) => n.id.toLowerCase().includes(q)), ...graph.nodes.filter((n) => !n.id.toLowerCase().includes(q) && (n.description ?? "").toLowerCase().includes(q))]
      .slice(0, 30)
      .map((n) => ({ value: n.id, label: `${n.kind}${n.owner ? ` · ${n.owner}` : ""}` })),
    ...owners.filter((o) => o.toLowerCase().includes(q)).slice(0, 10).map((o) => ({ value: `owner:${o}`, label: "owner" })),
  ];
  /** A picked suggestion, or Enter: the node or owner it names, else the first suggestion (a name, then a description, then an owner). */
  const submit = (value: string) => {
    if (value.startsWith("owner:")) return onOwner(value.slice(6));
    if (graph?.nodes.some((n) => n.id === value)) return onNode(value);
    const first = suggestions[0]?.value;
    if (first !== undefined) submit(first);
  };
  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        submit(query.trim());
      }}
    >
      <input
        ref={inputRef}
        type="search"
        placeholder="Search nodes, owners…  /"
        aria-label="Search"
        list="search-suggestions"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          // Picking a suggestion from the list selects it straight away; typing a name that
          // happens to exist on the way to a longer one (bike-recommender/top10) does not.
          const picked = (e.nativeEvent as InputEvent).inputType === "insertReplacementText" || (e.nativeEvent as InputEvent).inputType === undefined;
          const value = e.target.value;
          if (picked && (value.startsWith("owner:") || graph?.nodes.some((n) => n.id === value))) submit(value);
        }}
      />
      <datalist id="search-suggestions">
        {suggestions.map((s) => (
          <option key={s.value} value={s.value} label={s.label} />
        ))}
      </datalist>
    </form>
  );
}
