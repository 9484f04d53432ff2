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

/** The index of the first item for which `isAfter` holds, in an array where it holds for a suffix. */
function firstIndex<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isAfter(items[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Finds, for a comment, the anchors it could belong to, in O(log n) each (models can be large). */
class AnchorIndex {
  private readonly byStart: Anchor[];
  private readonly byEnd: Anchor[];
  private readonly lines: Anchor[];
  private readonly longestLine: number;

  constructor(anchors: Anchor[]) {
    this.byStart = [...anchors].sort((a, b) => a.start - b.start || a.end - b.end);
    this.byEnd = [...anchors].sort((a, b) => a.end - b.end || a.start - b.start);
    this.lines = this.byStart.filter((a) => a.part === "line");
    this.longestLine = Math.max(0, ...this.lines.map((a) => a.end - a.start));
  }

  /** The smallest printed line whose source strictly contains `offset`. */
  inside(offset: number): Anchor | undefined {
    let best: Anchor | undefined;
    for (let i = firstIndex(this.lines, (a) => a.start >= offset) - 1; i >= 0; i--) {
      const anchor = this.lines[i];
      if (anchor.start <= offset - this.longestLine) break;
      if (offset < anchor.end && (!best || anchor.end - anchor.start < best.end - best.start)) best = anchor;
    }
    return best;
  }

  /** The anchor ending last at or before `offset` (the latest-starting one of a tie). */
  before(offset: number): Anchor | undefined {
    return this.byEnd[firstIndex(this.byEnd, (a) => a.end > offset) - 1];
  }

  /** The anchor starting first at or after `offset`. */
  after(offset: number): Anchor | undefined {
    return this.byStart[firstIndex(this.byStart, (a) => a.start >= offset)];
  }
}

/**
 * Distributes `comments` (in source order) over the items' lines; mutates the items. Returns the
 * comments that follow everything (printed at the end of the file).
 */
export function attachComments(items: readonly LayoutItem[], comments: readonly Comment[], source: string): Comment[] {
  const index = new AnchorIndex(anchorsOf(items));
  const endOfFile: Comment[] = [];
  for (const comment of comments) {
    const at = comment.span.start;
    const inside = index.inside(at);
    const before = inside ? undefined : index.before(at);
    const after = index.after(comment.span.end);
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
