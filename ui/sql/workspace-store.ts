import type { SourceFile } from "../../analyzer/types.js";

/** The last workspace, kept in IndexedDB so a page reload comes back to it. */
export interface StoredWorkspace {
  label: string;
  sources: SourceFile[];
  savedAt: string;
}

const DB_NAME = "loopscope";
const STORE = "workspace";
const KEY = "last";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB open failed"));
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error("IndexedDB transaction failed"));
        };
      }),
  );
}

export async function loadLastWorkspace(): Promise<StoredWorkspace | undefined> {
  const value = await run<unknown>("readonly", (store) => store.get(KEY));
  if (typeof value !== "object" || value === null) return undefined;
  const stored = value as Partial<StoredWorkspace>;
  if (!Array.isArray(stored.sources) || typeof stored.label !== "string") return undefined;
  return { label: stored.label, sources: stored.sources, savedAt: String(stored.savedAt ?? "") };
}

export async function saveLastWorkspace(workspace: StoredWorkspace): Promise<void> {
  await run("readwrite", (store) => store.put(workspace, KEY));
}
