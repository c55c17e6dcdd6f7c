import { useCallback, useRef, useState, type ReactNode } from "react";
import { useDismiss, useFocusBack } from "./use-dismiss.js";

/** A header menu (a `<details>`) that closes on Escape and on a press outside it. */
export function PopupMenu({ title, children, className = "menu" }: { title: string; children: ReactNode; className?: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => {
    if (menu.current) menu.current.open = false;
    setOpen(false);
  }, []);
  useDismiss(menu, open, close);
  useFocusBack(open, summary, menu);
  return (
    <details ref={menu} className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary ref={summary}>{title}</summary>
      <div className="menu-body">{children}</div>
    </details>
  );
}
