// Where the CLI writes, and whether it may use colour (only on a TTY, never with NO_COLOR).

import type { Writable } from "node:stream";

export interface Terminal {
  stdout: Writable;
  stderr: Writable;
  /** Colour on stderr (diagnostics). */
  color: boolean;
  /** Progress lines on stderr. */
  progress: boolean;
  stdin: NodeJS.ReadableStream;
}

export function processTerminal(): Terminal {
  const stderrTty = Boolean((process.stderr as { isTTY?: boolean }).isTTY);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "";
  return { stdout: process.stdout, stderr: process.stderr, color: stderrTty && !noColor, progress: stderrTty, stdin: process.stdin };
}

/**
 * Writes and resolves once the text is accepted (respecting back-pressure). `written` is called
 * later, once the stream has taken the bytes and no longer reads them.
 */
export function write(stream: Writable, text: string | Uint8Array, written?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => (error ? reject(error) : written?.()));
    if (ok) resolve();
    else stream.once("drain", resolve);
  });
}
