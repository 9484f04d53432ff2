// leadscore test FILE.score [CASES] : runs the model's `example` blocks and, when given, a file of
// leads with expected results; prints each failure with the lead, what was expected, what it got,
// and why (the rules that fired), then a summary line.

import { runExamples } from "../../api/compile.js";
import { LineIndex } from "../../diagnostics/positions.js";
import { InputError } from "../../io/input-error.js";
import { readLeads } from "../../io/read-leads.js";
import { isErrorRecord, type LeadRecord, type ScoreResult } from "../../ir/result.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { round2 } from "../../semantics/values.js";
import { loadModel } from "../load-model.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandArgs, UsageError } from "../usage.js";

export const testHelp = `Usage: leadscore test FILE.score [CASES] [options]

Runs the model's \`example\` blocks (as of now: "2 days ago" counts back from the
moment the test starts) and, when given, CASES: leads with expected results.

CASES is a .csv, .json (array) or .jsonl/.ndjson file of leads, each with
  expect_score, expect_tier, expect_qualified     (CSV columns or JSON fields)
  expect_GROUP_score, expect_GROUP_tier          (for a group, e.g. expect_fit_tier)
or an "expect" object: {"score": 30, "tier": "hot", "qualified": true,
  "groups": {"fit": {"score": 15, "tier": "A"}}}.
A blank value expects nothing.

Each failure shows the lead, what was expected, what it got, and the rules
that fired for it; a summary line follows.

Options:
  --events FILE   events for CSV cases: a CSV with columns lead_id,type,at
  --as-of TIME    run as of this ISO-8601 date or time (default: now)
  --id FIELD      the field holding the lead id (default: id)
  -h, --help      show this help

Exit codes: 0 all passed, 1 a test failed, 2 bad usage, unreadable input, or a
model with errors.
`;

