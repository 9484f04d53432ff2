// Table output for a terminal: aligned columns, invalid leads shown in place with their error, and
// with explain the rules that fired under each lead. Column widths come from the first results
// (held back until SAMPLE_SIZE have arrived, or the end): holding every result to size the columns
// would break streaming, so a later, wider value just pushes its row out of line.

import type { Writable } from "node:stream";
import { isErrorRecord, type LeadRecord, type ScoreResult } from "../ir/result.js";
import { OutputBuffer } from "./output-buffer.js";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

const SAMPLE_SIZE = 100;
const GAP = "  ";

interface Column {
  label: string;
  align: "left" | "right";
  value: (result: ScoreResult) => string;
}

export function createTableWriter(out: Writable, options: ResultWriterOptions = {}): ResultWriter {
  const buffer = new OutputBuffer(out);
  const groups = options.groups ?? [];
  const explain = options.explain === true;
  let sample: LeadRecord[] | undefined = [];
  let layout: Layout | undefined;

  const emit = (record: LeadRecord): Promise<void> | undefined => buffer.push(layout!.render(record, explain));

  const startTable = (): Promise<void> | undefined => {
    const held = sample ?? [];
    sample = undefined;
    layout = new Layout(tableColumns(held, groups), held);
    let text = layout.header();
    for (const record of held) text += layout.render(record, explain);
    return buffer.push(text);
  };

  return {
    write(record) {
      if (sample === undefined) return emit(record);
      sample.push(record);
      return sample.length >= SAMPLE_SIZE ? startTable() : undefined;
    },
    async finish() {
      if (sample !== undefined && sample.length > 0) await startTable();
      await buffer.finish();
    },
  };
}

/**
 * Which columns to show. `qualified`, `tier` and a group's tier are null in every result when the
 * model has no qualify, tiers or `tiers for` that group, so one scored result decides them.
 */
function tableColumns(sample: readonly LeadRecord[], groups: readonly string[]): Column[] {
  const first = sample.find((record): record is ScoreResult => !isErrorRecord(record));
  const columns: Column[] = [
    { label: "id", align: "left", value: (r) => String(r.id) },
    { label: "score", align: "right", value: (r) => String(r.score) },
  ];
  if (first === undefined || first.qualified !== null) {
    columns.push({ label: "qualified", align: "left", value: (r) => (r.qualified === null ? "" : r.qualified ? "yes" : "no") });
  }
  if (first === undefined || first.tier !== null) columns.push({ label: "tier", align: "left", value: (r) => r.tier ?? "" });
  for (const group of groups) {
    const result = (r: ScoreResult) => (Object.hasOwn(r.groups, group) ? r.groups[group] : undefined);
    columns.push({ label: group, align: "right", value: (r) => String(result(r)?.score ?? "") });
    if (first === undefined || result(first)?.tier != null) {
      columns.push({ label: `${group} tier`, align: "left", value: (r) => result(r)?.tier ?? "" });
    }
  }
  columns.push({ label: "gate", align: "left", value: (r) => (r.disqualified_by === undefined ? "" : `line ${r.disqualified_by}`) });
  return columns;
}

class Layout {
  private readonly widths: number[];
  /** Width of the group name in hit lines. */
  private readonly groupWidth: number;

  constructor(
    private readonly columns: Column[],
    sample: readonly LeadRecord[],
  ) {
    this.widths = columns.map((column) => column.label.length);
    let groupWidth = 1;
    for (const record of sample) {
      if (isErrorRecord(record)) {
        this.widths[0] = Math.max(this.widths[0], oneLine(String(record.id)).length);
        continue;
      }
      columns.forEach((column, i) => {
        this.widths[i] = Math.max(this.widths[i], oneLine(column.value(record)).length);
      });
      for (const hit of record.hits ?? []) groupWidth = Math.max(groupWidth, (hit.group ?? "-").length);
    }
    this.groupWidth = groupWidth;
  }

  header(): string {
    const labels = this.line(this.columns.map((column) => column.label));
    const rule = this.widths.map((width) => "-".repeat(width)).join(GAP);
    return `${labels}\n${rule}\n`;
  }

  render(record: LeadRecord, explain: boolean): string {
    if (isErrorRecord(record)) {
      return `${pad(oneLine(String(record.id)), this.widths[0], "left")}${GAP}error: ${oneLine(record.error)}\n`;
    }
    let text = this.line(this.columns.map((column) => column.value(record))) + "\n";
    if (explain) {
      for (const hit of record.hits ?? []) {
        const points = `${hit.points >= 0 ? "+" : ""}${hit.points}`;
        text += `    line ${pad(String(hit.line), 4, "left")} ${pad(hit.group ?? "-", this.groupWidth, "left")} ${pad(points, 7, "right")}  ${oneLine(hit.rule)}\n`;
      }
    }
    return text;
  }

  private line(cells: string[]): string {
    return cells
      .map((cell, i) => pad(oneLine(cell), this.widths[i], this.columns[i].align))
      .join(GAP)
      .trimEnd();
  }
}

function pad(text: string, width: number, align: "left" | "right"): string {
  return align === "left" ? text.padEnd(width) : text.padStart(width);
}

/** A line break inside a value (an id from a quoted CSV field) would tear the table apart. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}
