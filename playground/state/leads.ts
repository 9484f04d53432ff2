// Sample leads as the playground holds them: the raw JSON object (SPEC section 4) plus a key that
// stays stable while the lead is edited, so keyed each blocks and selection survive edits.

export type LeadData = Record<string, unknown>;

export interface SampleLead {
  readonly key: number;
  readonly data: LeadData;
}

export interface EventOccurrence {
  type: string;
  at?: string;
}

let nextKey = 1;

export function sampleLead(data: LeadData): SampleLead {
  return { key: nextKey++, data };
}

export function sampleLeads(data: readonly LeadData[]): SampleLead[] {
  return data.map(sampleLead);
}

/** The lead's events in object form; strings become occurrences without a time. */
export function occurrences(data: LeadData): EventOccurrence[] {
  const raw = data.events;
  if (!Array.isArray(raw)) return [];
  const out: EventOccurrence[] = [];
  for (const item of raw) {
    if (typeof item === "string") out.push({ type: item });
    else if (item && typeof item === "object" && typeof (item as EventOccurrence).type === "string") {
      const { type, at } = item as { type: string; at?: unknown };
      out.push(typeof at === "string" && at !== "" ? { type, at } : { type });
    }
  }
  return out;
}

/** Shows one raw value in a table cell or a form: never as HTML, always as plain text. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(displayValue).join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** A fresh id that does not clash with the ids already present ("L-1025"). */
export function freshLeadId(existing: readonly SampleLead[], prefix = "L-"): string {
  let max = 1000;
  for (const lead of existing) {
    const id = lead.data.id;
    const match = typeof id === "string" ? /(\d+)$/.exec(id) : null;
    const n = typeof id === "number" ? id : match ? Number(match[1]) : NaN;
    if (Number.isFinite(n) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}
