// Writes the example data: examples/leads.csv, examples/events.csv and examples/leads.json.
//
//   npx tsx scripts/generate-sample-data.ts                       250 leads into examples/
//   npx tsx scripts/generate-sample-data.ts --count 1000000 --out /tmp/bench --no-json
//
// The output depends only on --count and --seed (no clock, no Math.random), so re-running it
// reproduces the committed files exactly.

import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "./lead-generator.js";
import { writeSampleFiles } from "./sample-data-writer.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "250" },
    out: { type: "string", default: "examples" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    "no-json": { type: "boolean", default: false },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
  process.stderr.write("usage: generate-sample-data.ts [--count N] [--out DIR] [--seed N] [--no-json]\n");
  process.exit(2);
}

const files = await writeSampleFiles({ count, seed, dir: values.out, json: !values["no-json"] });
process.stderr.write(`wrote ${count} leads: ${Object.values(files).join(", ")}\n`);
