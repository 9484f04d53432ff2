// `leadscore diff` end to end: the impact table, --format jsonl, invalid leads, exit codes, and an
// OLD model read from a git revision in a temporary repository.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

let dir: string;
const file = (name: string) => join(dir, name);

const OLD = `group fit {
  when company_size >= 200 add 10
  when title contains "vp" add 8
}
when opened email add 2 each up to 10
disqualify when competitor
qualify above 20
tiers {
  hot at least 20
  warm at least 5
  cold otherwise
}
`;
// The title rule is worth more, and the threshold is lower.
const NEW = OLD.replace('when title contains "vp" add 8', 'when title contains "vp" add 15').replace("qualify above 20", "qualify above 15");

const LEADS = [
  { id: "L-1", title: "VP Marketing", company_size: 500 },
  { id: "L-2", title: "intern", company_size: 10 },
  { id: "L-3", title: "VP", company_size: 50, competitor: true },
  { id: "L-4", title: "vp", company_size: 5, events: ["opened email", "opened email"] },
  { id: "L-5", title: "CTO", company_size: 1000 },
];

function git(args: string[]): void {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "leadscore-diff-"));
  writeFileSync(file("old.score"), OLD);
  writeFileSync(file("new.score"), NEW);
  writeFileSync(file("leads.json"), JSON.stringify(LEADS));
  writeFileSync(file("with-invalid.json"), JSON.stringify([...LEADS, { id: "L-6", company_size: "abc" }]));
  writeFileSync(file("broken.score"), "when a add\n");
  // A repository whose HEAD has the old model and whose work tree has the new one.
  writeFileSync(file("rules.score"), OLD);
  git(["init", "-q"]);
  git(["add", "rules.score"]);
  git(["commit", "-q", "-m", "old rules"]);
  writeFileSync(file("rules.score"), NEW);
});

const lines = (text: string) => text.trim().split("\n").map((line) => JSON.parse(line));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("leadscore diff", () => {
  it("prints the counts, tier moves and biggest movers as a table", () => {
    const run = runCli(["diff", file("old.score"), file("new.score"), file("leads.json"), "--as-of", "2026-11-22"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const out = run.stdout;
    expect(out).toContain("as of 2026-11-22T00:00:00.000Z: 5 leads compared");
    expect(out).toMatch(/changed\s+3 of 5 leads/);
    expect(out).toMatch(/newly qualified\s+2\n/);
    expect(out).toMatch(/no longer qualified\s+0\n/);
    expect(out).toMatch(/average score change\s+\+4\.2\n/);
    expect(out).toMatch(/largest increase\s+\+7 \(lead L-1\)/);
    expect(out).toMatch(/largest decrease\s+none/);
    expect(out).toMatch(/Tier moves\n\s+warm -> hot\s+1\n/);
    expect(out).toMatch(/Biggest movers\n\s+id\s+before\s+after\s+change\s+tier\s+qualified\n/);
    expect(out).toMatch(/L-1\s+18\s+25\s+\+7\s+warm -> hot\s+no -> yes\n/);
    expect(out).toMatch(/L-4\s+12\s+19\s+\+7\s+warm\s+no -> yes\n/);
    expect(out).not.toMatch(/L-2|L-5/);
    expect(out.split("\n").every((line) => !/\s$/.test(line))).toBe(true);
  });

  it("--format jsonl prints one line per changed lead, in input order", () => {
    const run = runCli(["diff", file("old.score"), file("new.score"), file("leads.json"), "--as-of", "2026-11-22", "--format", "jsonl"]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      { id: "L-1", before: { score: 18, tier: "warm", qualified: false }, after: { score: 25, tier: "hot", qualified: true } },
      { id: "L-3", before: { score: 8, tier: "warm", qualified: false }, after: { score: 15, tier: "warm", qualified: false } },
      { id: "L-4", before: { score: 12, tier: "warm", qualified: false }, after: { score: 19, tier: "warm", qualified: true } },
    ]);
  });

  it("says when nothing changed", () => {
    const run = runCli(["diff", file("old.score"), file("old.score"), file("leads.json")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No lead changed score, tier or qualification.");
    expect(runCli(["diff", file("old.score"), file("old.score"), file("leads.json"), "--format", "jsonl"]).stdout).toBe("");
  });

  it("reports invalid leads on stderr with file and line, and exits 1", () => {
    const run = runCli(["diff", file("old.score"), file("new.score"), file("with-invalid.json"), "--format", "jsonl"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('company_size: expected a number, got "abc"');
    expect(lines(run.stdout).map((change) => change.id)).toEqual(["L-1", "L-3", "L-4"]);
  });

  it("reads OLD from a git revision", () => {
    const run = runCli(["diff", "HEAD:rules.score", "rules.score", "leads.json", "--as-of", "2026-11-22", "--format", "jsonl"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((change) => change.id)).toEqual(["L-1", "L-3", "L-4"]);
    const table = runCli(["diff", "HEAD:rules.score", "rules.score", "leads.json"], { cwd: dir });
    expect(table.stdout).toContain("HEAD:rules.score -> rules.score on leads.json");
  });

  it("exits 2 for a revision that does not exist", () => {
    const run = runCli(["diff", "HEAD:nope.score", "rules.score", "leads.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("HEAD:nope.score");
  });

  it("exits 2 for a model with errors, a missing leads file, or bad usage", () => {
    const broken = runCli(["diff", file("broken.score"), file("new.score"), file("leads.json")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${file("broken.score")}:1:11`);
    expect(runCli(["diff", file("old.score"), file("new.score"), file("missing.json")]).code).toBe(2);
    expect(runCli(["diff", file("old.score"), file("new.score")]).code).toBe(2);
    expect(runCli(["diff", file("old.score"), file("new.score"), file("leads.json"), "--format", "xml"]).code).toBe(2);
  });
});
