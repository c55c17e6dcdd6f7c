import { formatSize, PARSE_LIMITS } from "./limits.js";
import type { FieldPath } from "./parsed-document.js";

export interface ValueProblem {
  path: FieldPath;
  message: string;
}

interface Task {
  value: object;
  /** Own keys of a mapping; undefined for a list. */
  keys: string[] | undefined;
  length: number;
  next: number;
  /** Values in the subtree once aliases are expanded. */
  size: number;
  /** Nesting depth of collections in the subtree. */
  depth: number;
  /** Which child of the parent this is (the path is rebuilt from the stack only for a problem). */
  key: string | number;
}

const tooLong = (what: string, length: number) =>
  `${what} of ${length.toLocaleString("en-US")} characters is longer than the limit of ${formatSize(PARSE_LIMITS.maxStringLength)} characters; the document is not read`;

/**
 * Checks a parsed document against the limits before anything else walks it: strings
 * and keys longer than the limit, nesting too deep, a structure that contains itself (a
 * YAML anchor used inside its own node) and alias bombs, where shared nodes stand for
 * more values than a manifest could ever hold. Shared nodes are measured once (memoised
 * by identity), so a billion-laughs document is rejected in time linear in its text.
 * Iterative, so a deep document cannot overflow the stack here.
 */
export function checkValue(value: unknown): ValueProblem | undefined {
  if (typeof value !== "object" || value === null) {
    return typeof value === "string" && value.length > PARSE_LIMITS.maxStringLength ? { path: [], message: tooLong("a string", value.length) } : undefined;
  }
  const measured = new Map<object, { size: number; depth: number }>();
  const stack: Task[] = [];
  const pathTo = (extra?: string | number): FieldPath => {
    const path = stack.slice(1).map((t) => t.key);
    return extra === undefined ? path : [...path, extra];
  };
  const open = (item: object, key: string | number): ValueProblem | undefined => {
    const isList = Array.isArray(item);
    if (!isList && Object.getPrototypeOf(item) !== Object.prototype && Object.getPrototypeOf(item) !== null) {
      return { path: pathTo(key), message: "this value is not plain data (a YAML tag made it a date, binary or other object); the document is not read" };
    }
    const keys = isList ? undefined : Object.keys(item);
    if (keys) {
      for (const k of keys) if (k.length > PARSE_LIMITS.maxStringLength) return { path: pathTo(), message: tooLong("a key", k.length) };
    }
    stack.push({ value: item, keys, length: keys ? keys.length : (item as unknown[]).length, next: 0, size: 1, depth: 1, key });
    if (stack.length > PARSE_LIMITS.maxDepth) return { path: pathTo(), message: `values are nested more than ${PARSE_LIMITS.maxDepth} levels deep; the document is not read` };
    return undefined;
  };
  const first = open(value, 0);
  if (first) return first;
  while (stack.length > 0) {
    const task = stack[stack.length - 1]!;
    if (task.next < task.length) {
      const index = task.next++;
      const key: string | number = task.keys ? task.keys[index]! : index;
      const child: unknown = task.keys ? (task.value as Record<string, unknown>)[key] : (task.value as unknown[])[index];
      if (typeof child !== "object" || child === null) {
        if (typeof child === "string" && child.length > PARSE_LIMITS.maxStringLength) return { path: pathTo(key), message: tooLong("a string", child.length) };
        task.size++;
      } else if (stack.some((t) => t.value === child)) {
        return { path: pathTo(key), message: "this value contains itself (a YAML alias refers to the node around it); the document is not read" };
      } else {
        const known = measured.get(child);
        if (known) {
          task.size += known.size;
          task.depth = Math.max(task.depth, known.depth + 1);
        } else {
          const problem = open(child, key);
          if (problem) return problem;
          continue;
        }
      }
    } else {
      stack.pop();
      measured.set(task.value, { size: task.size, depth: task.depth });
      const parent = stack[stack.length - 1];
      if (!parent) return undefined;
      parent.size += task.size;
      parent.depth = Math.max(parent.depth, task.depth + 1);
    }
    const top = stack[stack.length - 1]!;
    if (top.size > PARSE_LIMITS.maxExpandedValues) {
      return { path: pathTo(), message: `this document stands for more than ${PARSE_LIMITS.maxExpandedValues.toLocaleString("en-US")} values once its YAML aliases are expanded (an alias bomb, "billion laughs"?); the document is not read` };
    }
    if (top.depth > PARSE_LIMITS.maxDepth) return { path: pathTo(), message: `values are nested more than ${PARSE_LIMITS.maxDepth} levels deep (counting YAML aliases); the document is not read` };
  }
  return undefined;
}
