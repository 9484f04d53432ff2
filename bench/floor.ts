// How fast could any scorer of the 10-rule model be? Times, on the benchmark's lead pool, what every
// scorer must at least do for a lead (read the fields the rules use and each event's type and time)
// against what the compiled scorer does, and parts of that work alone. It backs the README's
// argument that the 500x budget over json-rules-engine cannot be met at 10 rules; not part of
// `npm run bench`. Run: npm run build:lib && node --import tsx bench/floor.ts
//
// The variants are the compiled scorer's own generated code with one step taken out, timed in turn,
// median of 7 rounds. They give wrong scores (other rules fire, so the rest of the work shifts a
// little too): they say roughly what that step costs, no more.

import { parseArgs } from "node:util";
import { compile } from "../lib/src/api/compile.js";
import { generateFactoryBody } from "../lib/src/compiler/js/generate.js";
import { runtime } from "../lib/src/compiler/js/runtime.js";
import { AS_OF_MS, leadPool } from "./leads.js";
import { ACME_SOURCE } from "./models.js";
import { median } from "./timing.js";

type Lead = Record<string, unknown>;
type Score = (lead: Lead, position: number) => unknown;

/** Reads the fields the ACME rules use, and each event's type and one character of its time. */
function touchOnly(lead: Lead): number {
  let sum = 0;
  const { email, title, company_size: size, industry, competitor, events } = lead;
  if (typeof email === "string") sum += email.length;
  if (typeof title === "string") sum += title.length;
  if (typeof size === "number") sum += size;
  if (typeof industry === "string") sum += industry.length;
  if (competitor === true) sum++;
  if (Array.isArray(events)) {
    for (const event of events) {
      if (typeof event === "string") sum += event.length;
      else sum += (event as { type: string }).type.length + (event as { at: string }).at.charCodeAt(5);
    }
  }
  return sum;
}

function generatedVariant(edit: (code: string) => string): Score {
  const plan = compile(ACME_SOURCE).plan;
  const code = generateFactoryBody(plan, { explain: false });
  const edited = edit(code);
  if (edited === code && edit !== unchanged) throw new Error("the variant's edit no longer applies to the generated code");
  const { plain } = new Function("rt", edited)(runtime) as { plain: (raw: unknown, asOf: number, idField: string, position: number) => unknown };
  return (lead, position) => plain(lead, AS_OF_MS, "id", position);
}

const unchanged = (code: string) => code;

const VARIANTS: [string, Score][] = [
  ["read the fields and events only", (lead) => touchOnly(lead)],
  ["compiled scorer (generated code)", generatedVariant(unchanged)],
  ["  without parsing event times", generatedVariant((code) => code.replace("parseIsoTimeFast(when)", "1.78e12 - when.length"))],
  ["  without lower-casing text", generatedVariant((code) => code.replaceAll(/(f\d+)\.toLowerCase\(\)/g, "$1"))],
];

function nsPerLead(score: Score, pool: Lead[], repeats: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < repeats; r++) for (let i = 0; i < pool.length; i++) if (score(pool[i], i) === sink) sink++;
  return Number(process.hrtime.bigint() - start) / (repeats * pool.length);
}

const { values } = parseArgs({ options: { repeats: { type: "string", default: "400" } } });
const repeats = Number(values.repeats);
const pool = leadPool();
for (const [, score] of VARIANTS) nsPerLead(score, pool, repeats / 4); // warm-up
const rounds = new Map<string, number[]>(VARIANTS.map(([name]) => [name, []]));
for (let round = 0; round < 7; round++) for (const [name, score] of VARIANTS) rounds.get(name)!.push(nsPerLead(score, pool, repeats));
console.log(`ns per lead, 10-rule model, ${pool.length} leads, median of 7 rounds:`);
for (const [name, times] of rounds) console.log(`${median(times).toFixed(0).padStart(6)}  ${name}`);
