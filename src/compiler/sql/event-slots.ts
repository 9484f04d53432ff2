// The event stages of the query, the SQL twin of src/compiler/js/event-slots.ts: every event test,
// `each` sum and decay in a plan becomes a slot, and all slots are conditional aggregates of ONE
// pass over the events grouped by lead: a count per distinct (event, window), the age of the
// youngest occurrence per (event, window) for most-recent decay, and a sum of decay factors per
// (event, window, decay) for decayed `each` rules. The same pass finds each lead's first invalid
// occurrence, so invalid leads give the same error records as JavaScript's readOccurrences().

import type { PlanDecay } from "../../ir/plan.js";
import { DAY_MS, normalizeEventType } from "../../semantics/values.js";
import { decayBase, decayPeriod } from "../js/event-slots.js";
import type { SqlDialect } from "./dialect.js";
import { isoTimeMs } from "./iso-time.js";
import { comparisonLiteral, doubleLiteral, integerLiteral, stringLiteral } from "./literals.js";
import type { DataSource } from "./source.js";

interface Slot {
  column: string;
  aggregate: string;
  /** The value for a lead without any event rows. */
  empty: string;
}

interface WindowSlots {
  /** Largest age that passes, in ms; undefined = no window. */
  maxAge: number | undefined;
  count?: Slot;
  youngest?: Slot;
  sums: Map<string, Slot>;
}

/** File events sort after a lead's own (JSON) events, as attach-events.ts appends them. */
const FILE_EVENT_SEQ = 1e15;

export class EventSlots {
  private readonly windows = new Map<string, WindowSlots>();
  private readonly slots: Slot[] = [];

  constructor(
    private readonly dialect: SqlDialect,
    private readonly source: DataSource,
  ) {}

  /** True when the query has any events to read. */
  get hasEvents(): boolean {
    return this.source.events !== undefined || this.source.leads.embeddedEvents !== undefined;
  }

