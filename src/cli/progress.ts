// A progress line on stderr for long runs, only when stderr is a terminal.

import type { Terminal } from "./terminal.js";

const EVERY = 50_000;
/** Erases what a longer line before left on the line (ANSI; progress lines go to terminals only). */
const CLEAR_TO_END = "\x1b[K";

export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private nextShown = EVERY;

  constructor(
    private readonly terminal: Terminal,
    private readonly label: string,
  ) {}

  /** Called with the leads scored so far; shows a line each time the count passes a multiple of EVERY. */
  tick(count: number): void {
    if (!this.terminal.progress || count < this.nextShown) return;
    this.nextShown = (Math.floor(count / EVERY) + 1) * EVERY;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = Math.round(count / Math.max(seconds, 0.001));
    this.terminal.stderr.write(`\r${this.label}: ${count.toLocaleString("en-US")} leads scored (${rate.toLocaleString("en-US")}/s)${CLEAR_TO_END}`);
    this.shown = true;
  }

  /** A step that takes a while before the leads are scored, shown until the first count replaces it. */
  note(text: string): void {
    if (!this.terminal.progress) return;
    this.terminal.stderr.write(`\r${this.label}: ${text}${CLEAR_TO_END}`);
    this.shown = true;
  }

  done(count: number, invalid: number): void {
    if (!this.terminal.progress) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const invalidNote = invalid > 0 ? `, ${invalid.toLocaleString("en-US")} invalid` : "";
    this.terminal.stderr.write(`${this.shown ? "\r" : ""}${this.label}: ${count.toLocaleString("en-US")} leads scored in ${seconds} s${invalidNote}${this.shown ? CLEAR_TO_END : ""}\n`);
  }
}
