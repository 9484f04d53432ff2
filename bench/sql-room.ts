// Is there room for the SQL engine section? At its default size (10 million leads) it writes about
// 3 GB of CSV into the temp directory, and `--engine duckdb` holds about 0.5 KB per lead in memory.
// Running out of either half-way would waste minutes and could take the rest of the benchmark down
// with it, so the section checks first and is recorded as skipped, with the reason, instead.

import { statfs } from "node:fs/promises";
import { freemem } from "node:os";

/** Leads CSV + events CSV per lead (scripts/sample-data-writer.ts: 305 bytes measured), rounded up. */
export const CSV_BYTES_PER_LEAD = 330;
/** DuckDB's peak RSS per lead (docs/sql.md: about 0.5 KB per lead, 4.7-5 GB at 10M), rounded up. */
export const DUCKDB_BYTES_PER_LEAD = 560;
/** Left over for everything else on the disk and in memory. */
const SLACK_BYTES = 512 * 2 ** 20;

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** Why `leads` leads cannot be benchmarked with files under `dir`, or undefined when they can. */
export async function sqlBenchRoomProblem(leads: number, dir: string): Promise<string | undefined> {
  const disk = await statfs(dir);
  const freeDisk = disk.bavail * disk.bsize;
  const needDisk = leads * CSV_BYTES_PER_LEAD + SLACK_BYTES;
  if (freeDisk < needDisk) return `${leads.toLocaleString("en-US")} leads need about ${gb(needDisk)} free in ${dir}, which has ${gb(freeDisk)}`;
  // os.freemem() is the kernel's MemAvailable on Linux: page cache counts as free.
  const needMemory = leads * DUCKDB_BYTES_PER_LEAD + SLACK_BYTES;
  if (freemem() < needMemory) return `${leads.toLocaleString("en-US")} leads need about ${gb(needMemory)} of free memory for DuckDB, and ${gb(freemem())} is free`;
  return undefined;
}
