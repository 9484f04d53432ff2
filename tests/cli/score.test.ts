// `leadscore score` end to end: formats, explain, events, ids, error records and exit codes.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { runCli } from "../support/run-cli.js";

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = tempDir("cli");
  writeFileSync(
    file("model.score"),
    `lead {
  company_size: number
  competitor: boolean
  title: text
}
events {
  opened email
  downloaded whitepaper
}
group fit up to 12 {
  when company_size >= 200 add 10
  when title contains "vp" add 5
}
when opened email add 2 each up to 6
when downloaded whitepaper within 30 days add 5
when competitor subtract 20
disqualify when title contains "student"
qualify at least 15
tiers {
  hot at least 15
  cold otherwise
}
`,
  );
  writeFileSync(file("leads.csv"), 'id,company_size,competitor,title\nL-1,500,no,VP Sales\nL-2,abc,no,CMO\nL-3,10,yes,"Student, part-time"\nL-4,,,\n');
  writeFileSync(file("events.csv"), "lead_id,type,at\nL-1,opened email,2026-11-10T09:00:00Z\nL-1,Opened Email,2026-11-11T09:00:00Z\nL-1,downloaded whitepaper,2026-09-01\nL-4,downloaded whitepaper,2026-11-01\n");
  writeFileSync(
    file("leads.jsonl"),
    '{"id":"J-1","company_size":300,"events":[{"type":"downloaded whitepaper","at":"2026-11-14T00:00:00Z"}]}\n\n{"company_size":1}\nnot json\n{"title":"x","company_size":"5"}\n',
  );
  writeFileSync(file("leads.json"), '[\n  {"id": 7, "title": "VP"},\n  {"id": "eight",\n   "competitor": "maybe"}\n]\n');
});

const lines = (text: string) => text.trim().split("\n").map((line) => JSON.parse(line));

