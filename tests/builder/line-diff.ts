// A git-style line diff (longest common subsequence of lines), to assert that a builder edit changes
// exactly the lines it should and nothing else.

export interface LineDiff {
  /** Lines only in the old text, with their 1-based old line numbers. */
  removed: { line: number; text: string }[];
  /** Lines only in the new text, with their 1-based new line numbers. */
  added: { line: number; text: string }[];
}

export function lineDiff(before: string, after: string): LineDiff {
  const a = before.split("\n");
  const b = after.split("\n");
  // Common prefix and suffix first: a builder edit touches a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const table: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const diff: LineDiff = { removed: [], added: [] };
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < y.length && (i === x.length || table[i][j + 1] >= table[i + 1][j])) {
      diff.added.push({ line: head + j + 1, text: y[j] });
      j++;
    } else {
      diff.removed.push({ line: head + i + 1, text: x[i] });
      i++;
    }
  }
  return diff;
}

/** The diff as `-old` / `+new` lines, for readable assertions. */
export function diffLines(before: string, after: string): string[] {
  const diff = lineDiff(before, after);
  return [...diff.removed.map((l) => `-${l.text}`), ...diff.added.map((l) => `+${l.text}`)];
}
