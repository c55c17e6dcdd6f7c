import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { SourceFile } from "../../analyzer/types.js";
import { SAMPLES, sampleOf } from "./samples.js";
import { pickFileList, type PickedFile } from "./read-files.js";
import { useDismiss, useFocusBack } from "../panels/use-dismiss.js";
import { readable, shortLabel } from "../panels/readable-text.js";

/** Keys that move a closed `<select>` to another option without opening it. */
const BROWSING_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

interface Props {
  label: string;
  sources: SourceFile[];
  onLoad: (sources: SourceFile[], label: string) => void;
  /** Picked files: their texts are read in the analysis worker. */
  onFiles: (files: PickedFile[], label: string) => void;
}

/** Samples, file and folder pickers, and paste: every way to get manifests in. */
export function LoadBar({ label, sources, onLoad, onFiles }: Props) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  // Escape cancels; a press outside does not (it would throw away what was pasted).
  const pasteButton = useRef<HTMLButtonElement>(null);
  useDismiss(dialog, pasting, useCallback(() => setPasting(false), []), { outside: false });
  useFocusBack(pasting, pasteButton, dialog);
  const [text, setText] = useState("");
  const browsing = useRef(false);
  const [browsed, setBrowsed] = useState<string | null>(null);
  // Another estate arrived (a drop, a paste): what was being browsed no longer applies.
  useEffect(() => setBrowsed(null), [label]);
  const open = (name: string) => {
    setBrowsed(null);
    const sample = SAMPLES.find((s) => s.name === name);
    if (sample && sample !== sampleOf(label)) onLoad(sample.sources, `sample: ${sample.name}`);
  };
  const pick = (input: HTMLInputElement | null, kind: string) => {
    if (!input?.files || input.files.length === 0) return;
    performance.clearMarks("loopscope:files-picked");
    performance.mark("loopscope:files-picked");
    const picked = pickFileList(input.files);
    onFiles(picked, `${picked.length} ${kind}`);
    input.value = "";
  };
  return (
    <div className="loadbar">
      <select
        aria-label="Sample estate"
        aria-describedby="sample-hint"
        title={sampleOf(label) ? undefined : readable(label)}
        value={browsed ?? sampleOf(label)?.name ?? ""}
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          if (BROWSING_KEYS.has(e.key) || (e.key.length === 1 && e.key !== " ")) {
            // The change such a key makes is dispatched before the next task; a change after
            // that came from the open list (mouse, or Enter there), which does open at once.
            browsing.current = true;
            setTimeout(() => (browsing.current = false), 0);
          } else if (e.key === "Enter" && browsed !== null) {
            e.preventDefault();
            open(browsed);
          } else if (e.key === "Escape" && browsed !== null) {
            e.stopPropagation();
            setBrowsed(null);
          }
        }}
        onBlur={() => browsed !== null && open(browsed)}
        onChange={(e) => {
          // Arrow keys and type-ahead on the closed picker change it one sample at a time; each
          // would replace the estate (WCAG 3.2.2). They choose, Enter or leaving the picker opens.
          if (browsing.current) {
            browsing.current = false;
            setBrowsed(e.target.value);
          } else open(e.target.value);
        }}
      >
        <option value="" disabled>
          {sampleOf(label) ? "samples" : shortLabel(label) || "samples"}
        </option>
        {SAMPLES.map((s) => (
          <option key={s.name} value={s.name} title={s.summary}>
            sample: {s.name}
          </option>
        ))}
      </select>
      <span id="sample-hint" hidden>
        Arrow keys choose a sample; Enter opens it.
      </span>
      <button type="button" onClick={() => files.current?.click()} title="Open manifest files (.yaml, .yml, .json)">
        Open files
      </button>
      <button type="button" onClick={() => folder.current?.click()} title="Open a folder of manifests">
        Open folder
      </button>
      <button ref={pasteButton} type="button" onClick={() => setPasting(true)} title="Paste YAML or JSON">
        Paste
      </button>
      <input ref={files} data-testid="file-input" type="file" multiple accept=".yaml,.yml,.json,.ndjson" hidden onChange={(e) => pick(e.currentTarget, "files")} />
      <input ref={folder} data-testid="folder-input" type="file" multiple hidden {...({ webkitdirectory: "" } as object)} onChange={(e) => pick(e.currentTarget, "files from a folder")} />
      {pasting && (
        <div ref={dialog} className="modal" role="dialog" aria-modal="true" aria-label="Paste manifests" onKeyDown={keepFocusIn}>
          <div className="modal-body">
            <h2>Paste manifests (YAML or JSON)</h2>
            <textarea value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} placeholder={"apiVersion: loopscope/v1\nkind: Model\nname: my-model\n..."} autoFocus />
            <div className="modal-actions">
              <button type="button" onClick={() => setPasting(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                disabled={!text.trim()}
                onClick={() => {
                  const path = pastedName(sources, /^\s*[[{]/.test(text) ? "json" : "yaml");
                  onLoad([...sources, { path, text }], label ? `${label} + pasted` : "pasted");
                  setPasting(false);
                  setText("");
                }}
              >
                Add and analyse
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

/** `pasted-N.yaml` with the first N no loaded file has: a picked file may be named so too, and one path holds one text. */
export function pastedName(sources: readonly SourceFile[], extension: string): string {
  const taken = new Set(sources.map((s) => s.path));
  let n = 1;
  while (taken.has(`pasted-${n}.yaml`) || taken.has(`pasted-${n}.json`)) n++;
  return `pasted-${n}.${extension}`;
}

/** Tab and Shift+Tab go round the dialog's controls instead of out to the page behind it. */
function keepFocusIn(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== "Tab") return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>("textarea, button:not([disabled]), input, select")];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
