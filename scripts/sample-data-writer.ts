// Writes generated leads to disk as the three files the examples ship: leads.csv, events.csv
// (lead_id,type,at, in lead order) and leads.json (the same leads with their events embedded).
// Streams: a million leads never sit in memory, and writes wait for the disk (back-pressure).

import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { waitForDrain } from "../src/io/drain.js";
import { generateLeads, LEAD_COLUMNS, type GeneratedLead, type GeneratorOptions } from "./lead-generator.js";

export interface SampleFilesOptions extends GeneratorOptions {
  count: number;
  dir: string;
  /** Also write leads.json (default true); the benchmark only needs the CSV files. */
  json?: boolean;
}

export interface SampleFiles {
  leadsCsv: string;
  eventsCsv: string;
  leadsJson?: string;
}

export async function writeSampleFiles(options: SampleFilesOptions): Promise<SampleFiles> {
  await mkdir(options.dir, { recursive: true });
  const files: SampleFiles = { leadsCsv: join(options.dir, "leads.csv"), eventsCsv: join(options.dir, "events.csv") };
  if (options.json !== false) files.leadsJson = join(options.dir, "leads.json");

  const leads = new BufferedFile(files.leadsCsv);
  const events = new BufferedFile(files.eventsCsv);
  const json = files.leadsJson === undefined ? undefined : new BufferedFile(files.leadsJson);
  await leads.write(LEAD_COLUMNS.join(",") + "\n");
  await events.write("lead_id,type,at\n");
  await json?.write("[\n");
  let first = true;
  for (const lead of generateLeads(options.count, options)) {
    await leads.write(leadCsvLine(lead));
    await events.write(eventCsvLines(lead));
    await json?.write((first ? "" : ",\n") + JSON.stringify(jsonLead(lead)));
    first = false;
  }
  await json?.write(first ? "]\n" : "\n]\n");
  await Promise.all([leads.close(), events.close(), json?.close()]);
  return files;
}

export function leadCsvLine(lead: GeneratedLead): string {
  const cells = [
    lead.id,
    lead.first_name,
    lead.last_name,
    lead.email,
    lead.title,
    lead.company,
    lead.company_size === undefined ? "" : String(lead.company_size),
    lead.industry ?? "",
    lead.country,
    String(lead.competitor),
    lead.signed_up,
    lead.tags.join(";"),
  ];
  return cells.map(csvCell).join(",") + "\n";
}

export function eventCsvLines(lead: GeneratedLead): string {
  let text = "";
  for (const event of lead.events) text += `${csvCell(lead.id)},${csvCell(event.type)},${event.at ?? ""}\n`;
  return text;
}

/** The lead as JSON with natural types; unknown values are left out, as a CRM's API would. */
export function jsonLead(lead: GeneratedLead): Record<string, unknown> {
  const { events, tags, ...fields } = lead;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  // An empty list would be a known, empty value; the CSV's blank cell is unknown.
  if (tags.length > 0) out.tags = tags;
  // Occurrences without a time use the short form, a bare type.
  out.events = events.map((event) => (event.at === undefined ? event.type : { type: event.type, at: event.at }));
  return out;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Collects small writes into ~64 KB blocks and waits for the disk when the stream asks to. */
class BufferedFile {
  private readonly stream: WriteStream;
  private pending = "";

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length < 65536) return;
    const block = this.pending;
    this.pending = "";
    if (!this.stream.write(block)) await waitForDrain(this.stream);
  }

  async close(): Promise<void> {
    const block = this.pending;
    this.pending = "";
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(block, () => resolve());
    });
  }
}
