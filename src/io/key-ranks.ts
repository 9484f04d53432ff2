// The ranks of one bucket's lead keys, looked up by the bytes of an event's key: the third pass of
// csv-event-reorder.ts looks up every event row, and a Map would need a string per lookup (4.1M
// short-lived strings for 1M leads, which grew the young generation by ~40 MB).

import { hashBytes } from "./byte-buckets.js";

/** An open-addressing table over records `u32 key length, key bytes, u32 rank` in one buffer. */
export class KeyRanks {
  private slots = new Int32Array(16);
  private shift = 28;
  private records: Uint8Array = new Uint8Array(0);

  /** Takes the records (kept, not copied, until the next load); false when a key repeats. */
  load(records: Uint8Array): boolean {
    this.records = records;
    let count = 0;
    for (let at = 0; at < records.length; at += 8 + readU32(records, at)) count++;
    // At most half full, so a miss ends after a probe or two.
    let bits = 4;
    while (1 << bits < 2 * count) bits++;
    if (this.slots.length !== 1 << bits) this.slots = new Int32Array(1 << bits);
    else this.slots.fill(0);
    this.shift = 32 - bits;
    for (let at = 0; at < records.length; at += 8 + readU32(records, at)) {
      const start = at + 4;
      const end = start + readU32(records, at);
      const slot = this.find(records, start, end);
      if (this.slots[slot] !== 0) return false;
      this.slots[slot] = at + 1;
    }
    return true;
  }

  /** The rank of the key bytes[start, end), or -1. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const entry = this.slots[this.find(bytes, start, end)];
    if (entry === 0) return -1;
    const at = entry - 1;
    return readU32(this.records, at + 4 + readU32(this.records, at));
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private find(bytes: Uint8Array, start: number, end: number): number {
    const mask = this.slots.length - 1;
    let slot = Math.imul(hashBytes(bytes, start, end), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0 || this.holds(entry - 1, bytes, start, end)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private holds(at: number, bytes: Uint8Array, start: number, end: number): boolean {
    const records = this.records;
    const length = end - start;
    if (readU32(records, at) !== length) return false;
    for (let i = 0; i < length; i++) if (records[at + 4 + i] !== bytes[start + i]) return false;
    return true;
  }
}

/** A little-endian u32 (below 2^31: lengths and ranks), without Buffer's checks. */
export function readU32(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}
