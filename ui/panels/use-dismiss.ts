import { useEffect, useRef, type RefObject } from "react";

/**
 * Closes a popup (a menu, a list, a dialog) on Escape or on a press outside it, as people
 * expect of every popup. Escape is taken before the page's own Escape (which clears the
 * selection), so closing a popup does not also drop what is selected.
 *
 * A popup that stays open while the rest of the page is used (the list of problems) gives its
 * `opener`: it then takes Escape only when focus is in it, on the opener or nowhere; elsewhere
 * Escape belongs to the control that has focus (the sample picker being browsed puts itself
 * back; the list stayed open and the picker kept the sample it was not asked to open). A modal
 * dialog gives none and takes Escape wherever focus is.
 */
export function useDismiss(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void, { outside = true, opener }: { outside?: boolean; opener?: RefObject<HTMLElement | null> } = {}): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const target = event.target as Node | null;
      const ours = !target || target === document.body || ref.current?.contains(target) || opener?.current?.contains(target);
      if (opener && !ours) return;
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
  }, [ref, open, close, outside, opener]);
}

/**
 * Gives focus back to the control that opened a popup when it closes with focus inside it (or
 * with focus lost to the page): Escape in the Workspace menu or closing the paste dialog left
 * keyboard users at the top of the page, and screen readers lost their place.
 */
export function useFocusBack(open: boolean, opener: RefObject<HTMLElement | null>, popup: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const active = document.activeElement;
    const lost = !active || active === document.body || (popup.current !== null && popup.current.contains(active) && active !== opener.current);
    if (lost) opener.current?.focus();
  }, [open, opener, popup]);
}