  /** Expression: how many occurrences of `event` pass (not future, within the window). */
  count(event: string, withinDays: number | undefined): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "0";
    slots.count ??= this.add("c", `COUNT(CASE WHEN ${this.match(event, slots)} THEN 1 END)`, "0");
    return slots.count.column;
  }

  /** Expression: age in ms of the youngest passing occurrence (0 for one without a time), else NULL. */
  youngest(event: string, withinDays: number | undefined): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "NULL";
    slots.youngest ??= this.add("y", `MIN(CASE WHEN ${this.match(event, slots)} THEN ${age(slots)} END)`, "NULL");
    return slots.youngest.column;
  }

  /** Expression: the sum over passing occurrences of their decay factor. */
  factorSum(event: string, withinDays: number | undefined, decay: PlanDecay): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "0";
    const base = decayBase(decay);
    const period = decayPeriod(decay);
    const key = `${base}/${period}`;
    let sum = slots.sums.get(key);
    if (!sum) {
      sum = this.add("s", `SUM(CASE WHEN ${this.match(event, slots)} THEN ${decayFactor(this.dialect, age(slots), base, period)} ELSE 0 END)`, "0");
      slots.sums.set(key, sum);
    }
    return sum.column;
  }

  private add(prefix: string, aggregate: string, empty: string): Slot {
    const slot = { column: `${prefix}${this.slots.length}`, aggregate, empty };
    this.slots.push(slot);
    return slot;
  }

  private window(event: string, withinDays: number | undefined): WindowSlots | undefined {
    // Lead event types are normalised before matching, so a plan name that is not normalised can
    // never match, and with no events at all nothing can: no slot, a constant instead.
    if (typeof event !== "string" || normalizeEventType(event) !== event || !this.hasEvents) return undefined;
    const maxAge = withinDays === undefined ? undefined : withinDays * DAY_MS;
    if (maxAge !== undefined) doubleLiteral(maxAge, this.dialect.doubleType); // validates withinDays
    const key = `${JSON.stringify(event)}/${maxAge === undefined ? "none" : String(maxAge)}`;
    let slots = this.windows.get(key);
    if (!slots) {
      slots = { maxAge, sums: new Map() };
      this.windows.set(key, slots);
    }
    return slots;
  }

  /** Occurrence test of occurrenceMatches(): the type, never in the future, inside the window. */
  private match(event: string, slots: WindowSlots): string {
    const type = `event_type = ${stringLiteral(event)}`;
    if (slots.maxAge === undefined) return `${type} AND (at_ms IS NULL OR at_ms <= p.as_of_ms)`;
    return `${type} AND at_ms <= p.as_of_ms AND p.as_of_ms - at_ms <= ${comparisonLiteral(slots.maxAge, this.dialect.doubleType)}`;
  }

  /** The aggregates of the event_slots stage (over event_rows and params `p`, grouped by owner). */
  aggregateColumns(): string[] {
    const problem =
      `CASE WHEN bad_event IS NOT NULL THEN ${stringLiteral('events: expected an event ("type" or {"type", "at"}), got ')} || bad_event ` +
      `WHEN at_ms IS NULL AND at_given THEN ${stringLiteral('events: expected an ISO-8601 time for "')} || type_raw || ${stringLiteral('", got ')} || ` +
      `COALESCE(at_raw, ${this.dialect.jsonQuote("at_value")}) END`;
    return [...this.slots.map((slot) => `${slot.aggregate} AS ${slot.column}`), `${this.dialect.firstBy(problem, "seq")} AS events_error`];
  }

  /** The slot columns as a lead sees them (alias `es`, NULL when the lead has no event rows). */
  leadColumns(): string[] {
    const columns = this.slots.map((slot) => (slot.empty === "NULL" ? `es.${slot.column}` : `COALESCE(es.${slot.column}, ${slot.empty}) AS ${slot.column}`));
    if (this.hasEvents) columns.push("es.events_error");
    else columns.push(`CAST(NULL AS ${this.dialect.textType}) AS events_error`);
    return columns;
  }

  /**
   * The event_input stage: one row per occurrence with its owner (the lead key, or the lead's
   * position when leads carry their own events), its order, its raw type and time.
   * `byPosition` says which owner; lead rows come from the `lead_input` stage.
   */
  inputSelects(byPosition: boolean): string[] {
    const d = this.dialect;
    const selects: string[] = [];
    const { leads, events } = this.source;
    if (leads.embeddedEvents) {
      const value = "e.value";
      const kind = d.jsonKind(value);
      const typeMember = d.jsonMember(value, "type");
      const at = `CASE WHEN ${kind} = 'object' THEN ${d.jsonMember(value, "at")} END`;
      const atKind = d.jsonKind(at);
      selects.push(
        [
          `SELECT li.lead_pos AS owner, e.idx AS seq,`,
          `  CASE WHEN ${kind} = 'string' THEN ${d.jsonString(value)} WHEN ${kind} = 'object' AND ${d.jsonKind(typeMember)} = 'string' THEN ${d.jsonString(typeMember)} END AS type_raw,`,
          `  CASE WHEN ${kind} = 'string' OR (${kind} = 'object' AND ${d.jsonKind(typeMember)} IS NOT DISTINCT FROM 'string') THEN NULL ELSE ${d.jsonText(value)} END AS bad_event,`,
          // An occurrence's time: absent, null and "" mean none; any other value must be ISO text
          // (a blank string too, unlike a blank cell of an events file).
          `  CASE WHEN ${atKind} IS NULL OR ${atKind} = 'null' OR (${atKind} = 'string' AND ${d.jsonString(at)} = '') THEN NULL ` +
            `WHEN ${atKind} = 'string' THEN ${d.jsonString(at)} ELSE '' END AS at_value, FALSE AS at_blank_is_none,`,
          `  ${d.jsonText(at)} AS at_raw, CAST(NULL AS ${d.doubleType}) AS at_typed`,
          `FROM lead_input AS li CROSS JOIN ${d.jsonArrayRows("li.lead_events", "e")}`,
        ].join("\n"),
      );
    }
    if (events) {
      const key = `NULLIF(${d.trimWhitespace(`CAST(${events.leadId} AS ${d.textType})`)}, '')`;
      const seq = events.position === undefined ? String(FILE_EVENT_SEQ) : `${FILE_EVENT_SEQ} + ${events.position}`;
      const at = events.at;
      const text = (expr: string): string => `CAST(${expr} AS ${d.textType})`;
      const atValue = !at || at.kind === "typed" ? `CAST(NULL AS ${d.textType})` : text(at.expr);
      const lines = [
        `SELECT ${byPosition ? "li.lead_pos" : key} AS owner, ${seq} AS seq,`,
        `  ${text(events.type)} AS type_raw, CAST(NULL AS ${d.textType}) AS bad_event,`,
        // A blank cell is no time. The raw cell is quoted for error messages only when one is needed.
        `  ${atValue} AS at_value, TRUE AS at_blank_is_none, CAST(NULL AS ${d.textType}) AS at_raw,`,
        `  ${at?.kind === "typed" ? d.epochMs(at.expr) : `CAST(NULL AS ${d.doubleType})`} AS at_typed`,
        `FROM ${events.relation} AS evt`,
      ];
      if (byPosition) lines.push(`JOIN lead_input AS li ON li.lead_key = ${key}`);
      // Rows without a lead id or a type are not occurrences (read-events.ts reports them apart).
      lines.push(`WHERE NOT ${d.isBlank(text(events.leadId))} AND NOT ${d.isBlank(text(events.type))}`);
      selects.push(lines.join("\n"));
    }
    return selects;
  }

  /** Stage between event_input and event_rows: whether an occurrence has a time to read. */
  givenColumns(): string[] {
    return ["*", `at_value IS NOT NULL AND NOT (at_blank_is_none AND ${this.dialect.isBlank("at_value")}) AS at_given`];
  }

  /** The event_rows stage over event_times: normalised type and time in ms. */
  rowColumns(): string[] {
    const d = this.dialect;
    const ws = `'[${d.whitespaceClass}]+'`;
    return [
      "owner",
      "seq",
      // Runs of whitespace become one space, then the spaces at the ends go: trim, collapse, lower
      // case, as normalizeEventType(). Most types are written normalised already: one cheap test.
      `CASE WHEN ${d.matches("type_raw", "'^[a-z0-9_]+( [a-z0-9_]+)*$'")} THEN type_raw ELSE lower(trim(${d.replaceAll("type_raw", ws, "' '")})) END AS event_type`,
      `COALESCE(at_typed, CASE WHEN at_given THEN ${isoTimeMs(d, "at_value", d.trimWhitespace("at_value"))} END) AS at_ms`,
      "at_given",
      "type_raw",
      "bad_event",
      "at_value",
      "at_raw",
    ];
  }
}

