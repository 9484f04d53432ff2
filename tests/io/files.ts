// Test helpers for the readers: write inputs to a fresh temporary directory, collect async output.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/temp-dir.js";

/** Writes each file into a new temporary directory and returns its path by name. */
export function writeFiles(files: Record<string, string>): Record<string, string> {
  const dir = tempDir("io");
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], text);
  }
  return paths;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Splits text into chunks at the given sizes, cycling, to test readers across chunk boundaries. */
export function chunksOf(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}
