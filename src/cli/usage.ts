// Bad usage ends a command with exit code 2 and a one-line reason (SPEC section 6).

import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export const EXIT_OK = 0;
/** Findings: errors reported by check, invalid leads, failed tests, unformatted files. */
export const EXIT_FINDINGS = 1;
/** Bad usage, unreadable input, or a model with errors where scoring was asked. */
export const EXIT_USAGE = 2;

/** node:util parseArgs, with its errors turned into UsageErrors written for people. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig["options"]>): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs["values"], positionals: parsed.positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, "").split(". To specify")[0];
    throw new UsageError(message);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not "${value}"`);
}
