// Deterministic, realistic sample leads and their activity, for the examples, the tests and the
// benchmark (which writes 100k and 1M-lead files with it). Everything comes from one seeded
// generator, never Math.random or the clock, so the same seed and count give byte-identical files,
// and the first N leads of a big run are the N leads of a small one. Leads are produced one at a
// time with their events (oldest first), so callers can stream any number to disk.

export interface GeneratedEvent {
  type: string;
  /** ISO-8601 UTC time; absent for the few occurrences a CRM exports without one. */
  at?: string;
}

export interface GeneratedLead {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  title: string;
  company: string;
  /** undefined = not known (a blank cell, an absent JSON field). */
  company_size?: number;
  industry?: string;
  country: string;
  competitor: boolean;
  /** YYYY-MM-DD */
  signed_up: string;
  tags: string[];
  events: GeneratedEvent[];
}

export interface GeneratorOptions {
  /** Default 20261115. */
  seed?: number;
  /** Activity happens in the `days` days before this time. Default 2026-11-15T00:00:00Z. */
  asOf?: string;
  /** Default 90. */
  days?: number;
}

/** The leads file's columns, in order. */
export const LEAD_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "title",
  "company",
  "company_size",
  "industry",
  "country",
  "competitor",
  "signed_up",
  "tags",
] as const;

/** Every event type either example model (examples/demo.score, examples/acme.score) scores. */
export const EVENT_TYPES = [
  "opened email",
  "visited pricing page",
  "downloaded whitepaper",
  "downloaded document",
  "registered webinar",
  "attended webinar",
  "attended online event",
  "requested demo",
] as const;

export const DEFAULT_AS_OF = "2026-11-15T00:00:00Z";
export const DEFAULT_SEED = 20261115;

const DAY_MS = 86_400_000;

export function* generateLeads(count: number, options: GeneratorOptions = {}): Generator<GeneratedLead> {
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const asOf = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  const days = options.days ?? 90;
  for (let i = 1; i <= count; i++) yield generateLead(i, random, asOf, days);
}

