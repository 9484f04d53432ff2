// A PostgreSQL connection for scoring tables in place: queries return rows as arrays, big results
// are read through a cursor in batches, and the session settings the generated SQL relies on are
// fixed (standard strings, so a backslash in a literal is just a backslash; UTC).

import pg from "pg";

const BATCH_ROWS = 5000;

/** int8 (counts, bigint ids) as a number when exact, else as text. */
function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const INT8 = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/** JSON stays text (the SQL back end's rows carry JSON as text, as DuckDB returns it). */
function typeParser(oid: number, format?: string): (text: string) => unknown {
  if (oid === INT8) return parseInt8;
  if (oid === JSON_OID || oid === JSONB_OID) return (text) => text;
  return pg.types.getTypeParser(oid, format as "text");
}

export class PostgresSession {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<PostgresSession> {
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: typeParser } as pg.CustomTypesConfig });
    client.on("notice", () => undefined); // DROP TABLE IF EXISTS and the like: not for the user
    await client.connect();
    // JIT would spend seconds compiling the query's long expressions for little gain.
    await client.query("SET standard_conforming_strings = on; SET TimeZone = 'UTC'; SET jit = off");
    return new PostgresSession(client);
  }

  async run(sql: string, values: unknown[] = []): Promise<void> {
    await this.client.query(sql, values);
  }

  async rows(sql: string, values: unknown[] = []): Promise<unknown[][]> {
    const result = await this.client.query({ text: sql, values, rowMode: "array" });
    return result.rows as unknown[][];
  }

  /**
   * The rows of a query in batches, through a cursor in its own transaction, which ends however the
   * reading ends (all read, an error, or the reader stopping early).
   */
  async *stream(sql: string): AsyncGenerator<unknown[][]> {
    await this.client.query("BEGIN");
    let finished = false;
    try {
      await this.client.query(`DECLARE leadscore_results NO SCROLL CURSOR FOR ${sql}`);
      for (;;) {
        const batch = await this.rows(`FETCH ${BATCH_ROWS} FROM leadscore_results`);
        if (batch.length === 0) break;
        yield batch;
      }
      finished = true;
    } finally {
      if (finished) await this.client.query("COMMIT");
      else await this.client.query("ROLLBACK").catch(() => undefined); // the error that stopped us matters more
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
