// Finds where each CSV record starts, in bytes, and where one column of it lies, without building
// the record: what the parallel scorer's planning pass (parallel-plan.ts) needs to cut a file into
// chunks that worker threads read on their own. It makes no string per record, so it reads a file
// several times faster than the tokenizer.
//
// It follows the record rules of CsvTokenizer exactly for well-formed input (quotes only open a
// field at its start, "" inside quotes, LF, CRLF or lone CR line ends, blank lines skipped, lines
// counted the same way). Where the tokenizer would report a malformed record (text after a closing
// quote, a quote never closed) or a record is longer than a block, the scanner does not guess: it
// throws IrregularCsv and the caller uses the sequential reader, which reports the problem. Working
// on bytes is safe for UTF-8: no byte of a multi-byte character is below 0x80, so commas, quotes
// and line ends are never part of one.

import type { FileHandle } from "node:fs/promises";
import { byteOrderMarkLength, IrregularInput } from "./plan-files.js";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** plainRecord's answer for a record it leaves to quotedRecord. */
const QUOTED = -2;

/** Records per batch: the arrays below are allocated once and refilled for every batch. */
const BATCH_RECORDS = 16 * 1024;

/**
 * Up to BATCH_RECORDS records, as parallel arrays (entries 0 to count - 1; the header included).
 * The batch, and the `buffer` its positions index, are reused: only valid until the next batch is
 * asked for.
 */
export class ScannedRecords {
  count = 0;
  buffer: Buffer = Buffer.alloc(0);
  /** File offset of `buffer[0]`: a record's bytes are buffer[starts[r] - base, ends[r] - base). */
  base = 0;
  /** File offset of each record's first byte. */
  readonly starts = new Float64Array(BATCH_RECORDS);
  /** File offset just past each record's line end (its last byte when the file ends without one). */
  readonly ends = new Float64Array(BATCH_RECORDS);
  /** Physical line each record starts on (1-based). */
  readonly lines = new Float64Array(BATCH_RECORDS);
  /** The line after each record's line end: linesAfter - lines is how many line ends the record holds (0 for a last record without one). */
  readonly linesAfter = new Float64Array(BATCH_RECORDS);
  /** Number of fields. */
  readonly widths = new Int32Array(BATCH_RECORDS);
  /** The wanted column's bytes in `buffer` (quotes excluded); start -1 when the record has no such field. */
  readonly valueStarts = new Int32Array(BATCH_RECORDS);
  readonly valueEnds = new Int32Array(BATCH_RECORDS);
  /** 1 when the wanted column was quoted and holds "" pairs, so its bytes are not its text. */
  readonly escaped = new Uint8Array(BATCH_RECORDS);
  /** The same for the second wanted column, when ScanOptions.column asks for one. */
  readonly secondStarts = new Int32Array(BATCH_RECORDS);
  readonly secondEnds = new Int32Array(BATCH_RECORDS);
  readonly secondEscaped = new Uint8Array(BATCH_RECORDS);
  /** 1 when the record is one field of nothing but white space (a blank row to the readers). */
  readonly blanks = new Uint8Array(BATCH_RECORDS);
  /** The line the scan stands on after this batch: after the last batch, the file's last line + 1 (or + 0 without a final line end). */
  nextLine = 1;

  get full(): boolean {
    return this.count === BATCH_RECORDS;
  }
}

/** Input this scanner does not cut: the caller reads the file sequentially. */
export class IrregularCsv extends IrregularInput {}

export interface ScanOptions {
  /**
   * Given the header's fields (read in full), the column to locate in later records (-1: none), or
   * two of them (the second in secondStarts/secondEnds).
   */
  column(header: string[]): number | readonly [number, number];
  /** Block size in bytes; a record longer than this makes the file irregular. */
  blockBytes?: number;
  /**
   * Scan only the bytes [start, end), a section starting at a record, as if they were the whole
   * file (lines are counted from 1 at `start`). With `header`, the section comes after a header
   * row of these fields; without, it starts with the header row.
   */
  section?: { start: number; end: number; header?: string[] };
}

export const DEFAULT_BLOCK_BYTES = 4 * 1024 * 1024;

/** The text of record `r`'s wanted column, as the tokenizer gives it (untrimmed). */
export function valueText(batch: ScannedRecords, r: number): string {
  return fieldText(batch.buffer, batch.valueStarts[r], batch.valueEnds[r], batch.escaped[r]);
}

/** The text of record `r`'s second wanted column (untrimmed). */
export function secondText(batch: ScannedRecords, r: number): string {
  return fieldText(batch.buffer, batch.secondStarts[r], batch.secondEnds[r], batch.secondEscaped[r]);
}

function fieldText(buffer: Buffer, start: number, end: number, escaped: number): string {
  if (start < 0) return "";
  const text = buffer.toString("utf8", start, end);
  return escaped === 1 ? text.replaceAll('""', '"') : text;
}

