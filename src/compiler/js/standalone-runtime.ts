// The runtime helpers as JavaScript text, inlined into standalone modules (which may not import
// anything). This mirrors src/semantics/values.ts, resolveAsOf() of src/semantics/lead.ts,
// ./iso-time.ts and fieldError() of ./runtime.ts line for line (types stripped);
// tests/compiler/runtime-helpers.test.ts checks every helper against the originals.

export const STANDALONE_RUNTIME = String.raw`const DAY_MS = 86400000;
function isBlank(raw) {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
}
function normalizeText(value) {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}
function normalizeEventType(type) {
  return type.trim().replace(/\s+/g, " ").toLowerCase();
}
function round2(value) {
  const scaled = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return value < 0 && scaled !== 0 ? -scaled : scaled;
}
const UNKNOWN = { ok: true, value: undefined };
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
function toNumber(raw) {
  if (isBlank(raw)) return UNKNOWN;
  if (typeof raw === "number") return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, expected: "a number" };
  if (typeof raw === "string" && NUMBER_TEXT.test(raw)) return { ok: true, value: Number(raw) };
  return { ok: false, expected: "a number" };
}
const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);
function toBoolean(raw) {
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
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
function parseIsoTime(text) {
  const trimmed = text.trim();
  if (!ISO_DATE.test(trimmed)) return undefined;
  let normalized = trimmed.replace(" ", "T");
  if (normalized.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/.test(normalized)) normalized += "Z";
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}
function parseIsoTimeFast(text) {
  const n = text.length;
  if (n === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = isoDigits(text, 0, 4);
    const month = isoDigits(text, 5, 2);
    const day = isoDigits(text, 8, 2);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return daysFromCivil(year, month, day) * 86400000;
    return parseIsoTime(text);
  }
  if ((n === 20 || (n === 24 && text.charCodeAt(19) === 46)) && text.charCodeAt(n - 1) === 90 &&
      text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
      text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const year = isoDigits(text, 0, 4);
    const month = isoDigits(text, 5, 2);
    const day = isoDigits(text, 8, 2);
    const hour = isoDigits(text, 11, 2);
    const minute = isoDigits(text, 14, 2);
    const second = isoDigits(text, 17, 2);
    const milli = n === 24 ? isoDigits(text, 20, 3) : 0;
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
        hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0) {
      return daysFromCivil(year, month, day) * 86400000 + hour * 3600000 + minute * 60000 + second * 1000 + milli;
    }
  }
  return parseIsoTime(text);
}
function isoDigits(text, start, count) {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
function daysInMonth(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
function toDate(raw) {
  if (isBlank(raw)) return UNKNOWN;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { ok: false, expected: "a date" } : { ok: true, value: raw.getTime() };
  if (typeof raw === "string") {
    const ms = parseIsoTime(raw);
    if (ms !== undefined) return { ok: true, value: ms };
  }
  return { ok: false, expected: "a date (YYYY-MM-DD)" };
}
function toText(raw) {
  if (isBlank(raw)) return UNKNOWN;
  if (typeof raw === "string") return { ok: true, value: normalizeText(raw) };
  if (typeof raw === "number" || typeof raw === "boolean") return { ok: true, value: String(raw).toLowerCase() };
  return { ok: false, expected: "text" };
}
function toEnum(raw, values) {
  const text = toText(raw);
  if (!text.ok || text.value === undefined) return text.ok ? text : { ok: false, expected: enumExpectation(values) };
  return values.includes(text.value) ? text : { ok: false, expected: enumExpectation(values) };
}
function enumExpectation(values) {
  return "one of " + values.map((v) => JSON.stringify(v)).join(", ");
}
function toList(raw) {
  if (isBlank(raw)) return UNKNOWN;
  const items = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(";") : undefined;
  if (!items) return { ok: false, expected: "a list of text" };
  const out = [];
  for (const item of items) {
    if (typeof item !== "string" && typeof item !== "number") return { ok: false, expected: "a list of text" };
    const text = normalizeText(String(item));
    if (text !== undefined) out.push(text);
  }
  return { ok: true, value: out };
}
function describeRawValue(raw) {
  return JSON.stringify(raw) ?? String(raw);
}
function fieldError(id, field, expected, raw) {
  return { id, error: field + ": expected " + expected + ", got " + describeRawValue(raw) };
}
function resolveAsOf(asOf) {
  if (asOf === undefined) return Date.now();
  if (typeof asOf === "number") return asOf;
  if (asOf instanceof Date) return asOf.getTime();
  const ms = parseIsoTime(asOf);
  if (ms === undefined) throw new RangeError("asOf: expected an ISO-8601 time, got " + JSON.stringify(asOf));
  return ms;
}
`;
