// The budgets of SPEC section 10, and their check against one run's figures.

export type BudgetStatus = "PASS" | "MISS" | "NOT MEASURED";

export interface BudgetCheck {
  id: string;
  /** What is measured, in words, with the budget. */
  description: string;
  measured: number | null;
  limit: number;
  /** The measured value must be `comparison` the limit to pass. */
  comparison: "<" | "<=" | ">" | ">=";
  unit: string;
  status: BudgetStatus;
  /** Why a budget could not be measured. */
  note?: string;
}

export const BUDGETS = {
  /** Compiled scorer time / hand-written time. */
  handWrittenRatio: 1.25,
  /** Compiled throughput / json-logic-js throughput. */
  jsonLogicSpeedup: 50,
  /** Compiled throughput / json-rules-engine throughput. */
  rulesEngineSpeedup: 500,
  /** Explain time / plain time. */
  explainRatio: 3,
  compile1000Ms: 20,
  compile50Ms: 2,
  cliLeadsPerSecond: 200_000,
  cliPeakRssMb: 250,
  /** Peak RSS at 1M leads / at 100k leads: "the same" within this factor. */
  cliRssGrowth: 1.25,
  playgroundKeystrokeMs: 50,
  playgroundInteractiveMs: 1500,
} as const;

export function check(
  id: string,
  description: string,
  measured: number | null | undefined,
  comparison: BudgetCheck["comparison"],
  limit: number,
  unit: string,
  note?: string,
): BudgetCheck {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) {
    return { id, description, measured: null, limit, comparison, unit, status: "NOT MEASURED", ...(note ? { note } : {}) };
  }
  const pass =
    comparison === "<" ? measured < limit : comparison === "<=" ? measured <= limit : comparison === ">" ? measured > limit : measured >= limit;
  return { id, description, measured, limit, comparison, unit, status: pass ? "PASS" : "MISS", ...(note ? { note } : {}) };
}
