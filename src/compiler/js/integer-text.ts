// A fast path for toNumber() on the numbers CSV files carry: plain integers such as "9837". CSV
// values reach the scorer as text, and the general converter (a regular expression, then Number)
// costs more than the rules that read the value. Anything else (blank, spaces, a decimal point,
// an exponent, more than 15 digits) returns NaN and the caller takes toNumber(), so results are
// identical. ./standalone-runtime.ts holds a text copy, kept equal by a test.

/** The value of an optionally signed run of 1 to 15 ASCII digits, else NaN. */
export function parseIntegerText(text: string): number {
  const n = text.length;
  let i = 0;
  let sign = 1;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) {
    // "-" or "+"
    sign = first === 45 ? -1 : 1;
    i = 1;
  }
  // 15 digits stay below 2^53, so the sum is exact (as Number() of the text is).
  if (n === i || n - i > 15) return NaN;
  let value = 0;
  for (; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >>> 0 > 9) return NaN;
    value = value * 10 + digit;
  }
  return sign * value;
}
