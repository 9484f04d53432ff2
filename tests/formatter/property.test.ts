// Property tests over thousands of generated model texts (tests/support/generate-model-text.ts):
// formatting is idempotent, keeps the meaning of the syntax tree and every comment, produces only
// canonical-looking text, and never changes any lead's score. LEADSCORE_FUZZ_RUNS raises the budget.

import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { format, formatModel } from "../../src/formatter/format.js";
import { compile, isErrorRecord, type LeadRecord } from "../../src/index.js";
import { astDifference } from "../support/ast-equivalence.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { generateLeadsForModel } from "../support/generate-model-leads.js";
import { generateModelText } from "../support/generate-model-text.js";
import { createRng, DEFAULT_AS_OF_MS } from "../support/generate-plan.js";

const MODEL_RUNS = fuzzRuns(2000);
const SCORE_RUNS = Math.max(200, Math.floor(MODEL_RUNS / 10));
const MUTATION_RUNS = Math.max(800, Math.floor(MODEL_RUNS / 2.5));
/** A larger budget (LEADSCORE_FUZZ_RUNS) needs more than the default 60 s per test. */
const TIMEOUT = Math.max(60_000, MODEL_RUNS * 60);

/** Problems with a formatted text that a canonical text can never have. */
function layoutProblems(text: string): string[] {
  const problems: string[] = [];
  if (text !== "" && !text.endsWith("\n")) problems.push("no newline at the end");
  if (text.endsWith("\n\n")) problems.push("blank line at the end");
  if (text.startsWith("\n")) problems.push("blank line at the start");
  if (text.includes("\r")) problems.push("carriage return");
  if (text.includes("\n\n\n")) problems.push("two blank lines in a row");
  text.split("\n").forEach((line, i) => {
    if (/[ \t]$/.test(line)) problems.push(`trailing whitespace on line ${i + 1}`);
    const indent = /^ */.exec(line)![0].length;
    if (indent % 2 !== 0 || line.startsWith("\t")) problems.push(`odd indentation on line ${i + 1}`);
  });
  return problems;
}

/** Formats a text twice (two parses, the trees reused) and reports the first problem, if any. */
function checkFormatting(source: string): string | undefined {
  const original = parse(source);
  const syntaxErrors = original.diagnostics.filter((d) => d.code.startsWith("LS1"));
  if (syntaxErrors.length > 0) return `syntax errors: ${syntaxErrors.map((d) => d.message).join("; ")}`;
  const once = formatModel(original.ast);
  const reparsed = parse(once);
  if (reparsed.diagnostics.some((d) => d.code.startsWith("LS1"))) return `the formatted text does not parse:\n${once}`;
  const twice = formatModel(reparsed.ast);
  if (twice !== once) return `not idempotent:\n--- once\n${once}\n--- twice\n${twice}`;
  const difference = astDifference(original.ast, reparsed.ast);
  if (difference) return `meaning changed: ${difference}`;
  const problems = layoutProblems(once);
  if (problems.length > 0) return `layout: ${problems.join(", ")}`;
  return undefined;
}

describe("formatting generated models", () => {
  it(`is idempotent and keeps the meaning and every comment (${MODEL_RUNS} models)`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= MODEL_RUNS && failures.length < 3; seed++) {
      const model = generateModelText(seed);
      const problem = checkFormatting(model.text);
      if (problem) failures.push(`seed ${seed}: ${problem}\n--- source\n${model.text}`);
    }
    expect(failures).toEqual([]);
  }, TIMEOUT);

  it("formats tidy and comment-free models too", () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= Math.ceil(MODEL_RUNS / 5); seed++) {
      const model = generateModelText(seed, { messy: seed % 2 === 0, comments: false });
      const problem = checkFormatting(model.text);
      if (problem) failures.push(`seed ${seed}: ${problem}`);
    }
    expect(failures).toEqual([]);
  }, TIMEOUT);

  it(`never changes any lead's score (${SCORE_RUNS} models, 40 leads each)`, () => {
    const failures: string[] = [];
    let scored = 0;
    for (let seed = 1; seed <= SCORE_RUNS && failures.length < 3; seed++) {
      const model = generateModelText(seed);
      const before = compile(model.text);
      if (!before.model) continue; // the generator aims for valid models; the assertion below counts them
      const formatted = format(model.text).text;
      const after = compile(formatted);
      if (!after.model) {
        failures.push(`seed ${seed}: the formatted model has errors: ${after.diagnostics.map((d) => d.message).join("; ")}`);
        continue;
      }
      const leads = generateLeadsForModel(model, 40, seed);
      const a = before.model.scoreAll(leads, { asOf: new Date(DEFAULT_AS_OF_MS) }).map(outcome);
      const b = after.model.scoreAll(leads, { asOf: new Date(DEFAULT_AS_OF_MS) }).map(outcome);
      scored++;
      for (let i = 0; i < a.length; i++) {
        if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) {
          failures.push(`seed ${seed}, lead ${JSON.stringify(leads[i])}:\n  before ${JSON.stringify(a[i])}\n  after  ${JSON.stringify(b[i])}`);
          break;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(scored).toBeGreaterThan(SCORE_RUNS * 0.9);
  }, TIMEOUT);

  it(`never throws on mutated texts, and formats every mutant that still parses (${MUTATION_RUNS} mutants)`, () => {
    const rng = createRng(20261122);
    const pieces = [" ", "\n", ";", "(", ")", "[", "]", "{", "}", ",", "#", '"', "not ", "and ", " or ", "is ", "5", "-", "%", "when a add 1\n"];
    const failures: string[] = [];
    let formatted = 0;
    for (let run = 1; run <= MUTATION_RUNS && failures.length < 3; run++) {
      let text = generateModelText(rng.int(1, 1_000_000), { messy: rng.chance(0.5) }).text;
      for (let edits = rng.int(1, 3); edits > 0; edits--) {
        const at = rng.int(0, text.length);
        const cut = rng.chance(0.5) ? rng.int(0, 6) : 0;
        text = text.slice(0, at) + (rng.chance(0.7) ? rng.pick(pieces) : "") + text.slice(at + cut);
      }
      let problem: string | undefined;
      try {
        const result = format(text);
        if (result.diagnostics.length > 0) {
          if (result.text !== text || result.changed) problem = "a text with syntax errors was changed";
        } else {
          formatted++;
          problem = checkFormatting(text);
        }
      } catch (error) {
        problem = `threw ${(error as Error).stack}`;
      }
      if (problem) failures.push(`mutant ${run}: ${problem}\n--- source\n${text}`);
    }
    expect(failures).toEqual([]);
    expect(formatted).toBeGreaterThan(0);
  }, TIMEOUT);
});

/** What a lead's result means: everything but the lines of rules and gates, which formatting moves. */
function outcome(record: LeadRecord): unknown {
  if (isErrorRecord(record)) return { id: record.id, error: record.error };
  return {
    id: record.id,
    score: record.score,
    qualified: record.qualified,
    tier: record.tier,
    groups: record.groups,
    disqualified: record.disqualified_by !== undefined,
  };
}
