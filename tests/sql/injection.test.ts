// Generated SQL cannot be injected into (SPEC 11): names and strings from a model reach the SQL only
// as quoted identifiers ("" doubled) and standard string literals ('' doubled), so hostile names
// such as `"; drop table leads; --`, `O'Brien` or `__proto__` are ordinary names that work.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { compileSql } from "../../src/compiler/sql/compile-sql.js";
import { quoteIdentifier, quoteTableName, SqlCompileError, stringLiteral } from "../../src/compiler/sql/literals.js";
import type { ScoringPlan } from "../../src/ir/plan.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";
import { event, planOf } from "../support/plan-builder.js";
import { sameRecord } from "../support/same-record.js";
import { csvLeads, openEngines, planFromSource, scoreEverywhere, type Engines } from "./support/score-everywhere.js";

const HOSTILE = ['"; drop table leads; --', "O'Brien", "'; drop table leads; --", "__proto__", "constructor", "back\\slash", "a\u2028b", "*/ x", "$1", "it's \"quoted\""];

/** The SQL with every quoted identifier and string literal removed: what is left is our own text. */
function outsideQuotes(sql: string): string {
  let out = "";
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      // Skip to the closing quote; a doubled quote is part of the token.
      for (i++; i < sql.length; i++) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i++;
          else break;
        }
      }
      out += " ";
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") {
      // A comment runs to the end of the line; only the generator writes comments.
      const end = sql.indexOf("\n", i);
      out += sql.slice(i, end === -1 ? sql.length : end);
      i = end === -1 ? sql.length : end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

function modelStrings(plan: ScoringPlan): string[] {
  const strings = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string" && value.length > 2) strings.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  visit(plan.schema.fields.map((f) => f.name));
  visit(plan.schema.events);
  visit(plan.groups);
  visit(plan.rules.map((r) => [r.condition, r.each, r.decayEvent]));
  visit(plan.gates.map((g) => g.condition));
  visit(plan.tiers);
  return [...strings].filter((s) => /[^A-Za-z0-9_ ]/.test(s));
}

describe("quoting", () => {
  it.each([
    ["leads", '"leads"'],
    ['"; drop table leads; --', '"""; drop table leads; --"'],
    ["O'Brien", `"O'Brien"`],
    ["__proto__", '"__proto__"'],
  ])("identifier %s", (name, quoted) => {
    expect(quoteIdentifier(name)).toBe(quoted);
  });

  it.each([
    ["O'Brien", "'O''Brien'"],
    ["'; drop table leads; --", "'''; drop table leads; --'"],
    ["back\\slash", "'back\\slash'"],
  ])("string %s", (value, literal) => {
    expect(stringLiteral(value)).toBe(literal);
  });

  it.each([
    ["crm.leads", '"crm"."leads"'],
    ['"odd.name"', '"odd.name"'],
    ['crm."a ""b"" c"', '"crm"."a ""b"" c"'],
    ["x; drop table leads", '"x; drop table leads"'],
  ])("table %s", (reference, quoted) => {
    expect(quoteTableName(reference)).toBe(quoted);
  });

  it.each(["", "a.", '"open', "a\u0000b"])("refuses the table name %j", (reference) => {
    expect(() => quoteTableName(reference)).toThrow(SqlCompileError);
  });

  it("refuses text SQL cannot hold", () => {
    const plan = planOf({ fields: { title: "text" }, rules: [{ when: { k: "text", field: "title", op: "=", value: "nul\u0000" }, points: 1 }] });
    expect(() => compileSql(plan)).toThrow(SqlCompileError);
  });
});

describe("generated SQL holds model text only inside quotes", () => {
  it.each(["duckdb", "postgres"] as const)("%s, on generated plans with hostile names", (dialect) => {
    for (let seed = 1; seed <= fuzzRuns(300); seed++) {
      const plan = generatePlan(createRng(seed), { hostile: 0.5 });
      const sql = outsideQuotes(compileSql(plan, { dialect, explain: true }));
      for (const text of modelStrings(plan)) {
        if (sql.includes(text)) throw new Error(`seed ${seed}: ${JSON.stringify(text)} appears outside quotes`);
      }
    }
  });
});