/** Scans the open file from its start, a batch of records per block read. */
export async function* scanCsvRecords(file: FileHandle, options: ScanOptions): AsyncGenerator<ScannedRecords> {
  const capacity = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
  const buffer = Buffer.allocUnsafe(capacity);
  const scanner = new BlockScanner(options.column, options.section?.header);
  const batch = new ScannedRecords();
  const end = options.section?.end ?? Infinity;
  let filled = 0; // bytes in `buffer`
  let base = options.section?.start ?? 0; // file offset of buffer[0]
  let position = base; // file offset to read next
  let first = base === 0; // a byte-order mark can only start the file
  for (;;) {
    const wanted = Math.min(capacity - filled, end - position);
    const { bytesRead } = wanted > 0 ? await file.read(buffer, filled, wanted, position) : { bytesRead: 0 };
    position += bytesRead;
    filled += bytesRead;
    const final = bytesRead === 0;
    let from = 0;
    if (first) {
      first = false;
      from = byteOrderMarkLength(buffer, filled);
    }
    let consumed = from;
    for (;;) {
      batch.count = 0;
      batch.buffer = buffer;
      batch.base = base;
      consumed = scanner.scan(buffer, consumed, filled, base, final, batch);
      batch.nextLine = scanner.line;
      if (batch.count > 0 || final) yield batch;
      if (!batch.full) break; // else the block holds more records
    }
    if (final) return;
    if (consumed === 0 && filled === capacity) throw new IrregularCsv(`a record longer than ${capacity} bytes`);
    // Move the incomplete record to the front and read on after it.
    buffer.copyWithin(0, consumed, filled);
    base += consumed;
    filled -= consumed;
  }
}

class BlockScanner {
  /** The line the next record starts on, or a blank line is on. */
  line = 1;
  private column = -1;
  private second = -1;
  private headerRead = false;

  constructor(
    private readonly chooseColumn: ScanOptions["column"],
    header?: string[],
  ) {
    if (header !== undefined) this.readHeader(header);
  }

  private readHeader(header: string[]): void {
    this.headerRead = true;
    const chosen = this.chooseColumn(header);
    [this.column, this.second] = typeof chosen === "number" ? [chosen, -1] : chosen;
  }

