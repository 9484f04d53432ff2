// leadscore diff OLD.score NEW.score LEADS : the impact of a model change. Both models score the same
// leads (streamed, one pass); a table of counts and the biggest movers, or one JSON line per lead
// whose score, tier or qualification changed. OLD or NEW may be a git revision (`HEAD:rules.score`).

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { InputError } from "../../io/input-error.js";
import { readLeads } from "../../io/read-leads.js";
import { isErrorRecord, type ScoreResult } from "../../ir/result.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { round2 } from "../../semantics/values.js";
import { loadModel, readText } from "../load-model.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const diffHelp = `Usage: leadscore diff OLD.score NEW.score LEADS [options]

Scores LEADS with both models and shows what the change does: how many leads
changed, became qualified or stopped qualifying, moved between tiers, the
average and largest score change, and the biggest movers.

OLD and NEW are files, or git revisions read with \`git show\`:
  leadscore diff HEAD:rules.score rules.score leads.csv
  leadscore diff origin/main:rules.score rules.score leads.csv
(as in git, the path after the colon is relative to the repository root;
write HEAD:./rules.score for a path relative to the current folder).

Options:
  --format FORMAT   table (default) or jsonl: one line per changed lead,
                    {"id", "before": {"score", "tier", "qualified"}, "after": {...}}
  --events FILE     events for CSV leads: a CSV with columns lead_id,type,at
  --as-of TIME      score as of this ISO-8601 date or time (default: now)
  --id FIELD        the field holding the lead id (default: id)
  --top N           how many biggest movers the table lists (default: 10)
  -h, --help        show this help

Exit codes: 0 done (whether or not scores changed), 1 some leads were invalid,
2 bad usage, unreadable input, or a model with errors.
`;

