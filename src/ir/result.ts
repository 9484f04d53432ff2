// What scoring one lead produces (SPEC section 5). Key order matters: results are printed as JSON.

export interface GroupResult {
  score: number;
  tier: string | null;
}

export interface Hit {
  line: number;
  group: string | null;
  /** The rule's contribution before any group cap, rounded to 2 decimals. */
  points: number;
  rule: string;
}

export interface ScoreResult {
  id: string | number;
  score: number;
  qualified: boolean | null;
  tier: string | null;
  groups: Record<string, GroupResult>;
  /** Line of the first `disqualify when` gate the lead matched. */
  disqualified_by?: number;
  hits?: Hit[];
}

export interface ErrorRecord {
  id: string | number;
  error: string;
}

export type LeadRecord = ScoreResult | ErrorRecord;

export function isErrorRecord(record: LeadRecord): record is ErrorRecord {
  return "error" in record;
}
