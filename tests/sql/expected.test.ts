// Hand-computed results for a few models, checked on every back end (JavaScript, DuckDB and
// PostgreSQL): the semantics of SPEC sections 2 and 3 stated once, by hand, not derived from the
// JavaScript scorer.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LeadRecord } from "../../src/ir/result.js";
import { csvLeads, openEngines, planFromSource, scoreEverywhere, type Engines } from "./support/score-everywhere.js";

const AS_OF = Date.UTC(2026, 5, 15, 12); // 2026-06-15T12:00:00Z
const DAY = 86_400_000;
const ago = (days: number, ms = 0): string => new Date(AS_OF - days * DAY - ms).toISOString();

function lineOf(source: string, text: string): number {
  const index = source.indexOf(text);
  if (index === -1) throw new Error(`no ${JSON.stringify(text)} in the model`);
  return source.slice(0, index).split("\n").length;
}

let engines: Engines;
beforeAll(async () => {
  engines = await openEngines();
});
afterAll(async () => {
  await engines?.close();
});

async function expectEverywhere(source: string, leads: Array<Record<string, string>>, events: Array<[string, string, string?]>, expected: LeadRecord[]): Promise<void> {
  const plan = planFromSource(source);
  const results = await scoreEverywhere(engines, plan, csvLeads(plan, leads, events), AS_OF);
  for (const [backEnd, records] of Object.entries(results)) expect({ backEnd, records }).toEqual({ backEnd, records: expected });
}

