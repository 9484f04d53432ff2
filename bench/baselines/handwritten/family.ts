// The 100- and 1,000-rule benchmark models (bench/models.ts familyModel) written by hand. Nobody
// types out a thousand rules: a competent engineer keeps each family of similar rules as a table and
// loops over it, after reading every field once (text lower-cased once) and making one pass over the
// lead's events that counts occurrences per (event type, window) the tables ask for.

import { EVENT_TYPES, ENGAGEMENT_CAP, FIT_CAP, FIT_TIERS, QUALIFY_ABOVE, TIERS, type FamilyModel, type FamilyTables } from "../../models.js";
import { DAY_MS, num, round2, text, typeIndexer, type HandResult } from "./common.js";

type Lead = Record<string, unknown>;

export function handWrittenFamilyScorer(model: FamilyModel): (lead: Lead, asOf: number) => HandResult {
  const t: FamilyTables = model.tables;
  const [competitorGate, studentGate] = model.gateLines;
  const typeIndex = typeIndexer(EVENT_TYPES);

  // One counter per distinct (event type, window); each event rule reads its counter.
  const slotKeys = new Map<string, number>();
  const slotsByType: { slot: number; maxAge: number }[][] = EVENT_TYPES.map(() => []);
  const slotOf = (event: number, days: number): number => {
    const key = `${event}/${days}`;
    let slot = slotKeys.get(key);
    if (slot === undefined) {
      slot = slotKeys.size;
      slotKeys.set(key, slot);
      slotsByType[event].push({ slot, maxAge: days * DAY_MS });
    }
    return slot;
  };
  const recent = t.recent.map((r) => ({ slot: slotOf(r.event, r.days), points: r.points }));
  const repeated = t.repeated.map((r) => ({ slot: slotOf(r.event, r.days), times: r.times, points: r.points }));
  const each = t.each.map((r) => ({ slot: slotOf(r.event, r.days), points: r.points, cap: r.cap }));
  const counts = new Int32Array(slotKeys.size);
  const signupWindows = t.signup.map((r) => ({ maxAge: r.days * DAY_MS, points: r.points }));

  return (lead, asOf) => {
    const size = num(lead.company_size);
    const title = text(lead.title);
    const company = text(lead.company);
    const email = text(lead.email);
    const industry = text(lead.industry);
    const country = text(lead.country);
    const signedUp = typeof lead.signed_up === "string" ? Date.parse(lead.signed_up) : NaN;
    let tags: string[] | undefined;
    if (Array.isArray(lead.tags)) {
      tags = [];
      for (const tag of lead.tags) {
        const normal = text(tag);
        if (normal !== undefined) tags.push(normal);
      }
    }

    counts.fill(0);
    const events = lead.events;
    if (Array.isArray(events)) {
      for (const event of events) {
        let type: string;
        let at = NaN;
        if (typeof event === "string") type = event;
        else {
          type = event.type;
          if (event.at) at = Date.parse(event.at);
        }
        if (at > asOf) continue;
        const k = typeIndex(type);
        if (k < 0) continue;
        const age = asOf - at; // NaN without a time: never within a window
        for (const { slot, maxAge } of slotsByType[k]) if (age <= maxAge) counts[slot]++;
      }
    }

    const atLeast = (min: number | null) => min === null || (size !== undefined && size >= min);

    let fit = 0;
    if (title !== undefined) for (const r of t.title) if (title.includes(r.word) && atLeast(r.minSize)) fit += r.points;
    if (size !== undefined) for (const r of t.size) if (size >= r.low && size <= r.high) fit += r.points;
    if (industry !== undefined && country !== undefined) {
      for (const r of t.market) if (industry === r.industry && country === r.country && atLeast(r.minSize)) fit += r.points;
    }
    if (tags !== undefined) for (const r of t.tags) if (tags.includes(r.tag) && atLeast(r.minSize)) fit += r.points;
    const signupAge = asOf - signedUp;
    if (signupAge >= 0) for (const r of signupWindows) if (signupAge <= r.maxAge) fit += r.points;
    fit = Math.min(fit, FIT_CAP);

    let engagement = 0;
    for (const r of recent) if (counts[r.slot] > 0) engagement += r.points;
    for (const r of repeated) if (counts[r.slot] >= r.times) engagement += r.points;
    for (const r of each) if (counts[r.slot] > 0) engagement += Math.min(r.points * counts[r.slot], r.cap);
    engagement = Math.min(engagement, ENGAGEMENT_CAP);

    let total = fit + engagement;
    if (email !== undefined) for (const r of t.email) if (email.endsWith(r.suffix) && atLeast(r.minSize)) total += r.points;
    if (company !== undefined) for (const r of t.company) if (company.includes(r.word) && atLeast(r.minSize)) total += r.points;

    const score = round2(total);
    const fitScore = round2(fit);
    const gate = lead.competitor === true ? competitorGate : tags !== undefined && tags.includes("student") ? studentGate : undefined;
    const result: HandResult = {
      id: lead.id,
      score,
      qualified: gate !== undefined ? false : score > QUALIFY_ABOVE,
      tier: score >= TIERS.hot ? "hot" : score >= TIERS.warm ? "warm" : "cold",
      groups: {
        fit: { score: fitScore, tier: fitScore >= FIT_TIERS.a ? "a" : fitScore >= FIT_TIERS.b ? "b" : "c" },
        engagement: { score: round2(engagement), tier: null },
      },
    };
    if (gate !== undefined) result.disqualified_by = gate;
    return result;
  };
}