  /**
   * Scans the complete records of buffer[from, end) into `out` (`base`: the file offset of
   * buffer[0]); returns where the first incomplete record starts, or `end`.
   */
  scan(buffer: Buffer, from: number, end: number, base: number, final: boolean, out: ScannedRecords): number {
    let i = from;
    while (i < end && !out.full) {
      const c = buffer[i];
      if (c === LF || c === CR) {
        // A blank line: not a record.
        if (c === CR && i + 1 === end && !final) return i;
        i += c === CR && i + 1 < end && buffer[i + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      let next = this.headerRead ? this.plainRecord(buffer, i, end, final, base, out) : QUOTED;
      if (next === QUOTED) next = this.quotedRecord(buffer, i, end, final, base, out);
      if (next < 0) return i; // incomplete: scanned again once more bytes are in
      i = next;
    }
    return i;
  }

  /**
   * A record with no field in quotes: one loop over its bytes, the common case. Returns the next
   * record's start, -1 when the record is incomplete, or QUOTED when a field opens with a quote
   * (quotedRecord then reads the record from its start). A quote inside a field is text, as in the
   * tokenizer. Every byte the loop looks for (comma, quote, CR, LF) is at most a comma's code, so
   * most bytes take one comparison.
   */
  private plainRecord(buffer: Buffer, start: number, end: number, final: boolean, base: number, out: ScannedRecords): number {
    const column = this.column;
    const second = this.second;
    let width = 1;
    let valueStart = column === 0 ? start : -1;
    let valueEnd = -1;
    let secondStart = second === 0 ? start : -1;
    let secondEnd = -1;
    let j = start;
    if (buffer[j] === QUOTE) return QUOTED;
    for (;;) {
      while (j < end && buffer[j] > COMMA) j++;
      if (j === end) {
        if (!final) return -1;
        break;
      }
      const c = buffer[j];
      if (c === LF || c === CR) break;
      j++;
      if (c !== COMMA) continue;
      if (width - 1 === column) valueEnd = j - 1;
      else if (width - 1 === second) secondEnd = j - 1;
      width++;
      if (width - 1 === column) valueStart = j;
      else if (width - 1 === second) secondStart = j;
      if (j < end && buffer[j] === QUOTE) return QUOTED;
    }
    const lineEnd = j;
    if (valueStart >= 0 && valueEnd < 0) valueEnd = lineEnd;
    if (secondStart >= 0 && secondEnd < 0) secondEnd = lineEnd;
    const recordLine = this.line;
    const next = this.afterLineEnd(buffer, lineEnd, end, final);
    if (next < 0) return -1;
    const blank = width === 1 && isWhiteSpace(buffer, start, lineEnd);
    push(out, base, start, next, recordLine, this.line, width, blank);
    setValue(out, valueStart, valueEnd, false);
    setSecond(out, secondStart, secondEnd, false);
    return next;
  }

  /** Past the line end at `at` (or `end`); -1 when a CR ends the block and a LF may follow. Bytes at
   * and after `end` are left over from earlier blocks: never look at them. */
  private afterLineEnd(buffer: Buffer, at: number, end: number, final: boolean): number {
    if (at >= end) return end;
    this.line++;
    if (buffer[at] === LF) return at + 1;
    if (at + 1 === end && !final) {
      this.line--;
      return -1;
    }
    return at + 1 < end && buffer[at + 1] === LF ? at + 2 : at + 1;
  }

  /** Any record, field by field (the header, and records with quotes). Returns the next start, or -1. */
  private quotedRecord(buffer: Buffer, start: number, end: number, final: boolean, base: number, out: ScannedRecords): number {
    const header: string[] | undefined = this.headerRead ? undefined : [];
    let line = this.line;
    let i = start;
    let width = 0;
    let valueStart = -1;
    let valueEnd = -1;
    let valueEscaped = false;
    let secondStart = -1;
    let secondEnd = -1;
    let secondEscaped = false;
    let firstStart = 0;
    let firstEnd = 0;
    for (;;) {
      let fieldStart = i;
      let fieldEnd: number;
      let escaped = false;
      if (i < end && buffer[i] === QUOTE) {
        let j = i + 1;
        for (;;) {
          if (j >= end) {
            if (final) throw new IrregularCsv(`the quote opened on line ${line} is never closed`);
            return -1;
          }
          const c = buffer[j];
          if (c === QUOTE) {
            if (j + 1 === end && !final) return -1;
            if (j + 1 === end || buffer[j + 1] !== QUOTE) break;
            escaped = true;
            j += 2;
            continue;
          }
          if (c === LF) line++;
          else if (c === CR) {
            if (j + 1 === end && !final) return -1;
            if (j + 1 === end || buffer[j + 1] !== LF) line++;
          }
          j++;
        }
        fieldStart = i + 1;
        fieldEnd = j;
        i = j + 1;
        if (i < end) {
          const c = buffer[i];
          if (c !== COMMA && c !== LF && c !== CR) throw new IrregularCsv(`text after a closing quote on line ${line}`);
        }
      } else {
        while (i < end) {
          const c = buffer[i];
          if (c === COMMA || c === LF || c === CR) break;
          i++;
        }
        if (i === end && !final) return -1;
        fieldEnd = i;
      }
      if (width === 0) {
        firstStart = fieldStart;
        firstEnd = fieldEnd;
      }
      if (header !== undefined) {
        const text = buffer.toString("utf8", fieldStart, fieldEnd);
        header.push(escaped ? text.replaceAll('""', '"') : text);
      } else if (width === this.column) {
        valueStart = fieldStart;
        valueEnd = fieldEnd;
        valueEscaped = escaped;
      } else if (width === this.second) {
        secondStart = fieldStart;
        secondEnd = fieldEnd;
        secondEscaped = escaped;
      }
      width++;
      if (i < end && buffer[i] === COMMA) {
        i++;
        if (i === end && !final) return -1;
        continue;
      }
      break;
    }
    // The record ends at a line end or the end of the file; `line` counted the breaks inside quotes.
    const recordLine = this.line;
    this.line = line;
    const next = this.afterLineEnd(buffer, i, end, final);
    if (next < 0) {
      this.line = recordLine;
      return -1;
    }
    const blank = width === 1 && isWhiteSpace(buffer, firstStart, firstEnd);
    push(out, base, start, next, recordLine, this.line, width, blank);
    setValue(out, valueStart, valueEnd, valueEscaped);
    setSecond(out, secondStart, secondEnd, secondEscaped);
    if (header !== undefined) this.readHeader(header);
    return next;
  }
}

/** Adds a record from buffer[start, next) (`base`: the file offset of buffer[0]); its columns follow. */
function push(out: ScannedRecords, base: number, start: number, next: number, line: number, lineAfter: number, width: number, blank: boolean): void {
  const n = out.count++;
  out.starts[n] = base + start;
  out.ends[n] = base + next;
  out.lines[n] = line;
  out.linesAfter[n] = lineAfter;
  out.widths[n] = width;
  out.blanks[n] = blank ? 1 : 0;
}

/** The wanted column of the record push() added last. */
function setValue(out: ScannedRecords, start: number, end: number, escaped: boolean): void {
  const n = out.count - 1;
  out.valueStarts[n] = start;
  out.valueEnds[n] = end;
  out.escaped[n] = escaped ? 1 : 0;
}

/** The second wanted column of the record push() added last. */
function setSecond(out: ScannedRecords, start: number, end: number, escaped: boolean): void {
  const n = out.count - 1;
  out.secondStarts[n] = start;
  out.secondEnds[n] = end;
  out.secondEscaped[n] = escaped ? 1 : 0;
}

/** An ASCII byte String.prototype.trim() removes: space, tab, LF, VT, FF, CR. */
export function isAsciiSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

/** True when the bytes are empty or, decoded, nothing but white space (String.prototype.trim's). */
function isWhiteSpace(buffer: Buffer, start: number, end: number): boolean {
  return start === end || buffer.toString("utf8", start, end).trim() === "";
}
