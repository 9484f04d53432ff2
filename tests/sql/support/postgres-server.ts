// A throwaway PostgreSQL server for the differential tests: a fresh cluster in a temp directory on
// a free port of 127.0.0.1, started and stopped by scripts/postgres-start.sh / postgres-stop.sh.
// When the server binaries are missing the tests FAIL with the reason, unless
// LEADSCORE_SKIP_POSTGRES=1 says to skip them (CI installs postgresql, see .ci/run).

import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL("../../../scripts/", import.meta.url));

export const SKIP_POSTGRES = process.env.LEADSCORE_SKIP_POSTGRES === "1";

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = await mkdtemp(join(tmpdir(), "leadscore-pg-"));
  const port = await freePort();
  let url: string;
  try {
    const { stdout } = await run(join(SCRIPTS, "postgres-start.sh"), [dir, String(port)], { timeout: 90_000 });
    url = stdout.trim();
  } catch (error) {
    await run(join(SCRIPTS, "postgres-stop.sh"), [dir]).catch(() => undefined);
    const { code, stderr } = error as { code?: number; stderr?: string };
    const reason = (stderr ?? String(error)).trim();
    throw new Error(
      code === 3
        ? `The PostgreSQL tests need the PostgreSQL server binaries: ${reason}. Set LEADSCORE_SKIP_POSTGRES=1 to skip them.`
        : `Could not start a throwaway PostgreSQL server: ${reason}`,
    );
  }
  return { url, stop: async () => void (await run(join(SCRIPTS, "postgres-stop.sh"), [dir], { timeout: 60_000 })) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