function generateLead(n: number, random: Random, asOf: number, days: number): GeneratedLead {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_KINDS)}${random.chance(0.15) ? ", Inc." : ""}`;
  const student = random.chance(0.04);
  const title = student ? "Student" : random.weighted(TITLES);
  const personal = student || random.chance(0.18);
  const domain = personal ? random.pick(PERSONAL_DOMAINS) : `${company.replace(/, Inc\.$/, "").replace(/\s+/g, "").toLowerCase()}.com`;
  const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + `@${domain}`;
  const sizeKnown = !student && random.chance(0.94);
  // Company sizes spread over orders of magnitude: many small firms, a few very large ones.
  const company_size = sizeKnown ? Math.round(Math.exp(random.between(0.7, 9.9))) : undefined;
  const industry = random.chance(0.96) ? random.weighted(INDUSTRIES) : undefined;
  const competitor = random.chance(0.04);
  const signedUp = asOf - Math.floor(random.between(1, 720)) * DAY_MS;
  const tags = pickTags(random, student);

  // Most leads are barely engaged; a few are very active. Interest scales both how many things a
  // lead does and how far down the funnel (webinars, demos) it goes.
  const interest = random.next() ** 1.5;
  const eventCount = Math.floor(random.between(0, 2 + interest * 18));
  const events: GeneratedEvent[] = [];
  const times: number[] = [];
  for (let k = 0; k < eventCount; k++) times.push(asOf - Math.floor(random.between(0, days * 24 * 60)) * 60_000);
  times.sort((a, b) => a - b);
  for (const time of times) {
    const type = random.weighted(interest > 0.5 ? EVENTS_ENGAGED : EVENTS_CASUAL);
    events.push(random.chance(0.01) ? { type } : { type, at: new Date(time).toISOString().replace(".000Z", "Z") });
  }

  return {
    id: `L-${1000 + n}`,
    first_name: first,
    last_name: last,
    email,
    title,
    company,
    company_size,
    industry,
    country: random.weighted(COUNTRIES),
    competitor,
    signed_up: new Date(signedUp).toISOString().slice(0, 10),
    tags,
    events,
  };
}

function pickTags(random: Random, student: boolean): string[] {
  const tags: string[] = [];
  if (student) tags.push("student");
  for (const [tag, probability] of TAGS) if (random.chance(probability)) tags.push(tag);
  return tags;
}

/** Mulberry32 (a public-domain 32-bit generator): small, fast, and the same on every platform. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from [item, weight] pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

const FIRST_NAMES = [
  "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Keisha", "Liam",
  "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Ximena",
  "Yusuf", "Zoe", "Lena", "Marco", "Priya", "Tom", "Sofia", "Lucas", "Amara", "Jan", "Chloe", "Mateo",
] as const;

const LAST_NAMES = [
  "Schmidt", "Okafor", "Rossi", "Nguyen", "Garcia", "Kowalski", "Smith", "Tanaka", "Dubois", "Jensen",
  "Haddad", "Murphy", "Silva", "Novak", "Patel", "Andersson", "Kim", "Moreau", "Fischer", "O'Brien",
  "Costa", "Ivanova", "Lee", "Mendes", "Bauer", "Khan", "Larsen", "Reyes", "Cohen", "Walker",
] as const;

const COMPANY_WORDS = [
  "Northwind", "Bluepeak", "Brightline", "Copperleaf", "Driftwood", "Evergreen", "Foxglove", "Granite",
  "Harborview", "Ironbark", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Oakridge", "Pinecrest",
  "Quarry", "Redwood", "Silverline", "Tidewater", "Umbra", "Vantage", "Westfield", "Yellowtail", "Zephyr",
] as const;

const COMPANY_KINDS = ["Analytics", "Software", "Retail", "Bank", "Health", "Logistics", "Labs", "Systems", "Capital", "Foods"] as const;

const PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com"] as const;

const TITLES = [
  ["VP Marketing", 5],
  ["VP of Sales", 4],
  ["Director of Marketing", 6],
  ["Marketing Director", 4],
  ["Head of Growth", 4],
  ["CEO", 3],
  ["CTO", 2],
  ["CMO", 2],
  ["Marketing Manager", 12],
  ["Sales Manager", 8],
  ["Product Manager", 7],
  ["Software Engineer", 9],
  ["Marketing Coordinator", 8],
  ["Business Analyst", 7],
  ["Consultant", 6],
  ["Office Manager", 3],
] as const;

/** Written as CRMs export them; the models' enums compare ignoring case. */
const INDUSTRIES = [
  ["SaaS", 30],
  ["Retail", 20],
  ["Finance", 18],
  ["Healthcare", 12],
  ["Other", 20],
] as const;

const COUNTRIES = [
  ["US", 35],
  ["GB", 10],
  ["DE", 10],
  ["CA", 6],
  ["FR", 7],
  ["NL", 5],
  ["AU", 5],
  ["IN", 8],
  ["BR", 6],
  ["ES", 4],
  ["SE", 4],
] as const;

const TAGS = [
  ["newsletter", 0.35],
  ["trial", 0.12],
  ["partner", 0.06],
  ["customer", 0.05],
  ["event-2026", 0.08],
] as const;

const EVENTS_CASUAL = [
  ["opened email", 60],
  ["visited pricing page", 10],
  ["downloaded whitepaper", 10],
  ["downloaded document", 10],
  ["registered webinar", 5],
  ["attended webinar", 2],
  ["attended online event", 2],
  ["requested demo", 1],
] as const;

const EVENTS_ENGAGED = [
  ["opened email", 35],
  ["visited pricing page", 22],
  ["downloaded whitepaper", 12],
  ["downloaded document", 8],
  ["registered webinar", 9],
  ["attended webinar", 7],
  ["attended online event", 4],
  ["requested demo", 3],
] as const;
