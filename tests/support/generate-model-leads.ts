// Seeded raw leads (JSON objects, as SPEC section 4 describes) for a model made by
// generate-model-text.ts: values around the model's own literals so every threshold is tested on
// both sides, unknown values (missing, null, blank), case and spacing variants, events of every age
// (and some in the future, some without a time), and now and then a value of the wrong type.

import { createRng, DEFAULT_AS_OF_MS } from "./generate-plan.js";
import type { GeneratedField, GeneratedModel } from "./generate-model-text.js";

const DAY_MS = 86_400_000;
const OTHER_TEXTS = ["Senior VP of Sales", "Director, Marketing", "intern", "jane@gmail.com", "DE", "Partner", "", "   "];

export function generateLeadsForModel(model: GeneratedModel, count: number, seed: number, asOfMs = DEFAULT_AS_OF_MS): Record<string, unknown>[] {
  const rng = createRng(seed);
  const numbers = model.literals.numbers.length > 0 ? model.literals.numbers : [0, 10];
  const texts = [...model.literals.texts, ...OTHER_TEXTS];
  const dates = model.literals.dates.length > 0 ? model.literals.dates : ["2026-01-01"];

  const variant = (text: string): string => rng.pick([text, text.toUpperCase(), `  ${text} `, `x ${text} y`, text]);

  const value = (field: GeneratedField): unknown => {
    const r = rng.next();
    if (r < 0.1) return null;
    if (r < 0.15) return undefined; // left out
    if (r < 0.16) return rng.pick([{ nested: true }, "not a value"]); // invalid for most types: an error record
    switch (field.type) {
      case "number":
        return rng.chance(0.8) ? rng.pick(numbers) + rng.pick([0, 0, 0.5, -1, 1, -0.25]) : rng.pick([String(rng.pick(numbers)), rng.int(-10, 2000)]);
      case "text":
        return variant(rng.pick(texts));
      case "enum":
        return variant(rng.pick(field.values ?? [""])).trim();
      case "boolean":
        return rng.pick([true, false, "yes", "no", "true", 0, 1]);
      case "date": {
        if (rng.chance(0.5)) {
          const base = Date.parse(rng.pick(dates));
          return new Date(base + rng.pick([0, -1, 1, -30]) * DAY_MS).toISOString().slice(0, 10);
        }
        return new Date(asOfMs - rng.int(-5, 400) * DAY_MS).toISOString();
      }
      case "list":
        return Array.from({ length: rng.int(0, 3) }, () => variant(rng.pick(texts)));
    }
  };

  const leads: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const lead: Record<string, unknown> = rng.chance(0.9) ? { id: `L-${i + 1}` } : {};
    for (const field of model.fields) {
      const v = value(field);
      if (v !== undefined) lead[field.name] = v;
    }
    const events: unknown[] = [];
    for (let n = rng.int(0, 10); n > 0; n--) {
      const type = rng.chance(0.9) ? rng.pick(model.events) : "unrelated event";
      const spelled = rng.chance(0.2) ? ` ${type.toUpperCase().replace(/ /g, "  ")} ` : type;
      if (rng.chance(0.15)) events.push(spelled);
      else events.push({ type: spelled, at: new Date(asOfMs - rng.pick([rng.int(0, 120), rng.int(0, 10), -2]) * DAY_MS - rng.int(0, 86_399) * 1000).toISOString() });
    }
    if (events.length > 0 || rng.chance(0.5)) lead.events = events;
    leads.push(lead);
  }
  return leads;
}
