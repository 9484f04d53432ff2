// The benchmark's models. The 10-rule model is the SPEC's ACME model, fitted to the columns of the
// generated leads (scripts/lead-generator.ts). Bigger models (100, 1,000 and, for compile time, 50
// and 10,000 rules) are made of ten rule families of the kinds marketing teams actually write: title
// keywords, company-size bands, industry x country, e-mail domains, tags, sign-up recency, event
// recency, repeated events, capped `each` rules and company names. Each family is also returned as
// a table of its parameters, which is what the hand-written baseline (handwritten/family.ts) loops
// over: nobody writes a thousand rules out by hand, they write a table and a loop.
//
// Points are integers so every engine's sums are exact whatever order it adds them in.

import { EVENT_TYPES } from "../scripts/lead-generator.js";

export const ACME_SOURCE = `# ACME inbound scoring model (SPEC section 2), fitted to the benchmark leads' columns
lead {
  email: text
  title: text
  company_size: number
  industry: "saas" | "retail" | "finance" | "healthcare" | "other"
  competitor: boolean
}

events {
  opened email
  downloaded whitepaper
  registered webinar
  attended webinar
  visited pricing page
}

group fit up to 50 {
  when company_size >= 200 add 10
  when industry in ["saas", "finance"] add 5
  when title contains "vp" or title contains "director" add 8
}

group engagement {
  when opened email add 2 each up to 10
  when downloaded whitepaper add 5
  when registered webinar add 8
  when attended webinar within 30 days add 10
  when visited pricing page at least 3 times within 14 days add 15
}

when competitor subtract 20
when email ends with "@gmail.com" subtract 5   # personal address

qualify above 20

tiers {
  hot at least 9
  warm at least 5
  cold otherwise
}
`;

/** Event types of the generated leads: the generator's own list. */
export { EVENT_TYPES };

const TITLE_WORDS = [
  "vp", "director", "head", "chief", "ceo", "cto", "cmo", "manager", "marketing", "sales", "growth",
  "product", "engineer", "analyst", "consultant", "coordinator", "office", "business", "software", "student",
];
const INDUSTRIES = ["saas", "retail", "finance", "healthcare", "other"];
const COUNTRIES = ["us", "gb", "de", "ca", "fr", "nl", "au", "in", "br", "es", "se"];
const DOMAINS = ["@gmail.com", "@yahoo.com", "@outlook.com", "@hotmail.com", ".com", "analytics.com", "software.com", "bank.com", "labs.com", "health.com"];
const TAGS = ["newsletter", "trial", "partner", "customer", "event-2026"];
const COMPANY_WORDS = [
  "northwind", "bluepeak", "brightline", "copperleaf", "driftwood", "evergreen", "foxglove", "granite",
  "harborview", "ironbark", "juniper", "keystone", "lumen", "meridian", "nimbus", "oakridge", "pinecrest",
  "quarry", "redwood", "silverline", "tidewater", "umbra", "vantage", "westfield", "yellowtail", "zephyr",
  "analytics", "software", "retail", "bank", "health", "logistics", "labs", "systems", "capital", "foods",
];

export const FIT_CAP = 60;
export const ENGAGEMENT_CAP = 80;
export const QUALIFY_ABOVE = 30;
export const TIERS = { hot: 45, warm: 20 } as const;
export const FIT_TIERS = { a: 40, b: 20 } as const;

/** A size condition that makes the k-th rule of a family distinct once its word list is used up. */
type MinSize = number | null;

export interface FamilyTables {
  /** fit: `title contains WORD [and company_size >= MIN]` */
  title: { word: string; minSize: MinSize; points: number }[];
  /** fit: `company_size between LOW and HIGH` */
  size: { low: number; high: number; points: number }[];
  /** fit: `industry is IND and country is CC [and company_size >= MIN]` */
  market: { industry: string; country: string; minSize: MinSize; points: number }[];
  /** ungrouped, negative: `email ends with SUFFIX [and company_size >= MIN]` */
  email: { suffix: string; minSize: MinSize; points: number }[];
  /** fit: `tags contains TAG [and company_size >= MIN]` */
  tags: { tag: string; minSize: MinSize; points: number }[];
  /** fit: `signed_up within DAYS days` */
  signup: { days: number; points: number }[];
  /** engagement: `EVENT within DAYS days` */
  recent: { event: number; days: number; points: number }[];
  /** engagement: `EVENT at least TIMES times within DAYS days` */
  repeated: { event: number; times: number; days: number; points: number }[];
  /** engagement: `EVENT within DAYS days add POINTS each up to CAP` */
  each: { event: number; days: number; points: number; cap: number }[];
  /** ungrouped: `company contains WORD [and company_size >= MIN]` */
  company: { word: string; minSize: MinSize; points: number }[];
}

export interface FamilyModel {
  rules: number;
  source: string;
  tables: FamilyTables;
  /** Source lines of the two gates: competitor, then a student tag. */
  gateLines: [number, number];
}

const FAMILIES = ["title", "size", "market", "email", "tags", "signup", "recent", "repeated", "each", "company"] as const;

function minSize(k: number, listLength: number): MinSize {
  return k < listLength ? null : Math.floor(k / listLength) * 10;
}

function sizeSuffix(min: MinSize): string {
  return min === null ? "" : ` and company_size >= ${min}`;
}

