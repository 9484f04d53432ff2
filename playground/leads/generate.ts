// Realistic sample leads generated from the model's schema: values chosen by field name and type
// (titles, company sizes, countries, e-mail addresses...), the literals the rules test mixed in so the
// rules actually fire, and an event history whose volume follows each lead's made-up interest.

import type { ScoringPlan, Schema, FieldType } from "../lib/core.js";
import type { LeadData } from "../state/leads.js";

type PlanCondition = ScoringPlan["rules"][number]["condition"];

const DAY_MS = 86_400_000;

const TITLES = [
  "VP Marketing", "Director of Demand Generation", "Marketing Manager", "Chief Marketing Officer", "Head of Growth",
  "Marketing Coordinator", "Sales Operations Analyst", "VP Sales", "Director of Sales", "Founder & CEO",
  "Software Engineer", "Student", "Product Marketing Manager", "Content Strategist", "Revenue Operations Lead",
  "IT Manager", "Account Executive", "Business Analyst", "Director of Marketing", "Intern",
];
const FIRST = ["Ana", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Keira", "Luca", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Yusuf", "Zoe"];
const LAST = ["Alvarez", "Becker", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Varga", "Walsh", "Young"];
const COMPANIES = ["Northwind", "Acme Analytics", "Brightline", "Cobalt Systems", "Delta Retail", "Evergreen Bank", "Fathom AI", "Globex", "Helios Health", "Ironclad Logistics", "Juniper Labs", "Kite Finance", "Lumen Media", "Meridian Cloud", "Nimbus", "Orbit Travel", "Pinnacle Foods", "Quartz Software", "Redwood Capital", "Summit Learning"];
const INDUSTRIES = ["saas", "retail", "finance", "healthcare", "manufacturing", "education", "media", "other"];
const COUNTRIES = ["US", "UK", "Germany", "France", "Canada", "Netherlands", "Spain", "India", "Brazil", "Australia", "Japan"];
const SOURCES = ["organic", "paid search", "referral", "webinar", "event", "partner", "social"];
const TAGS = ["newsletter", "trial", "partner", "enterprise", "customer", "event lead", "nurture"];
const FREE_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"];

export interface GenerateOptions {
  count: number;
  asOf: Date;
  /** Ids already present, so generated ids continue after them. */
  firstNumber: number;
  seed?: number;
}

/** A small, fast, seedable random source (mulberry32). */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Literal values the model's conditions test, per field: mixing them in makes the rules fire. */
function literalsByField(plan: ScoringPlan | undefined): Map<string, { texts: string[]; numbers: number[] }> {
  const out = new Map<string, { texts: string[]; numbers: number[] }>();
  const entry = (field: string) => {
    let e = out.get(field);
    if (!e) out.set(field, (e = { texts: [], numbers: [] }));
    return e;
  };
  const visit = (c: PlanCondition): void => {
    switch (c.k) {
      case "and":
      case "or":
        c.items.forEach(visit);
        break;
      case "not":
        visit(c.item);
        break;
      case "text":
        entry(c.field).texts.push(c.value);
        break;
      case "textIn":
        entry(c.field).texts.push(...c.values);
        break;
      case "listContains":
        entry(c.field).texts.push(c.value);
        break;
      case "number":
        entry(c.field).numbers.push(c.value);
        break;
      case "numberBetween":
        entry(c.field).numbers.push(c.low, c.high);
        break;
      case "numberIn":
        entry(c.field).numbers.push(...c.values);
        break;
      default:
        break;
    }
  };
  for (const rule of plan?.rules ?? []) visit(rule.condition);
  for (const gate of plan?.gates ?? []) visit(gate.condition);
  return out;
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

export function generateLeads(schema: Schema, plan: ScoringPlan | undefined, options: GenerateOptions): LeadData[] {
  const random = randomSource(options.seed ?? (Date.now() & 0xffffffff));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number): boolean => random() < p;
  const literals = literalsByField(plan);
  const asOf = options.asOf.getTime();
  const leads: LeadData[] = [];

  for (let i = 0; i < options.count; i++) {
    // One latent "interest" per lead drives both fit-ish values and how much it engages.
    // Most leads are lukewarm and a few are very engaged, as in real funnels.
    const interest = random() ** 2.2;
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(COMPANIES);
    const lead: LeadData = { id: `L-${options.firstNumber + i}` };

    for (const field of schema.fields) {
      if (field.name === "id" || field.name === "events") continue;
      // Real exports have gaps: a few values are unknown.
      if (chance(0.04)) continue;
      const value = fieldValue(field.name, field.type, { random, pick, chance, interest, first, last, company, asOf, literals: literals.get(field.name) });
      if (value !== undefined) lead[field.name] = value;
    }

    const events = eventHistory(schema.events, interest, asOf, random, pick);
    if (events.length > 0) lead.events = events;
    leads.push(lead);
  }
  return leads;
}

interface ValueContext {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  interest: number;
  first: string;
  last: string;
  company: string;
  asOf: number;
  literals: { texts: string[]; numbers: number[] } | undefined;
}

function fieldValue(name: string, type: FieldType, ctx: ValueContext): unknown {
  const { random, pick, chance, literals } = ctx;
  const lower = name.toLowerCase();
  switch (type.kind) {
    case "enum":
      return pick(type.values);
    case "boolean":
      if (/competitor|student|spam|unsubscribed|bounced|personal/.test(lower)) return chance(0.07);
      if (/customer|partner|opt|consent|verified/.test(lower)) return chance(0.35);
      return chance(0.3);
    case "date": {
      const days = Math.floor(random() * 365);
      return new Date(ctx.asOf - days * DAY_MS).toISOString().slice(0, 10);
    }
    case "list": {
      const pool = [...new Set([...(literals?.texts ?? []), ...TAGS])];
      const n = Math.floor(random() * 3);
      return [...new Set(Array.from({ length: n }, () => pick(pool)))];
    }
    case "number": {
      if (/size|employees|headcount|staff/.test(lower)) return niceNumber(Math.exp(2 + random() * 7.5));
      if (/revenue|arr|budget/.test(lower)) return niceNumber(Math.exp(11 + random() * 6));
      if (/age/.test(lower)) return 22 + Math.floor(random() * 40);
      if (/score|rating/.test(lower)) return Math.floor(random() * 101);
      const numbers = literals?.numbers ?? [];
      if (numbers.length > 0 && chance(0.8)) {
        const around = pick(numbers);
        return Math.max(0, Math.round(around * (0.5 + random())));
      }
      return Math.floor(random() * 1000);
    }
    case "text": {
      if (/title|role|job|position/.test(lower)) {
        // Higher interest leans senior, so fit and engagement correlate a little, as in real funnels.
        return ctx.interest > 0.6 && chance(0.5) ? pick(TITLES.slice(0, 10)) : pick(TITLES);
      }
      if (/email|mail/.test(lower)) {
        const domain = chance(0.18) ? pick(FREE_MAIL) : `${ctx.company.toLowerCase().replace(/[^a-z]+/g, "")}.com`;
        return `${ctx.first.toLowerCase()}.${ctx.last.toLowerCase()}@${domain}`;
      }
      if (/^(first_?name|firstname)$/.test(lower)) return ctx.first;
      if (/^(last_?name|lastname|surname)$/.test(lower)) return ctx.last;
      if (/name/.test(lower) && !/company/.test(lower)) return `${ctx.first} ${ctx.last}`;
      if (/company|organi[sz]ation|account/.test(lower)) return ctx.company;
      if (/industry|sector|vertical/.test(lower)) return pick(literals?.texts.length && chance(0.6) ? literals.texts : INDUSTRIES);
      if (/country|region|geo/.test(lower)) return pick(literals?.texts.length && chance(0.5) ? literals.texts.map((t) => (t.length <= 3 ? t.toUpperCase() : titleCase(t))) : COUNTRIES);
      if (/source|channel|campaign/.test(lower)) return pick(SOURCES);
      const texts = literals?.texts ?? [];
      if (texts.length > 0 && chance(0.6)) return titleCase(pick(texts));
      return `${name.replace(/_/g, " ")} ${1 + Math.floor(random() * 20)}`;
    }
  }
}

function niceNumber(value: number): number {
  if (value < 20) return Math.max(1, Math.round(value));
  const magnitude = 10 ** Math.floor(Math.log10(value) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** Frequent, low-intent activities happen more often than rare, high-intent ones. */
function eventWeight(event: string): number {
  if (/open|view|visit|click|read/.test(event)) return 5;
  if (/download|register|sign|subscribe|start/.test(event)) return 2;
  if (/attend|request|demo|trial|contact|call|meeting/.test(event)) return 1;
  return 2;
}

function eventHistory(events: readonly string[], interest: number, asOf: number, random: () => number, pick: <T>(items: readonly T[]) => T): { type: string; at: string }[] {
  if (events.length === 0) return [];
  const weights = events.map(eventWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const choose = (): string => {
    let r = random() * total;
    for (let i = 0; i < events.length; i++) if ((r -= weights[i]) < 0) return events[i];
    return pick(events);
  };
  const count = Math.floor(interest * 10 + random() * 1.5);
  const history: { type: string; at: string }[] = [];
  for (let i = 0; i < count; i++) {
    // Ages skew recent: interested leads are active now.
    const days = Math.floor(-Math.log(1 - random() * 0.97) * (12 + (1 - interest) * 40));
    const at = asOf - days * DAY_MS - Math.floor(random() * DAY_MS);
    history.push({ type: choose(), at: new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z") });
  }
  return history.sort((a, b) => a.at.localeCompare(b.at));
}
