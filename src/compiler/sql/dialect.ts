// Everything that differs between SQL engines, in one place. The rest of the SQL back end writes
// portable SQL (CASE, COALESCE, LEAST/GREATEST, floor, power, IN lists, CTEs, LEFT JOIN, GROUP BY
// with CASE inside aggregates rather than FILTER) and asks the dialect for the rest: type names,
// regular expressions, trimming by a character set, lists (arrays), JSON access, epoch times and
// one order-sensitive aggregate. A new engine (BigQuery, Snowflake, Trino) is one more object here;
// docs/sql.md lists what each method maps to there.

/** JSON value kinds, named as JavaScript's JSON.parse would produce them. */
export type JsonKind = "string" | "number" | "boolean" | "null" | "array" | "object";

export interface SqlDialect {
  readonly name: "duckdb" | "postgres";
  readonly doubleType: string;
  readonly textType: string;
  /**
   * How to write a CTE that must be computed once rather than inlined: stages whose columns later
   * stages use many times (PostgreSQL inlines a CTE used once, and the copies multiply).
   */
  materializedCte(name: string, body: string): string;

  /** The character class body (inside [...]) matching JavaScript's \s, for regular expressions. */
  readonly whitespaceClass: string;
  /** True when `text` matches `pattern` (a POSIX/RE2-compatible pattern anchored with ^...$). */
  matches(text: string, pattern: string): string;
  /** Capture group `group` of the first match, NULL when there is none. */
  extract(text: string, pattern: string, group: number): string;
  replaceAll(text: string, pattern: string, replacement: string): string;
  /** JavaScript's trim(): `text` without JavaScript whitespace (\s) at either end. */
  trimWhitespace(text: string): string;
  /** True when `text` is NULL or only JavaScript whitespace (cheaper than trimming it). */
  isBlank(text: string): string;
  startsWith(text: string, prefix: string): string;
  endsWith(text: string, suffix: string): string;
  contains(text: string, part: string): string;
  /**
   * A cheaper conversion of the commonest ISO-8601 form (toISOString's, UTC) to epoch ms, exact
   * where it is not NULL; the general conversion (iso-time.ts) handles the rest. Optional.
   */
  isoTimeFast?(text: string): string;
  /** A validated decimal number text (see NUMBER_PATTERN) as a double, as JavaScript's Number() reads it. */
  parseDouble(text: string): string;
  /** JavaScript's String(n) for a double (exact for integers below 1e21, else the engine's shortest text). */
  doubleToText(value: string): string;
  /** JSON.stringify of a text value, for error messages. */
  jsonQuote(text: string): string;

  /** A text array split on `separator`. */
  split(text: string, separator: string): string;
  /** The array's elements passed through `map` (a function of an element expression), blank results dropped. */
  mapTextArray(array: string, map: (element: string) => string): string;
  /** True when the (non-NULL, NULL-free) text array holds `value`. */
  arrayContains(array: string, value: string): string;

  /** Epoch milliseconds (a double) of a DATE, TIMESTAMP or TIMESTAMP WITH TIME ZONE value. */
  epochMs(time: string): string;
  /** The current time in epoch milliseconds (a double, whole milliseconds). */
  readonly nowMs: string;

  /** The JSON kind of a JSON value, NULL when the value is missing (SQL NULL). */
  jsonKind(json: string): string;
  /** The member `key` of a JSON object (NULL when absent or not an object). */
  jsonMember(json: string, key: string): string;
  /** The text of a JSON string (unescaped). */
  jsonString(json: string): string;
  /** The double of a JSON number. */
  jsonNumber(json: string): string;
  /** The boolean of a JSON true/false. */
  jsonBoolean(json: string): string;
  /** The JSON text of a value, for error messages. */
  jsonText(json: string): string;
  /** A text array of a JSON array's elements passed through `map` (given the element and its kind), blank results dropped. */
  mapJsonArray(json: string, map: (element: string, kind: string) => string): string;
  /** True when every element of the JSON array passes `test` (given the element's kind). */
  jsonArrayEvery(json: string, test: (kind: string) => string): string;
  /**
   * A FROM item (to join LATERAL) with one row per element of a JSON array: columns `value` (JSON)
   * and `idx` (0-based position), under `alias`. No rows when the value is not an array.
   */
  jsonArrayRows(json: string, alias: string): string;

  /** Aggregate: `value` of the row with the smallest `order` among rows where `value` is not NULL. */
  firstBy(value: string, order: string): string;
}

/** The code points JavaScript's \s and trim() take as whitespace. */
const JS_WHITESPACE: Array<number | [number, number]> = [[0x09, 0x0d], 0x20, 0xa0, 0x1680, [0x2000, 0x200a], 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

/** A regular-expression class body for those characters, each written with `escape(code)`. */
function whitespaceClass(escape: (code: number) => string): string {
  return JS_WHITESPACE.map((item) => (typeof item === "number" ? escape(item) : `${escape(item[0])}-${escape(item[1])}`)).join("");
}

/**
 * The same characters as a PostgreSQL escape string (generator text only, never model text): \xHH
 * for ASCII, \uXXXX above (a \xHH above 0x7f would be a raw byte, not a character).
 */
const PG_WHITESPACE = `E'${JS_WHITESPACE.flatMap((item) => (typeof item === "number" ? [item] : Array.from({ length: item[1] - item[0] + 1 }, (_, i) => item[0] + i)))
  .map((code) => (code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`))
  .join("")}'`;

