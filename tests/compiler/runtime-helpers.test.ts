// The helpers compiled code relies on: the text copy inlined into standalone modules must behave
// exactly like src/semantics (it is a second copy by necessity), and the ISO fast path exactly like
// parseIsoTime.

import { describe, expect, it } from "vitest";
import { fieldError } from "../../src/compiler/js/runtime.js";
import { parseIntegerText } from "../../src/compiler/js/integer-text.js";
import { parseIsoTimeFast } from "../../src/compiler/js/iso-time.js";
import { STANDALONE_RUNTIME } from "../../src/compiler/js/standalone-runtime.js";
import { resolveAsOf } from "../../src/semantics/lead.js";
import * as values from "../../src/semantics/values.js";
import { createRng } from "../support/generate-plan.js";
import { sameRecord } from "../support/same-record.js";

type Helpers = Record<string, (...args: unknown[]) => unknown>;
const standalone = new Function(`${STANDALONE_RUNTIME}\nreturn { toNumber, toText, toBoolean, toDate, toList, toEnum, describeRawValue, normalizeEventType, parseIsoTime, parseIsoTimeFast, parseIntegerText, round2, fieldError, resolveAsOf };`)() as Helpers;

const rng = createRng(4242);
const pad = (s: string): string => rng.pick(["", " ", "\t", "\n "]) + s + rng.pick(["", " ", "\u00a0"]);
const isoTexts = (): string[] => {
  const out: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const year = String(rng.pick([0, 1, 99, 1600, 1900, 1970, 2000, 2024, 2026, 2100, 9999, rng.int(0, 9999)])).padStart(4, "0");
    const two = (low: number, high: number): string => String(rng.int(low, high)).padStart(2, "0");
    const date = `${year}-${two(0, 13)}-${two(0, 32)}`;
    const time = `${two(0, 25)}:${two(0, 60)}:${two(0, 61)}`;
    const fraction = rng.pick(["", "", ".000", `.${String(rng.int(0, 999)).padStart(3, "0")}`, ".5", ".12345"]);
    const zone = rng.pick(["Z", "Z", "", "+02:00", "-0530", "z"]);
    out.push(rng.pick([`${date}T${time}${fraction}${zone}`, `${date}T${time}${fraction}${zone}`, date, `${date} ${time}`, pad(`${date}T${time}Z`), `${date}T${time.slice(0, 5)}Z`, `${date}X${time}Z`, `${date}T${time}ZZ`]));
  }
  out.push("2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-02-30T10:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z", "0000-01-01T00:00:00.000Z", "９９９９-01-01T00:00:00Z", "");
  return out;
};

const rawValues = (): unknown[] => {
  const out: unknown[] = [null, undefined, "", " ", true, false, 0, 1, 2, -0, NaN, Infinity, 1e21, {}, [], ["a", 1], ["a", {}], [" X ", ""], "a;b; ;C", new Date(0), new Date(NaN), "1e3", " 12 ", "12abc", ".5", "+3", "-", "yes", " NO ", "True", "2026-01-01", "2026-01-01T10:00", "2026-01-01 10:00:00+02", "Saas", "retail"];
  for (const text of isoTexts().slice(0, 300)) out.push(text);
  return out;
};

describe("standalone runtime = src/semantics", () => {
  it.each(["toNumber", "toText", "toBoolean", "toDate", "toList", "describeRawValue"] as const)("%s", (name) => {
    for (const raw of rawValues()) expect(sameRecord(standalone[name](raw), (values[name] as (raw: unknown) => unknown)(raw)), `${name}(${String(raw)})`).toBe(true);
  });

  it("toEnum", () => {
    for (const raw of rawValues()) expect(standalone.toEnum(raw, ["saas", "retail"])).toEqual(values.toEnum(raw, ["saas", "retail"]));
  });

  it("text helpers, rounding and asOf", () => {
    for (const text of ["  Opened \t EMAIL ", "x", "", "A\u2028B"]) expect(standalone.normalizeEventType(text)).toBe(values.normalizeEventType(text));
    for (const v of [0.125, -0.125, 1.005, 2.675, -0.001, 1e-9, 123456.785, -0]) expect(Object.is(standalone.round2(v), values.round2(v))).toBe(true);
    for (const asOf of [0, "2026-06-15", "2026-06-15T12:00:00Z", new Date(5)]) expect(standalone.resolveAsOf(asOf)).toBe(resolveAsOf(asOf));
    expect(standalone.fieldError("L", "f", "a number", "x")).toEqual(fieldError("L", "f", "a number", "x"));
  });

  it("parseIsoTime and its fast path", () => {
    for (const text of isoTexts()) {
      const expected = values.parseIsoTime(text);
      expect(standalone.parseIsoTime(text), text).toBe(expected);
      expect(standalone.parseIsoTimeFast(text), text).toBe(expected);
    }
  });
});

describe("parseIsoTimeFast = parseIsoTime", () => {
  it("on random and edge texts", () => {
    for (const text of isoTexts()) expect(parseIsoTimeFast(text), text).toBe(values.parseIsoTime(text));
  });

  it("on every day of 400 years in toISOString form", () => {
    const start = Date.UTC(1800, 0, 1);
    for (let day = 0; day < 146_097; day++) {
      const ms = start + day * 86_400_000 + (day % 86_400) * 1000 + (day % 1000);
      const text = new Date(ms).toISOString();
      if (parseIsoTimeFast(text) !== ms) expect(parseIsoTimeFast(text), text).toBe(ms);
    }
  });
});

const numberTexts = (): string[] => {
  const out = ["", "0", "-0", "+0", "7", "007", "-12", "+12", "-", "+", "--1", "1-", "12.5", "1e3", " 12", "12 ", "0x1F", "1_000", "Infinity", "٣", "１２"];
  for (let digits = 1; digits <= 18; digits++) out.push("9".repeat(digits), "-" + "9".repeat(digits), "1" + "0".repeat(digits - 1));
  for (let i = 0; i < 2000; i++) {
    const alphabet = rng.pick(["0123456789", "0123456789", "0123456789-+. e"]);
    let text = "";
    for (let k = rng.int(0, 17); k > 0; k--) text += alphabet[rng.int(0, alphabet.length - 1)];
    out.push(text);
  }
  return out;
};

describe("parseIntegerText = toNumber where it answers", () => {
  it("gives toNumber's value, or NaN to send the text down the slow path", () => {
    let answered = 0;
    for (const text of numberTexts()) {
      const fast = parseIntegerText(text);
      expect(Object.is(standalone.parseIntegerText(text), fast), text).toBe(true);
      if (Number.isNaN(fast)) continue;
      answered++;
      const slow = values.toNumber(text);
      expect(slow.ok && Object.is(slow.value, fast), text).toBe(true);
    }
    expect(answered).toBeGreaterThan(500);
  });
});

