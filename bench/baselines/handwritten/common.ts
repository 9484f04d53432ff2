// What any hand-written scorer for these leads needs: reading text the way SPEC 3 says (trimmed,
// lower case, blank = unknown), event types matched case-insensitively, and the result record.

export const DAY_MS = 86_400_000;

export interface HandResult {
  id: unknown;
  score: number;
  qualified: boolean | null;
  tier: string | null;
  groups: Record<string, { score: number; tier: string | null }>;
  disqualified_by?: number;
}

export function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The index of an event type in `types`, trying the exact spelling first (the common case). */
export function typeIndexer(types: readonly string[]): (type: string) => number {
  const index = new Map(types.map((type, i) => [type, i]));
  return (type) => index.get(type) ?? index.get(type.trim().replace(/\s+/g, " ").toLowerCase()) ?? -1;
}

export function round2(value: number): number {
  const scaled = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return value < 0 && scaled !== 0 ? -scaled : scaled;
}
