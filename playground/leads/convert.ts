// Converting imported values to a field's type (SPEC section 4): numbers; booleans from
// true/false/yes/no/1/0; ISO dates; lists split on ';'; enum values case-insensitively. Imported rows
// are stored typed, so the lead editor and JSON export show what the scorer will see.

import type { FieldType } from "../lib/core.js";

export type Coerced = { ok: true; value: unknown } | { ok: false; expected: string };

const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

export function isIsoTime(text: string): boolean {
  return ISO_TIME.test(text.trim()) && !Number.isNaN(Date.parse(text.trim().slice(0, 10)));
}

/** Converts a raw value (text from CSV, or any JSON value) to the field's type; blank is unknown (null). */
export function coerce(raw: unknown, type: FieldType): Coerced {
  if (isBlank(raw)) return { ok: true, value: null };
  switch (type.kind) {
    case "number":
      if (typeof raw === "number" && Number.isFinite(raw)) return { ok: true, value: raw };
      if (typeof raw === "string" && NUMBER_TEXT.test(raw)) return { ok: true, value: Number(raw) };
      return { ok: false, expected: "a number" };
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const word = String(raw).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, expected: "true or false (also yes/no, 1/0)" };
    }
    case "date":
      if (typeof raw === "string" && isIsoTime(raw)) return { ok: true, value: raw.trim() };
      return { ok: false, expected: "a date (YYYY-MM-DD)" };
    case "list": {
      const items = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(";") : undefined;
      if (!items || items.some((item) => typeof item !== "string" && typeof item !== "number")) return { ok: false, expected: "a list of text" };
      return { ok: true, value: items.map((item) => String(item).trim()).filter((item) => item !== "") };
    }
    case "enum": {
      if (typeof raw !== "string" && typeof raw !== "number") return { ok: false, expected: enumWords(type.values) };
      const wanted = String(raw).trim().toLowerCase();
      const match = type.values.find((value) => value.toLowerCase() === wanted);
      return match !== undefined ? { ok: true, value: match } : { ok: false, expected: enumWords(type.values) };
    }
    case "text":
      if (typeof raw === "string") return { ok: true, value: raw };
      if (typeof raw === "number" || typeof raw === "boolean") return { ok: true, value: String(raw) };
      return { ok: false, expected: "text" };
  }
}

function enumWords(values: readonly string[]): string {
  return "one of " + values.map((v) => JSON.stringify(v)).join(", ");
}

/** A value as the error messages quote it: text in quotes, everything else as JSON. */
export function quoteValue(raw: unknown): string {
  return JSON.stringify(raw) ?? String(raw);
}
