// Golden before/after pairs: tests/fixtures/format/<case>/input.score is formatted and compared with
// expected.score, which must itself be a fixed point of the formatter. After a deliberate change of
// the canonical form, LEADSCORE_UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { format } from "../../src/formatter/format.js";
import { astDifference } from "../support/ast-equivalence.js";

const root = join(import.meta.dirname, "../fixtures/format");
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, "input.score")));
const update = process.env.LEADSCORE_UPDATE_GOLDEN === "1";

describe("golden formatting", () => {
  it("has a case for every construct", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("%s", (name) => {
    const input = readFileSync(join(root, name, "input.score"), "utf8");
    const expectedPath = join(root, name, "expected.score");
    const result = format(input);
    if (update) writeFileSync(expectedPath, result.text);
    const expected = readFileSync(expectedPath, "utf8");

    expect(result.text).toBe(expected);
    expect(result.changed).toBe(expected !== input);
    expect(format(expected).text).toBe(expected); // the expected text is canonical

    if (result.diagnostics.length > 0) {
      // A file with syntax errors is left exactly as it was.
      expect(expected).toBe(input);
    } else {
      expect(astDifference(parse(input).ast, parse(expected).ast)).toBeUndefined();
    }
  });
});
