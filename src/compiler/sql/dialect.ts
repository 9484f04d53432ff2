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

  /** The character class body (inside [...]) matching JavaScript's \s, for regular expressions. */
  readonly whitespaceClass: string;
  /** True when `text` matches `pattern` (a POSIX/RE2-compatible pattern anchored with ^...$). */
  matches(text: string, pattern: string): string;
  /** Capture group `group` of the first match, NULL when there is none. */
  extract(text: string, pattern: string, group: number): string;
  replaceAll(text: string, pattern: string, replacement: string): string;
  /** `text` without any of the characters of `chars` (an SQL text expression) at either end. */
  trimChars(text: string, chars: string): string;
  startsWith(text: string, prefix: string): string;
  endsWith(text: string, suffix: string): string;
  contains(text: string, part: string): string;
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

const JS_WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/**
 * The characters JavaScript's trim() removes, as an SQL text expression (chr() of each code point,
 * so the generated SQL stays plain ASCII). Every engine folds it to a constant.
 */
export const WHITESPACE_CHARS = JS_WHITESPACE.map((code) => `chr(${code})`).join(" || ");

/** A regular-expression class body for the same characters, written with `escape(code)`. */
function whitespaceClass(escape: (code: number) => string): string {
  return "\\t\\n\\v\\f\\r " + JS_WHITESPACE.filter((code) => code > 0x20).map(escape).join("");
}

const DUCKDB_JSON_KIND = `CASE json_type(%) WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' WHEN 'ARRAY' THEN 'array' WHEN 'OBJECT' THEN 'object' END`;

export const duckdb: SqlDialect = {
  name: "duckdb",
  doubleType: "DOUBLE",
  textType: "VARCHAR",
  whitespaceClass: whitespaceClass((code) => `\\x{${code.toString(16)}}`),
  matches: (text, pattern) => `regexp_full_match(${text}, ${pattern})`,
  extract: (text, pattern, group) => `NULLIF(regexp_extract(${text}, ${pattern}, ${group}), '')`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  trimChars: (text, chars) => `trim(${text}, ${chars})`,
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
  whitespaceClass: whitespaceClass((code) => `\\u${code.toString(16).padStart(4, "0")}`),
  matches: (text, pattern) => `(${text} ~ ${pattern})`,
  extract: (text, pattern, group) => `(regexp_match(${text}, ${pattern}))[${group}]`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  trimChars: (text, chars) => `btrim(${text}, ${chars})`,
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
  jsonKind: (json) => `jsonb_typeof(CAST(${json} AS JSONB))`,
  jsonMember: (json, key) => `(CAST(${json} AS JSONB) -> ${quoteText(key)})`,
  jsonString: (json) => `(CAST(${json} AS JSONB) #>> '{}')`,
  jsonNumber: (json) => `CAST(CAST(${json} AS JSONB) #>> '{}' AS DOUBLE PRECISION)`,
  jsonBoolean: (json) => `CAST(CAST(${json} AS JSONB) #>> '{}' AS BOOLEAN)`,
  jsonText: (json) => `CAST(CAST(${json} AS JSONB) AS TEXT)`,
  mapJsonArray: (json, map) =>
    `ARRAY(SELECT m FROM (SELECT ${map("x", "jsonb_typeof(x)")} AS m, i FROM jsonb_array_elements(CAST(${json} AS JSONB)) WITH ORDINALITY AS u(x, i)) AS mapped WHERE m <> '' ORDER BY i)`,
  jsonArrayEvery: (json, test) => `NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CAST(${json} AS JSONB)) AS u(x) WHERE NOT (${test("jsonb_typeof(x)")}))`,
  jsonArrayRows: (json, alias) =>
    `LATERAL (SELECT value, ordinality - 1 AS idx FROM jsonb_array_elements(CASE WHEN jsonb_typeof(CAST(${json} AS JSONB)) = 'array' THEN CAST(${json} AS JSONB) END) WITH ORDINALITY) AS ${alias}`,
  firstBy: (value, order) => `(array_agg(${value} ORDER BY ${order}) FILTER (WHERE ${value} IS NOT NULL))[1]`,
};

export const DIALECTS = { duckdb, postgres } as const;
export type DialectName = keyof typeof DIALECTS;