const DUCKDB_JSON_KIND = `CASE json_type(%) WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' WHEN 'ARRAY' THEN 'array' WHEN 'OBJECT' THEN 'object' END`;

export const duckdb: SqlDialect = {
  name: "duckdb",
  doubleType: "DOUBLE",
  textType: "VARCHAR",
  // DuckDB shares common subexpressions itself; an explicit MATERIALIZED only costs memory.
  materializedCte: (name, body) => `${name} AS (\n${body}\n)`,
  whitespaceClass: whitespaceClass((code) => (code === 0x20 ? " " : `\\x{${code.toString(16)}}`)),
  matches: (text, pattern) => `regexp_full_match(${text}, ${pattern})`,
  extract: (text, pattern, group) => `NULLIF(regexp_extract(${text}, ${pattern}, ${group}), '')`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  // Regular expressions: DuckDB's trim(text, characters) is ten times slower. Most text has nothing
  // to trim, and the anchored test is cheaper than the replacement.
  trimWhitespace: (text) => {
    const ws = duckdb.whitespaceClass;
    return `CASE WHEN regexp_matches(${text}, '^[${ws}]|[${ws}]$') THEN regexp_replace(${text}, '^[${ws}]+|[${ws}]+$', '', 'g') ELSE ${text} END`;
  },
  // An anchored full match gives up at the first character that is not whitespace.
  isBlank: (text) => `(${text} IS NULL OR regexp_full_match(${text}, '[${duckdb.whitespaceClass}]*'))`,
  // DuckDB reads "...Z" as UTC; offsets it would ignore, and years, days, hours and seconds it could
  // read differently from Date.parse, are left to the general conversion.
  isoTimeFast: (text) =>
    `CASE WHEN regexp_full_match(${text}, '[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?Z)?') ` +
    `THEN CAST(epoch_ms(TRY_CAST(${text} AS TIMESTAMP)) AS DOUBLE) END`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ends_with(${text}, ${suffix})`,
  contains: (text, part) => `contains(${text}, ${part})`,
  // TRY_CAST reads overflowing text as +-Infinity and underflowing text as 0, like Number().
  parseDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  doubleToText: (value) =>
    `CASE WHEN ${value} = floor(${value}) AND abs(${value}) < 1e21 THEN CAST(CAST(${value} AS HUGEINT) AS VARCHAR) ELSE CAST(${value} AS VARCHAR) END`,
  jsonQuote: (text) => `CAST(to_json(${text}) AS VARCHAR)`,
  split: (text, separator) => `string_split(${text}, ${separator})`,
  mapTextArray: (array, map) => `list_filter(list_transform(${array}, x -> ${map("x")}), x -> x <> '')`,
  arrayContains: (array, value) => `list_contains(${array}, ${value})`,
  epochMs: (time) => `CAST(epoch_ms(CAST(${time} AS TIMESTAMP)) AS DOUBLE)`,
  nowMs: "CAST(epoch_ms(current_timestamp) AS DOUBLE)",
  jsonKind: (json) => DUCKDB_JSON_KIND.replace("%", json),
  jsonMember: (json, key) => `json_extract(${json}, ${jsonPointer(key)})`,
  jsonString: (json) => `json_extract_string(${json}, '$')`,
  jsonNumber: (json) => `CAST(${json} AS DOUBLE)`,
  jsonBoolean: (json) => `CAST(${json} AS BOOLEAN)`,
  jsonText: (json) => `CAST(${json} AS VARCHAR)`,
  mapJsonArray: (json, map) =>
    `list_filter(list_transform(json_extract(${json}, '$[*]'), x -> ${map("x", DUCKDB_JSON_KIND.replace("%", "x"))}), x -> x <> '')`,
  jsonArrayEvery: (json, test) => `len(list_filter(json_extract(${json}, '$[*]'), x -> NOT (${test(DUCKDB_JSON_KIND.replace("%", "x"))}))) = 0`,
  jsonArrayRows: (json, alias) =>
    `(SELECT value, CAST(key AS BIGINT) AS idx FROM json_each(CASE WHEN json_type(${json}) = 'ARRAY' THEN ${json} END)) AS ${alias}`,
  firstBy: (value, order) => `arg_min(${value}, CASE WHEN ${value} IS NOT NULL THEN ${order} END)`,
};

/** DuckDB reaches object members by JSON Pointer (RFC 6901): any key, with ~ and / escaped. */
function jsonPointer(key: string): string {
  return quoteText("/" + key.replace(/~/g, "~0").replace(/\//g, "~1"));
}

function quoteText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// PostgreSQL: float8in rejects text that overflows or underflows a double (JavaScript reads it as
// Infinity or 0). Text with an exponent or of great length goes through numeric first, which takes
// any size, and is clamped; everything else is read directly.
const PG_DOUBLE_LIMIT = "1e308";
const PG_DOUBLE_TINY = "1e-307";

export const postgres: SqlDialect = {
  name: "postgres",
  doubleType: "DOUBLE PRECISION",
  textType: "TEXT",
  materializedCte: (name, body) => `${name} AS MATERIALIZED (\n${body}\n)`,
  whitespaceClass: whitespaceClass((code) => (code === 0x20 ? " " : `\\u${code.toString(16).padStart(4, "0")}`)),
  matches: (text, pattern) => `(${text} ~ ${pattern})`,
  extract: (text, pattern, group) => `(regexp_match(${text}, ${pattern}))[${group}]`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  trimWhitespace: (text) => `btrim(${text}, ${PG_WHITESPACE})`,
  isBlank: (text) => `(${text} IS NULL OR btrim(${text}, ${PG_WHITESPACE}) = '')`,
  // PostgreSQL has no TRY_CAST, so the fast form is one that always converts: days up to 28. As
  // TIMESTAMP (without time zone) the "Z" is ignored and the epoch is the UTC one, whatever the
  // session's time zone.
  isoTimeFast: (text) =>
    `CASE WHEN ${text} ~ '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?Z)?$' ` +
    `THEN CAST(EXTRACT(EPOCH FROM CAST(${text} AS TIMESTAMP)) * 1000 AS DOUBLE PRECISION) END`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `(right(${text}, char_length(${suffix})) = ${suffix})`,
  contains: (text, part) => `(strpos(${text}, ${part}) > 0)`,
  parseDouble: (text) =>
    `CASE WHEN ${text} ~ '[eE]' OR char_length(${text}) > 300 THEN ` +
    `CASE WHEN abs(CAST(${text} AS NUMERIC)) >= ${PG_DOUBLE_LIMIT} THEN sign(CAST(${text} AS NUMERIC)) * CAST('Infinity' AS DOUBLE PRECISION) ` +
    `WHEN abs(CAST(${text} AS NUMERIC)) < ${PG_DOUBLE_TINY} THEN CAST(0 AS DOUBLE PRECISION) ` +
    `ELSE CAST(${text} AS DOUBLE PRECISION) END ` +
    `ELSE CAST(${text} AS DOUBLE PRECISION) END`,
  doubleToText: (value) =>
    `CASE WHEN ${value} = floor(${value}) AND abs(${value}) < 1e21 THEN CAST(CAST(${value} AS NUMERIC) AS TEXT) ELSE CAST(${value} AS TEXT) END`,
  jsonQuote: (text) => `CAST(to_json(CAST(${text} AS TEXT)) AS TEXT)`,
  split: (text, separator) => `string_to_array(${text}, ${separator})`,
  mapTextArray: (array, map) => `ARRAY(SELECT m FROM (SELECT ${map("x")} AS m FROM unnest(${array}) AS u(x)) AS mapped WHERE m <> '')`,
  arrayContains: (array, value) => `(${value} = ANY(${array}))`,
  epochMs: (time) => `CAST(EXTRACT(EPOCH FROM ${time}) * 1000 AS DOUBLE PRECISION)`,
  nowMs: "CAST(floor(EXTRACT(EPOCH FROM current_timestamp) * 1000) AS DOUBLE PRECISION)",
  // The json type (not jsonb) keeps the text as written, so error messages quote values as they were.
  jsonKind: (json) => `json_typeof(CAST(${json} AS JSON))`,
  jsonMember: (json, key) => `(CAST(${json} AS JSON) -> ${quoteText(key)})`,
  jsonString: (json) => `(CAST(${json} AS JSON) #>> '{}')`,
  jsonNumber: (json) => postgres.parseDouble(`(CAST(${json} AS JSON) #>> '{}')`),
  jsonBoolean: (json) => `CAST(CAST(${json} AS JSON) #>> '{}' AS BOOLEAN)`,
  jsonText: (json) => `CAST(CAST(${json} AS JSON) AS TEXT)`,
  mapJsonArray: (json, map) =>
    `ARRAY(SELECT m FROM (SELECT ${map("x", "json_typeof(x)")} AS m, i FROM json_array_elements(CAST(${json} AS JSON)) WITH ORDINALITY AS u(x, i)) AS mapped WHERE m <> '' ORDER BY i)`,
  jsonArrayEvery: (json, test) => `NOT EXISTS (SELECT 1 FROM json_array_elements(CAST(${json} AS JSON)) AS u(x) WHERE NOT (${test("json_typeof(x)")}))`,
  jsonArrayRows: (json, alias) =>
    `LATERAL (SELECT value, ordinality - 1 AS idx FROM json_array_elements(CASE WHEN json_typeof(CAST(${json} AS JSON)) = 'array' THEN CAST(${json} AS JSON) END) WITH ORDINALITY) AS ${alias}`,
  firstBy: (value, order) => `(array_agg(${value} ORDER BY ${order}) FILTER (WHERE ${value} IS NOT NULL))[1]`,
};

export const DIALECTS = { duckdb, postgres } as const;
export type DialectName = keyof typeof DIALECTS;
