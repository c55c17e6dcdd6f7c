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
    ...graph.nodes.filter((n) => n.id.toLowerCase().includes(q) || (n.description ?? "").toLowerCase().includes(q)).slice(0, 30).map((n) => ({ value: n.id, label: `${n.kind}${n.owner ? ` · ${n.owner}` : ""}` })),
    ...owners.filter((o) => o.toLowerCase().includes(q)).slice(0, 10).map((o) => ({ value: `owner:${o}`, label: "owner" })),
  ];
  const submit = (value: string) => {
    if (value.startsWith("owner:")) return onOwner(value.slice(6));
    const exact = graph?.nodes.find((n) => n.id === value) ?? graph?.nodes.find((n) => n.id.toLowerCase().includes(value.toLowerCase()));
    if (exact) onNode(exact.id);
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
          // Picking a suggestion from the list selects it straight away.
          if (graph?.nodes.some((n) => n.id === e.target.value)) submit(e.target.value);
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
