// How raw lead values become typed values (SPEC sections 3 and 4). Shared by the interpreter, the
// compiled scorer's runtime, and the file readers, so every path converts values identically.

import type { FieldType } from "../ir/plan.js";

export const DAY_MS = 86_400_000;

/** Text compares ignoring case and surrounding whitespace; blank text is unknown (undefined). */
export function normalizeText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}

/** Event types match case-insensitively with whitespace collapsed. */
export function normalizeEventType(type: string): string {
  return type.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Rounds half away from zero to 2 decimals (the same rule SQL's round() uses). */
export function round2(value: number): number {
  const scaled = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return value < 0 && scaled !== 0 ? -scaled : scaled;
}

/** The outcome of converting one raw value: a typed value (undefined = unknown) or what was expected. */
export type Converted<T> = { ok: true; value: T | undefined } | { ok: false; expected: string };

const UNKNOWN = { ok: true, value: undefined } as const;

export function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
}

const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** True for text like "500", "-3" or "2.5": valid for NUMBER_TEXT, checked without the regex (CSV
 * cells are text, so this runs for every number cell of a file). */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = 0;
  const first = n > 0 ? text.charCodeAt(0) : 0;
  if (first === 45 || first === 43) i = 1; // - +
  const digitsStart = i;
  while (i < n && text.charCodeAt(i) - 48 >>> 0 <= 9) i++;
  if (i === digitsStart) return false;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && text.charCodeAt(i) - 48 >>> 0 <= 9) i++;
  }
  return i === n;
}

export function toNumber(raw: unknown): Converted<number> {
  if (typeof raw === "string" && isPlainDecimal(raw)) return { ok: true, value: Number(raw) };
  if (isBlank(raw)) return UNKNOWN;
  if (typeof raw === "number") return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, expected: "a number" };
  if (typeof raw === "string" && NUMBER_TEXT.test(raw)) return { ok: true, value: Number(raw) };
  return { ok: false, expected: "a number" };
}

const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

const TRUE: Converted<boolean> = Object.freeze({ ok: true, value: true });
const FALSE: Converted<boolean> = Object.freeze({ ok: true, value: false });

export function toBoolean(raw: unknown): Converted<boolean> {
  // The words CSV exports use, without trimming and lower-casing them first.
  if (raw === "true") return TRUE;
  if (raw === "false") return FALSE;
  if (isBlank(raw)) return UNKNOWN;
  if (typeof raw === "boolean") return { ok: true, value: raw };
  if (raw === 0 || raw === 1) return { ok: true, value: raw === 1 };
  if (typeof raw === "string") {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { ok: true, value: true };
    if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  }
  return { ok: false, expected: "true or false (also yes/no, 1/0)" };
}

// ISO-8601: a date, or a date and time with optional seconds, fraction and zone.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO-8601 date or date-time to epoch ms. A date without a zone is taken as UTC. */
export function parseIsoTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (!ISO_DATE.test(trimmed)) return undefined;
  let normalized = trimmed.replace(" ", "T");
  if (normalized.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/.test(normalized)) normalized += "Z";
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}

export function toDate(raw: unknown): Converted<number> {
  if (isBlank(raw)) return UNKNOWN;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { ok: false, expected: "a date" } : { ok: true, value: raw.getTime() };
  if (typeof raw === "string") {
    const ms = parseIsoTime(raw);
    if (ms !== undefined) return { ok: true, value: ms };
  }
  return { ok: false, expected: "a date (YYYY-MM-DD)" };
}

export function toText(raw: unknown): Converted<string> {
  if (isBlank(raw)) return UNKNOWN;
  if (typeof raw === "string") return { ok: true, value: normalizeText(raw) };
  if (typeof raw === "number" || typeof raw === "boolean") return { ok: true, value: String(raw).toLowerCase() };
  return { ok: false, expected: "text" };
}

export function toEnum(raw: unknown, values: readonly string[]): Converted<string> {
  const text = toText(raw);
  if (!text.ok || text.value === undefined) return text.ok ? text : { ok: false, expected: enumExpectation(values) };
  return values.includes(text.value) ? text : { ok: false, expected: enumExpectation(values) };
}

function enumExpectation(values: readonly string[]): string {
  return "one of " + values.map((v) => JSON.stringify(v)).join(", ");
}

/** A list of text: a JSON array, or text split on ';'. Elements are normalised; blank ones dropped. */
export function toList(raw: unknown): Converted<string[]> {
  if (isBlank(raw)) return UNKNOWN;
  const items = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(";") : undefined;
  if (!items) return { ok: false, expected: "a list of text" };
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== "string" && typeof item !== "number") return { ok: false, expected: "a list of text" };
    const text = normalizeText(String(item));
    if (text !== undefined) out.push(text);
  }
  return { ok: true, value: out };
}

/** Converts a raw value to the field's type; the typed value is what every back end compares. */
export function convertValue(raw: unknown, type: FieldType): Converted<number | string | boolean | string[]> {
  switch (type.kind) {
    case "number":
      return toNumber(raw);
    case "text":
      return toText(raw);
    case "boolean":
      return toBoolean(raw);
    case "date":
      return toDate(raw);
    case "list":
      return toList(raw);
    case "enum":
      return toEnum(raw, type.values);
  }
}

/** Renders a raw value for an error message: strings quoted, everything else as JSON. */
export function describeRawValue(raw: unknown): string {
  return JSON.stringify(raw) ?? String(raw);
}
