// Event accumulators of a compiled scorer. Every event test, `each` sum and decay in a plan becomes
// a slot updated in ONE pass over the lead's events: a count per distinct (event, window), the age
// of the youngest occurrence per (event, window) for most-recent decay, and a sum of decay factors
// per (event, window, decay) for decayed `each` rules. The pass also validates every occurrence
// exactly like readOccurrences() so invalid leads give the same error records.

import type { PlanDecay } from "../../ir/plan.js";
import { DAY_MS, normalizeEventType } from "../../semantics/values.js";
import { readOwn } from "./field-table.js";
import { readClock } from "./as-of.js";
import { numberLiteral, stringLiteral } from "./literals.js";

interface FactorSum {
  local: string;
  base: number;
  period: number;
}

interface WindowSlots {
  /** Largest age that passes, in ms; undefined = no window. */
  maxAge: number | undefined;
  count?: string;
  youngest?: string;
  sums: Map<string, FactorSum>;
}

interface EventEntry {
  name: string;
  windows: Map<string, WindowSlots>;
}

/** Event types of a model up to which the pass finds a type's slot with a switch, not TYPES. */
const SWITCH_TYPES = 8;

/** Most spellings of event types remembered per scorer (see emitConstants). */
const SPELLINGS_MEMO = 1024;

export class EventSlotTable {
  private readonly events = new Map<string, EventEntry>();
  private readonly declarations: string[] = [];
  private nextLocal = 0;

