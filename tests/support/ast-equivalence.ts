// Compares two syntax trees for meaning, ignoring how they were written: spans, the raw text of
// numbers, `=` versus `is`, and parenthesis-only differences (`a and (b and c)` is `a and b and c`,
// since `and` and `or` are associative). Comments are compared as a multiset of their texts.

import type { Model } from "../../src/ast/nodes.js";

/** Keys that record how something was written, not what it means. */
const WRITING_KEYS = new Set(["span", "nameSpan", "raw", "pointsRaw", "spelled", "source", "comments"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `and` / `or` chains become one n-ary node, so the grouping of equal operators does not matter. */
function flatten(node: Record<string, unknown>, kind: string, into: unknown[]): unknown[] {
  for (const side of [node.left, node.right] as Record<string, unknown>[]) {
    if (side && side.kind === kind) flatten(side, kind, into);
    else into.push(side);
  }
  return into;
}

function normalize(value: unknown): Json {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && Object.is(value, -0)) return 0;
    return value as Json;
  }
  if (Array.isArray(value)) return value.map(normalize);
  const node = value as Record<string, unknown>;
  if ((node.kind === "and" || node.kind === "or") && "left" in node && "right" in node) {
    return { kind: node.kind as string, items: flatten(node, node.kind as string, []).map(normalize) };
  }
  const out: Record<string, Json> = {};
  for (const key of Object.keys(node).sort()) {
    if (WRITING_KEYS.has(key) || node[key] === undefined) continue;
    out[key] = normalize(node[key]);
  }
  return out;
}

/** The meaning of a model's statements, as plain JSON. */
export function normalizeStatements(model: Model): Json {
  return normalize(model.statements);
}

/** Comment texts (trailing blanks trimmed), sorted: formatting may move a comment, never drop one. */
export function commentTexts(model: Model): string[] {
  return model.comments.map((c) => c.text.trimEnd()).sort();
}

/** Undefined when equivalent; otherwise a short description of the first difference. */
export function astDifference(before: Model, after: Model): string | undefined {
  const a = JSON.stringify(normalizeStatements(before));
  const b = JSON.stringify(normalizeStatements(after));
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `statements differ at ...${a.slice(Math.max(0, i - 80), i + 80)}\n    vs ...${b.slice(Math.max(0, i - 80), i + 80)}`;
  }
  const ca = commentTexts(before);
  const cb = commentTexts(after);
  if (JSON.stringify(ca) !== JSON.stringify(cb)) return `comments differ: ${JSON.stringify(ca)} vs ${JSON.stringify(cb)}`;
  return undefined;
}
