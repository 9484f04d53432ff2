// Rewrites docs/cli.md from the commands' help texts (scripts/cli-docs.ts). Run after changing one:
//
//   npx tsx scripts/generate-cli-docs.ts

import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderCliDocs } from "./cli-docs.js";

const path = fileURLToPath(new URL("../docs/cli.md", import.meta.url));
await writeFile(path, await renderCliDocs());
process.stderr.write(`wrote ${path}\n`);
