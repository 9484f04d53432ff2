// docs/cli.md is generated from the CLI's help texts: a help text changed without regenerating it
// fails here. Fix: `npx tsx scripts/generate-cli-docs.ts`.

import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { renderCliDocs } from "../../scripts/cli-docs.js";

it("docs/cli.md matches every command's --help", async () => {
  const committed = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
  expect(committed, "docs/cli.md is stale: run `npx tsx scripts/generate-cli-docs.ts`").toBe(await renderCliDocs());
});
