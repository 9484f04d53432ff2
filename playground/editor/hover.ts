// Hover: a field's type, an event's use in the sample leads, a group's cap, a keyword's meaning, and
// on any rule line its points and how many sample leads it fires for.

import type { IDisposable, IMarkdownString, editor, Position, IRange } from "monaco-editor/editor/editor.api";
import type { Workspace } from "../state/workspace.svelte.js";
import { isScored } from "../state/workspace.svelte.js";
import { occurrences } from "../state/leads.js";
import type { Monaco } from "./monaco.js";
import { LANGUAGE_ID } from "./language.js";
import { describeType } from "./completion.js";

const KEYWORD_HELP: Record<string, string> = {
  when: "`when CONDITION add N` — a rule: points when the condition holds.",
  add: "`add N` awards +N points once when the condition holds (per occurrence with `each`).",
  subtract: "`subtract N` takes N points away when the condition holds.",
  each: "`each` awards the points per matching occurrence of the event; `up to M` caps the rule.",
  within: "`within D` counts only what happened in the last D (days, weeks = 7 days, months = 30 days) before the as-of time.",
  decay: "`decay P% every D`: each occurrence's points shrink by P% for every full D of age.",
  group: "`group NAME [up to M] { ... }` collects rules into a sub-score, capped at M.",
  qualify: "`qualify above N` (score > N) or `qualify at least N` (score ≥ N): the hand-off to sales.",
  disqualify: "`disqualify when CONDITION`: a lead matching it is never qualified, whatever its score.",
  tiers: "`tiers { NAME at least N ... NAME otherwise }`: the first tier that matches wins.",
  otherwise: "`otherwise`: the tier for every score the tiers above it do not match.",
  example: "`example \"title\" { lead {...} events {...} expect ... }`: a test the playground runs live.",
  between: "`between A and B` includes both ends.",
  contains: "For text: contains the words (ignoring case). For a list: some element equals the value.",
  known: "`is known`: the lead has a value for the field (not null, absent or blank).",
  unknown: "`is unknown`: the lead has no value for the field (null, absent or blank).",
};

function md(value: string): IMarkdownString {
  return { value, isTrusted: false, supportHtml: false };
}

/** Plain text shown inside markdown: characters with a meaning in markdown are escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, "\\$&");
}

function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

export function registerHover(m: Monaco, workspace: Workspace): IDisposable {
  return m.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model: editor.ITextModel, position: Position) {
      const contents: IMarkdownString[] = [];
      let range: IRange | undefined;
      const lineText = model.getLineContent(position.lineNumber);
      const word = model.getWordAtPosition(position);
      const schema = workspace.compiled.schema;
      const leadCount = workspace.leads.length;

      // Events are several words: find the one under the cursor on this line.
      const lowerLine = lineText.toLowerCase();
      for (const event of schema.events) {
        let from = 0;
        for (;;) {
          const at = lowerLine.indexOf(event, from);
          if (at < 0) break;
          from = at + 1;
          const before = lowerLine[at - 1];
          const after = lowerLine[at + event.length];
          if ((before && /\w/.test(before)) || (after && /\w/.test(after))) continue;
          if (position.column - 1 >= at && position.column - 1 <= at + event.length) {
            const having = workspace.leads.filter((lead) => occurrences(lead.data).some((o) => o.type.trim().replace(/\s+/g, " ").toLowerCase() === event)).length;
            contents.push(md(`**${escape(event)}** — event\n\n${having} of ${leadCount} sample leads have it.`));
            range = { startLineNumber: position.lineNumber, startColumn: at + 1, endLineNumber: position.lineNumber, endColumn: at + event.length + 1 };
            break;
          }
        }
        if (range) break;
      }

      if (!range && word) {
        range = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: word.endColumn };
        const field = schema.fields.find((f) => f.name === word.word);
        const group = workspace.scoringModel?.plan.groups.find((g) => g.name === word.word);
        if (field) {
          const known = workspace.leads.filter((lead) => {
            const v = lead.data[field.name];
            return v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
          }).length;
          contents.push(md(`**${escape(field.name)}**: \`${describeType(field.type)}\`\n\nKnown for ${known} of ${leadCount} sample leads.`));
        } else if (group) {
          const scores = workspace.results.filter(isScored).map((r) => r.groups[group.name]?.score ?? 0);
          const average = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
          contents.push(md(`**${escape(group.name)}** — group${group.upTo !== undefined ? `, capped at ${group.upTo}` : ""}\n\nAverage sub-score over the sample leads: ${Math.round(average * 100) / 100}.`));
        } else if (KEYWORD_HELP[word.word]) {
          contents.push(md(KEYWORD_HELP[word.word]));
        }
      }

      // Any position on a rule's line also shows the rule's points and reach.
      const plan = workspace.scoringModel?.plan;
      if (plan && !workspace.stale) {
        const rules = plan.rules.filter((r) => r.line === position.lineNumber);
        const gate = plan.gates.find((g) => g.line === position.lineNumber);
        const counts = rules.length > 0 || gate ? workspace.ruleHitCounts() : undefined;
        for (const rule of rules) {
          const parts = [`**${formatPoints(rule.points)}**${rule.each ? " per occurrence" : ""}`];
          if (rule.each?.upTo !== undefined) parts.push(`up to ${rule.each.upTo}`);
          if (rule.decay) parts.push(`decays ${rule.decay.percent}% every ${rule.decay.everyDays} days`);
          if (rule.group !== null) parts.push(`in group ${escape(plan.groups[rule.group]?.name ?? "")}`);
          const hits = counts?.get(rule.line) ?? 0;
          contents.push(md(`Rule: ${parts.join(", ")}\n\nFires for **${hits}** of ${leadCount} sample leads.`));
        }
        if (gate) {
          const stopped = workspace.results.filter((r) => isScored(r) && r.disqualified_by === gate.line).length;
          contents.push(md(`Gate: stops **${stopped}** of ${leadCount} sample leads from qualifying.`));
        }
        if (!range && (rules.length > 0 || gate)) range = { startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: lineText.length + 1 };
      }

      return contents.length > 0 ? { contents, range } : null;
    },
  });
}
