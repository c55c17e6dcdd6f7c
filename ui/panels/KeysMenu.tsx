import { PopupMenu } from "./PopupMenu.js";

interface Props {
  singleKeys: boolean;
  onSingleKeys: (on: boolean) => void;
}

/** The keyboard's shortcuts, and the switch for the one-character ones (docs/ui.md). */
export function KeysMenu({ singleKeys, onSingleKeys }: Props) {
  return (
    <PopupMenu title="Keys" className="menu up">
      <h2 className="menu-heading">Keyboard</h2>
      <dl className="keys">
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>search nodes and owners</dd>
        <dt>
          <kbd>↑</kbd> <kbd>↓</kbd> (<kbd>k</kbd> <kbd>j</kbd>)
        </dt>
        <dd>previous / next finding</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>close a popup, else clear the selection</dd>
        <dt>
          <kbd>Tab</kbd>
        </dt>
        <dd>the findings list and the matrix are one stop each; arrows move inside</dd>
        <dt>
          <kbd>←</kbd> <kbd>→</kbd> <kbd>+</kbd> <kbd>-</kbd> <kbd>0</kbd>
        </dt>
        <dd>on the graph (Tab to it): move, zoom, fit</dd>
      </dl>
      <label className="keys-switch">
        <input type="checkbox" checked={singleKeys} onChange={(e) => onSingleKeys(e.target.checked)} /> Single-key shortcuts (<kbd>/</kbd> <kbd>j</kbd> <kbd>k</kbd>)
      </label>
      <p className="muted keys-note">Off: only the arrows, Esc, Enter and Tab act, so dictation or a stray key press never moves the selection.</p>
    </PopupMenu>
  );
}
