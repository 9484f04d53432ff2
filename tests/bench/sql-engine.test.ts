// The benchmark's SQL engine section at a tiny size: both CLI paths (bin/leadscore.js, so lib/ must be
// built: `npm run build:lib`) print the same records, are timed, and the report shows the table; and a
// size the disk cannot hold is recorded as skipped instead of being attempted. No figures checked.

import { describe, expect, it } from "vitest";
import { formatSqlEngineSection } from "../../bench/report.js";
import { sqlEngineSection } from "../../bench/sql-engine.js";

const quiet = () => undefined;

describe("benchmark: SQL engine section", () => {
  it("measures both paths on 2,000 leads and reports them side by side", async () => {
    const result = await sqlEngineSection({ leads: 2_000, quick: true, log: quiet });
    if (!result.measured) throw new Error(result.reason);
    expect(result.checkedLeads).toBe(2_000);
    for (const path of [result.javascript, result.duckdb]) {
      expect(path.runs.map((run) => [run.records, run.exitCode])).toEqual([[2_000, 0]]);
      expect(path.peakRssMb).toBeGreaterThan(0);
    }
    const report = formatSqlEngineSection(result);
    expect(report).toContain("| JavaScript CLI (streaming) |");
    expect(report).toContain("| --engine duckdb ");
    expect(report).toContain("| duckdb / JavaScript ");
  });

  it("records a size that does not fit on the disk as skipped, with the reason", async () => {
    const result = await sqlEngineSection({ leads: 1e13, quick: true, log: quiet });
    expect(result).toMatchObject({ measured: false, leads: 1e13 });
    expect(!result.measured && result.reason).toMatch(/^skipped: .* need about .* free in /);
    expect(formatSqlEngineSection(result)).toContain("not measured");
  });
});
