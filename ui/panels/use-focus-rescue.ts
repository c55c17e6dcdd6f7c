import { useEffect } from "react";

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Focus that fell to the page because the element holding it went away when pressed (the
 * status bar's Cancel, the SQL console's Cancel, "Draw all", the findings list's last "Show
 * more"): moved to the nearest part of the page that is still there, its first control, so
 * keyboard users keep their place instead of starting again from the top. Focus that left on
 * purpose (a click on the page, another window) is left alone: its element is still shown.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    let pending: Element[] | null = null;
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget) return;
      const chain: Element[] = [];
      for (let at = event.target instanceof Element ? event.target : null; at && at !== document.body; at = at.parentElement) chain.push(at);
      pending = chain;
      // After React has committed what the press changed, and after useFocusLanding had its say.
      requestAnimationFrame(() => {
        if (pending !== chain) return;
        pending = null;
        if (document.activeElement && document.activeElement !== document.body) return;
        const left = chain[0];
        if (!left || (left.isConnected && shown(left))) return;
        for (const area of chain.slice(1)) {
          if (!area.isConnected || !shown(area)) continue;
          const spot = [...area.querySelectorAll<HTMLElement>(FOCUSABLE)].find(shown);
          if (spot) {
            spot.focus();
            return;
          }
        }
      });
    };
    document.addEventListener("focusout", onFocusOut);
    return () => document.removeEventListener("focusout", onFocusOut);
  }, []);
}

function shown(element: Element): boolean {
  return typeof element.checkVisibility === "function" ? element.checkVisibility() : true;
}
