// A progress line on stderr for long runs, only when stderr is a terminal. Given the size of the
// leads file and how much of it is done, it is a bar with a percentage and the time left:
//
//   leads.csv: [████████░░░░░░░░░░░░]  42%  420,000 leads  180,245/s  about 3 s left
//
// otherwise (a database engine reads the file itself) a count of the leads scored and their rate.

import type { Terminal } from "./terminal.js";

const EVERY = 50_000;
const BAR_CELLS = 20;
/** Erases what a longer line before left on the line (ANSI; progress lines go to terminals only). */
const CLEAR_TO_END = "\x1b[K";

export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private nextShown = EVERY;
  /** When the first count came, and the fraction done then: the time left is measured from there,
   * not from the start, which may have spent seconds putting the events in order. */
  private first: { at: number; fraction: number } | undefined;

  /** `totalBytes`: the leads file's size, when the caller can say how much of it is done. */
  constructor(
    private readonly terminal: Terminal,
    private readonly label: string,
    private readonly totalBytes?: number,
  ) {}

  /**
   * Called with the leads scored so far and, when known, the bytes of the leads file they came
   * from; shows a line each time the count passes a multiple of EVERY.
   */
  tick(count: number, bytesDone?: number): void {
    if (!this.terminal.progress) return;
    // Called for every lead on one thread: past the first count, nothing is done between lines.
    if (this.first === undefined) {
      const fraction = this.fraction(bytesDone);
      if (fraction !== undefined) this.first = { at: Date.now(), fraction };
    }
    if (count < this.nextShown) return;
    this.nextShown = (Math.floor(count / EVERY) + 1) * EVERY;
    const now = Date.now();
    const fraction = this.fraction(bytesDone);
    const rate = Math.round(count / Math.max((now - this.started) / 1000, 0.001));
    const counts = `${count.toLocaleString("en-US")} leads`;
    const text =
      fraction === undefined
        ? `${counts} scored (${rate.toLocaleString("en-US")}/s)`
        : `${bar(fraction)} ${`${Math.floor(fraction * 100)}%`.padStart(4)}  ${counts}  ${rate.toLocaleString("en-US")}/s${this.timeLeft(now, fraction)}`;
    this.terminal.stderr.write(`\r${this.label}: ${text}${CLEAR_TO_END}`);
    this.shown = true;
  }

  /** A step that takes a while before the leads are scored, shown until the first count replaces it. */
  note(text: string): void {
    if (!this.terminal.progress) return;
    this.terminal.stderr.write(`\r${this.label}: ${text}${CLEAR_TO_END}`);
    this.shown = true;
  }

  /** Shown while an events file out of lead order is rewritten in order (threaded path and one-thread path alike). */
  noteEventsReorder(): void {
    this.note("the events file is not grouped by lead: putting it in lead order first");
  }

  done(count: number, invalid: number): void {
    if (!this.terminal.progress) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const invalidNote = invalid > 0 ? `, ${invalid.toLocaleString("en-US")} invalid` : "";
    this.terminal.stderr.write(`${this.shown ? "\r" : ""}${this.label}: ${count.toLocaleString("en-US")} leads scored in ${seconds} s${invalidNote}${this.shown ? CLEAR_TO_END : ""}\n`);
  }

  /** The share of the leads file done, when its size is known. */
  private fraction(bytesDone: number | undefined): number | undefined {
    return this.totalBytes !== undefined && this.totalBytes > 0 && bytesDone !== undefined ? Math.min(1, bytesDone / this.totalBytes) : undefined;
  }

  /** "  about 12 s left", once a second has passed and some of the file is done since the first count. */
  private timeLeft(now: number, fraction: number): string {
    const first = this.first!;
    const elapsed = (now - first.at) / 1000;
    if (elapsed < 1 || fraction <= first.fraction || fraction >= 1) return "";
    const seconds = Math.ceil((elapsed * (1 - fraction)) / (fraction - first.fraction));
    return `  about ${seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`} left`;
  }
}

/** "[████░░░░]": the fraction done, in BAR_CELLS cells. */
export function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_CELLS);
  return `[${"█".repeat(filled)}${"░".repeat(BAR_CELLS - filled)}]`;
}
