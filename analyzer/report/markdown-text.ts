/**
 * User text (file names, model names, messages, acknowledgement reasons, baseline entries)
 * inside GitHub-flavoured Markdown. A pull-request comment is rendered for everyone who
 * reads the pull request, so a file name must not turn into a link, an image or HTML.
 *
 * Line breaks become spaces and control characters are shown as escapes (visible-text.ts).
 * `|` is escaped everywhere: GFM reads `\|` as a literal pipe inside table cells, even inside
 * a code span, and as a backslash escape elsewhere.
 */
import { visible } from "./visible-text.js";

function oneLine(text: string): string {
  return visible(text.replace(/\r?\n/g, " "));
}

/**
 * Text as an inline code span. Backslash escapes and entities do not work inside code, so
 * the text is kept as is and fenced with more backticks than its longest backtick run,
 * padded with a space where the text starts or ends with a backtick (or with a space on
 * both sides, which CommonMark would strip).
 */
export function markdownCode(text: string, { inTable }: { inTable: boolean }): string {
  const line = oneLine(text);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^`|`$/.test(line) || (/^ .*[^ ].* $/.test(line)) ? " " : "";
  return `${fence}${pad}${inTable ? line.replace(/\|/g, "\\|") : line}${pad}${fence}`;
}

/**
 * Text as plain inline text: every character that could start Markdown syntax (code, emphasis,
 * strikethrough, links and images, HTML and autolinks, entities, table pipes, escapes) is
 * backslash-escaped, and so are the `://` and `www.` of GFM's bare web links (the escapes
 * would end up inside a link's text). `_` inside a word (`score_v1`) and `&` that starts no entity cannot
 * start syntax and stay as they are, so the source stays readable. Mentions and issue
 * references (`@team`, `#12`, `org/repo#12`, `GH-12`) get a zero-width space after their sign.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*~[\]<|]/g, "\\$&")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")
    .replace(/:(?=\/\/)|(?<=www)\./gi, "\\$&")
    // GitHub turns `@name` into a mention (a notification to that person or team) and `#12`
    // into an issue reference wherever they are text; an owner written as a team handle
    // would be pinged on every pull request. A zero-width space after the sign stops both.
    .replace(/(?<![\p{L}\p{N}_`])([@#])(?=[\p{L}\p{N}_])/gu, "$1\u200b")
    // Other repositories' issues too: `org/repo#123` and `GH-45` are references wherever they
    // are, and each posted comment would add a cross-reference to that issue.
    .replace(/(?<=[\p{L}\p{N}_])#(?=\d)/gu, "#\u200b")
    .replace(/\bGH-(?=\d)/g, "GH\u200b-");
}

/** A link destination that cannot end early: parentheses, spaces and angle brackets percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[\s()<>\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
