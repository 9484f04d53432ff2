// `leadscore fmt` end to end: in place, --check, standard input, directories, syntax errors and
// exit codes (0 formatted, 1 unformatted or syntax errors, 2 bad usage or unreadable file).

import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const MESSY = "when   company_size>=200 add 10.0;when competitor subtract 20 # note   \nqualify above 20";
const CANONICAL = "when company_size >= 200 add 10\nwhen competitor subtract 20 # note\nqualify above 20\n";
const BROKEN = "when a add\nwhen   b add 2\n";

let dir: string;
const file = (name: string) => join(dir, name);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "leadscore-fmt-"));
  writeFileSync(file("messy.score"), MESSY);
  writeFileSync(file("canonical.score"), CANONICAL);
  writeFileSync(file("broken.score"), BROKEN);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("leadscore fmt", () => {
  it("rewrites files in place and names the ones it changed", () => {
    const run = runCli(["fmt", file("messy.score"), file("canonical.score")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`formatted ${file("messy.score")}\n`);
    expect(run.stderr).toBe("");
    expect(readFileSync(file("messy.score"), "utf8")).toBe(CANONICAL);
    expect(readFileSync(file("canonical.score"), "utf8")).toBe(CANONICAL);
  });

  it("writes through a temporary file renamed over the original: keeps its mode and symbolic links, leaves no temporary file", () => {
    chmodSync(file("messy.score"), 0o640);
    symlinkSync(file("messy.score"), file("link.score"));
    const run = runCli(["fmt", file("link.score")]);
    expect(run.code).toBe(0);
    expect(lstatSync(file("link.score")).isSymbolicLink()).toBe(true);
    expect(readFileSync(file("messy.score"), "utf8")).toBe(CANONICAL);
    expect(statSync(file("messy.score")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["broken.score", "canonical.score", "link.score", "messy.score"]);
  });

  it("is idempotent: a second run changes nothing", () => {
    runCli(["fmt", file("messy.score")]);
    const run = runCli(["fmt", file("messy.score")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("--check lists unformatted files, changes nothing, and exits 1", () => {
    const run = runCli(["fmt", "--check", file("messy.score"), file("canonical.score")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${file("messy.score")}\n`);
    expect(readFileSync(file("messy.score"), "utf8")).toBe(MESSY);
  });

  it("--check exits 0 when everything is formatted", () => {
    const run = runCli(["fmt", "--check", file("canonical.score")]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("leaves a file with syntax errors untouched and reports them with file:line:col", () => {
    const run = runCli(["fmt", file("broken.score"), file("messy.score")]);
    expect(run.code).toBe(1);
    expect(readFileSync(file("broken.score"), "utf8")).toBe(BROKEN);
    expect(run.stderr).toContain(`${file("broken.score")}:1:11`);
    expect(run.stderr).toContain("LS1003");
    expect(run.stderr).toContain("left unformatted");
    // The other file is still formatted.
    expect(readFileSync(file("messy.score"), "utf8")).toBe(CANONICAL);
  });

  it("with --check, reports syntax errors too", () => {
    const run = runCli(["fmt", "--check", file("broken.score")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${file("broken.score")}:1:11`);
  });

  it("- reads standard input and writes the formatted text to standard output", () => {
    const run = runCli(["fmt", "-"], { input: MESSY });
    expect(run).toEqual({ code: 0, stdout: CANONICAL, stderr: "" });
  });

  it("- with syntax errors writes the text back unchanged, reports the errors and exits 1", () => {
    const run = runCli(["fmt", "-"], { input: BROKEN });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(BROKEN);
    expect(run.stderr).toContain("<stdin>:1:11");
  });

  it("--check - reports standard input as <stdin>", () => {
    expect(runCli(["fmt", "--check", "-"], { input: MESSY })).toEqual({ code: 1, stdout: "<stdin>\n", stderr: "" });
    expect(runCli(["fmt", "--check", "-"], { input: CANONICAL })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("formats every .score file under a directory, skipping hidden folders", () => {
    mkdirSync(file("models/nested"), { recursive: true });
    mkdirSync(file("models/.hidden"), { recursive: true });
    writeFileSync(file("models/a.score"), MESSY);
    writeFileSync(file("models/nested/b.score"), MESSY);
    writeFileSync(file("models/.hidden/c.score"), MESSY);
    writeFileSync(file("models/notes.txt"), MESSY);
    const run = runCli(["fmt", "--check", file("models")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${file("models/a.score")}\n${file("models/nested/b.score")}\n`);
    expect(runCli(["fmt", file("models")]).code).toBe(0);
    expect(readFileSync(file("models/nested/b.score"), "utf8")).toBe(CANONICAL);
    expect(readFileSync(file("models/.hidden/c.score"), "utf8")).toBe(MESSY);
    expect(readFileSync(file("models/notes.txt"), "utf8")).toBe(MESSY);
  });

  it("exits 2 for a missing file but still formats the others", () => {
    const run = runCli(["fmt", file("missing.score"), file("messy.score")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing.score: no such file");
    expect(readFileSync(file("messy.score"), "utf8")).toBe(CANONICAL);
  });

  it("exits 2 on bad usage", () => {
    expect(runCli(["fmt"]).code).toBe(2);
    expect(runCli(["fmt", "--frobnicate", file("messy.score")]).code).toBe(2);
  });

  it("has help", () => {
    const run = runCli(["fmt", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: leadscore fmt [--check] FILE.score...");
  });
});
