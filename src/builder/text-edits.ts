// Builder edits are text edits: replace the source between two offsets with new text. Everything the
// builder changes goes through the model's text, so the text stays the one source of truth (and the
// editor's undo stack, diagnostics and scores follow it like any typed change).

export interface TextEdit {
  /** Offsets in the text the edit applies to; start === end inserts. */
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits (touching is fine) to `source`. Edits are applied in offset order;
 * an insertion at the start of a replaced range goes before the replacement.
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping builder edits at offset ${edit.start}`);
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map((entry) => entry.edit);
}

/**
 * The smallest single edit turning `before` into `after` (common prefix and suffix left alone), or
 * undefined when they are equal. Editors apply this one range, so cursors and decorations outside it
 * stay where they were.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** Where offset `within` of `target`'s new text ends up in the text after all `edits` (target among them). */
export function offsetAfterEdits(edits: readonly TextEdit[], target: TextEdit, within = 0): number {
  let delta = 0;
  for (const edit of sortEdits(edits)) {
    if (edit === target) return edit.start + delta + within;
    delta += edit.text.length - (edit.end - edit.start);
  }
  throw new Error("the target edit is not among the edits");
}