/** An occurrence's age for decay and windows: one without a time counts as age 0 outside windows. */
function age(slots: WindowSlots): string {
  return slots.maxAge === undefined ? "COALESCE(p.as_of_ms - at_ms, 0)" : "p.as_of_ms - at_ms";
}

/**
 * power(base, floor(age / period)) as Math.pow computes it. PostgreSQL raises an error where the
 * power underflows to 0, so from the first exponent at which JavaScript's Math.pow gives 0 the
 * factor is written as 0.
 */
export function decayFactor(d: SqlDialect, ageExpr: string, base: number, period: number): string {
  const steps = `floor((${ageExpr}) / ${doubleLiteral(period, d.doubleType)})`;
  const power = `power(${doubleLiteral(base, d.doubleType)}, ${steps})`;
  const zeroFrom = firstZeroExponent(base);
  return zeroFrom === undefined ? power : `CASE WHEN ${steps} >= ${integerLiteral(zeroFrom)} THEN CAST(0 AS ${d.doubleType}) ELSE ${power} END`;
}

/** The smallest integer k >= 1 with Math.pow(base, k) === 0, if any below 2^53. */
export function firstZeroExponent(base: number): number | undefined {
  if (!(Math.abs(base) < 1)) return undefined;
  if (base === 0) return 1;
  let high = 1;
  while (Math.pow(base, high) !== 0) {
    high *= 2;
    if (high > Number.MAX_SAFE_INTEGER) return undefined;
  }
  let low = high / 2;
  // Invariant: pow(base, low) !== 0 (or low < 1), pow(base, high) === 0.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (Math.pow(base, mid) === 0) high = mid;
    else low = mid;
  }
  return high;
}
