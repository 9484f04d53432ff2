// Re-attaches every comment of the file to a printed line, by source offsets, so that no comment is
// ever lost and each stays beside the code it was written next to:
//   - a comment after code on the same source line trails that code's printed line;
//   - a comment on its own line goes above the next printed line (a comment before a block's `}`
//     stays inside the block; one after the last statement stays at the end of the file);
//   - a comment inside a construct that prints on one line (a list wrapped over several lines, an
//     example's `lead { ... }` written over several lines) goes above that line.

import type { Comment } from "../ast/nodes.js";
import type { BlockItem, LayoutItem, LineItem } from "./layout.js";

type Anchor =
  | { part: "line"; start: number; end: number; item: LineItem }
  | { part: "header" | "close"; start: number; end: number; item: BlockItem };

function anchorsOf(items: readonly LayoutItem[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const item of items) {
    if (item.kind === "line") {
      anchors.push({ part: "line", start: item.span.start, end: item.span.end, item });
    } else {
      anchors.push({ part: "header", start: item.span.start, end: item.headerEnd, item });
      for (const child of item.children) anchors.push({ part: "line", start: child.span.start, end: child.span.end, item: child });
      anchors.push({ part: "close", start: item.closeStart, end: item.span.end, item });
    }
  }
  return anchors;
}

function addLeading(anchor: Anchor, comment: Comment): void {
  if (anchor.part === "close") anchor.item.closeLeading.push(comment);
  else anchor.item.leading.push(comment);
}

/** Attaches as trailing when the anchor has no trailing comment yet; returns false otherwise. */
function addTrailing(anchor: Anchor, comment: Comment): boolean {
  if (anchor.part === "line") {
    if (anchor.item.trailing) return false;
    anchor.item.trailing = comment;
  } else if (anchor.part === "header") {
    if (anchor.item.headerTrailing) return false;
    anchor.item.headerTrailing = comment;
  } else {
    if (anchor.item.closeTrailing) return false;
    anchor.item.closeTrailing = comment;
  }
  return true;
}

/**
 * Distributes `comments` (in source order) over the items' lines; mutates the items. Returns the
 * comments that follow everything (printed at the end of the file).
 */
export function attachComments(items: readonly LayoutItem[], comments: readonly Comment[], source: string): Comment[] {
  const anchors = anchorsOf(items);
  const endOfFile: Comment[] = [];
  for (const comment of comments) {
    const at = comment.span.start;

    let inside: Anchor | undefined;
    let before: Anchor | undefined;
    let after: Anchor | undefined;
    for (const anchor of anchors) {
      if (anchor.part === "line" && anchor.start < at && at < anchor.end) {
        if (!inside || anchor.end - anchor.start < inside.end - inside.start) inside = anchor;
      }
      if (anchor.end <= at && (!before || anchor.end > before.end || (anchor.end === before.end && anchor.start >= before.start))) before = anchor;
      if (anchor.start >= comment.span.end && (!after || anchor.start < after.start)) after = anchor;
    }

    if (inside) {
      addLeading(inside, comment);
    } else if (before && !source.slice(before.end, at).includes("\n") && addTrailing(before, comment)) {
      // trails the code on its line
    } else if (after) {
      addLeading(after, comment);
    } else {
      endOfFile.push(comment);
    }
  }
  return endOfFile;
}