export async function testCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    events: { type: "string" },
    "as-of": { type: "string" },
    id: { type: "string" },
  });
  if (values.help) return write(terminal.stdout, testHelp).then(() => EXIT_OK);
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError("test needs a model and optionally a cases file: leadscore test FILE.score [CASES]");
  const [modelPath, casesPath] = positionals;
  const asOf = parseAsOf(values["as-of"] as string | undefined);
  const idField = (values.id as string | undefined) ?? "id";
  if (values.events !== undefined && casesPath === undefined) throw new UsageError("--events needs a CASES file");

  const compiled = await loadModel(modelPath, terminal);
  if (!compiled?.model) return EXIT_USAGE;
  const model = compiled.model;
  const lines = new LineIndex(compiled.source);
  const explainer = new Explainer(lines);

  let passed = 0;
  let failed = 0;

  const outcomes = runExamples(compiled, asOf);
  for (const outcome of outcomes) {
    if (outcome.passed) {
      passed++;
      continue;
    }
    failed++;
    const where = `${modelPath}:${lines.position(outcome.span.start).line}`;
    await write(terminal.stdout, explainer.failure(`example ${JSON.stringify(outcome.title)} (${where})`, outcome.lead, outcome.failures, outcome.result));
  }

  let cases = 0;
  let withoutExpectations = 0;
  if (casesPath !== undefined) {
    try {
      let position = 0;
      for await (const input of readLeads(casesPath, { eventsPath: values.events as string | undefined, idField })) {
        position++;
        cases++;
        if (input.kind === "malformed") {
          failed++;
          await write(terminal.stdout, `FAIL case ${position} (${input.file}:${input.line})\n  could not be read: ${input.message}\n\n`);
          continue;
        }
        const expectations = readExpectations(input.raw, compiled.groups);
        const result = model.score(input.raw, { asOf, explain: true, idField, position });
        const problems = [...expectations.problems, ...unmet(expectations.expected, result)];
        if (expectations.problems.length === 0 && isEmpty(expectations.expected) && !isErrorRecord(result)) withoutExpectations++;
        if (problems.length === 0) {
          passed++;
          continue;
        }
        failed++;
        await write(terminal.stdout, explainer.failure(`case ${JSON.stringify(result.id)} (${input.file}:${input.line})`, input.raw, problems, result));
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      await write(terminal.stderr, `leadscore test: ${error.message}\n`);
      return EXIT_USAGE;
    }
  }

  await write(terminal.stdout, summary(modelPath, outcomes.length, casesPath === undefined ? undefined : cases, passed, failed, withoutExpectations));
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function parseAsOf(text: string | undefined): number {
  if (text === undefined) return Date.now();
  try {
    return resolveAsOf(text);
  } catch {
    throw new UsageError(`--as-of must be an ISO-8601 date or time such as 2026-11-15 or 2026-11-15T09:00:00Z, not "${text}"`);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function summary(modelPath: string, examples: number, cases: number | undefined, passed: number, failed: number, withoutExpectations: number): string {
  const ran = cases === undefined ? plural(examples, "example") : `${plural(examples, "example")} and ${plural(cases, "case")}`;
  const note = withoutExpectations > 0 ? ` (${plural(withoutExpectations, "case")} had no expectations)` : "";
  if (passed + failed === 0) return `${modelPath}: nothing to test: no examples${cases === undefined ? "" : " and no cases"}\n`;
  if (failed === 0) return `${modelPath}: ${ran}: all ${passed} passed${note}\n`;
  return `${modelPath}: ${ran}: ${passed} passed, ${failed} failed${note}\n`;
}

// ---- expectations of a case ---------------------------------------------------------------------

interface Expected {
  score?: number;
  tier?: string;
  qualified?: boolean;
  groups: Map<string, { score?: number; tier?: string }>;
}

function isEmpty(expected: Expected): boolean {
  return expected.score === undefined && expected.tier === undefined && expected.qualified === undefined && expected.groups.size === 0;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Reads `expect_*` columns / fields and an `expect` object; a value that cannot be read is a problem. */
function readExpectations(raw: Record<string, unknown>, groups: readonly string[]): { expected: Expected; problems: string[] } {
  const expected: Expected = { groups: new Map() };
  const problems: string[] = [];
  const number = (label: string, value: unknown): number | undefined => {
    if (blank(value)) return undefined;
    const n = typeof value === "number" ? value : typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isFinite(n)) return n;
    problems.push(`${label}: expected a number, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const text = (label: string, value: unknown): string | undefined => {
    if (blank(value)) return undefined;
    if (typeof value === "string") return value.trim();
    problems.push(`${label}: expected a tier name, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const flag = (label: string, value: unknown): boolean | undefined => {
    if (blank(value)) return undefined;
    if (typeof value === "boolean") return value;
    const word = String(value).trim().toLowerCase();
    if (["true", "yes", "1"].includes(word)) return true;
    if (["false", "no", "0"].includes(word)) return false;
    problems.push(`${label}: expected true or false, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const group = (name: string) => {
    let entry = expected.groups.get(name);
    if (!entry) expected.groups.set(name, (entry = {}));
    return entry;
  };
  const pruneGroups = () => {
    for (const [name, entry] of expected.groups) if (entry.score === undefined && entry.tier === undefined) expected.groups.delete(name);
  };

  expected.score = number("expect_score", raw.expect_score);
  expected.tier = text("expect_tier", raw.expect_tier);
  expected.qualified = flag("expect_qualified", raw.expect_qualified);
  for (const name of groups) {
    const score = number(`expect_${name}_score`, raw[`expect_${name}_score`]);
    const tier = text(`expect_${name}_tier`, raw[`expect_${name}_tier`]);
    if (score !== undefined) group(name).score = score;
    if (tier !== undefined) group(name).tier = tier;
  }

  const object = raw.expect;
  if (object !== undefined && object !== null) {
    if (typeof object !== "object" || Array.isArray(object)) {
      problems.push(`expect: expected an object such as {"score": 30, "tier": "hot"}, got ${JSON.stringify(object)}`);
    } else {
      const e = object as Record<string, unknown>;
      expected.score = number("expect.score", e.score) ?? expected.score;
      expected.tier = text("expect.tier", e.tier) ?? expected.tier;
      expected.qualified = flag("expect.qualified", e.qualified) ?? expected.qualified;
      if (e.groups !== undefined && e.groups !== null) {
        if (typeof e.groups !== "object" || Array.isArray(e.groups)) {
          problems.push(`expect.groups: expected an object such as {"fit": {"score": 15}}, got ${JSON.stringify(e.groups)}`);
        } else {
          for (const [name, value] of Object.entries(e.groups as Record<string, unknown>)) {
            if (!groups.includes(name)) {
              problems.push(`expect.groups: the model has no group named ${JSON.stringify(name)}`);
              continue;
            }
            const g = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
            const score = number(`expect.groups.${name}.score`, g.score);
            const tier = text(`expect.groups.${name}.tier`, g.tier);
            if (score !== undefined) group(name).score = score;
            if (tier !== undefined) group(name).tier = tier;
          }
        }
      }
    }
  }
  pruneGroups();
  return { expected, problems };
}

/** One sentence per unmet expectation, worded as the example runner words them. */
function unmet(expected: Expected, record: LeadRecord): string[] {
  if (isErrorRecord(record)) return [`could not be scored: ${record.error}`];
  const failures: string[] = [];
  const scoreDiffers = (want: number, got: number | undefined) => got === undefined || Math.abs(got - round2(want)) > 0.001;
  if (expected.score !== undefined && scoreDiffers(expected.score, record.score)) failures.push(`expected score ${expected.score}, got ${record.score}`);
  if (expected.tier !== undefined && record.tier !== expected.tier) failures.push(`expected tier ${expected.tier}, got ${record.tier ?? "no tier"}`);
  if (expected.qualified !== undefined && record.qualified !== expected.qualified) {
    const gate = record.disqualified_by !== undefined ? ` (stopped by the gate on line ${record.disqualified_by})` : "";
    failures.push(`expected ${expected.qualified ? "qualified" : "not qualified"}, got ${record.qualified ? "qualified" : "not qualified"}${gate}`);
  }
  for (const [name, want] of expected.groups) {
    const got = record.groups[name];
    if (want.score !== undefined && scoreDiffers(want.score, got?.score)) failures.push(`expected ${name} score ${want.score}, got ${got?.score ?? "none"}`);
    if (want.tier !== undefined && got?.tier !== want.tier) failures.push(`expected ${name} tier ${want.tier}, got ${got?.tier ?? "no tier"}`);
  }
  return failures;
}

// ---- explaining a failure -----------------------------------------------------------------------

class Explainer {
  constructor(private readonly lines: LineIndex) {}

  failure(title: string, lead: unknown, failures: readonly string[], record: LeadRecord): string {
    let text = `FAIL ${title}\n  lead: ${JSON.stringify(lead)}\n`;
    for (const failure of failures) text += `  ${failure}\n`;
    if (!isErrorRecord(record)) text += this.explanation(record);
    return text + "\n";
  }

  /** Why the lead got its score: the rules that fired, the group sub-scores, the gate that stopped it. */
  private explanation(result: ScoreResult): string {
    const outcome = [`score ${result.score}`];
    if (result.tier !== null) outcome.push(`tier ${result.tier}`);
    if (result.qualified !== null) outcome.push(result.qualified ? "qualified" : "not qualified");
    let text = `  why (${outcome.join(", ")}):\n`;
    const hits = result.hits ?? [];
    if (hits.length === 0) text += "    no rule added or took away points\n";
    const width = Math.max(0, ...hits.map((hit) => signed(hit.points).length));
    for (const hit of hits) {
      const where = hit.group === null ? `line ${hit.line}` : `line ${hit.line}, ${hit.group}`;
      text += `    ${signed(hit.points).padStart(width)}  ${where}: ${oneLine(hit.rule)}\n`;
    }
    const groups = Object.entries(result.groups);
    if (groups.length > 0) {
      const parts = groups.map(([name, group]) => `${name} ${group.score}${group.tier === null ? "" : ` (tier ${group.tier})`}`);
      text += `    groups: ${parts.join(", ")}\n`;
    }
    if (result.disqualified_by !== undefined) {
      text += `    stopped by the gate on line ${result.disqualified_by}: ${oneLine(this.lines.lineText(result.disqualified_by).trim())}\n`;
    }
    return text;
  }
}

// Rule texts come from the model: control characters in a quoted text must not drive the terminal.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** A rule's text as written may span lines (a wrapped list); show it on one. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").replace(UNSAFE_CHARACTERS, "\ufffd");
}
