// Strict equality of scoring results: deep equality with Object.is on numbers (so 0 and -0 differ)
// AND the same JSON text (so key order and own `__proto__` keys count too).

import { isDeepStrictEqual } from "node:util";

export function sameRecord(actual: unknown, expected: unknown): boolean {
  return isDeepStrictEqual(actual, expected) && JSON.stringify(actual) === JSON.stringify(expected);
}
