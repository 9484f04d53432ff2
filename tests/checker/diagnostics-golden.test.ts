// Golden files for rendered diagnostics: tests/fixtures/diagnostics/<case>/input.score is checked,
// and the result must equal expected.txt (the terminal rendering, no colour, with the summary line)
// and expected.json (the `check --format json` document). To accept changed output after reviewing
// it: UPDATE_GOLDEN=1 npx vitest run tests/checker/diagnostics-golden.test.ts, then read the diff.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/checker/check.js";
import { jsonReport, renderDiagnostics, summarize } from "../../src/diagnostics/render.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/diagnostics/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, "input.score")))
  .map((entry) => entry.name)
  .sort();

function expectGolden(path: string, actual: string): void {
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`${path} is missing; run with UPDATE_GOLDEN=1 to create it, then review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("rendered diagnostics (golden files)", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)("%s", (name) => {
    const dir = join(FIXTURES, name);
    const source = readFileSync(join(dir, "input.score"), "utf8");
    const file = `${name}.score`;
    const { diagnostics, scoreRange } = checkSource(source);
    const rendered = renderDiagnostics(file, source, diagnostics, { color: false });
    const text = `${rendered}${rendered === "" ? "" : "\n"}${summarize(file, diagnostics)}\n`;
    expectGolden(join(dir, "expected.txt"), text);
    expectGolden(join(dir, "expected.json"), JSON.stringify(jsonReport(file, source, diagnostics, scoreRange), null, 2) + "\n");
  });
});