  /** Expression: how many occurrences of `event` pass (not future, within the window). */
  count(event: string, withinDays: number | undefined): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "0";
    return (slots.count ??= this.declare("c", "0"));
  }

  /** Expression: age of the youngest passing occurrence (0 for one without a time), else Infinity. */
  youngest(event: string, withinDays: number | undefined): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "Infinity";
    return (slots.youngest ??= this.declare("y", "Infinity"));
  }

  /** Expression: sum over passing occurrences of their decay factor. */
  factorSum(event: string, withinDays: number | undefined, decay: PlanDecay): string {
    const slots = this.window(event, withinDays);
    if (!slots) return "0";
    const base = decayBase(decay);
    const period = decayPeriod(decay);
    const key = `${base}/${period}`;
    let sum = slots.sums.get(key);
    if (!sum) {
      sum = { local: this.declare("s", "0"), base, period };
      slots.sums.set(key, sum);
    }
    return sum.local;
  }

  private declare(prefix: string, initial: string): string {
    const local = `${prefix}${this.nextLocal++}`;
    this.declarations.push(`let ${local} = ${initial};`);
    return local;
  }

  private window(event: string, withinDays: number | undefined): WindowSlots | undefined {
    // Lead event types are normalised before matching, so a plan name that is not normalised can
    // never match; it gets no slot (and must not enter the exact-match fast path below).
    if (typeof event !== "string" || normalizeEventType(event) !== event) return undefined;
    const maxAge = withinDays === undefined ? undefined : withinDays * DAY_MS;
    let entry = this.events.get(event);
    if (!entry) {
      entry = { name: event, windows: new Map() };
      this.events.set(event, entry);
    }
    const key = maxAge === undefined ? "none" : String(maxAge);
    let slots = entry.windows.get(key);
    if (!slots) {
      if (maxAge !== undefined) numberLiteral(maxAge); // validates withinDays
      slots = { maxAge, sums: new Map() };
      entry.windows.set(key, slots);
    }
    return slots;
  }

  /**
   * Factory-level constants: the exact-match map from known event types to their index, and a memo
   * of other spellings: what a type not found as written normalises to (-1: no event of the model).
   * Leads carry many event types a model does not score; normalising those on every occurrence
   * (a regular expression) cost as much as the rest of a small model. The memo keeps at most
   * SPELLINGS_MEMO spellings of up to 100 characters, so hostile input cannot make it big.
   */
  emitConstants(): string[] {
    if (this.events.size === 0) return [];
    const entries = [...this.events.keys()].map((name, i) => `[${stringLiteral(name)}, ${i}]`);
    return [`const TYPES = new Map([${entries.join(", ")}]);`, `const SPELLINGS = new Map();`];
  }

  /** Statements declaring the accumulators and running the single pass over `raw.events`. */
  emitPass(): string[] {
    const lines = [...this.declarations];
    lines.push(
      readOwn("events"),
      `const ev = v;`,
      `if (ev !== undefined && ev !== null && ev !== "") {`,
      `  if (!Array.isArray(ev)) return { id, error: "events: expected a list of events, got " + describeRawValue(ev) };`,
      ...(this.events.size > 0 ? [`  ${readClock("ev.length !== 0")}`] : []),
      `  for (let i = 0; i < ev.length; i++) {`,
      `    const o = ev[i];`,
      `    let type, at = NaN;`, // NaN = no time: never in the future, never within a window
      `    if (typeof o === "string") type = o;`,
      `    else {`,
      `      if (typeof o !== "object" || o === null || typeof o.type !== "string") return { id, error: "events: expected an event (\\"type\\" or {\\"type\\", \\"at\\"}), got " + describeRawValue(o) };`,
      `      type = o.type;`,
      `      const when = o.at;`,
      `      if (when !== undefined && when !== null && when !== "") {`,
      `        at = typeof when === "string" ? parseIsoTimeFast(when) : when instanceof Date ? when.getTime() : undefined;`,
      `        if (at === undefined || at !== at) return { id, error: "events: expected an ISO-8601 time for \\"" + type + "\\", got " + describeRawValue(when) };`,
      `      }`,
      `    }`,
    );
    if (this.events.size > 0) {
      lines.push(`    if (at > asOf) continue;`, `    const age = asOf - at;`);
      lines.push(...(this.events.size <= SWITCH_TYPES ? this.switchOnType() : this.lookUpType()).map((line) => `    ${line}`));
    }
    lines.push(`  }`, `}`);
    return lines;
  }

  /**
   * Up to SWITCH_TYPES types: a switch on the type as the model spells it, each case updating its
   * slots. Comparing a few strings is quicker than hashing the lead's string for a Map lookup, and
   * one switch quicker than two (~5% of a 10-rule model's lead in all). Other spellings take the
   * default case: their slot index from SPELLINGS or the normalized spelling, then the slot updates.
   */
  private switchOnType(): string[] {
    return this.switchOn("type", (name) => stringLiteral(name), [`let k = SPELLINGS.get(type);`, ...this.normalizedLookup(), ...this.slotSwitch()]);
  }

  /** Many types: the slot index `k` from TYPES, else as for another spelling, then the slot updates of `k`. */
  private lookUpType(): string[] {
    return [`let k = TYPES.get(type);`, `if (k === undefined) k = SPELLINGS.get(type);`, ...this.normalizedLookup(), ...this.slotSwitch()];
  }

  /** When `k` is still undefined: the index of the type's normalized spelling, -1 for none, remembered in SPELLINGS. */
  private normalizedLookup(): string[] {
    return [
      `if (k === undefined) {`,
      `  k = TYPES.get(normalizeEventType(type));`,
      `  if (k === undefined) k = -1;`,
      `  if (SPELLINGS.size < ${SPELLINGS_MEMO} && type.length <= 100) SPELLINGS.set(type, k);`,
      `}`,
    ];
  }

  /** The slot updates of the type with index `k` (-1 matches none). */
  private slotSwitch(): string[] {
    return this.switchOn("k", (_, i) => String(i), []);
  }

  /**
   * A switch on `subject` with a case per event type (labelled by `label`) updating that type's
   * slots, and `fallback` as its default case when given. A slot index of -1 matches no case.
   */
  private switchOn(subject: string, label: (name: string, index: number) => string, fallback: string[]): string[] {
    const lines = [`switch (${subject}) {`];
    [...this.events.entries()].forEach(([name, entry], i) => lines.push(`  case ${label(name, i)}: {`, ...this.updates(entry).map((line) => `    ${line}`), `    break;`, `  }`));
    if (fallback.length > 0) lines.push(`  default: {`, ...fallback.map((line) => `    ${line}`), `  }`);
    lines.push(`}`);
    return lines;
  }

  private updates(entry: EventEntry): string[] {
    return [...entry.windows.values()].flatMap(emitWindow);
  }
}

export function decayBase(decay: PlanDecay): number {
  return 1 - decay.percent / 100;
}

export function decayPeriod(decay: PlanDecay): number {
  return decay.everyDays * DAY_MS;
}

/** Updates for one (event, window). Inside a window `age` is a real number; without one, an
 * occurrence with no time (age NaN) counts and decays as age 0. */
function emitWindow(slots: WindowSlots): string[] {
  const age = slots.maxAge === undefined ? "a" : "age";
  const body: string[] = [];
  if (slots.count) body.push(`${slots.count}++;`);
  if (slots.youngest) body.push(`if (${age} < ${slots.youngest}) ${slots.youngest} = ${age};`);
  for (const sum of slots.sums.values()) {
    body.push(`${sum.local} += Math.pow(${numberLiteral(sum.base)}, Math.floor(${age} / ${numberLiteral(sum.period)}));`);
  }
  if (slots.maxAge === undefined) {
    if (!slots.youngest && slots.sums.size === 0) return body;
    return [`{`, `  const a = age === age ? age : 0;`, ...body.map((line) => `  ${line}`), `}`];
  }
  return [`if (age <= ${numberLiteral(slots.maxAge)}) {`, ...body.map((line) => `  ${line}`), `}`];
}
