// SPEC 11: names, strings and numbers from a model reach generated code only as escaped literals;
// `__proto__`, `constructor` and friends are ordinary names.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { generateFactoryBody } from "../../src/compiler/js/generate.js";
import { emitStandaloneModule } from "../../src/compiler/js/standalone.js";
import type { ScoringPlan } from "../../src/ir/plan.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import { normalizeText } from "../../src/semantics/values.js";
import { sameRecord } from "../support/same-record.js";
import { event, planOf } from "../support/plan-builder.js";

const AS_OF = Date.UTC(2026, 5, 15, 12);

const HOSTILE = [
  "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype",
  '"); process.exit(1); ("', "'); globalThis.pwned = 1; ('", "`${globalThis.pwned = 1}`", "${x}",
  "\u2028", "a\u2029b", "back\\slash\\", "\\", "*/ globalThis.pwned = 1; /*", "// x\nglobalThis.pwned = 1",
  "</script><script>globalThis.pwned = 1</script>", "\0", "\ud800",
];
/** Hostile names that are already normalised event types (lower case, single spaces, trimmed). */
const HOSTILE_EVENTS = HOSTILE.map((name) => name.trim().replace(/\s+/g, " ").toLowerCase()).filter((name) => name !== "");

/** Every name in one plan: fields, events, groups, tiers, rule texts and text literals. */
function hostilePlan(name: string, eventName: string): ScoringPlan {
  return planOf({
    fields: { [name]: "text", flag: "boolean" },
    events: [eventName],
    groups: [{ name, upTo: 100, tiers: [{ name, op: ">=", threshold: 1 }, { name: `${name}!`, op: "otherwise", threshold: 0 }] }],
    rules: [
      { when: { k: "text", field: name, op: "=", value: normalizeText(name) ?? "" }, points: 3, group: 0, text: name },
      { when: { k: "textIn", field: name, values: [normalizeText(name) ?? "", "*/"], negated: false }, points: 5, text: `when ${name} add 5` },
      { when: event(eventName), points: 2, each: { event: eventName, upTo: 4 }, group: 0, text: `${name}\n` },
      { when: { k: "text", field: name, op: "contains", value: "${" }, points: 7 },
    ],
    gates: [{ k: "isTrue", field: "flag" }],
    qualify: { op: ">", threshold: 1 },
    tiers: [{ name, op: ">", threshold: 0 }],
  });
}

function leadFor(name: string, eventName: string, flag = false): Record<string, unknown> {
  // JSON.parse makes `__proto__` an own property, as in any lead file.
  return JSON.parse(JSON.stringify({ id: name, flag, events: [eventName, { type: eventName, at: "2026-06-01T00:00:00Z" }, eventName] }).replace(/^\{/, `{${JSON.stringify(name)}: ${JSON.stringify(` ${name.toUpperCase()} `)},`));
}

describe("injection", () => {
  const exit = vi.spyOn(process, "exit").mockImplementation((() => {
    throw new Error("process.exit called");
  }) as never);
  afterEach(() => {
    expect(exit).not.toHaveBeenCalled();
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it.each(HOSTILE.map((name, i) => [JSON.stringify(name), name, HOSTILE_EVENTS[i % HOSTILE_EVENTS.length]] as const))("name %s", (_label, name, eventName) => {
    const plan = hostilePlan(name, eventName);
    const scorer = compileScorer(plan);
    for (const lead of [leadFor(name, eventName), leadFor(name, eventName, true), {}]) {
      for (const explain of [false, true]) {
        const expected = interpretRaw(plan, lead, { asOfMs: AS_OF, explain });
        const actual = scorer.score(lead, { asOf: AS_OF, explain });
        expect(sameRecord(actual, expected), JSON.stringify({ actual, expected })).toBe(true);
      }
    }
    const result = scorer.score(leadFor(name, eventName), { asOf: AS_OF, explain: true });
    // The named group is an own property of an ordinary object, whatever its name.
    expect(Object.getPrototypeOf((result as { groups: object }).groups)).toBe(Object.prototype);
    expect(Object.keys((result as { groups: object }).groups)).toEqual([name]);
    const known = normalizeText(name) !== undefined;
    const score = (known ? 3 + 5 + (name.includes("${") ? 7 : 0) : 0) + 4;
    expect(result).toMatchObject({ id: known ? name : 1, score, tier: name });
  });

  it("the same plans work as a standalone module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadscore-injection-"));
    try {
      for (const [i, name] of HOSTILE.entries()) {
        const eventName = HOSTILE_EVENTS[i % HOSTILE_EVENTS.length];
        const plan = hostilePlan(name, eventName);
        const file = join(dir, `m${i}.mjs`);
        writeFileSync(file, emitStandaloneModule(plan));
        const module = (await import(pathToFileURL(file).href)) as { score(lead: unknown, asOf: string): unknown };
        const lead = leadFor(name, eventName);
        expect(sameRecord(module.score(lead, "2026-06-15T12:00:00Z"), compileScorer(plan).score(lead, { asOf: AS_OF }))).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("generated locals never carry names from the model", () => {
    const body = generateFactoryBody(hostilePlan("company_size", "opened email"), { explain: true });
    const outsideStrings = body.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(outsideStrings).not.toMatch(/company_size|opened email/);
  });

  it("an inherited value is not a lead's value", () => {
    const plan = planOf({ fields: { constructor: "text" as const, toString: "number" as const, company_size: "number" as const }, rules: [{ when: { k: "known", field: "constructor", negated: false }, points: 1 }, { when: { k: "known", field: "company_size", negated: false }, points: 10 }] });
    const scorer = compileScorer(plan);
    class Lead {
      get company_size(): number {
        return 5;
      }
    }
    for (const lead of [{}, Object.create(null), new Lead(), Object.create({ company_size: 7 })]) {
      expect(scorer.score(lead, { asOf: AS_OF })).toMatchObject({ score: 0 });
      expect(sameRecord(scorer.score(lead, { asOf: AS_OF }), interpretRaw(plan, lead, { asOfMs: AS_OF }))).toBe(true);
    }
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.company_size = 500;
    try {
      expect(scorer.score({}, { asOf: AS_OF })).toMatchObject({ score: 0 });
      expect(scorer.score({ company_size: 500 }, { asOf: AS_OF })).toMatchObject({ score: 10 });
    } finally {
      delete polluted.company_size;
    }
  });

  it.each([
    ["a string for points", { points: "1); globalThis.pwned = (1" }],
    ["a NaN for points", { points: Number.NaN }],
    ["an object for a text value", { condition: { k: "text", field: "x", op: "=", value: { toString: () => '"); globalThis.pwned = 1; ("' } } }],
    ["a string for a threshold", { condition: { k: "number", field: "x", op: ">", value: "0) || (globalThis.pwned = 1" } }],
    ["an unknown operator", { condition: { k: "number", field: "x", op: "=== 0 || (globalThis.pwned = 1) ||", value: 0 } }],
  ])("a malformed plan is refused, not emitted: %s", (_label, patch) => {
    const plan = planOf({ fields: { x: "number" }, rules: [{ when: { k: "const", value: true }, points: 1 }] });
    Object.assign(plan.rules[0], patch);
    expect(() => compileScorer(plan)).toThrow(TypeError);
  });
});
