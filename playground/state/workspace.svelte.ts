// The playground's one state object: the model text, the sample leads and everything derived from
// them. Views read from it and call its methods; nothing else holds playground state.

import { compile, format, runExamples } from "../lib/core.js";
import type { CompileResult, Model, LeadRecord, ScoreResult, Span, Diagnostic } from "../lib/core.js";
import { sampleLead, sampleLeads, type LeadData, type SampleLead } from "./leads.js";
import { explainLead, type Explanation } from "./explain.js";
import { DEMO_AS_OF, DEMO_ID, DEMO_LEADS, DEMO_NAME, DEMO_SOURCE } from "./demo.js";
import type { ModelSummary } from "./storage.js";

export interface LeadRow {
  readonly key: number;
  readonly lead: SampleLead;
  readonly result: LeadRecord | undefined;
  /** Position in the input, 1-based (the id used when a lead has none). */
  readonly position: number;
}

export type SortColumn = "position" | "id" | "score" | "tier" | "qualified" | `field:${string}`;

export interface ModelDocument {
  id: string;
  name: string;
  source: string;
  leads: LeadData[];
  /** "YYYY-MM-DD", or "" for now. */
  asOf: string;
}

export interface Notice {
  id: number;
  kind: "error" | "info";
  title: string;
  details: string[];
  action?: { label: string; run: () => void };
}

export function isScored(record: LeadRecord | undefined): record is ScoreResult {
  return record !== undefined && !("error" in record);
}

let noticeIds = 0;

export class Workspace {
  // The document being edited.
  modelId = $state(DEMO_ID);
  modelName = $state(DEMO_NAME);
  source = $state(DEMO_SOURCE);
  leads = $state.raw<SampleLead[]>(sampleLeads(DEMO_LEADS));
  asOf = $state(DEMO_AS_OF);

  // View state.
  selectedKey = $state<number | null>(null);
  sort = $state<{ column: SortColumn; descending: boolean }>({ column: "position", descending: false });
  view = $state<"text" | "builder">("text");
  presenter = $state(false);
  editorReady = $state(false);
  notices = $state<Notice[]>([]);
  /** The saved models, most recently edited first (kept in step with IndexedDB by persistence.svelte.ts). */
  models = $state.raw<ModelSummary[]>([]);
  saveStatus = $state<"idle" | "pending" | "saving" | "saved" | "failed">("idle");
  /** A request for the editor to show a range; the counter makes repeated requests distinct. */
  revealRequest = $state<{ span: Span; serial: number } | null>(null);

  /** The time scores are computed at when asOf is blank: fixed per session so scores do not drift. */
  readonly sessionNow = new Date();

  compiled: CompileResult = $derived(compile(this.source));
  diagnostics: Diagnostic[] = $derived([...this.compiled.diagnostics].sort((a, b) => a.span.start - b.span.start));
  hasErrors = $derived(this.compiled.diagnostics.some((d) => d.severity === "error"));

  #lastGoodModel: Model | undefined;
  /** The model leads are scored with: the current one, or the last one without errors while typing. */
  scoringModel: Model | undefined = $derived.by(() => {
    const model = this.compiled.model;
    if (model) this.#lastGoodModel = model;
    return model ?? this.#lastGoodModel;
  });
  /** True when the scores shown come from an earlier version of the text (the current one has errors). */
  stale = $derived(this.compiled.model === undefined && this.scoringModel !== undefined);

  asOfDate: Date = $derived(this.asOf ? new Date(`${this.asOf}T23:59:59.999Z`) : this.sessionNow);

  results: LeadRecord[] = $derived.by(() => {
    const model = this.scoringModel;
    if (!model) return [];
    return model.scoreAll(
      this.leads.map((lead) => lead.data),
      { asOf: this.asOfDate },
    );
  });

  /** One row per lead, in input order: the lead and what it scored. */
  rows: LeadRow[] = $derived.by(() => {
    const results = this.results;
    return this.leads.map((lead, index) => ({ key: lead.key, lead, result: results[index], position: index + 1 }));
  });

