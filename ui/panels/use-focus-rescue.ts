import { useEffect } from "react";

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Focus that fell to the page because the element holding it went away when pressed (the
 * status bar's Cancel, the SQL console's Cancel, "Draw all", the findings list's last "Show
 * more"): moved to the nearest part of the page that is still there, its first control, so
 * keyboard users keep their place instead of starting again from the top. Focus that left on
 * purpose (a click on the page, another window) is left alone: its element is still shown.
 *
 * Checked after a key press or a click as well as on `focusout`: Chromium reports focus leaving
 * a removed element, Firefox and Safari do not.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    // The focused element and its ancestors, kept while it is still in the page.
    let chain: Element[] = [];
    let scheduled = false;
    const onFocusIn = (event: FocusEvent) => {
      chain = [];
      for (let at = event.target instanceof Element ? event.target : null; at && at !== document.body; at = at.parentElement) chain.push(at);
    };
    const check = () => {
      if (scheduled) return;
      scheduled = true;
      // After React has committed what the press changed, and after useFocusLanding had its say.
      requestAnimationFrame(() => {
        scheduled = false;
        if (document.activeElement && document.activeElement !== document.body) return;
        const left = chain[0];
        if (!left) return;
        if (left.isConnected && shown(left)) {
          chain = []; // it left on purpose: a later key press must not pull focus back in
          return;
        }
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
    const onFocusOut = (event: FocusEvent) => {
      if (!event.relatedTarget) check();
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", check, true);
    document.addEventListener("click", check, true);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
      document.removeEventListener("keydown", check, true);
      document.removeEventListener("click", check, true);
    };
  }, []);
}

function shown(element: Element): boolean {
  return typeof element.checkVisibility === "function" ? element.checkVisibility() : true;
}
