// `leadscore test` end to end: examples, cases files (CSV columns, JSON "expect" objects), failure
// reports with explanations, the summary line and exit codes.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

let dir: string;
const file = (name: string) => join(dir, name);

const MODEL = `lead {
  title: text
  company_size: number
  competitor: boolean
}

events {
  opened email
  downloaded whitepaper
}

group fit up to 50 {
  when company_size >= 200 add 10
  when title contains "vp" add 8
}

group engagement {
  when opened email add 2 each up to 10
  when downloaded whitepaper within 30 days add 5
}

disqualify when competitor
qualify above 20

tiers {
  hot at least 20
  warm at least 5
  cold otherwise
}

example "VP at a large company" {
  lead { title: "VP Sales", company_size: 500 }
  events { downloaded whitepaper 2 days ago, opened email }
  expect score 25, tier hot, qualified, fit score 18
}
`;

const FAILING_EXAMPLE = `
example "a competitor" {
  lead { title: "VP Sales", company_size: 500, competitor: true }
  expect score 30, qualified
}
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "leadscore-test-"));
  writeFileSync(file("passing.score"), MODEL);
  writeFileSync(file("failing.score"), MODEL + FAILING_EXAMPLE);
  writeFileSync(file("no-examples.score"), "when a add 1\n");
  writeFileSync(file("broken.score"), "when a add\n");
  writeFileSync(
    file("cases.csv"),
    [
      "id,title,company_size,competitor,expect_score,expect_tier,expect_qualified,expect_fit_score",
      "L-1,VP Marketing,500,false,18,warm,no,18",
      "L-2,intern,10,false,0,cold,false,",
      "L-3,VP,300,true,18,warm,yes,",
    ].join("\n") + "\n",
  );
  writeFileSync(file("passing.csv"), "id,title,company_size,expect_score,expect_tier\nL-1,VP,500,18,warm\nL-2,,,,\n");
  writeFileSync(file("events.csv"), "lead_id,type,at\nL-1,opened email,2026-11-20T00:00:00Z\n");
  writeFileSync(file("with-events.csv"), "id,title,company_size,expect_score\nL-1,VP,500,20\n");
  writeFileSync(
    file("cases.jsonl"),
    [
      { id: "J-1", title: "VP", company_size: 500, events: [{ type: "opened email", at: "2026-11-20T00:00:00Z" }], expect: { score: 20, tier: "hot", groups: { fit: { score: 18 } } } },
      { id: "J-2", title: "VP", expect: { score: 9 } },
      { id: "J-3", company_size: "abc", expect: { score: 0 } },
      { id: "J-4", expect: { score: "lots" } },
    ]
      .map((c) => JSON.stringify(c))
      .join("\n") + "\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("leadscore test", () => {
  it("runs the examples and exits 0 when they pass", () => {
    const run = runCli(["test", file("passing.score")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${file("passing.score")}: 1 example: all 1 passed\n`);
  });

  it("shows a failing example with the lead, expected vs actual and the explanation, and exits 1", () => {
    const run = runCli(["test", file("failing.score")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL example "a competitor" (${file("failing.score")}:37)`);
    expect(run.stdout).toContain('lead: {"id":"a competitor","title":"VP Sales","company_size":500,"competitor":true,"events":[]}');
    expect(run.stdout).toContain("expected score 30, got 18");
    expect(run.stdout).toContain("expected qualified, got not qualified (stopped by the gate on line 22)");
    expect(run.stdout).toContain("why (score 18, tier warm, not qualified):");
    expect(run.stdout).toContain('+10  line 13, fit: when company_size >= 200 add 10');
    expect(run.stdout).toContain(' +8  line 14, fit: when title contains "vp" add 8');
    expect(run.stdout).toContain("groups: fit 18, engagement 0");
    expect(run.stdout).toContain("stopped by the gate on line 22: disqualify when competitor");
    expect(run.stdout).toMatch(/: 2 examples: 1 passed, 1 failed\n$/);
  });

  it("runs a CSV cases file with expect_* columns", () => {
    const run = runCli(["test", file("passing.score"), file("cases.csv")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL case "L-3" (${file("cases.csv")}:4)`);
    expect(run.stdout).toContain("expected qualified, got not qualified (stopped by the gate on line 22)");
    expect(run.stdout).not.toContain('FAIL case "L-1"');
    expect(run.stdout).not.toContain('FAIL case "L-2"');
    expect(run.stdout).toMatch(/: 1 example and 3 cases: 3 passed, 1 failed\n$/);
  });

  it("passes when every case meets its expectations, and notes cases without any", () => {
    const run = runCli(["test", file("passing.score"), file("passing.csv")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${file("passing.score")}: 1 example and 2 cases: all 3 passed (1 case had no expectations)\n`);
  });

  it("attaches events to CSV cases with --events", () => {
    const run = runCli(["test", file("passing.score"), file("with-events.csv"), "--events", file("events.csv"), "--as-of", "2026-11-22"]);
    expect(run.stdout).toMatch(/all 2 passed/);
    expect(run.code).toBe(0);
  });

  it("runs JSONL cases with an expect object, and reports unreadable expectations and invalid leads", () => {
    const run = runCli(["test", file("passing.score"), file("cases.jsonl"), "--as-of", "2026-11-22"]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('FAIL case "J-1"');
    expect(run.stdout).toContain(`FAIL case "J-2" (${file("cases.jsonl")}:2)`);
    expect(run.stdout).toContain("expected score 9, got 8");
    expect(run.stdout).toContain('could not be scored: company_size: expected a number, got "abc"');
    expect(run.stdout).toContain('expect.score: expected a number, got "lots"');
    expect(run.stdout).toMatch(/: 1 example and 4 cases: 2 passed, 3 failed\n$/);
  });

  it("says so when there is nothing to test", () => {
    const run = runCli(["test", file("no-examples.score")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("nothing to test");
  });

  it("exits 2 for a model with errors, a missing file, or bad usage", () => {
    const broken = runCli(["test", file("broken.score")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${file("broken.score")}:1:11`);
    expect(runCli(["test", file("missing.score")]).code).toBe(2);
    expect(runCli(["test", file("passing.score"), file("missing.csv")]).code).toBe(2);
    expect(runCli(["test"]).code).toBe(2);
    expect(runCli(["test", file("passing.score"), "--as-of", "yesterday"]).code).toBe(2);
  });
});
