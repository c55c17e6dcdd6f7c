import { useEffect, useRef, type RefObject } from "react";

/**
 * When what had focus goes away because of a selection (a node link in the detail panel, a
 * SQL row, a history finding: the panel is replaced or the view switched to the graph), focus
 * lands on the detail panel's heading instead of falling back to the page, where keyboard
 * users started again from the top and screen readers lost their place. Focus that is
 * elsewhere (the findings list, search) is left alone.
 */
export function useFocusLanding(panel: RefObject<HTMLElement | null>, areas: RefObject<HTMLElement | null>[], changed: readonly unknown[]): void {
  const wasInside = useRef(false);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as Node;
      wasInside.current = [panel, ...areas].some((area) => area.current?.contains(target) ?? false);
    };
    document.addEventListener("focusin", onFocusIn);
    return () => document.removeEventListener("focusin", onFocusIn);
    // The refs are stable; the listener is set once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (!wasInside.current) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || (active instanceof HTMLElement && typeof active.checkVisibility === "function" && !active.checkVisibility());
    if (lost) panel.current?.querySelector<HTMLElement>("h2[tabindex]")?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, changed);
}
