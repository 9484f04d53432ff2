// The as-of time in generated code. A scoring function takes `asOf` as epoch ms, or undefined for a
// lead scored "as of now": then it reads the clock where its code first needs the time. Reading
// the clock costs ~40 ns, a quarter of a small model's lead, and most leads never need it: a model
// without event or date windows never looks at the time, a lead without events rarely.

/** The statement that fixes `asOf` before its first use (when `also` holds, if given). */
export function readClock(also?: string): string {
  return `if (asOf === undefined${also ? ` && ${also}` : ""}) asOf = Date.now();`;
}

/** Whether any of these statements reads `asOf`. (A name like "asOf" in a string literal only makes this true.) */
export function readsAsOf(lines: readonly string[]): boolean {
  return lines.some((line) => /\basOf\b/.test(line));
}