describe("leadscore score", () => {
  it("scores CSV leads with events as JSON lines, one record per lead in order", () => {
    const run = runCli(["score", file("model.score"), file("leads.csv"), "--events", file("events.csv"), "--as-of", "2026-11-15"]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      { id: "L-1", score: 16, qualified: true, tier: "hot", groups: { fit: { score: 12, tier: null } } },
      { id: "L-2", error: `${file("leads.csv")}:3: company_size: expected a number, got "abc"` },
      { id: "L-3", score: -20, qualified: false, tier: "cold", groups: { fit: { score: 0, tier: null } }, disqualified_by: 17 },
      { id: "L-4", score: 5, qualified: false, tier: "cold", groups: { fit: { score: 0, tier: null } } },
    ]);
  });

  it("explains which rules fired, with lines and points before the group cap", () => {
    const run = runCli(["score", file("model.score"), file("leads.csv"), "--events", file("events.csv"), "--as-of", "2026-11-15", "--explain"]);
    expect(lines(run.stdout)[0].hits).toEqual([
      { line: 11, group: "fit", points: 10, rule: "when company_size >= 200 add 10" },
      { line: 12, group: "fit", points: 5, rule: 'when title contains "vp" add 5' },
      { line: 14, group: null, points: 4, rule: "when opened email add 2 each up to 6" },
    ]);
  });

  it("reads JSONL, numbers id-less leads by position and reports bad lines with their line", () => {
    const run = runCli(["score", file("model.score"), file("leads.jsonl"), "--as-of", "2026-11-15T12:00:00Z"]);
    const records = lines(run.stdout);
    expect(records.map((r) => r.id)).toEqual(["J-1", 2, 3, 4]);
    expect(records[0].score).toBe(15);
    expect(records[2].error).toMatch(/leads\.jsonl:4: /);
    expect(records[3].score).toBe(0);
    expect(run.code).toBe(1);
  });

  it("reads a JSON array and names the line of an invalid lead", () => {
    const run = runCli(["score", file("model.score"), file("leads.json"), "--as-of", "2026-11-15"]);
    const records = lines(run.stdout);
    expect(records[0]).toMatchObject({ id: 7, score: 5 });
    expect(records[1]).toEqual({ id: "eight", error: `${file("leads.json")}:3: competitor: expected true or false (also yes/no, 1/0), got "maybe"` });
  });

  it("--id picks the id field", () => {
    const run = runCli(["score", file("model.score"), file("leads.csv"), "--id", "title", "--as-of", "2026-11-15"]);
    expect(lines(run.stdout)[0].id).toBe("VP Sales");
    expect(lines(run.stdout)[3].id).toBe(4);
  });

  it("writes CSV with group columns and neutralised formula cells, and -o writes a file", () => {
    writeFileSync(file("formula.csv"), "id,title\n=cmd(),VP\n");
    const run = runCli(["score", file("model.score"), file("formula.csv"), "--format", "csv", "-o", file("out.csv"), "--as-of", "2026-11-15"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const csv = readFileSync(file("out.csv"), "utf8").trim().split(/\r?\n/);
    expect(csv[0]).toBe("id,score,qualified,tier,disqualified_by,fit_score,fit_tier,error");
    expect(csv[1].startsWith("'=cmd()")).toBe(true);
  });

  it("prints a table", () => {
    const run = runCli(["score", file("model.score"), file("leads.csv"), "--events", file("events.csv"), "--format", "table", "--as-of", "2026-11-15"]);
    expect(run.stdout).toContain("L-1");
    expect(run.stdout).toMatch(/L-1\s+16/);
  });

  it.each([
    [["score", "model.score"], 2],
    [["score", "model.score", "missing.csv"], 2],
    [["score", "model.score", "leads.csv", "--format", "xml"], 2],
    [["score", "model.score", "leads.csv", "--as-of", "yesterday"], 2],
    [["score", "model.score", "leads.csv", "--bogus"], 2],
    [["score", "broken.score", "leads.csv"], 2],
  ])("%j exits %d", (args, code) => {
    writeFileSync(file("broken.score"), "when x add\n");
    const run = runCli(args.map((a) => (a.includes(".") ? file(a) : a)));
    expect(run.code).toBe(code);
    expect(run.stdout).toBe("");
    expect(run.stderr.length).toBeGreaterThan(0);
  });
});

describe("leadscore check and compile", () => {
  it("check: exit 0 and the score range for a good model, exit 1 with carets for a bad one", () => {
    const good = runCli(["check", file("model.score")]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("score range: -20 to 23");
    writeFileSync(file("typo.score"), "lead {\n  company_size: number\n}\nwhen company_sise > 5 add 3\n");
    const bad = runCli(["check", file("typo.score")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error[LS2001]");
    expect(bad.stderr).toContain("4 | when company_sise > 5 add 3");
    expect(bad.stderr).toContain("^^^^^^^^^^^^");
    expect(bad.stderr).toContain("company_size");
  });

  it("check --format json prints the documented document", () => {
    writeFileSync(file("each.score"), "when opened email add 1 each\nwhen a add 1 up to 3\n");
    const run = runCli(["check", "--format", "json", file("each.score")]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe(file("each.score"));
    expect(report.scoreRange).toEqual({ min: 0, max: null });
    expect(report.diagnostics[0]).toEqual({
      severity: "error",
      code: "LS4002",
      message: expect.any(String),
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 21,
      suggestions: [],
    });
  });

  it("compile --target js writes a standalone module that scores like the CLI", async () => {
    const run = runCli(["compile", file("model.score"), "--target", "js", "-o", file("model.mjs")]);
    expect(run.code).toBe(0);
    const module = await import(file("model.mjs"));
    expect(module.score({ id: "x", company_size: 250, events: ["opened email"] }, "2026-11-15")).toEqual({
      id: "x",
      score: 12,
      qualified: false,
      tier: "cold",
      groups: { fit: { score: 10, tier: null } },
    });
  });

  it("--help works for every command and unknown commands exit 2", () => {
    for (const command of ["check", "score", "compile"]) {
      const run = runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`leadscore ${command}`);
    }
    expect(runCli(["frobnicate"]).code).toBe(2);
  });
});