export async function diffCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: "string" },
    events: { type: "string" },
    "as-of": { type: "string" },
    id: { type: "string" },
    top: { type: "string" },
  });
  if (values.help) return write(terminal.stdout, diffHelp).then(() => EXIT_OK);
  if (positionals.length !== 3) throw new UsageError("diff needs two models and a leads file: leadscore diff OLD.score NEW.score LEADS");
  const [oldSpec, newSpec, leadsPath] = positionals;
  const format = oneOf(values.format as string | undefined, ["table", "jsonl"] as const, "--format", "table");
  const asOf = parseAsOf(values["as-of"] as string | undefined);
  const idField = (values.id as string | undefined) ?? "id";
  const top = parseTop(values.top as string | undefined);

  const before = await loadModel(oldSpec, terminal, await readModelSource(oldSpec));
  if (!before?.model) return EXIT_USAGE;
  const after = await loadModel(newSpec, terminal, await readModelSource(newSpec));
  if (!after?.model) return EXIT_USAGE;

  const impact = new Impact(top);
  try {
    let position = 0;
    for await (const input of readLeads(leadsPath, { eventsPath: values.events as string | undefined, idField })) {
      position++;
      if (input.kind === "malformed") {
        impact.invalid++;
        await write(terminal.stderr, `${input.file}:${input.line}: ${input.message}\n`);
        continue;
      }
      const options = { asOf, idField, position };
      const a = before.model.score(input.raw, options);
      const b = after.model.score(input.raw, options);
      if (isErrorRecord(a) || isErrorRecord(b)) {
        impact.invalid++;
        if (isErrorRecord(a) && isErrorRecord(b) && a.error === b.error) {
          await write(terminal.stderr, `${input.file}:${input.line}: ${a.error}\n`);
        } else {
          for (const [label, record] of [[oldSpec, a], [newSpec, b]] as const) {
            if (isErrorRecord(record)) await write(terminal.stderr, `${input.file}:${input.line}: ${record.error} (with ${label})\n`);
          }
        }
        continue;
      }
      const change = impact.add(a, b);
      if (change && format === "jsonl") await write(terminal.stdout, JSON.stringify(change) + "\n");
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    await write(terminal.stderr, `leadscore diff: ${error.message}\n`);
    return EXIT_USAGE;
  }

  if (format === "table") await write(terminal.stdout, impact.table({ oldSpec, newSpec, leadsPath, asOf }));
  return impact.invalid > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function parseAsOf(text: string | undefined): number {
  if (text === undefined) return Date.now();
  try {
    return resolveAsOf(text);
  } catch {
    throw new UsageError(`--as-of must be an ISO-8601 date or time such as 2026-11-15 or 2026-11-15T09:00:00Z, not "${text}"`);
  }
}

function parseTop(text: string | undefined): number {
  if (text === undefined) return 10;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--top must be a whole number, not "${text}"`);
  return n;
}

// ---- reading a model from a file or from git ----------------------------------------------------

/** `REV:PATH` (`HEAD:rules.score`, `:rules.score` for the staged copy), but not a Windows drive path. */
const GIT_REVISION = /^[^:]*:.+$/;
const WINDOWS_PATH = /^[A-Za-z]:[\\/]/;

/** A model's text: the file when one exists with that name, else the git object `REV:PATH`. */
export async function readModelSource(spec: string): Promise<string> {
  if (existsSync(spec) || !GIT_REVISION.test(spec) || WINDOWS_PATH.test(spec)) return readText(spec, "model");
  return gitShow(spec);
}

function gitShow(spec: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", ["show", spec], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : firstLine(stderr) || error.message;
      reject(new UsageError(`cannot read model ${spec}: no such file, and git show ${spec} failed: ${reason}`));
    });
  });
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}

// ---- the impact ---------------------------------------------------------------------------------

interface Side {
  score: number;
  tier: string | null;
  qualified: boolean | null;
}

interface Change {
  id: string | number;
  before: Side;
  after: Side;
}

function side(result: ScoreResult): Side {
  return { score: result.score, tier: result.tier, qualified: result.qualified };
}

/** Counts over every lead; only the `top` biggest movers are kept, so memory stays constant. */
class Impact {
  scored = 0;
  invalid = 0;
  changed = 0;
  newlyQualified = 0;
  noLongerQualified = 0;
  private totalChange = 0;
  private largestIncrease: Change | undefined;
  private largestDecrease: Change | undefined;
  private readonly tierMoves = new Map<string, number>();
  private readonly movers: Change[] = [];
  private hasTiers = false;
  private hasQualify = false;

  constructor(private readonly top: number) {}

  /** Records one lead; returns its change when its score, tier or qualification changed. */
  add(a: ScoreResult, b: ScoreResult): Change | undefined {
    this.scored++;
    if (a.tier !== null || b.tier !== null) this.hasTiers = true;
    if (a.qualified !== null || b.qualified !== null) this.hasQualify = true;
    const delta = round2(b.score - a.score);
    this.totalChange += b.score - a.score;
    if (delta === 0 && a.tier === b.tier && a.qualified === b.qualified) return undefined;

    const change: Change = { id: a.id, before: side(a), after: side(b) };
    this.changed++;
    if (a.qualified !== true && b.qualified === true) this.newlyQualified++;
    if (a.qualified === true && b.qualified !== true) this.noLongerQualified++;
    if (a.tier !== b.tier) {
      const key = `${a.tier ?? "(no tier)"} -> ${b.tier ?? "(no tier)"}`;
      this.tierMoves.set(key, (this.tierMoves.get(key) ?? 0) + 1);
    }
    if (delta > 0 && (!this.largestIncrease || delta > scoreChange(this.largestIncrease))) this.largestIncrease = change;
    if (delta < 0 && (!this.largestDecrease || delta < scoreChange(this.largestDecrease))) this.largestDecrease = change;
    this.keepIfMover(change);
    return change;
  }

  /** Keeps the `top` changes with the largest score change (first seen wins a tie). */
  private keepIfMover(change: Change): void {
    const size = Math.abs(scoreChange(change));
    if (size === 0 || this.top === 0) return;
    if (this.movers.length === this.top && size <= Math.abs(scoreChange(this.movers[this.movers.length - 1]))) return;
    let at = this.movers.length;
    while (at > 0 && Math.abs(scoreChange(this.movers[at - 1])) < size) at--;
    this.movers.splice(at, 0, change);
    if (this.movers.length > this.top) this.movers.pop();
  }

  table(context: { oldSpec: string; newSpec: string; leadsPath: string; asOf: number }): string {
    const count = (n: number) => n.toLocaleString("en-US");
    let text = `${context.oldSpec} -> ${context.newSpec} on ${context.leadsPath}, as of ${new Date(context.asOf).toISOString()}: `;
    text += `${count(this.scored)} leads compared${this.invalid > 0 ? `, ${count(this.invalid)} invalid (not compared)` : ""}\n\n`;
    if (this.changed === 0) return `${text}No lead changed score, tier or qualification.\n`;

    const summary: [string, string][] = [["changed", `${count(this.changed)} of ${count(this.scored)} leads`]];
    if (this.hasQualify) {
      summary.push(["newly qualified", count(this.newlyQualified)], ["no longer qualified", count(this.noLongerQualified)]);
    }
    summary.push(["average score change", signed(round2(this.totalChange / Math.max(1, this.scored)))]);
    summary.push(["largest increase", this.largestIncrease ? `${signed(scoreChange(this.largestIncrease))} (lead ${this.largestIncrease.id})` : "none"]);
    summary.push(["largest decrease", this.largestDecrease ? `${signed(scoreChange(this.largestDecrease))} (lead ${this.largestDecrease.id})` : "none"]);
    text += columns(summary.map(([label, value]) => [label, value]), ["left", "left"]);

    if (this.hasTiers) {
      text += "\nTier moves\n";
      const moves = [...this.tierMoves].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      text += moves.length === 0 ? "  none\n" : columns(moves.map(([move, n]) => [move, count(n)]), ["left", "right"]);
    }

    if (this.movers.length > 0) {
      text += "\nBiggest movers\n";
      const header = ["id", "before", "after", "change"];
      if (this.hasTiers) header.push("tier");
      if (this.hasQualify) header.push("qualified");
      const rows = this.movers.map((change) => {
        const row = [String(change.id), String(change.before.score), String(change.after.score), signed(scoreChange(change))];
        if (this.hasTiers) row.push(change.before.tier === change.after.tier ? (change.after.tier ?? "") : `${change.before.tier ?? "(none)"} -> ${change.after.tier ?? "(none)"}`);
        if (this.hasQualify) row.push(change.before.qualified === change.after.qualified ? yesNo(change.after.qualified) : `${yesNo(change.before.qualified)} -> ${yesNo(change.after.qualified)}`);
        return row;
      });
      text += columns([header, ...rows], ["left", "right", "right", "right", "left", "left"]);
    }
    return text;
  }
}

function scoreChange(change: Change): number {
  return round2(change.after.score - change.before.score);
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function yesNo(value: boolean | null): string {
  return value === null ? "" : value ? "yes" : "no";
}

// Lead ids come from the input: control characters (escape sequences) must not reach the terminal.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Rows as aligned columns, indented by two spaces; no trailing blanks. */
function columns(cells: string[][], align: ("left" | "right")[]): string {
  const rows = cells.map((row) => row.map((cell) => cell.replace(UNSAFE_CHARACTERS, "\ufffd")));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) => "  " + row.map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd() + "\n")
    .join("");
}

