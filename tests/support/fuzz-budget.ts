// How many runs a property or fuzz test does: a fixed, seeded default so `npm test` stays fast, and a
// larger budget from the environment (LEADSCORE_FUZZ_RUNS=100000 npm test) for a deeper search.

export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.LEADSCORE_FUZZ_RUNS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? Math.max(defaultRuns, fromEnv) : defaultRuns;
}
