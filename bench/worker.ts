// A benchmark task in a fresh process (so no measurement inherits another's JIT state or garbage):
//   node --import tsx bench/worker.ts scoring '{"rules":100,"engines":["compiled"],"quick":false}'
//   node --import tsx bench/worker.ts compile '{"rules":1000,"quick":false}'
// The result is printed as one JSON line after RESULT_MARKER.

import { measureCompile } from "./compile-time.js";
import type { EngineName } from "./engines.js";
import { measureScoring } from "./scoring.js";
import { RESULT_MARKER } from "./worker-protocol.js";

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json ?? "{}") as { rules: number; engines?: EngineName[]; quick?: boolean };
let result: unknown;
switch (task) {
  case "scoring":
    result = await measureScoring(args.rules, args.engines ?? [], args.quick ?? false);
    break;
  case "compile":
    result = measureCompile(args.rules, args.quick ?? false);
    break;
  default:
    throw new Error(`unknown task ${task}`);
}
process.stdout.write(RESULT_MARKER + JSON.stringify(result) + "\n");
