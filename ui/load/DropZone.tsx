import { useState, type ReactNode } from "react";
import { pickDrop, type PickedFile } from "./read-files.js";

/** The whole page accepts dropped files and folders. */
export function DropZone({ children, onFiles }: { children: ReactNode; onFiles: (files: PickedFile[], label: string) => void }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className="drop-root"
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes("Files")) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void pickDrop(e.dataTransfer).then((files) => onFiles(files, `${files.length} dropped file${files.length === 1 ? "" : "s"}`));
      }}
    >
      {children}
      {over && <div className="drop-overlay">Drop manifests or a folder to analyse them. Nothing leaves this browser.</div>}
    </div>
  );
}
