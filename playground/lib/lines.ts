// Line numbers for display (the problems list, the explanation). The core speaks in offsets; this is
// the one place outside the Monaco boundary that turns them into lines and columns for people.

export class SourceLines {
  readonly #starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.#starts[low] + 1 };
  }

  /** The span of a 1-based line, without its line break. */
  lineSpan(line: number): { start: number; end: number } {
    const start = this.#starts[line - 1] ?? this.text.length;
    const next = this.#starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }

  lineText(line: number): string {
    const { start, end } = this.lineSpan(line);
    return this.text.slice(start, end);
  }
}
