// The runtime helpers as JavaScript text, inlined into standalone modules (which may not import
// anything). This mirrors src/semantics/values.ts, resolveAsOf() of src/semantics/lead.ts,
// ./iso-time.ts, ./integer-text.ts and fieldError() of ./runtime.ts line for line (types stripped);
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
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const LEAP_YEARS_BEFORE_1970 = 478;
function parseIsoTimeFast(text) {
  const n = text.length;
  if (n === 10) {
    if (text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
      const day = isoDay(text);
      if (day !== -1e9) return day * 86400000;
    }
    return parseIsoTime(text);
  }
  if ((n === 20 || (n === 24 && text.charCodeAt(19) === 46)) && text.charCodeAt(n - 1) === 90 &&
      text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
      text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const day = isoDay(text);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    const milli = n === 24 ? threeDigits(text, 20) : 0;
    if (day !== -1e9 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0) {
      return day * 86400000 + hour * 3600000 + minute * 60000 + second * 1000 + milli;
    }
  }
  return parseIsoTime(text);
}
function isoDay(text) {
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return -1e9;
  const year = century * 100 + yearOfCentury;
  const leap = (year & 3) === 0 && (yearOfCentury !== 0 || (century & 3) === 0);
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > length) return -1e9;
  const leapYearsBefore = ((year + 3) >> 2) - (((year + 99) / 100) | 0) + (((year + 399) / 400) | 0);
  return (year - 1970) * 365 + leapYearsBefore - LEAP_YEARS_BEFORE_1970 + DAYS_BEFORE_MONTH[month] + (leap && month > 2 ? 1 : 0) + day - 1;
}
function twoDigits(text, at) {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >>> 0 <= 9 && ones >>> 0 <= 9 ? tens * 10 + ones : -1;
}
function threeDigits(text, at) {
  const hundreds = text.charCodeAt(at) - 48;
  const rest = twoDigits(text, at + 1);
  return hundreds >>> 0 <= 9 && rest >= 0 ? hundreds * 100 + rest : -1;
}
function parseIntegerText(text) {
  const n = text.length;
  let i = 0;
  let sign = 1;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    i = 1;
  }
  if (n === i || n - i > 15) return NaN;
  let value = 0;
  for (; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >>> 0 > 9) return NaN;
    value = value * 10 + digit;
  }
  return sign * value;
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
