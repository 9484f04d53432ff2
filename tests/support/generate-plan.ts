// Seeded generators of random ScoringPlans and raw leads, shared by the differential tests of the
// back ends (interpreter, compiled JS, SQL) and by the benchmarks. Deterministic: the same seed
// always gives the same plans and leads (no Math.random), so a failure can be replayed.

import type { FieldType, PlanCondition, PlanDecay, PlanGroup, PlanRule, PlanTier, ScoringPlan, SchemaField } from "../../src/ir/plan.js";
import { DAY_MS } from "../../src/semantics/values.js";

/** A small fast PRNG (mulberry32). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [low, high] inclusive. */
  int(low: number, high: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (probability) => next() < probability,
  };
}

/** The as-of time generated leads are made around: 2026-06-15T12:00:00Z. */
export const DEFAULT_AS_OF_MS = Date.UTC(2026, 5, 15, 12);

/** Names that break naive code generators or object handling (SPEC 11). */
export const HOSTILE_NAMES = [
  "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf",
  '"); process.exit(1); ("', "a\u2028b", "${x}", "back\\slash", "*/ x", "it's", "</script>",
];

/** Hostile names that survive event normalisation (lower case, single spaces, trimmed). */
const HOSTILE_EVENTS = ["__proto__", "constructor", "tostring", '"); process.exit(1); ("', "${x}", "back\\slash", "*/ x"];

const FIELD_NAMES = ["company_size", "title", "industry", "country", "competitor", "signed_up", "tags", "employees", "email", "student"];
const EVENT_NAMES = ["opened email", "downloaded whitepaper", "registered webinar", "attended webinar", "visited pricing page"];
const GROUP_NAMES = ["fit", "engagement", "intent", "negative"];
const TIER_NAMES = ["hot", "warm", "cold", "a", "b", "c"];
const NUMBER_LITERALS = [-5, 0, 1, 2.5, 10, 50, 100, 200, 499.5, 1000];
const TEXT_LITERALS = ["vp", "director", "vp marketing", "acme", "@gmail.com", "x", '"); process.exit(1); ("', "${x}", "\\", "*/"];
const ENUM_VALUES = ["saas", "retail", "finance", "other", "__proto__", "constructor"];
const LIST_LITERALS = ["partner", "vip", "churned", "__proto__"];
const POINTS = [1, 2, 2.5, 3, 5, 8, 10, 15, 20, 0.1, 0.3, 1.005, 0.125, 7.77];
const THRESHOLDS = [-10, 0, 2.5, 5, 9, 10, 15, 20, 30, 50];
const WINDOWS = [0, 1, 7, 14, 30, 90, 0.5];

const DATE_LITERALS = [-400, -40, -30, -7, -1, 0, 1, 30].map((days) => Math.floor(DEFAULT_AS_OF_MS / DAY_MS) * DAY_MS + days * DAY_MS);

export interface PlanOptions {
  maxFields?: number;
  maxEvents?: number;
  /** The event types to draw from (default: five common ones, plus the hostile names). */
  eventNames?: readonly string[];
  maxGroups?: number;
  maxRules?: number;
  /** Probability of taking a name from HOSTILE_NAMES. */
  hostile?: number;
  /** Probability of a condition on a field outside the schema or of the wrong type. */
  illTyped?: number;
}

export function generatePlan(rng: Rng, options: PlanOptions = {}): ScoringPlan {
  const hostile = options.hostile ?? 0.1;
  const fields = distinct(rng, rng.int(0, options.maxFields ?? 6), () => (rng.chance(hostile) ? rng.pick(HOSTILE_NAMES) : rng.pick(FIELD_NAMES))).map(
    (name): SchemaField => ({ name, type: randomType(rng) }),
  );
  const events = distinct(rng, rng.int(0, options.maxEvents ?? 4), () => (rng.chance(hostile) ? rng.pick(HOSTILE_EVENTS) : rng.pick(options.eventNames ?? EVENT_NAMES)));
  const groups = distinct(rng, rng.int(0, options.maxGroups ?? 3), () => (rng.chance(hostile) ? rng.pick(HOSTILE_NAMES) : rng.pick(GROUP_NAMES))).map(
    (name): PlanGroup => ({
      name,
      ...(rng.chance(0.4) ? { upTo: rng.pick([5, 10, 12.5, 20, 50]) } : {}),
      ...(rng.chance(0.4) ? { tiers: randomTiers(rng, hostile) } : {}),
    }),
  );
  const plan: ScoringPlan = { schema: { fields, events, declared: true }, groups, rules: [], gates: [] };
  const conditions = new ConditionMaker(rng, plan, options.illTyped ?? 0.03);
  let line = 1;
  const ruleCount = rng.int(0, options.maxRules ?? 10);
  for (let i = 0; i < ruleCount; i++) {
    line += rng.int(1, 3);
    plan.rules.push(randomRule(rng, plan, conditions, line, hostile));
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    line += rng.int(1, 3);
    plan.gates.push({ line, condition: conditions.make(rng.int(0, 2)) });
  }
  if (rng.chance(0.7)) plan.qualify = { op: rng.pick([">", ">="] as const), threshold: rng.pick(THRESHOLDS) };
  if (rng.chance(0.3)) {
    const low = rng.pick([-20, -5, 0, 2.5]);
    plan.limit = rng.pick([{ min: low }, { max: low + rng.pick([10, 25, 40]) }, { min: low, max: low + rng.pick([10, 25, 40]) }]);
  }
  if (rng.chance(0.6)) plan.tiers = randomTiers(rng, hostile);
  return plan;
}

