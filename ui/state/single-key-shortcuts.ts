import { useCallback, useState } from "react";

/** Kept per browser (this origin's localStorage), so the choice survives reloads. */
const KEY = "loopscope:single-key-shortcuts";

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== "off";
  } catch {
    // Storage refused (privacy settings, a sandboxed frame): the default, for this page only.
    return true;
  }
}

/**
 * Whether the one-character shortcuts (`/` for search, `j` `k` through findings) are on.
 * WCAG 2.1.4: a speech-input user saying a word types its letters, and each would act, so
 * they can be turned off. Keys with a modifier's job (arrows, Escape, Enter) stay on.
 */
export function useSingleKeyShortcuts(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      if (value) globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, "off");
    } catch {
      // Not kept: the setting still holds until the page is closed.
    }
  }, []);
  return [on, set];
}
