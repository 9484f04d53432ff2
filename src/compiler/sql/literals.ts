// The only doors from a ScoringPlan into generated SQL (SPEC 11). Names become quoted identifiers
// ("" doubled), strings become standard string literals ('' doubled; a backslash is an ordinary
// character in a standard string), numbers become exact double literals. Nothing from a model is
// ever spliced into SQL text any other way, so a model cannot inject SQL.

/** Thrown for plan content SQL cannot represent (a NUL character, a NaN). */
export class SqlCompileError extends TypeError {
  override readonly name = "SqlCompileError";
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string") throw new SqlCompileError(`scoring plan: expected ${what} as a string, got ${typeof value}`);
  // No SQL engine we target can hold NUL in text or names; refusing it is the only exact answer.
  if (value.includes("\u0000")) throw new SqlCompileError(`SQL cannot hold the NUL character in ${what} ${JSON.stringify(value)}`);
  return value;
}

/** A delimited identifier: any name, hostile or not (`__proto__`, `"; drop table leads; --`). */
export function quoteIdentifier(name: unknown): string {
  const value = text(name, "a name");
  if (value === "") throw new SqlCompileError("SQL cannot use an empty name");
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * A table reference as the user wrote it on the command line: `leads` or `schema.leads`, each part
 * quoted. A part that itself contains a dot can be written quoted: `"odd.name"`.
 */
export function quoteTableName(reference: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i <= reference.length) {
    if (reference[i] === '"') {
      let name = "";
      i++;
      for (;;) {
        if (i >= reference.length) throw new SqlCompileError(`unterminated quoted name in ${JSON.stringify(reference)}`);
        if (reference[i] === '"') {
          if (reference[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += reference[i++];
      }
      parts.push(name);
    } else {
      const end = reference.indexOf(".", i);
      parts.push(reference.slice(i, end === -1 ? reference.length : end));
      i = end === -1 ? reference.length : end;
    }
    if (i < reference.length && reference[i] !== ".") throw new SqlCompileError(`expected "." after a quoted name in ${JSON.stringify(reference)}`);
    i++;
  }
  return parts.map(quoteIdentifier).join(".");
}

/** A standard SQL string literal. */
export function stringLiteral(value: unknown): string {
  return `'${text(value, "a text value").replace(/'/g, "''")}'`;
}

function finite(value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value)) throw new SqlCompileError(`scoring plan: expected a number, got ${String(value)}`);
  return value;
}

const SAFE_INTEGER_LITERAL = 2 ** 31 - 1;

/**
 * A number to compare a DOUBLE column with. Small integers stay plain (they convert exactly);
 * anything else is a double parsed from its shortest round-trip text, which every engine reads back
 * as exactly the same double (a bare `0.1` would be an exact DECIMAL/NUMERIC in DuckDB and
 * PostgreSQL, and arithmetic on it would not be the JavaScript scorer's floating point).
 */
export function comparisonLiteral(value: unknown, doubleType: string): string {
  const n = finite(value);
  if (Number.isInteger(n) && Math.abs(n) <= SAFE_INTEGER_LITERAL && !Object.is(n, -0)) return String(n);
  return doubleLiteral(n, doubleType);
}

/** A DOUBLE literal for arithmetic: always typed, so sums and products are never integer or decimal. */
export function doubleLiteral(value: unknown, doubleType: string): string {
  const n = finite(value);
  if (n === Infinity) return `CAST('Infinity' AS ${doubleType})`;
  if (n === -Infinity) return `CAST('-Infinity' AS ${doubleType})`;
  if (Number.isInteger(n) && Math.abs(n) <= SAFE_INTEGER_LITERAL && !Object.is(n, -0)) return `CAST(${n} AS ${doubleType})`;
  return `CAST('${Object.is(n, -0) ? "-0" : String(n)}' AS ${doubleType})`;
}

export function booleanLiteral(value: unknown): string {
  if (typeof value !== "boolean") throw new SqlCompileError(`scoring plan: expected true or false, got ${String(value)}`);
  return value ? "TRUE" : "FALSE";
}

/** An integer such as a source line: plain digits, after checking it is one. */
export function integerLiteral(value: unknown): string {
  const n = finite(value);
  if (!Number.isSafeInteger(n)) throw new SqlCompileError(`scoring plan: expected an integer, got ${String(value)}`);
  return String(n);
}
