// The ACME model (bench/models.ts ACME_SOURCE) written by hand, as a competent engineer would: read
// each field once, lower-case text once, one loop over the events filling the counters the rules
// need, then the rules as plain ifs.

import { DAY_MS, num, round2, text, typeIndexer, type HandResult } from "./common.js";

const OPENED_EMAIL = 0;
const DOWNLOADED_WHITEPAPER = 1;
const REGISTERED_WEBINAR = 2;
const ATTENDED_WEBINAR = 3;
const VISITED_PRICING_PAGE = 4;
const typeIndex = typeIndexer(["opened email", "downloaded whitepaper", "registered webinar", "attended webinar", "visited pricing page"]);

export function scoreAcme(lead: Record<string, unknown>, asOf: number): HandResult {
  const size = num(lead.company_size);
  const industry = text(lead.industry);
  const title = text(lead.title);
  const email = text(lead.email);

  let opened = 0;
  let whitepapers = 0;
  let registrations = 0;
  let webinars30 = 0;
  let pricing14 = 0;
  const events = lead.events;
  if (Array.isArray(events)) {
    for (const event of events) {
      let type: string;
      let at = NaN; // no time: counts for tests without a window only
      if (typeof event === "string") type = event;
      else {
        type = event.type;
        if (event.at) at = Date.parse(event.at);
      }
      if (at > asOf) continue;
      const age = asOf - at;
      switch (typeIndex(type)) {
        case OPENED_EMAIL:
          opened++;
          break;
        case DOWNLOADED_WHITEPAPER:
          whitepapers++;
          break;
        case REGISTERED_WEBINAR:
          registrations++;
          break;
        case ATTENDED_WEBINAR:
          if (age <= 30 * DAY_MS) webinars30++;
          break;
        case VISITED_PRICING_PAGE:
          if (age <= 14 * DAY_MS) pricing14++;
          break;
      }
    }
  }

  let fit = 0;
  if (size !== undefined && size >= 200) fit += 10;
  if (industry === "saas" || industry === "finance") fit += 5;
  if (title !== undefined && (title.includes("vp") || title.includes("director"))) fit += 8;
  fit = Math.min(fit, 50);

  let engagement = 0;
  if (opened > 0) engagement += Math.min(2 * opened, 10);
  if (whitepapers > 0) engagement += 5;
  if (registrations > 0) engagement += 8;
  if (webinars30 > 0) engagement += 10;
  if (pricing14 >= 3) engagement += 15;

  let total = fit + engagement;
  if (lead.competitor === true) total -= 20;
  if (email !== undefined && email.endsWith("@gmail.com")) total -= 5;

  const score = round2(total);
  return {
    id: lead.id,
    score,
    qualified: score > 20,
    tier: score >= 9 ? "hot" : score >= 5 ? "warm" : "cold",
    groups: { fit: { score: round2(fit), tier: null }, engagement: { score: round2(engagement), tier: null } },
  };
}
