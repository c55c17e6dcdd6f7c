/**
 * The SQLite parts of the UI, mounted by the app: the SQL console over the loaded estate,
 * the history viewer for files written by `loopscope lint --db`, and the workspace menu.
 * Styles: ./sql.css (imported here, class names prefixed `sql-`).
 */
import "./sql.css";

export { SqlConsole, type SqlConsoleProps } from "./SqlConsole.js";
export { HistoryView, type HistoryViewProps } from "./HistoryView.js";
export { WorkspaceMenu, type WorkspaceMenuProps } from "./WorkspaceMenu.js";