function distinct<T>(rng: Rng, count: number, make: () => T): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < count && tries < count * 10; tries++) {
    const item = make();
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function randomType(rng: Rng): FieldType {
  const kind = rng.pick(["number", "text", "boolean", "date", "list", "enum"] as const);
  if (kind === "enum") return { kind, values: distinct(rng, rng.int(1, 4), () => rng.pick(ENUM_VALUES)) };
  return { kind };
}

function randomTiers(rng: Rng, hostile: number): PlanTier[] {
  const tiers: PlanTier[] = [];
  const thresholds = distinct(rng, rng.int(0, 3), () => rng.pick(THRESHOLDS)).sort((a, b) => b - a);
  for (const threshold of thresholds) {
    tiers.push({ name: rng.chance(hostile) ? rng.pick(HOSTILE_NAMES) : rng.pick(TIER_NAMES), op: rng.pick([">", ">="] as const), threshold });
  }
  if (rng.chance(0.8)) tiers.push({ name: rng.pick(TIER_NAMES), op: "otherwise", threshold: 0 });
  return tiers;
}

/** Random conditions over a plan's schema, mostly well typed. */
class ConditionMaker {
  constructor(
    private readonly rng: Rng,
    private readonly plan: ScoringPlan,
    private readonly illTyped: number,
  ) {}

  make(depth: number): PlanCondition {
    const rng = this.rng;
    if (depth > 0 && rng.chance(0.35)) {
      const k = rng.pick(["and", "or", "not"] as const);
      if (k === "not") return { k, item: this.make(depth - 1) };
      return { k, items: Array.from({ length: rng.int(0, 3) }, () => this.make(depth - 1)) };
    }
    return this.leaf();
  }

  event(): PlanCondition & { k: "event" } {
    const rng = this.rng;
    // Sometimes an event outside the schema, or not normalised: it can never match.
    const event = this.plan.schema.events.length > 0 && !rng.chance(0.05) ? rng.pick(this.plan.schema.events) : rng.pick(["never seen", "Opened Email"]);
    return {
      k: "event",
      event,
      atLeast: rng.chance(0.7) ? 1 : rng.int(0, 3),
      ...(rng.chance(0.5) ? { withinDays: rng.pick(WINDOWS) } : {}),
    };
  }

  private leaf(): PlanCondition {
    const rng = this.rng;
    const fields = this.plan.schema.fields;
    if (fields.length === 0 || rng.chance(0.3)) return rng.chance(0.1) ? { k: "const", value: rng.chance(0.5) } : this.event();
    let field = rng.pick(fields);
    if (rng.chance(this.illTyped)) field = { name: rng.chance(0.5) ? "not_in_schema" : field.name, type: randomType(rng) };
    const name = field.name;
    if (rng.chance(0.1)) return { k: "known", field: name, negated: rng.chance(0.5) };
    switch (field.type.kind) {
      case "number": {
        const r = rng.int(0, 2);
        if (r === 0) return { k: "number", field: name, op: rng.pick(["=", "!=", "<", "<=", ">", ">="] as const), value: rng.pick(NUMBER_LITERALS) };
        if (r === 1) {
          const [low, high] = [rng.pick(NUMBER_LITERALS), rng.pick(NUMBER_LITERALS)].sort((a, b) => a - b);
          return { k: "numberBetween", field: name, low, high };
        }
        return { k: "numberIn", field: name, values: distinct(rng, rng.int(0, 3), () => rng.pick(NUMBER_LITERALS)), negated: rng.chance(0.5) };
      }
      case "text":
      case "enum": {
        const pool = field.type.kind === "enum" ? [...field.type.values, "unlisted"] : TEXT_LITERALS;
        const literal = (): string => (rng.chance(0.05) ? "VP" : rng.pick(pool));
        if (rng.chance(0.3)) return { k: "textIn", field: name, values: distinct(rng, rng.int(0, 3), literal), negated: rng.chance(0.5) };
        return { k: "text", field: name, op: rng.pick(["=", "!=", "contains", "starts", "ends"] as const), value: literal() };
      }
      case "boolean":
        return rng.chance(0.5) ? { k: "isTrue", field: name } : { k: "bool", field: name, op: rng.pick(["=", "!="] as const), value: rng.chance(0.5) };
      case "date": {
        const r = rng.int(0, 2);
        if (r === 0) {
          return { k: "date", field: name, op: rng.pick(["before", "after", "=", "!=", "<", "<=", ">", ">="] as const), value: rng.pick(DATE_LITERALS) };
        }
        if (r === 1) {
          const [low, high] = [rng.pick(DATE_LITERALS), rng.pick(DATE_LITERALS)].sort((a, b) => a - b);
          return { k: "dateBetween", field: name, low, high };
        }
        return { k: "dateWithin", field: name, days: rng.pick(WINDOWS) };
      }
      case "list":
        return { k: "listContains", field: name, value: rng.pick(LIST_LITERALS) };
    }
  }
}

function randomDecay(rng: Rng): PlanDecay {
  return { percent: rng.pick([10, 25, 50, 100, 33.3]), everyDays: rng.pick([1, 7, 30, 0.5]) };
}

function randomRule(rng: Rng, plan: ScoringPlan, conditions: ConditionMaker, line: number, hostile: number): PlanRule {
  const points = rng.pick(POINTS) * (rng.chance(0.3) ? -1 : 1);
  const group = plan.groups.length > 0 && rng.chance(0.7) ? rng.int(0, plan.groups.length - 1) : null;
  const text = rng.chance(hostile) ? `when ${rng.pick(HOSTILE_NAMES)} add 1` : `rule on line ${line}`;
  const base = { line, text, group, points };
  const kind = rng.int(0, 9);
  if (kind < 3) {
    // `each`: the condition is the event test; sometimes `at least K times` too.
    const test = conditions.event();
    const each = { event: test.event, ...(test.withinDays !== undefined ? { withinDays: test.withinDays } : {}), ...(rng.chance(0.5) ? { upTo: rng.pick([3, 5, 10, 12.5]) } : {}) };
    return { ...base, condition: test, each, ...(rng.chance(0.4) ? { decay: randomDecay(rng) } : {}) };
  }
  if (kind < 5) {
    // A decayed event rule; its condition may be wider than the event that sets the decay.
    const test = conditions.event();
    const condition = rng.chance(0.7) ? test : { k: "and" as const, items: [test, conditions.make(1)] };
    const decayEvent = { event: test.event, ...(test.withinDays !== undefined ? { withinDays: test.withinDays } : {}) };
    return { ...base, condition, ...(rng.chance(0.8) ? { decay: randomDecay(rng), decayEvent } : {}) };
  }
  return { ...base, condition: conditions.make(3) };
}

export interface LeadOptions {
  asOfMs?: number;
  /** Probability that a given value is of the wrong type (making the lead invalid). */
  invalid?: number;
}

/** A raw lead as it might arrive from JSON: unknowns, odd case and whitespace, strings for numbers... */
export function generateLead(rng: Rng, plan: ScoringPlan, options: LeadOptions = {}): unknown {
  const asOf = options.asOfMs ?? DEFAULT_AS_OF_MS;
  const invalid = options.invalid ?? 0.01;
  if (rng.chance(invalid)) return rng.pick([null, "lead", 42, [], [{ id: 1 }]]);
  // Now and then a lead that is not a plain object: no prototype, or one that has values of its own
  // (inherited values are not the lead's: readLead reads own properties only).
  const exotic = rng.int(0, 49);
  const inherited: Record<string, unknown> = {};
  const lead: Record<string, unknown> = exotic === 0 ? Object.create(null) : exotic === 1 ? Object.create(inherited) : {};
  const id = rng.int(0, 9);
  if (id < 5) lead.id = `L-${rng.int(1, 9999)}`;
  else if (id < 7) lead.id = rng.int(1, 500);
  else if (id === 7) lead.id = rng.pick(["", "  ", null, NaN, { x: 1 }]);
  for (const field of plan.schema.fields) {
    if (rng.chance(0.15)) continue; // absent
    const value = rng.chance(0.1) ? rng.pick([null, "", "   "]) : rng.chance(invalid) ? invalidValue(rng, field.type) : randomValue(rng, field.type, asOf);
    // defineProperty: a field may be called `__proto__`.
    Object.defineProperty(exotic === 1 && rng.chance(0.5) ? inherited : lead, field.name, { value, enumerable: true, writable: true, configurable: true });
  }
  const shape = rng.int(0, 19);
  if (shape === 0) return lead; // no events
  if (shape === 1) lead.events = rng.pick([null, ""]);
  else if (shape === 2 && rng.chance(invalid * 20)) lead.events = rng.pick(["opened email", 5, { type: "x" }]);
  else lead.events = Array.from({ length: rng.int(0, 8) }, () => randomOccurrence(rng, plan, asOf, invalid));
  return lead;
}

export function generateLeads(rng: Rng, plan: ScoringPlan, count: number, options: LeadOptions = {}): unknown[] {
  return Array.from({ length: count }, () => generateLead(rng, plan, options));
}

/**
 * Text as people type it: odd case and surrounding whitespace, sometimes Unicode white space (which
 * trim() removes too) or a non-ASCII letter at an end (which must not be taken for white space).
 */
function messy(rng: Rng, text: string): string {
  const cased = rng.pick([text, text.toUpperCase(), text.charAt(0).toUpperCase() + text.slice(1)]);
  if (rng.chance(0.15)) return `${rng.pick(["\u00a0", "\u3000", "\ufeff", "é", "\u2028"])}${cased}${rng.pick(["", "\u00a0", "É", "\u200a"])}`;
  return rng.chance(0.3) ? `${rng.pick([" ", "  ", "\t"])}${cased}${rng.pick(["", " ", "\n"])}` : cased;
}

function randomValue(rng: Rng, type: FieldType, asOf: number): unknown {
  switch (type.kind) {
    case "number": {
      const n = rng.pick(NUMBER_LITERALS) + rng.pick([0, 0, 0, 1, -1, 0.5]);
      return rng.chance(0.2) ? rng.pick([` ${n} `, String(n), String(n), "-" + String(n), "1e2", "+3", ".5", "0x10", "-0"]) : n;
    }
    case "text":
      return rng.chance(0.1) ? rng.pick([42, true]) : messy(rng, rng.pick([...TEXT_LITERALS, "VP Marketing", "Director of Sales", "jane@gmail.com", "other"]));
    case "enum":
      return messy(rng, rng.pick(type.values));
    case "boolean":
      return rng.pick([true, false, true, false, "true", "false", "yes", "No", "TRUE", " false ", 1, 0, "1", "0"]);
    case "date": {
      const ms = rng.pick(DATE_LITERALS) + rng.pick([0, 1, DAY_MS - 1, DAY_MS, -1, 12 * 3600_000]);
      const iso = new Date(ms).toISOString();
      return rng.pick([iso, iso.slice(0, 10), iso.slice(0, 19), iso.slice(0, 19) + "+05:00", iso.replace("T", " "), new Date(ms)]);
    }
    case "list": {
      const items = Array.from({ length: rng.int(0, 3) }, () => messy(rng, rng.pick([...LIST_LITERALS, "other"])));
      return rng.chance(0.3) ? items.join(";") : rng.chance(0.1) ? [...items, 7, ""] : items;
    }
  }
}

function invalidValue(rng: Rng, type: FieldType): unknown {
  switch (type.kind) {
    case "number":
      return rng.pick(["abc", "12abc", NaN, Infinity, {}, true]);
    case "text":
      return rng.pick([{}, [], ["a"]]);
    case "enum":
      return rng.pick(["nope", {}, 3]);
    case "boolean":
      return rng.pick(["maybe", 2, {}]);
    case "date":
      return rng.pick(["June 1", "2026-13-45", 12345, new Date(NaN)]);
    case "list":
      return rng.pick([[{}], 5, [null]]);
  }
}

function randomOccurrence(rng: Rng, plan: ScoringPlan, asOf: number, invalid: number): unknown {
  if (rng.chance(invalid)) return rng.pick([42, null, { type: 5 }, { at: "2026-01-01" }, { type: "opened email", at: "yesterday" }, { type: "opened email", at: 12345 }]);
  const known = plan.schema.events.length > 0 && rng.chance(0.85);
  const type = known ? rng.pick(plan.schema.events) : rng.pick(["unrelated thing", "Opened  Email", "toString", "__proto__ "]);
  const written = rng.chance(0.3) ? messy(rng, type).replace(/ /g, rng.pick([" ", "  ", " \t "])) : type;
  const timing = rng.int(0, 9);
  if (timing === 0) return written; // just the type: no time
  if (timing === 1) return { type: written, ...(rng.chance(0.5) ? { at: rng.pick([null, ""]) } : {}) };
  // Ages on exact day boundaries hit the `within` edges; negative ages are future events.
  const days = rng.pick(WINDOWS) + rng.pick([0, 0, 1, -1, 3, 20]);
  const age = rng.chance(0.5) ? days * DAY_MS : days * DAY_MS + rng.pick([-1, 1, 3600_000]);
  const at = new Date(asOf - age);
  return { type: written, at: rng.chance(0.9) ? at.toISOString() : at };
}
