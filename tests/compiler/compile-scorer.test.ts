// The compileScorer() API: options, asOf forms, scoreAll numbering, explain.

import { describe, expect, it, vi } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { event, planOf } from "../support/plan-builder.js";

const DAY = 86_400_000;
const plan = planOf({
  fields: { vip: "boolean" },
  events: ["opened email"],
  rules: [{ when: event("opened email", 1), points: 2 }, { when: { k: "isTrue", field: "vip" }, points: 1, text: "when vip add 1" }],
});
const opened = (iso: string) => ({ events: [{ type: "opened email", at: iso }] });

describe("compileScorer", () => {
  it("accepts asOf as a Date, an ISO string or epoch ms", () => {
    const scorer = compileScorer(plan);
    const lead = opened("2026-03-01T12:00:00Z");
    for (const asOf of [new Date("2026-03-02T00:00:00Z"), "2026-03-02", "2026-03-02T11:59:59+00:00", Date.UTC(2026, 2, 2)]) {
      expect(scorer.score(lead, { asOf })).toMatchObject({ score: 2 });
    }
    expect(scorer.score(lead, { asOf: "2026-03-03T12:00:01Z" })).toMatchObject({ score: 0 });
    expect(() => scorer.score(lead, { asOf: "yesterday" })).toThrow(RangeError);
  });

  it("takes the as-of time alone as its second argument, like the standalone module", () => {
    const scorer = compileScorer(plan);
    const lead = opened("2026-03-01T12:00:00Z");
    for (const asOf of [new Date("2026-03-02T00:00:00Z"), "2026-03-02", Date.UTC(2026, 2, 2)]) {
      expect(scorer.score(lead, asOf)).toMatchObject({ score: 2 });
      expect(scorer.scoreAll([lead], asOf)).toMatchObject([{ score: 2 }]);
    }
    expect(scorer.score(lead, "2026-03-03T12:00:01Z")).toMatchObject({ score: 0 });
    expect(scorer.scoreAll([lead], new Date("2026-03-03T12:00:01Z"))).toMatchObject([{ score: 0 }]);
    expect(() => scorer.score(lead, "yesterday")).toThrow(RangeError);
  });

  it("defaults asOf to now", () => {
    const scorer = compileScorer(plan);
    expect(scorer.score(opened(new Date(Date.now() - DAY / 2).toISOString()))).toMatchObject({ id: 1, score: 2 });
    expect(scorer.score(opened(new Date(Date.now() + DAY).toISOString()))).toMatchObject({ score: 0 });
  });

  it("reads the clock only for a model whose rules look at the as-of time", () => {
    const timeless = compileScorer(planOf({ fields: { vip: "boolean" }, rules: [{ when: { k: "isTrue", field: "vip" }, points: 1 }] }));
    const stamp = new Date(Date.now() - DAY / 2).toISOString();
    const now = vi.spyOn(Date, "now");
    expect(timeless.score({ vip: true })).toMatchObject({ score: 1 });
    expect(now).not.toHaveBeenCalled();
    expect(compileScorer(plan).score(opened(stamp))).toMatchObject({ score: 2 });
    expect(now).toHaveBeenCalledTimes(1);
    now.mockRestore();
    expect(() => timeless.score({ vip: true }, { asOf: "yesterday" })).toThrow(RangeError); // a given one is still checked
  });

  it("reads the clock once, and only for a lead that needs the time", () => {
    const scorer = compileScorer(plan);
    const stamp = new Date(Date.now() - DAY / 2).toISOString();
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const now = vi.spyOn(Date, "now");
    for (const explain of [false, true]) {
      expect(scorer.score({ vip: true }, { explain })).toMatchObject({ score: 1 });
      expect(scorer.score({ vip: true, events: [] }, { explain })).toMatchObject({ score: 1 });
      expect(now).not.toHaveBeenCalled();
      expect(scorer.score({ events: [{ type: "opened email", at: stamp }, { type: "opened email", at: stamp }] }, { explain })).toMatchObject({ score: 2 });
      expect(now).toHaveBeenCalledTimes(1);
      now.mockClear();
    }
    // A date window needs the time whatever the events.
    const recent = compileScorer(planOf({ fields: { signed_up: "date" }, rules: [{ when: { k: "dateWithin", field: "signed_up", days: 7 }, points: 3 }] }));
    expect(recent.score({ signed_up: yesterday })).toMatchObject({ score: 3 });
    expect(now).toHaveBeenCalledTimes(1);
    now.mockRestore();
    expect(recent.score({ signed_up: "2000-01-01" })).toMatchObject({ score: 0 });
  });

  it("reads every spelling of an enum value, before and after it is remembered", () => {
    const industry = { kind: "enum" as const, values: ["saas", "finance"] };
    const scorer = compileScorer(planOf({ fields: { industry }, rules: [{ when: { k: "textIn", field: "industry", values: ["saas"], negated: false }, points: 5 }] }));
    const scores = (value: unknown) => [1, 2].map(() => scorer.score({ industry: value }, { asOf: 0 }));
    for (const spelling of ["saas", "SaaS", " SAAS\t", "\u00a0saas"]) expect(scores(spelling)).toMatchObject([{ score: 5 }, { score: 5 }]);
    for (const spelling of ["finance", "Finance ", "", "  "]) expect(scores(spelling)).toMatchObject([{ score: 0 }, { score: 0 }]);
    const error = { error: 'industry: expected one of "saas", "finance", got "SaaS Inc"' };
    expect(scores("SaaS Inc")).toEqual([{ id: 1, ...error }, { id: 1, ...error }]);
    // Past the memo's bound (1,024 spellings, 100 characters), spellings are still read right.
    const many = Array.from({ length: 3000 }, (_, i) => " ".repeat(i % 60) + [..."saas"].map((ch, k) => ((i >> k) & 1 ? ch.toUpperCase() : ch)).join("") + "\t".repeat(i % 50));
    for (const spelling of many) expect(scorer.score({ industry: spelling }, { asOf: 0 })).toMatchObject({ score: 5 });
    expect(scores("sAAs Inc")).toMatchObject([{ error: expect.stringContaining('got "sAAs Inc"') }, { error: expect.stringContaining("industry") }]);
  });

  it("scoreAll numbers id-less leads by position and resolves asOf once", () => {
    const scorer = compileScorer(plan);
    const now = vi.spyOn(Date, "now");
    const results = scorer.scoreAll([{}, { id: "b" }, { vip: true }, "oops"]);
    expect(now).toHaveBeenCalledTimes(1);
    now.mockRestore();
    expect(results).toEqual([
      { id: 1, score: 0, qualified: null, tier: null, groups: {} },
      { id: "b", score: 0, qualified: null, tier: null, groups: {} },
      { id: 3, score: 1, qualified: null, tier: null, groups: {} },
      { id: 4, error: 'expected a lead object, got "oops"' },
    ]);
  });

  it("scoreAll takes any iterable, a starting position, an id field and explain", () => {
    const scorer = compileScorer(plan);
    function* leads() {
      yield { vip: true };
      yield { key: "K", vip: false };
    }
    expect(scorer.scoreAll(leads(), { asOf: 0, position: 11, idField: "key", explain: true })).toEqual([
      { id: 11, score: 1, qualified: null, tier: null, groups: {}, hits: [{ line: 11, group: null, points: 1, rule: "when vip add 1" }] },
      { id: "K", score: 0, qualified: null, tier: null, groups: {}, hits: [] },
    ]);
  });

  it("keeps scorers independent", () => {
    const a = compileScorer(plan);
    const b = compileScorer(planOf({ rules: [{ when: { k: "const", value: true }, points: 7 }] }));
    expect([a.score({}, { asOf: 0 }), b.score({}, { asOf: 0 })]).toMatchObject([{ score: 0 }, { score: 7 }]);
  });
});

describe("compileScorer asOf text", () => {
  it("re-reads a different asOf string every time", () => {
    const scorer = compileScorer(plan);
    const lead = opened("2026-03-01T12:00:00Z");
    expect(scorer.score(lead, { asOf: "2026-03-02" })).toMatchObject({ score: 2 });
    expect(scorer.score(lead, { asOf: "2026-03-05" })).toMatchObject({ score: 0 });
    expect(scorer.score(lead, { asOf: "2026-03-02" })).toMatchObject({ score: 2 });
    expect(() => scorer.score(lead, { asOf: "2026-03-0" })).toThrow(RangeError);
    expect(scorer.score(lead, { asOf: "2026-03-02" })).toMatchObject({ score: 2 });
  });
});
