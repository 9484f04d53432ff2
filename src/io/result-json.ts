// One result as the JSON text JSON.stringify gives it, written out field by field: on a million
// leads JSON.stringify's generic walk is a tenth of the CLI's time, and a result has a known shape
// (SPEC section 5). Tier and group names repeat on every line, so their quoted forms are kept.
// Anything unexpected (an error record, explain hits, a value of another type) goes to
// JSON.stringify, so the text is always exactly what it would give.

import type { LeadRecord } from "../ir/result.js";

const MAX_QUOTED = 1000;

export class ResultJson {
  private readonly quoted = new Map<string, string>();

  /** JSON.stringify(record), hits left out (they belong to explain output only). */
  line(record: LeadRecord): string {
    if ("error" in record) return JSON.stringify(record);
    const { id, score, qualified, tier, groups } = record;
    let text: string;
    if (typeof id === "string") text = `{"id":${JSON.stringify(id)}`;
    else if (typeof id === "number" && Number.isFinite(id)) text = `{"id":${id}`;
    else return this.fallback(record);
    if (typeof score !== "number" || !Number.isFinite(score)) return this.fallback(record);
    text += `,"score":${score}`;
    if (qualified === null || typeof qualified === "boolean") text += `,"qualified":${qualified}`;
    else return this.fallback(record);
    if (tier === null) text += `,"tier":null`;
    else if (typeof tier === "string") text += `,"tier":${this.quote(tier)}`;
    else return this.fallback(record);
    if (typeof groups !== "object" || groups === null) return this.fallback(record);
    text += `,"groups":{`;
    let first = true;
    for (const name of Object.keys(groups)) {
      const group = groups[name];
      if (typeof group !== "object" || group === null || typeof group.score !== "number" || !Number.isFinite(group.score)) return this.fallback(record);
      text += `${first ? "" : ","}${this.quote(name)}:{"score":${group.score},"tier":`;
      if (group.tier === null) text += "null}";
      else if (typeof group.tier === "string") text += `${this.quote(group.tier)}}`;
      else return this.fallback(record);
      first = false;
    }
    text += "}";
    const gate = record.disqualified_by;
    if (gate !== undefined) {
      if (typeof gate !== "number" || !Number.isFinite(gate)) return this.fallback(record);
      text += `,"disqualified_by":${gate}`;
    }
    return text + "}";
  }

  private quote(name: string): string {
    let quoted = this.quoted.get(name);
    if (quoted === undefined) {
      quoted = JSON.stringify(name);
      if (this.quoted.size < MAX_QUOTED) this.quoted.set(name, quoted);
    }
    return quoted;
  }

  private fallback(record: LeadRecord): string {
    if (!("hits" in record)) return JSON.stringify(record);
    const { hits: _hits, ...rest } = record;
    return JSON.stringify(rest);
  }
}
