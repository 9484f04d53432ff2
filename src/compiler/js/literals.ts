// The only doors from a ScoringPlan into generated JavaScript (SPEC 11). Names, strings and
// numbers from a model become escaped literals here and nowhere else, so a model cannot inject code.

/** A JavaScript string literal. JSON escapes quotes, backslashes and control characters; U+2028/9
 * are escaped too so the text also survives tools that still treat them as line breaks. */
export function stringLiteral(value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`scoring plan: expected a string, got ${typeof value}`);
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A JavaScript number literal that reads back as exactly the same double. */
export function numberLiteral(value: unknown): string {
  if (typeof value !== "number" || Number.isNaN(value)) throw new TypeError(`scoring plan: expected a number, got ${String(value)}`);
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "(-Infinity)";
  if (Object.is(value, -0)) return "(-0)";
  // String() of a double is the shortest text that round-trips; parenthesised when negative so
  // `x - -5` can never become `x--5`.
  return value < 0 ? `(${String(value)})` : String(value);
}

export function booleanLiteral(value: unknown): string {
  if (typeof value !== "boolean") throw new TypeError(`scoring plan: expected true or false, got ${String(value)}`);
  return value ? "true" : "false";
}
