// Event tests, windows, future and untimed occurrences, `each` with caps, and decay, on every back end.

import { describe, expect, it } from "vitest";
import { BACKENDS } from "../support/backends.js";
import { event, planOf, type RuleSpec } from "../support/plan-builder.js";

const AS_OF = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0): string => new Date(AS_OF - days * DAY - extraMs).toISOString();
const at = (type: string, days: number, extraMs = 0) => ({ type, at: ago(days, extraMs) });

const OPEN = "opened email";
const WEEK_HALF = { percent: 50, everyDays: 7 };

type Case = [description: string, rule: RuleSpec, events: unknown[], score: number];

const CASES: Case[] = [
  ["an event with a time counts", { when: event(OPEN), points: 5 }, [at(OPEN, 3)], 5],
  ["an event without a time counts without a window", { when: event(OPEN), points: 5 }, [OPEN], 5],
  ["an {type} object without at counts", { when: event(OPEN), points: 5 }, [{ type: OPEN, at: null }], 5],
  ["types match ignoring case and spacing", { when: event(OPEN), points: 5 }, ["  Opened \t EMAIL "], 5],
  ["another type does not count", { when: event(OPEN), points: 5 }, ["opened emails", "clicked"], 0],
  ["a future event is ignored", { when: event(OPEN), points: 5 }, [at(OPEN, 0, -1)], 0],
  ["an event exactly now counts", { when: event(OPEN), points: 5 }, [at(OPEN, 0)], 5],
  ["within: exactly D ago counts", { when: event(OPEN, 30), points: 5 }, [at(OPEN, 30)], 5],
  ["within: 1 ms more does not", { when: event(OPEN, 30), points: 5 }, [at(OPEN, 30, 1)], 0],
  ["within: an untimed event never counts", { when: event(OPEN, 30), points: 5 }, [OPEN], 0],
  ["within: a future event does not count", { when: event(OPEN, 30), points: 5 }, [at(OPEN, -1)], 0],
  ["at least 3 times within 14 days", { when: event(OPEN, 14, 3), points: 15 }, [at(OPEN, 1), at(OPEN, 2), at(OPEN, 14)], 15],
  ["at least 3 times: too old", { when: event(OPEN, 14, 3), points: 15 }, [at(OPEN, 1), at(OPEN, 2), at(OPEN, 15)], 0],
  ["at least 3 times: the future does not count", { when: event(OPEN, undefined, 3), points: 15 }, [OPEN, OPEN, at(OPEN, -2)], 0],

  ["each adds per occurrence", { when: event(OPEN), points: 2, each: { event: OPEN } }, [OPEN, OPEN, at(OPEN, 40)], 6],
  ["each up to caps", { when: event(OPEN), points: 2, each: { event: OPEN, upTo: 5 } }, [OPEN, OPEN, OPEN], 5],
  ["each subtract up to caps the loss", { when: event(OPEN), points: -3, each: { event: OPEN, upTo: 5 } }, [OPEN, OPEN], -5],
  ["each subtract below the cap", { when: event(OPEN), points: -3, each: { event: OPEN, upTo: 5 } }, [OPEN], -3],
  ["each within counts only the window", { when: event(OPEN, 7), points: 2, each: { event: OPEN, withinDays: 7 } }, [at(OPEN, 7), at(OPEN, 8), OPEN, at(OPEN, -1)], 2],
  ["each with at least 2: fewer award nothing", { when: event(OPEN, undefined, 2), points: 2, each: { event: OPEN } }, [OPEN], 0],
  ["each with at least 2", { when: event(OPEN, undefined, 2), points: 2, each: { event: OPEN } }, [OPEN, OPEN], 4],
  ["each of decimals is exact", { when: event(OPEN), points: 0.1, each: { event: OPEN } }, [OPEN, OPEN, OPEN], 0.3],

  ["decay: most recent occurrence sets the factor", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 15), at(OPEN, 8)], 4],
  ["decay: age exactly one period halves", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 7)], 4],
  ["decay: just under one period does not", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 7, -1)], 8],
  ["decay: two periods quarter", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 20)], 2],
  ["decay: an untimed occurrence is not decayed", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 20), OPEN], 8],
  ["decay: future occurrences are ignored", { when: event(OPEN), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 20), at(OPEN, -1)], 2],
  ["decay: the window limits the occurrences", { when: event(OPEN, 10), points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN, withinDays: 10 } }, [at(OPEN, 9), at(OPEN, 1, 0)], 8],
  ["decay: subtract decays too", { when: event(OPEN), points: -8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [at(OPEN, 7)], -4],
  ["decay: 10% every day over 3 days", { when: event(OPEN), points: 10, decay: { percent: 10, everyDays: 1 }, decayEvent: { event: OPEN } }, [at(OPEN, 3)], 7.29],
  ["decay: 100% is gone after one period", { when: event(OPEN), points: 10, decay: { percent: 100, everyDays: 1 }, decayEvent: { event: OPEN } }, [at(OPEN, 1)], 0],
  ["decay with each sums factors", { when: event(OPEN), points: 4, each: { event: OPEN }, decay: WEEK_HALF }, [at(OPEN, 0), at(OPEN, 7), at(OPEN, 14), OPEN], 11],
  ["decay with each and a cap", { when: event(OPEN), points: 4, each: { event: OPEN, upTo: 6 }, decay: WEEK_HALF }, [at(OPEN, 0), at(OPEN, 7), at(OPEN, 14)], 6],
  ["decay with each subtract and a cap", { when: event(OPEN), points: -4, each: { event: OPEN, upTo: 5 }, decay: WEEK_HALF }, [at(OPEN, 0), at(OPEN, 7)], -5],
  ["decay on a wider condition without an occurrence is 1", { when: { k: "or", items: [event(OPEN), { k: "const", value: true }] }, points: 8, decay: WEEK_HALF, decayEvent: { event: OPEN } }, [], 8],
];