/** A model of `ruleCount` rules drawn round-robin from the ten families; deterministic. */
export function familyModel(ruleCount: number): FamilyModel {
  const tables: FamilyTables = { title: [], size: [], market: [], email: [], tags: [], signup: [], recent: [], repeated: [], each: [], company: [] };
  const fit: string[] = [];
  const engagement: string[] = [];
  const loose: string[] = [];
  for (let i = 0; i < ruleCount; i++) {
    const family = FAMILIES[i % FAMILIES.length];
    const k = Math.floor(i / FAMILIES.length);
    const points = 1 + ((i * 7) % 15);
    switch (family) {
      case "title": {
        const row = { word: TITLE_WORDS[k % TITLE_WORDS.length], minSize: minSize(k, TITLE_WORDS.length), points };
        tables.title.push(row);
        fit.push(`when title contains "${row.word}"${sizeSuffix(row.minSize)} add ${points}`);
        break;
      }
      case "size": {
        const row = { low: k * 25, high: k * 25 + 40 + (k % 7) * 30, points };
        tables.size.push(row);
        fit.push(`when company_size between ${row.low} and ${row.high} add ${points}`);
        break;
      }
      case "market": {
        const pairs = INDUSTRIES.length * COUNTRIES.length;
        const row = { industry: INDUSTRIES[k % INDUSTRIES.length], country: COUNTRIES[Math.floor(k / INDUSTRIES.length) % COUNTRIES.length], minSize: minSize(k, pairs), points };
        tables.market.push(row);
        fit.push(`when industry is "${row.industry}" and country is "${row.country}"${sizeSuffix(row.minSize)} add ${points}`);
        break;
      }
      case "email": {
        const row = { suffix: DOMAINS[k % DOMAINS.length], minSize: minSize(k, DOMAINS.length), points: -points };
        tables.email.push(row);
        loose.push(`when email ends with "${row.suffix}"${sizeSuffix(row.minSize)} subtract ${points}`);
        break;
      }
      case "tags": {
        const row = { tag: TAGS[k % TAGS.length], minSize: minSize(k, TAGS.length), points };
        tables.tags.push(row);
        fit.push(`when tags contains "${row.tag}"${sizeSuffix(row.minSize)} add ${points}`);
        break;
      }
      case "signup": {
        const row = { days: 7 + k * 3, points };
        tables.signup.push(row);
        fit.push(`when signed_up within ${row.days} days add ${points}`);
        break;
      }
      case "recent": {
        const row = { event: k % EVENT_TYPES.length, days: 1 + Math.floor(k / EVENT_TYPES.length) * 2, points };
        tables.recent.push(row);
        engagement.push(`when ${EVENT_TYPES[row.event]} within ${row.days} days add ${points}`);
        break;
      }
      case "repeated": {
        const row = { event: k % EVENT_TYPES.length, times: 2 + (Math.floor(k / EVENT_TYPES.length) % 3), days: 7 + Math.floor(k / (EVENT_TYPES.length * 3)) * 7, points };
        tables.repeated.push(row);
        engagement.push(`when ${EVENT_TYPES[row.event]} at least ${row.times} times within ${row.days} days add ${points}`);
        break;
      }
      case "each": {
        const row = { event: k % EVENT_TYPES.length, days: 7 + Math.floor(k / EVENT_TYPES.length) * 5, points, cap: points * 3 };
        tables.each.push(row);
        engagement.push(`when ${EVENT_TYPES[row.event]} within ${row.days} days add ${points} each up to ${row.cap}`);
        break;
      }
      case "company": {
        const row = { word: COMPANY_WORDS[k % COMPANY_WORDS.length], minSize: minSize(k, COMPANY_WORDS.length), points };
        tables.company.push(row);
        loose.push(`when company contains "${row.word}"${sizeSuffix(row.minSize)} add ${points}`);
        break;
      }
    }
  }

  const lines: string[] = [
    `# Benchmark model: ${ruleCount} rules in ten families (generated by bench/models.ts)`,
    "lead {",
    "  email: text",
    "  title: text",
    "  company: text",
    "  company_size: number",
    '  industry: "saas" | "retail" | "finance" | "healthcare" | "other"',
    "  country: text",
    "  competitor: boolean",
    "  signed_up: date",
    "  tags: list",
    "}",
    "",
    "events {",
    ...EVENT_TYPES.map((event) => `  ${event}`),
    "}",
    "",
  ];
  if (fit.length > 0) lines.push(`group fit up to ${FIT_CAP} {`, ...fit.map((rule) => `  ${rule}`), "}", "");
  if (engagement.length > 0) lines.push(`group engagement up to ${ENGAGEMENT_CAP} {`, ...engagement.map((rule) => `  ${rule}`), "}", "");
  lines.push(...loose);
  lines.push("", "disqualify when competitor");
  const competitorGate = lines.length;
  lines.push('disqualify when tags contains "student"');
  const studentGate = lines.length;
  lines.push(
    "",
    `qualify above ${QUALIFY_ABOVE}`,
    "",
    "tiers {",
    `  hot at least ${TIERS.hot}`,
    `  warm at least ${TIERS.warm}`,
    "  cold otherwise",
    "}",
  );
  if (fit.length > 0) lines.push("", "tiers for fit {", `  a at least ${FIT_TIERS.a}`, `  b at least ${FIT_TIERS.b}`, "  c otherwise", "}");
  return { rules: ruleCount, source: lines.join("\n") + "\n", tables, gateLines: [competitorGate, studentGate] };
}

/** The scoring benchmark's model of each size. */
export function scoringModelSource(rules: number): string {
  return rules === 10 ? ACME_SOURCE : familyModel(rules).source;
}

export const SCORING_SIZES = [10, 100, 1000] as const;
export const COMPILE_SIZES = [50, 1000, 10000] as const;
