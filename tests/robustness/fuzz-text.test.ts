// SPEC section 11: no input crashes the parser, checker or compiler; any text yields diagnostics.
// Random token soup and mutations of real models are pushed through every stage, and whatever model
// compiles is run on a few leads: nothing may throw.

import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { parse } from "../../src/ast/parse.js";
import { format } from "../../src/api/format.js";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "../../grammar/tokens.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { fuzzRuns } from "../support/fuzz-budget.js";

const PIECES = [
  ...RESERVED_WORDS, ...SOFT_KEYWORDS, "{", "}", "(", ")", "[", "]", ",", ":", "|", ";", "\n", "\n", "\n", "%", "=", "!=", "<", "<=", ">", ">=",
  "5", "-3", "2.5", "0", "2026-01-31", "2026-02-30", '"saas"', '"a \\" b"', '"open', "#c", "opened email", "company_size", "fit", "__proto__",
  "constructor", "ä", "@", "\t", "\r\n", "9999999999999999999999", "1e5",
];

function tokenSoup(rng: Rng): string {
  const length = rng.int(0, 40);
  let text = "";
  for (let i = 0; i < length; i++) text += rng.pick(PIECES) + (rng.chance(0.8) ? " " : "");
  return text;
}

const SEEDS = [
  "when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20",
  ...readdirSync(new URL("../../examples/", import.meta.url))
    .filter((name) => name.endsWith(".score"))
    .map((name) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8")),
];

function mutate(rng: Rng, text: string): string {
  let out = text;
  const edits = rng.int(1, 6);
  for (let i = 0; i < edits; i++) {
    const at = rng.int(0, out.length);
    switch (rng.int(0, 4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + rng.int(1, 12));
        break;
      case 1:
        out = out.slice(0, at) + rng.pick(PIECES) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at);
        break;
      case 3:
        out = out.slice(0, at) + String.fromCharCode(rng.int(0, 0x2fff)) + out.slice(at);
        break;
      default: {
        const from = rng.int(0, out.length);
        out = out.slice(0, at) + out.slice(from, from + rng.int(1, 30)) + out.slice(at);
      }
    }
  }
  return out;
}

const LEADS = [{}, { competitor: true, company_size: 300, title: "VP", events: ["opened email", { type: "downloaded whitepaper", at: "2026-11-01" }] }, { company_size: "x" }];

function everyStage(text: string): void {
  const parsed = parse(text);
  expect(Array.isArray(parsed.diagnostics)).toBe(true);
  const compiled = compile(text);
  for (const d of compiled.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.message.length).toBeGreaterThan(0);
  }
  const formatted = format(text);
  if (compiled.diagnostics.some((d) => d.code.startsWith("LS1"))) expect(formatted).toBe(text);
  if (compiled.model) for (const lead of LEADS) compiled.model.score(lead, { asOf: "2026-11-15", explain: true });
}

describe("fuzzing the language front end", () => {
  it("random token soup never makes a stage throw", () => {
    const rng = createRng(20261122);
    for (let run = 0; run < fuzzRuns(1500); run++) {
      const text = tokenSoup(rng);
      try {
        everyStage(text);
      } catch (error) {
        throw new Error(`input ${JSON.stringify(text)}: ${(error as Error).stack}`);
      }
    }
  });

  it("mutated real models never make a stage throw", () => {
    const rng = createRng(7);
    for (let run = 0; run < fuzzRuns(1500); run++) {
      const text = mutate(rng, rng.pick(SEEDS));
      try {
        everyStage(text);
      } catch (error) {
        throw new Error(`input ${JSON.stringify(text)}: ${(error as Error).stack}`);
      }
    }
  });
});

describe("pathological nesting", () => {
  it.each([
    ["3,000 parentheses", "when " + "(".repeat(3000) + "a" + ")".repeat(3000) + " add 1\nwhen b add 2"],
    ["20,000 nots", "when " + "not ".repeat(20000) + "a add 1\nwhen b add 2"],
    ["unclosed parentheses", "when " + "(".repeat(5000) + "\nwhen b add 2"],
    ["long and-chains", "when " + Array.from({ length: 5000 }, (_, i) => `f${i % 7}`).join(" and ") + " add 1\nwhen b add 2"],
  ])("%s yield a diagnostic, not a crash, and later lines still count", (_, source) => {
    const compiled = compile(source);
    if (!source.includes(" and ")) expect(compiled.diagnostics.map((d) => d.code)).toContain("LS1006");
    format(source);
    expect(compiled.plan.rules.some((rule) => rule.text === "when b add 2")).toBe(true);
  });
});