describe.each(BACKENDS)("events (%s)", (_name, prepare) => {
  it.each(CASES)("%s", (_description, rule, events, score) => {
    const run = prepare(planOf({ events: [OPEN], rules: [rule] }));
    expect(run({ events }, { asOfMs: AS_OF })).toMatchObject({ score });
  });

  it("group decay applies per rule, a rule's own decay overrides it", () => {
    // The checker resolves the effective decay onto each rule; here rule 1 has the group's, rule 2 its own.
    const run = prepare(planOf({
      events: [OPEN, "downloaded whitepaper"],
      groups: [{ name: "engagement" }],
      rules: [
        { when: event(OPEN), points: 8, group: 0, decay: WEEK_HALF, decayEvent: { event: OPEN } },
        { when: event("downloaded whitepaper"), points: 8, group: 0, decay: { percent: 25, everyDays: 7 }, decayEvent: { event: "downloaded whitepaper" } },
      ],
    }));
    const result = run({ events: [at(OPEN, 7), at("downloaded whitepaper", 7)] }, { asOfMs: AS_OF, explain: true });
    expect(result).toMatchObject({ score: 10, groups: { engagement: { score: 10, tier: null } } });
    expect(result).toHaveProperty("hits", [
      { line: 10, group: "engagement", points: 4, rule: "rule 1" },
      { line: 11, group: "engagement", points: 6, rule: "rule 2" },
    ]);
  });

  it("one pass serves several windows and counts of the same event", () => {
    const run = prepare(planOf({
      events: [OPEN],
      rules: [
        { when: event(OPEN), points: 1 },
        { when: event(OPEN, 7), points: 10 },
        { when: event(OPEN, 30, 2), points: 100 },
        { when: event(OPEN), points: 1000, each: { event: OPEN, withinDays: 30 } },
      ],
    }));
    expect(run({ events: [at(OPEN, 10), at(OPEN, 20), OPEN] }, { asOfMs: AS_OF })).toMatchObject({ score: 1 + 100 + 2000 });
  });
});
