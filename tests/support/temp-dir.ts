// Temporary directories for a test file, removed when its tests are done: a full run makes
// thousands (one per generated input), which used to pile up in the system's temporary directory.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

// Registered when a test file imports this module (vitest evaluates it once per test file).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system's temporary directory, named `leadscore-${purpose}-XXXXXX`. */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `leadscore-${purpose}-`));
  made.push(dir);
  return dir;
}