describe("hand-computed results on every back end", () => {
  it("the one-line model of the SPEC", async () => {
    await expectEverywhere(
      "when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20",
      [
        { id: "L-1", competitor: "no" },
        { id: "L-2", competitor: " YES " },
        { id: "L-3", competitor: "" },
        { id: "L-4", competitor: "maybe" },
        { id: " ", competitor: "1" },
        { id: "L-6", competitor: "\u3000No\u00a0" },
      ],
      [
        ["L-1", "downloaded whitepaper", ago(5)],
        ["L-1", "downloaded whitepaper", ago(6)],
        ["L-3", "Downloaded  Whitepaper"],
        // JavaScript's whitespace, Unicode included, is trimmed and collapsed in event types.
        ["L-6", "\u00a0downloaded\u2003\twhitepaper\ufeff", `\u2028${ago(1)} `],
      ],
      [
        { id: "L-1", score: 5, qualified: false, tier: null, groups: {} },
        { id: "L-2", score: -20, qualified: false, tier: null, groups: {} },
        { id: "L-3", score: 5, qualified: false, tier: null, groups: {} },
        { id: "L-4", error: 'competitor: expected true or false (also yes/no, 1/0), got "maybe"' },
        { id: 5, score: -20, qualified: false, tier: null, groups: {} },
        { id: "L-6", score: 5, qualified: false, tier: null, groups: {} },
      ],
    );
  });

  it("decay per occurrence for each, most recent occurrence otherwise; no time means no decay; future ignored", async () => {
    const source = ["events {", "  opened email", "  downloaded whitepaper", "}", "group engagement decay 50% every 7 days {", "  when opened email add 2 each up to 10", "  when downloaded whitepaper add 8", "}"].join("\n");
    await expectEverywhere(
      source,
      [{ id: "E-1" }, { id: "E-2" }, { id: "E-3" }],
      [
        // 2 x (1 + 0.5 + 0.25 + 1) = 5.5; the future one does not count
        ["E-1", "opened email", ago(0)],
        ["E-1", "opened email", ago(7)],
        ["E-1", "opened email", ago(14)],
        ["E-1", "opened email"],
        ["E-1", "opened email", ago(-1)],
        // the youngest is 10 days old: 8 x 0.5 = 4
        ["E-1", "downloaded whitepaper", ago(20)],
        ["E-1", "downloaded whitepaper", ago(10)],
        // 8 x 2 = 16, capped at 10
        ...Array.from({ length: 8 }, (): [string, string, string] => ["E-2", "opened email", ago(1)]),
      ],
      [
        { id: "E-1", score: 9.5, qualified: null, tier: null, groups: { engagement: { score: 9.5, tier: null } } },
        { id: "E-2", score: 10, qualified: null, tier: null, groups: { engagement: { score: 10, tier: null } } },
        { id: "E-3", score: 0, qualified: null, tier: null, groups: { engagement: { score: 0, tier: null } } },
      ],
    );
  });

  it("windows include their edge; an occurrence without a time never counts inside a window", async () => {
    const source = "events {\n  attended webinar\n  visited pricing page\n}\nwhen attended webinar within 30 days add 10\nwhen visited pricing page at least 3 times within 14 days add 15";
    await expectEverywhere(
      source,
      [{ id: "W-1" }, { id: "W-2" }, { id: "W-3" }],
      [
        ["W-1", "attended webinar", ago(30)],
        ["W-1", "visited pricing page", ago(13)],
        ["W-1", "visited pricing page", ago(14)],
        ["W-1", "visited pricing page", ago(14, 1)],
        ["W-2", "attended webinar", ago(30, 1)],
        ["W-2", "attended webinar"],
        ["W-2", "visited pricing page", ago(1)],
        ["W-2", "visited pricing page", ago(1)],
        ["W-2", "visited pricing page", ago(1)],
        ["W-3", "visited pricing page", ago(2)],
        ["W-3", "visited pricing page", ago(2)],
        ["W-3", "visited pricing page"],
      ],
      [
        { id: "W-1", score: 10, qualified: null, tier: null, groups: {} },
        { id: "W-2", score: 15, qualified: null, tier: null, groups: {} },
        { id: "W-3", score: 0, qualified: null, tier: null, groups: {} },
      ],
    );
  });

  it("rounds half away from zero to 2 decimals and qualifies on the rounded score", async () => {
    const source = "lead {\n  x: number\n}\nwhen x > 0 add 0.125\nwhen x > 1 add 1.005\nwhen x > 2 subtract 0.25\nwhen x < 0 subtract 0.125\nqualify at least 1.13";
    await expectEverywhere(
      source,
      [{ id: "D-1", x: "1" }, { id: "D-2", x: "2" }, { id: "D-3", x: " 3 " }, { id: "D-4", x: "-1" }],
      [],
      [
        { id: "D-1", score: 0.13, qualified: false, tier: null, groups: {} },
        // 0.125 + 1.005 is 1.1299999999999999 in floating point: rounded 1.13, so qualified
        { id: "D-2", score: 1.13, qualified: true, tier: null, groups: {} },
        { id: "D-3", score: 0.88, qualified: false, tier: null, groups: {} },
        { id: "D-4", score: -0.13, qualified: false, tier: null, groups: {} },
      ],
    );
  });

  it("group caps, the score clamp, the first matching gate, tiers and group tiers", async () => {
    const source = [
      "lead {",
      "  title: text",
      "  size: number",
      '  industry: "saas" | "retail"',
      "  student: boolean",
      "  competitor: boolean",
      "}",
      "group fit up to 12 {",
      "  when size >= 200 add 10",
      '  when industry is "saas" add 5',
      "}",
      'when title contains "vp" add 8',
      "when competitor subtract 50",
      "disqualify when student",
      "disqualify when competitor",
      "score between 0 and 20",
      "qualify above 10",
      "tiers {",
      "  hot at least 15",
      "  warm above 5",
      "  cold otherwise",
      "}",
      "tiers for fit {",
      "  A at least 10",
      "  B above 4",
      "  C otherwise",
      "}",
    ].join("\n");
    const student = lineOf(source, "disqualify when student");
    await expectEverywhere(
      source,
      [
        { id: "G-1", size: "500", industry: " SaaS ", title: "VP Sales" },
        { id: "G-2", size: "500", title: "vp", student: "yes" },
        { id: "G-3", size: "100", industry: "retail", student: "true", competitor: "true" },
        { id: "G-4", industry: "other" },
        { id: "G-5" },
      ],
      [],
      [
        { id: "G-1", score: 20, qualified: true, tier: "hot", groups: { fit: { score: 12, tier: "A" } } },
        { id: "G-2", score: 18, qualified: false, tier: "hot", groups: { fit: { score: 10, tier: "A" } }, disqualified_by: student },
        { id: "G-3", score: 0, qualified: false, tier: "cold", groups: { fit: { score: 0, tier: "C" } }, disqualified_by: student },
        { id: "G-4", error: 'industry: expected one of "saas", "retail", got "other"' },
        { id: "G-5", score: 0, qualified: false, tier: "cold", groups: { fit: { score: 0, tier: "C" } } },
      ],
    );
  });

  it("unknown values, case and whitespace, lists, dates by UTC day", async () => {
    const source = [
      "lead {",
      "  title: text",
      "  country: text",
      "  tags: list",
      "  signed_up: date",
      "  size: number",
      "}",
      "when title is unknown add 1",
      'when not (country is "us") add 2',
      'when country != "us" add 4',
      'when tags contains "partner" add 8',
      "when signed_up after 2026-06-01 add 16",
      "when size not in [1, 2] add 32",
    ].join("\n");
    await expectEverywhere(
      source,
      [
        { id: "F-1" },
        { id: "F-2", title: "  ", country: " US ", tags: "VIP; Partner ;", signed_up: "2026-06-02T01:00:00+05:00", size: "3" },
        { id: "F-3", title: "x", country: "de", tags: "partners", signed_up: "2026-06-02", size: "2" },
        { id: "F-4", title: "\u00a0\u3000", country: "\u2028 US\ufeff", tags: "\u00a0;\u2009" },
      ],
      [],
      [
        { id: "F-1", score: 3, qualified: null, tier: null, groups: {} },
        { id: "F-2", score: 41, qualified: null, tier: null, groups: {} },
        { id: "F-3", score: 22, qualified: null, tier: null, groups: {} },
        { id: "F-4", score: 1, qualified: null, tier: null, groups: {} },
      ],
    );
  });
});
