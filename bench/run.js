// Entry point of `npm run bench` (package.json runs `node bench/run.js`). The benchmark is written in
// TypeScript like the rest of the project; this registers tsx's loader and starts it. Its timed
// measurements run in child processes started with `node --import tsx` (bench/worker-protocol.ts).
import { register } from "tsx/esm/api";

register();
await import("./run.ts");
