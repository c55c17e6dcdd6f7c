import { useEffect, type RefObject } from "react";

/**
 * Closes a popup (a menu, a list, a dialog) on Escape or on a press outside it, as people
 * expect of every popup. Escape is taken before the page's own Escape (which clears the
 * selection), so closing a popup does not also drop what is selected.
 */
export function useDismiss(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void, { outside = true } = {}): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      close();
    };
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close();
    };
    window.addEventListener("keydown", onKey, true);
    if (outside) document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [ref, open, close, outside]);
}
