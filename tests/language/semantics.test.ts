// SPEC section 3, table-driven: a model text, a lead, and what it must score. Every case runs through
// the public compile() (the compiled scorer), so these pin the behaviour users see.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { isErrorRecord, type ScoreResult } from "../../src/ir/result.js";

const AS_OF = "2026-11-15T00:00:00Z";
const daysAgo = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString();

function scoreOf(source: string, lead: Record<string, unknown>): ScoreResult {
  const { model, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const result = model!.score(lead, { asOf: AS_OF, explain: true });
  if (isErrorRecord(result)) throw new Error(result.error);
  return result;
}

const SCHEMA = `lead {
  title: text
  company_size: number
  industry: "saas" | "retail" | "finance"
  competitor: boolean
  signed_up: date
  tags: list
}
events {
  opened email
  downloaded whitepaper
  "registered for webinar"
}
`;

describe("the one-line model from the spec", () => {
  const model = "when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20";
  it.each([
    [{ events: ["downloaded whitepaper"] }, 5, false],
    [{ competitor: true }, -20, false],
    [{ competitor: true, events: ["Downloaded  Whitepaper"] }, -15, false],
    [{}, 0, false],
  ])("scores %j as %d", (lead, score, qualified) => {
    const result = scoreOf(model, lead);
    expect(result.score).toBe(score);
    expect(result.qualified).toBe(qualified);
    expect(result.tier).toBeNull();
    expect(result.groups).toEqual({});
  });
});

describe("conditions on fields", () => {
  it.each([
    ["company_size >= 200", { company_size: 200 }, true],
    ["company_size >= 200", { company_size: 199.5 }, false],
    ["company_size >= 200", { company_size: "250" }, true],
    ["company_size >= 200", {}, false],
    ["company_size != 5", {}, false],
    ["not company_size = 5", {}, true],
    ["company_size is 5", { company_size: 5 }, true],
    ["company_size is not 5", { company_size: 6 }, true],
    ["company_size between 10 and 20", { company_size: 10 }, true],
    ["company_size between 10 and 20", { company_size: 20 }, true],
    ["company_size between 10 and 20", { company_size: 20.01 }, false],
    ["company_size in [1, 2]", { company_size: 2 }, true],
    ["company_size not in [1, 2]", { company_size: 3 }, true],
    ["company_size not in [1, 2]", { company_size: null }, false],
    ["company_size > -3", { company_size: -2 }, true],
    ['title is "VP Marketing"', { title: "  vp marketing " }, true],
    ['title is not "VP"', { title: "" }, false],
    ['title contains "vp"', { title: "SVP, Sales" }, true],
    ['title starts with "head"', { title: "Head of Growth" }, true],
    ['title ends with "ops"', { title: "Marketing OPS " }, true],
    ['title in ["cmo", "ceo"]', { title: "CEO" }, true],
    ['title not in ["cmo", "ceo"]', { title: "cto" }, true],
    ['industry is "saas"', { industry: "SaaS" }, true],
    ['industry in ["retail", "finance"]', { industry: "saas" }, false],
    ["competitor", { competitor: true }, true],
    ["competitor", { competitor: "no" }, false],
    ["not competitor", {}, true],
    ["competitor is false", { competitor: "0" }, true],
    ["competitor is false", {}, false],
    ["signed_up before 2026-01-01", { signed_up: "2025-12-31" }, true],
    ["signed_up before 2026-01-01", { signed_up: "2026-01-01" }, false],
    ["signed_up after 2026-01-01", { signed_up: "2026-01-02" }, true],
    ["signed_up after 2026-01-01", { signed_up: "2026-01-01T23:00:00Z" }, false],
    ["signed_up within 30 days", { signed_up: "2026-10-20" }, true],
    ["signed_up within 30 days", { signed_up: "2026-10-01" }, false],
    ["signed_up within 30 days", { signed_up: "2026-12-01" }, false],
    ['tags contains "partner"', { tags: "customer; Partner" }, true],
    ['tags contains "partner"', { tags: ["partners"] }, false],
    ["title is known", { title: "x" }, true],
    ["title is known", { title: "   " }, false],
    ["title is unknown", {}, true],
    ["company_size > 5 and competitor or title is known", { title: "a" }, true],
    ["company_size > 5 and (competitor or title is known)", { title: "a" }, false],
    ["not (competitor or company_size > 5)", { company_size: 1 }, true],
  ])("when %s on %j -> %s", (condition, lead, holds) => {
    const result = scoreOf(`${SCHEMA}when ${condition} add 1\n`, lead);
    expect(result.score).toBe(holds ? 1 : 0);
  });
});

describe("events", () => {
  const cases: [string, unknown[], number][] = [
    ["when opened email add 2", ["opened email"], 2],
    ["when opened email add 2", [{ type: "OPENED   email", at: daysAgo(1) }], 2],
    ["when opened email add 2", [{ type: "opened email", at: daysAgo(-1) }], 0],
    ["when opened email within 7 days add 2", [{ type: "opened email", at: daysAgo(7) }], 2],
    ["when opened email within 7 days add 2", [{ type: "opened email", at: daysAgo(7.01) }], 0],
    ["when opened email within 7 days add 2", ["opened email"], 0],
    ["when opened email within 1 week add 2", [{ type: "opened email", at: daysAgo(6) }], 2],
    ["when opened email within 1 month add 2", [{ type: "opened email", at: daysAgo(30) }], 2],
    ["when opened email at least 2 times add 3", ["opened email", "opened email"], 3],
    ["when opened email at least 2 times add 3", ["opened email"], 0],
    ["when opened email at least 2 times within 7 days add 3", ["opened email", { type: "opened email", at: daysAgo(1) }], 0],
    ["when opened email add 2 each", ["opened email", "opened email", "opened email"], 6],
    ["when opened email add 2 each up to 5", ["opened email", "opened email", "opened email"], 5],
    ["when opened email subtract 2 each up to 5", ["opened email", "opened email", "opened email"], -5],
    ["when opened email within 7 days add 1 each", [{ type: "opened email", at: daysAgo(1) }, { type: "opened email", at: daysAgo(10) }, "opened email"], 1],
    ['when "registered for webinar" add 8', ["Registered for Webinar"], 8],
    ["when opened email add 10 decay 50% every 7 days", [{ type: "opened email", at: daysAgo(15) }], 2.5],
    ["when opened email add 10 decay 50% every 7 days", [{ type: "opened email", at: daysAgo(15) }, { type: "opened email", at: daysAgo(3) }], 10],
    ["when opened email add 10 decay 50% every 7 days", ["opened email"], 10],
    ["when opened email add 4 each decay 50% every 1 week", [{ type: "opened email", at: daysAgo(8) }, { type: "opened email", at: daysAgo(1) }], 6],
  ];
  it.each(cases)("%s with %j -> %d", (rule, events, expected) => {
    expect(scoreOf(`${SCHEMA}${rule}\n`, { events }).score).toBe(expected);
  });
});

describe("groups, caps, decay, limits, gates and tiers", () => {
  const model = `${SCHEMA}
group fit up to 12 {
  when company_size >= 200 add 10
  when industry is "saas" add 5
}
group engagement decay 50% every 7 days {
  when opened email add 2 each up to 10
  when downloaded whitepaper add 8
  when competitor subtract 1
}
when competitor subtract 20
disqualify when title contains "student"
score at least -10
qualify at least 10
tiers {
  hot above 15
  warm at least 5
  cold otherwise
}
tiers for fit {
  A at least 12
  B otherwise
}
`;
  it("caps a group's sub-score but reports each rule's own points", () => {
    const result = scoreOf(model, { company_size: 500, industry: "saas" });
    expect(result.groups).toEqual({ fit: { score: 12, tier: "A" }, engagement: { score: 0, tier: null } });
    expect(result.score).toBe(12);
    expect(result.tier).toBe("warm");
    expect(result.qualified).toBe(true);
    expect(result.hits!.map((h) => [h.line, h.group, h.points])).toEqual([
      [16, "fit", 10],
      [17, "fit", 5],
    ]);
  });
  it("decays a group's event rules but never who a lead is", () => {
    const result = scoreOf(model, { competitor: false, events: [{ type: "downloaded whitepaper", at: daysAgo(14) }] });
    expect(result.groups.engagement.score).toBe(2);
  });
  it("clamps the total to the score limit", () => {
    const result = scoreOf(model, { competitor: true });
    expect(result.score).toBe(-10);
    expect(result.tier).toBe("cold");
    expect(result.groups.engagement.score).toBe(-1);
  });
  it("a gate stops qualification whatever the score and names its line", () => {
    const result = scoreOf(model, { company_size: 500, industry: "saas", title: "Student", events: ["downloaded whitepaper"] });
    expect(result.score).toBe(20);
    expect(result.tier).toBe("hot");
    expect(result.qualified).toBe(false);
    expect(result.disqualified_by).toBe(25);
  });
  it("a lead that is not gated has no disqualified_by", () => {
    expect(scoreOf(model, {})).not.toHaveProperty("disqualified_by");
  });
  it("result keys come in the documented order", () => {
    expect(Object.keys(scoreOf(model, { title: "student" }))).toEqual(["id", "score", "qualified", "tier", "groups", "disqualified_by", "hits"]);
  });
  it.each([
    ["qualify above 10", 10, false],
    ["qualify above 10", 10.01, true],
    ["qualify at least 10", 10, true],
  ])("%s with a score of %d -> %s", (line, points, qualified) => {
    expect(scoreOf(`when competitor add ${points}\n${line}\n`, { competitor: true }).qualified).toBe(qualified);
  });
  it("rounds results to 2 decimals", () => {
    const result = scoreOf("when a add 0.1\nwhen b add 0.2\nwhen c add 1.005\n", { a: true, b: true, c: true });
    expect(result.score).toBe(1.31);
  });
  it("tiers: first match wins, and no otherwise means no tier", () => {
    expect(scoreOf("when a add 7\ntiers {\n  hot above 8\n  warm at least 7\n}\n", { a: true }).tier).toBe("warm");
    expect(scoreOf("when a add 7\ntiers {\n  hot above 8\n}\n", { a: true }).tier).toBeNull();
  });
});

describe("leads that do not fit", () => {
  it.each([
    [{ company_size: "abc" }, 'company_size: expected a number, got "abc"'],
    [{ competitor: "maybe" }, "competitor"],
    [{ industry: "mining" }, "industry"],
    [{ signed_up: "last tuesday" }, "signed_up"],
    [{ events: [{ type: "opened email", at: "yesterday" }] }, "events"],
  ])("%j yields an error record", (lead, message) => {
    const { model } = compile(`${SCHEMA}when company_size > 1 add 1\n`);
    const result = model!.score({ id: "L-7", ...lead }, { asOf: AS_OF });
    expect(result).toEqual({ id: "L-7", error: expect.stringContaining(message) });
  });
  it("numbers id-less leads from 1 and keeps order in scoreAll", () => {
    const { model } = compile("when a add 1");
    const results = model!.scoreAll([{ a: true }, { id: "x" }, { a: "nope" }], { asOf: AS_OF });
    expect(results.map((r) => r.id)).toEqual([1, "x", 3]);
    expect(isErrorRecord(results[2])).toBe(true);
  });
  it("ignores unknown extra fields", () => {
    expect(scoreOf("when a add 1", { a: true, extra: { nested: 1 } }).score).toBe(1);
  });
});

describe("schema inference", () => {
  it("infers events, booleans and literal types", () => {
    const { schema, diagnostics } = compile('when visited pricing page add 1\nwhen vip add 2\nwhen size > 3 add 1\nwhen region is "emea" add 1\nwhen joined before 2026-01-01 add 1');
    expect(diagnostics).toEqual([]);
    expect(schema.events).toEqual(["visited pricing page"]);
    expect(schema.fields).toEqual([
      { name: "vip", type: { kind: "boolean" } },
      { name: "size", type: { kind: "number" } },
      { name: "region", type: { kind: "text" } },
      { name: "joined", type: { kind: "date" } },
    ]);
  });
  it("reports conflicting inferred types", () => {
    const { diagnostics } = compile('when size > 3 add 1\nwhen size is "big" add 1');
    expect(diagnostics.map((d) => d.code)).toEqual(["LS3003"]);
  });
  it("closes the schema once a block is declared", () => {
    const { diagnostics } = compile("lead {\n  size: number\n}\nwhen sise > 3 add 1");
    expect(diagnostics.find((d) => d.code === "LS2001")?.suggestions).toEqual(["size"]);
  });
});