  #tierOrder: string[] = [];
  /** Tier names, best first. The same array while the names are unchanged, so rows that show a tier do not update. */
  tierOrder: string[] = $derived.by(() => (this.#tierOrder = sameItems(this.#tierOrder, this.scoringModel?.plan.tiers?.map((t) => t.name) ?? [])));

  #sortedLeads: SampleLead[] = [];
  /**
   * The leads in table order. Unsorted, it is the leads array itself; sorted, the previous array is
   * kept while the order is unchanged. Either way a re-score moves no row unless the order changed.
   */
  sortedLeads: SampleLead[] = $derived.by(() => {
    const { column, descending } = this.sort;
    if (column === "position" && !descending) return (this.#sortedLeads = this.leads);
    const key = sortKey(column, this.tierOrder);
    const decorated = this.rows.map((row) => ({ row, key: key(row) }));
    decorated.sort((a, b) => compareKeys(a.key, b.key) * (descending ? -1 : 1) || a.row.position - b.row.position);
    return (this.#sortedLeads = sameItems(this.#sortedLeads, decorated.map((d) => d.row.lead)));
  });

  /** 1-based input position of each lead (its id when it has none). */
  positions: Map<number, number> = $derived(new Map(this.leads.map((lead, index) => [lead.key, index + 1])));

  /** The schema the table is laid out by: the scoring model's, so columns hold still while the text has errors. */
  tableSchema = $derived(this.compiled.model ? this.compiled.schema : (this.scoringModel?.plan.schema ?? this.compiled.schema));

  #keyFields: string[] = [];
  /**
   * Fields worth a column in the leads table: the fields the rules test (booleans after the others),
   * with a descriptive field from the data (title, company...) second, so rows are recognisable.
   */
  keyFields: string[] = $derived.by(() => {
    const schema = this.tableSchema;
    const used = usedFields(this.scoringModel);
    const kindOf = new Map(schema.fields.map((f) => [f.name, f.type.kind]));
    const preference = (name: string) => (DESCRIPTIVE_FIELDS.indexOf(name) + 1 || DESCRIPTIVE_FIELDS.length + 1);
    const usedPlain = schema.fields
      .filter((f) => used.has(f.name) && f.type.kind !== "boolean" && f.type.kind !== "list")
      .map((f) => f.name)
      .sort((a, b) => preference(a) - preference(b));
    const usedFlags = schema.fields.filter((f) => used.has(f.name) && f.type.kind === "boolean").map((f) => f.name);
    const present = new Set<string>();
    for (const lead of this.leads.slice(0, 50)) for (const key of Object.keys(lead.data)) present.add(key);
    const descriptive = DESCRIPTIVE_FIELDS.filter((name) => present.has(name) && kindOf.get(name) !== "list");
    const others = schema.fields.filter((f) => f.type.kind !== "list").map((f) => f.name);
    const order = [...usedPlain.slice(0, 1), ...descriptive.slice(0, 1), ...usedPlain.slice(1), ...usedFlags, ...descriptive.slice(1), ...others];
    const fields = [...new Set(order)].filter((name) => name !== "id" && name !== "events").slice(0, 3);
    return (this.#keyFields = sameItems(this.#keyFields, fields));
  });

  /** Whether the model scores events, so the table shows each lead's event count. */
  showsEvents = $derived(this.tableSchema.events.length > 0);

  summary = $derived.by(() => {
    let scored = 0;
    let qualified = 0;
    let errors = 0;
    let total = 0;
    const tiers = new Map<string, number>();
    for (const record of this.results) {
      if (!isScored(record)) {
        errors++;
        continue;
      }
      scored++;
      total += record.score;
      if (record.qualified) qualified++;
      if (record.tier !== null) tiers.set(record.tier, (tiers.get(record.tier) ?? 0) + 1);
    }
    return { scored, qualified, errors, average: scored ? total / scored : 0, tiers };
  });

  selectedLead: SampleLead | undefined = $derived(this.leads.find((lead) => lead.key === this.selectedKey));

  explanation: Explanation | undefined = $derived.by(() => {
    const lead = this.selectedLead;
    const model = this.scoringModel;
    if (!lead || !model) return undefined;
    const result = model.score(lead.data, { asOf: this.asOfDate, explain: true });
    return explainLead(result, model.plan, this.source, lead.data, this.asOfDate.getTime());
  });

  #lastExamples: ReturnType<typeof runExamples> = [];
  /**
   * The model's examples, run on every edit. While the text has errors they cannot run: the last
   * results stay up (examplesPaused says so) rather than every example flashing red mid-word.
   */
  examples = $derived.by(() => {
    if (!this.compiled.model && this.#lastExamples.length > 0) return this.#lastExamples;
    try {
      const outcomes = runExamples(this.compiled, this.asOfDate);
      if (this.compiled.model) this.#lastExamples = outcomes;
      return outcomes;
    } catch {
      // Examples are advisory; a failure to run them must never take the editor down.
      return [];
    }
  });
  examplesPaused = $derived(!this.compiled.model && this.#lastExamples.length > 0 && this.examples === this.#lastExamples);

  // ---- editing the document ----

  setSource(text: string): void {
    if (text !== this.source) this.source = text;
  }

  formatSource(): void {
    this.setSource(format(this.source));
  }

  load(document: ModelDocument): void {
    this.modelId = document.id;
    this.modelName = document.name;
    this.source = document.source;
    this.leads = sampleLeads(document.leads);
    this.asOf = document.asOf;
    this.selectedKey = null;
    this.#lastGoodModel = undefined;
    this.#lastExamples = [];
  }

  snapshot(): ModelDocument {
    return { id: this.modelId, name: this.modelName, source: this.source, leads: this.leads.map((l) => l.data), asOf: this.asOf };
  }

  // ---- sample leads ----

  addLead(data: LeadData): SampleLead {
    const lead = sampleLead(data);
    this.leads = [...this.leads, lead];
    return lead;
  }

  updateLead(key: number, data: LeadData): void {
    this.leads = this.leads.map((lead) => (lead.key === key ? { key, data } : lead));
  }

  deleteLead(key: number): void {
    this.leads = this.leads.filter((lead) => lead.key !== key);
    if (this.selectedKey === key) this.selectedKey = null;
  }

  appendLeads(data: readonly LeadData[]): void {
    this.leads = [...this.leads, ...sampleLeads(data)];
  }

  replaceLeads(data: readonly LeadData[]): void {
    this.leads = sampleLeads(data);
    this.selectedKey = null;
  }

  select(key: number | null): void {
    this.selectedKey = key;
  }

  sortBy(column: SortColumn): void {
    const same = this.sort.column === column;
    // Scores read best first; names read A to Z.
    const firstDescending = column === "score" || column === "qualified" || column === "tier" || column === "field:events";
    this.sort = { column, descending: same ? !this.sort.descending : firstDescending };
  }

  // ---- editor requests and notices ----

  reveal(span: Span): void {
    this.revealRequest = { span, serial: (this.revealRequest?.serial ?? 0) + 1 };
  }

  notify(kind: Notice["kind"], title: string, details: string[] = [], action?: Notice["action"]): void {
    this.notices = [...this.notices.slice(-3), { id: ++noticeIds, kind, title, details, action }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Puts the demo model back (under its own id, so other saved models are untouched); undoable once. */
  resetToDemo(): void {
    const before = this.snapshot();
    this.load({ id: DEMO_ID, name: DEMO_NAME, source: DEMO_SOURCE, leads: structuredClone([...DEMO_LEADS]), asOf: DEMO_AS_OF });
    this.notify("info", "The demo model is back.", [], { label: "Undo", run: () => this.load(before) });
  }

  // ---- figures computed on demand (hover) ----

  #hitCounts: { model: Model; leads: SampleLead[]; asOf: Date; counts: Map<number, number> } | undefined;

  /** How many sample leads each rule line fires for; computed when first asked, then cached. */
  ruleHitCounts(): Map<number, number> {
    const model = this.scoringModel;
    if (!model) return new Map();
    const cached = this.#hitCounts;
    if (cached && cached.model === model && cached.leads === this.leads && cached.asOf === this.asOfDate) return cached.counts;
    const counts = new Map<number, number>();
    for (const record of model.scoreAll(this.leads.map((l) => l.data), { asOf: this.asOfDate, explain: true })) {
      if (!isScored(record)) continue;
      const lines = new Set((record.hits ?? []).map((hit) => hit.line));
      for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    this.#hitCounts = { model, leads: this.leads, asOf: this.asOfDate, counts };
    return counts;
  }
}

/** Data fields that make a row recognisable, in order of preference. */
const DESCRIPTIVE_FIELDS = ["title", "company", "name", "full_name", "first_name", "industry", "company_size", "country", "email"];

export function newModelId(): string {
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The previous array when the next one has the same items: derived values stay identical across edits. */
function sameItems<T>(previous: T[], next: T[]): T[] {
  return previous.length === next.length && previous.every((item, i) => item === next[i]) ? previous : next;
}

function sameOutcome(a: LeadRecord | undefined, b: LeadRecord | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if ("error" in a || "error" in b) return "error" in a && "error" in b && a.error === b.error && a.id === b.id;
  return a.id === b.id && a.score === b.score && a.tier === b.tier && a.qualified === b.qualified && a.disqualified_by === b.disqualified_by;
}

type SortValue = number | string | null;

function sortKey(column: SortColumn, tierOrder: string[]): (row: LeadRow) => SortValue {
  switch (column) {
    case "position":
      return (row) => row.position;
    case "id":
      return (row) => String(row.result?.id ?? row.lead.data.id ?? row.position);
    case "score":
      return (row) => (isScored(row.result) ? row.result.score : null);
    case "tier":
      // Best tier first when descending: the first tier in the model ranks highest.
      return (row) => (isScored(row.result) && row.result.tier !== null ? tierOrder.length - tierOrder.indexOf(row.result.tier) : null);
    case "qualified":
      return (row) => (isScored(row.result) && row.result.qualified !== null ? Number(row.result.qualified) : null);
    default: {
      const field = column.slice("field:".length);
      if (field === "events") return (row) => (Array.isArray(row.lead.data.events) ? row.lead.data.events.length : 0);
      return (row) => {
        const value = row.lead.data[field];
        if (typeof value === "number") return value;
        if (typeof value === "boolean") return Number(value);
        if (typeof value === "string") return value.toLowerCase();
        return null;
      };
    }
  }
}

/** Unknown values sort last in either direction handled by the caller's sign; numbers before text. */
function compareKeys(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function usedFields(model: Model | undefined): Set<string> {
  const used = new Set<string>();
  if (!model) return used;
  const visit = (condition: unknown): void => {
    if (!condition || typeof condition !== "object") return;
    const c = condition as { field?: unknown; items?: unknown[]; item?: unknown };
    if (typeof c.field === "string") used.add(c.field);
    c.items?.forEach(visit);
    if (c.item) visit(c.item);
  };
  for (const rule of model.plan.rules) visit(rule.condition);
  for (const gate of model.plan.gates) visit(gate.condition);
  return used;
}