describe("hostile names and strings work", () => {
  let engines: Engines;
  beforeAll(async () => {
    engines = await openEngines();
  });
  afterAll(async () => {
    await engines?.close();
  });

  it("as field, group, tier and event names and as text literals", async () => {
    const [drop, obrien, quoteDrop, proto] = HOSTILE;
    const quoted = HOSTILE[9];
    const plan = planOf({
      fields: Object.fromEntries([[drop, "text"], [obrien, "number"], [proto, "list"], ["constructor", "boolean"]] as const),
      events: [quoteDrop, "it's here"],
      groups: [{ name: drop, upTo: 10, tiers: [{ name: obrien, op: ">=", threshold: 5 }, { name: proto, op: "otherwise", threshold: 0 }] }],
      rules: [
        { when: { k: "text", field: drop, op: "=", value: obrien.toLowerCase() }, points: 5, group: 0 },
        { when: { k: "text", field: drop, op: "contains", value: "back\\slash" }, points: 1, group: 0 },
        { when: { k: "number", field: obrien, op: ">", value: 1 }, points: 2 },
        { when: { k: "listContains", field: proto, value: quoted }, points: 3 },
        { when: event(quoteDrop), points: 4, group: 0 },
        { when: event("it's here", 7), points: 1, each: { event: "it's here", withinDays: 7 } },
        { when: { k: "isTrue", field: "constructor" }, points: 6 },
      ],
      tiers: [{ name: quoteDrop, op: ">", threshold: 10 }, { name: drop, op: "otherwise", threshold: 0 }],
      qualify: { op: ">=", threshold: 7 },
    });
    const leads: Array<Record<string, string>> = [
      { id: "H-1", [drop]: " O'BRIEN ", [obrien]: "2", [proto]: `x; It's "Quoted"`, constructor: "yes" },
      { id: "H-2", [drop]: "a back\\slash", [obrien]: "", [proto]: "", constructor: "no" },
      { id: "H-3", [obrien]: "x'; drop table leads; --" },
    ];
    const events: Array<[string, string, string]> = [
      ["H-1", quoteDrop.toUpperCase(), "2026-06-01"],
      ["H-2", "It's  Here", new Date(DEFAULT_AS_OF_MS - 86_400_000).toISOString()],
      ["H-2", "it's here", new Date(DEFAULT_AS_OF_MS - 86_400_000).toISOString()],
    ];
    const results = await scoreEverywhere(engines, plan, csvLeads(plan, leads, events), DEFAULT_AS_OF_MS);
    const expected = [
      { id: "H-1", score: 20, qualified: true, tier: quoteDrop, groups: { [drop]: { score: 9, tier: obrien } } },
      { id: "H-2", score: 3, qualified: false, tier: drop, groups: { [drop]: { score: 1, tier: proto } } },
      { id: "H-3", error: `${obrien}: expected a number, got "x'; drop table leads; --"` },
    ];
    for (const [backEnd, records] of Object.entries(results)) {
      expect({ backEnd, same: records.every((record, i) => sameRecord(record, expected[i])), records }).toMatchObject({ backEnd, same: true });
    }
    // The tables are still there.
    expect(await engines.duckdb.rows("SELECT count(*) FROM leads")).toEqual([[3n]]);
    if (engines.postgres) expect(await engines.postgres.rows("SELECT count(*) FROM leads")).toEqual([[3]]);
  });

  it("in a model written as text: quoted event names and string literals", async () => {
    const source = [
      "events {",
      `  "'; drop table leads; --"`,
      `  "say \\"hi\\""`,
      "}",
      "lead {",
      "  name: text",
      "}",
      `when "'; drop table leads; --" add 1`,
      `when "say \\"hi\\"" add 2`,
      `when name is "O'Brien" add 4`,
      `when name ends with "\\\\" add 8`,
    ].join("\n");
    const plan = planFromSource(source);
    const data = csvLeads(plan, [{ id: "T-1", name: "o'brien" }, { id: "T-2", name: "c:\\" }], [["T-1", "'; DROP TABLE leads; --"], ["T-2", 'say "hi"']]);
    const results = await scoreEverywhere(engines, plan, data, DEFAULT_AS_OF_MS);
    for (const records of Object.values(results)) {
      expect(records).toEqual([
        { id: "T-1", score: 5, qualified: null, tier: null, groups: {} },
        { id: "T-2", score: 10, qualified: null, tier: null, groups: {} },
      ]);
    }
  });

  it("on generated plans with mostly hostile names", async () => {
    for (let seed = 1; seed <= fuzzRuns(25); seed++) {
      const rng = createRng(700_000 + seed);
      const plan = generatePlan(rng, { hostile: 0.6 });
      const leads = generateLeads(rng, plan, 10).filter((lead) => typeof lead === "object" && lead !== null && !Array.isArray(lead)) as Array<Record<string, unknown>>;
      const data = csvLeads(
        plan,
        leads.map((lead) => Object.fromEntries(Object.entries(lead).filter(([, v]) => typeof v === "string")) as Record<string, string>),
      );
      const scorer = compileScorer(plan);
      const results = await scoreEverywhere(engines, plan, data, DEFAULT_AS_OF_MS);
      const expected = data.reference.map((lead, i) => scorer.score(lead, { asOf: DEFAULT_AS_OF_MS, position: i + 1 }));
      for (const records of Object.values(results)) expect(records.every((record, i) => sameRecord(record, expected[i]))).toBe(true);
    }
  });
});
