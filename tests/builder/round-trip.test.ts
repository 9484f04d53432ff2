// Text -> builder view -> text gives the canonical text back, for thousands of generated models:
// the view holds everything the text says (every rule, group, gate, limit, tier, field and event),
// every row prints back to its own line, and nothing turns into read-only text.

import { describe, expect, it } from "vitest";
import { buildView, openDocument, printRule, printTier, printField, printEvent, type BuilderView } from "../../src/builder/index.js";
import { format } from "../../src/formatter/format.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { generateModelText } from "../support/generate-model-text.js";
import { printView } from "./print-view.js";

const RUNS = fuzzRuns(1000);
const TIMEOUT = Math.max(60_000, RUNS * 60);

/** Each editable row prints to exactly the text of its line (without indentation and trailing comment). */
function rowMismatches(view: BuilderView, text: string): string[] {
  const lines = text.split("\n");
  const lineText = (line: number, trailing?: string) => {
    const raw = lines[line - 1].trim();
    return trailing ? raw.slice(0, raw.length - trailing.length).trimEnd() : raw;
  };
  const problems: string[] = [];
  const check = (line: number, printed: string, trailing?: string) => {
    if (lineText(line, trailing) !== printed) problems.push(`line ${line}: ${JSON.stringify(lineText(line, trailing))} printed as ${JSON.stringify(printed)}`);
  };
  for (const item of view.items) {
    if (item.kind === "rule") check(item.line, printRule(item.draft), item.trailingComment);
    if (item.kind === "group") for (const row of item.rules) if (row.kind === "rule") check(row.line, printRule(row.draft), row.trailingComment);
    if (item.kind === "tiers") for (const row of item.tiers) if (row.kind === "tier") check(row.line, printTier(row.draft), row.trailingComment);
    if (item.kind === "lead") for (const row of item.fields) if (row.kind === "field") check(row.line, printField(row.draft), row.trailingComment);
    if (item.kind === "events") for (const row of item.events) if (row.kind === "event") check(row.line, printEvent(row.draft), row.trailingComment);
  }
  return problems;
}

describe("text -> builder view -> text", () => {
  it(`gives the formatted text back unchanged (${RUNS} generated models, messy and tidy)`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS && failures.length < 3; seed++) {
      const model = generateModelText(seed, { messy: seed % 3 !== 0 });
      const canonical = format(model.text);
      if (canonical.diagnostics.length > 0) continue; // the generator writes valid text; the formatter's tests cover this
      const doc = openDocument(canonical.text);
      const view = buildView(doc);
      if (view.rawCount > 0) {
        failures.push(`seed ${seed}: ${view.rawCount} read-only rows\n${canonical.text}`);
        continue;
      }
      let printed: string;
      try {
        printed = printView(view, doc);
      } catch (error) {
        failures.push(`seed ${seed}: ${(error as Error).message}`);
        continue;
      }
      if (printed !== canonical.text) failures.push(`seed ${seed}:\n--- canonical\n${canonical.text}\n--- from the view\n${printed}`);
      const rows = rowMismatches(view, canonical.text);
      if (rows.length > 0) failures.push(`seed ${seed}: ${rows.join("; ")}`);
    }
    expect(failures).toEqual([]);
  }, TIMEOUT);

  it("shows the messy text's statements too: the view of unformatted text prints as its formatted text", () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= Math.min(RUNS, 500) && failures.length < 3; seed++) {
      const model = generateModelText(seed, { messy: true });
      const canonical = format(model.text);
      if (canonical.diagnostics.length > 0) continue;
      const doc = openDocument(model.text);
      const view = buildView(doc);
      const printed = printView(view, doc);
      if (printed !== canonical.text) failures.push(`seed ${seed}:\n--- formatted\n${canonical.text}\n--- from the view of the source\n${printed}`);
    }
    expect(failures).toEqual([]);
  });
});
