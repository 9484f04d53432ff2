// An embedded DuckDB database for scoring: one in-memory instance and connection, results streamed
// chunk by chunk as plain JavaScript values. Without the ICU extension (not bundled, and not
// downloaded here) DuckDB works in UTC, so TIMESTAMP WITH TIME ZONE values convert to epoch
// milliseconds the same way on every machine.

import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface DuckDBOptions {
  /** DuckDB settings, such as memory_limit or threads. */
  settings?: Record<string, string>;
}

export class DuckDBSession {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(options: DuckDBOptions = {}): Promise<DuckDBSession> {
    const instance = await DuckDBInstance.create(":memory:", { ...options.settings });
    return new DuckDBSession(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** All rows of a (small) result. */
  async rows(sql: string): Promise<unknown[][]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowsJS() as unknown[][];
  }

  /**
   * The rows of a result, a chunk (up to 2048 rows) at a time, without holding the whole result.
   * Values as DuckDB's node API gives them column by column (numbers, strings, booleans, bigint for
   * BIGINT, null), which is twice as fast as its per-row JavaScript conversion.
   */
  async *stream(sql: string): AsyncGenerator<unknown[][]> {
    const result = await this.connection.stream(sql);
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const columns = chunk.getColumns() as unknown[][];
      const rows: unknown[][] = new Array(chunk.rowCount);
      for (let i = 0; i < rows.length; i++) {
        const row = new Array(columns.length);
        for (let c = 0; c < columns.length; c++) row[c] = columns[c][i];
        rows[i] = row;
      }
      yield rows;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
