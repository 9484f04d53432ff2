// The visual rule builder in real Chromium, on the built site (dist/): a model built from an empty text
// by clicking scores exactly as the same model typed by hand; editing one rule changes one line of the
// text; a text edit shows in the builder at once; undo and redo span both views; rows are keyboard
// operable and labelled.

import { beforeEach, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import LZString from "lz-string";
import { compile, format, isErrorRecord } from "../../src/index.js";
import { lineDiff } from "../builder/line-diff.js";
import { browserSession } from "./session.js";

const ACME = fileURLToPath(new URL("../../examples/acme.score", import.meta.url));
const ACME_SOURCE = readFileSync(ACME, "utf8");
const DEMO_LEADS = JSON.parse(readFileSync(fileURLToPath(new URL("../../examples/leads.json", import.meta.url)), "utf8")) as unknown[];
const AS_OF = "2026-11-15";

/** The demo's scoring model as a person would type it (SPEC 9), in canonical form. */
const TYPED_BY_HAND = `lead {
  competitor: boolean
}

events {
  opened email
  downloaded document
  registered webinar
  attended online event
}

when opened email add 2 each up to 10
when downloaded document add 5
when registered webinar add 8
when attended online event add 10
when competitor subtract 20

qualify above 20

tiers {
  hot at least 9
  warm at least 5
  cold otherwise
}
`;

const session = browserSession();
let page: Page;

beforeEach(async () => {
  page = session.page;
  await page.goto(session.server.url);
  await page.waitForSelector('[data-testid="editor"][data-ready="true"]', { timeout: 20_000 });
});

/**
 * The model text, exactly: read back from the share link (which carries it compressed). Keyboard
 * focus is put back where it was, so a test can go on typing.
 */
async function modelText(): Promise<string> {
  const focused = await page.evaluateHandle(() => document.activeElement);
  await page.click('[data-testid="share"]');
  const link = await page.locator('[data-testid="share-link"]').inputValue();
  await page.click('[data-testid="share"]');
  await focused.evaluate((element) => (element as HTMLElement | null)?.focus());
  await focused.dispose();
  const packed = /model=([^&]+)/.exec(new URL(link).hash)?.[1] ?? "";
  return LZString.decompressFromEncodedURIComponent(packed) ?? "";
}

async function showText(): Promise<void> {
  await page.getByTestId("view-text").click();
}

/** Types a new last line in the text editor (shown again first, and laid out before the click). */
async function typeLineAtEnd(text: string): Promise<void> {
  await showText();
  await page.locator('[data-testid="editor"] .view-line').first().waitFor({ state: "visible" });
  // Click inside the editor's visible box (the lines element can be taller than the page).
  await expect.poll(async () => {
    await page.getByTestId("editor").click({ position: { x: 120, y: 20 } });
    return page.evaluate(() => document.activeElement?.closest('[data-testid="editor"]') !== null);
  }).toBe(true);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press("Escape");
}

/** The text without the first occurrence of `line`. */
function withoutLine(text: string, line: string): string {
  const at = text.indexOf(line);
  return at === -1 ? text : text.slice(0, at) + text.slice(at + line.length);
}

async function showBuilder(): Promise<Locator> {
  await page.getByTestId("view-builder").click();
  const builder = page.getByTestId("builder");
  await builder.waitFor();
  return builder;
}

async function clearText(): Promise<void> {
  await showText();
  await page.getByTestId("editor").click({ position: { x: 120, y: 20 } });
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await expect.poll(modelText).toBe("");
}

async function openAcme(): Promise<void> {
  await page.getByTestId("import-model-input").setInputFiles(ACME);
  await expect.poll(modelText).toBe(ACME_SOURCE);
}

/** Visible leads as id -> score, from the leads table. */
async function shownScores(): Promise<Map<string, number>> {
  const rows = page.locator('[data-testid="lead-row"]');
  const ids = await rows.locator('[data-testid="lead-id"]').allInnerTexts();
  const scores = await rows.locator('[data-testid="lead-score"]').allInnerTexts();
  // The table draws only the rows in view; the others are empty placeholders.
  return new Map(ids.flatMap((id, i) => (id.trim() === "" ? [] : [[id.trim(), Number(scores[i].trim())] as const])));
}

function expectedScores(source: string): Map<string, number> {
  const model = compile(source).model;
  if (!model) throw new Error("the expected model has errors");
  const asOf = new Date(`${AS_OF}T23:59:59.999Z`);
  const out = new Map<string, number>();
  for (const record of model.scoreAll(DEMO_LEADS, { asOf })) if (!isErrorRecord(record)) out.set(String(record.id), record.score);
  return out;
}

describe("the visual rule builder", () => {
  it("builds the demo model from an empty text by clicking, with the text and scores of the typed model", async () => {
    await page.getByTestId("as-of").fill(AS_OF);
    await clearText();
    await showBuilder();
    expect(await page.getByTestId("builder-rule").count()).toBe(0);

    await page.getByTestId("builder-new-field-name").fill("competitor");
    await page.getByTestId("builder-new-field-type").selectOption("boolean");
    await page.getByTestId("builder-add-field").click();
    for (const event of ["opened email", "downloaded document", "registered webinar", "attended online event"]) {
      await page.getByTestId("builder-new-event-name").fill(event);
      await page.getByTestId("builder-add-event").click();
    }

    const rules = page.getByTestId("builder-rule");
    const wanted: { subject: string; verb: string; points: number; each?: number }[] = [
      { subject: "e:opened email", verb: "add", points: 2, each: 10 },
      { subject: "e:downloaded document", verb: "add", points: 5 },
      { subject: "e:registered webinar", verb: "add", points: 8 },
      { subject: "e:attended online event", verb: "add", points: 10 },
      { subject: "f:competitor", verb: "subtract", points: 20 },
    ];
    for (const [index, rule] of wanted.entries()) {
      await page.getByTestId("builder-add-rule").click();
      await expect.poll(() => rules.count()).toBe(index + 1);
      const row = rules.nth(index);
      await row.getByLabel("Field or event").selectOption(rule.subject);
      await row.getByLabel("Add or subtract").selectOption(rule.verb);
      await row.getByTestId("builder-points").fill(String(rule.points));
      if (rule.each !== undefined) {
        await row.getByTestId("builder-each").check();
        await row.getByTestId("builder-up-to").fill(String(rule.each));
      }
    }

    await page.getByTestId("builder-add-qualify").click();
    await page.getByTestId("builder-qualify-threshold").fill("20");
    await page.getByTestId("builder-add-tiers").click();
    for (let i = 0; i < 3; i++) await page.getByTestId("builder-add-tier").click();
    const tiers = page.getByTestId("builder-tier");
    const tierSpecs: [string, number | "otherwise"][] = [["hot", 9], ["warm", 5], ["cold", "otherwise"]];
    for (const [index, [name, threshold]] of tierSpecs.entries()) {
      const tier = tiers.nth(index);
      await tier.getByTestId("builder-tier-name").fill(name);
      await tier.getByTestId("builder-tier-name").press("Enter");
      if (threshold === "otherwise") await tier.getByLabel("Tier condition").selectOption("otherwise");
      else await tier.getByTestId("builder-tier-threshold").fill(String(threshold));
    }

    await expect.poll(modelText).toBe(TYPED_BY_HAND);
    expect(format(TYPED_BY_HAND)).toBe(TYPED_BY_HAND);
    expect(await page.getByTestId("builder-rule").count()).toBe(5);
    // Each row also reads as its line of text (for screen readers, and for anything reading the page).
    const rowTexts = await page.getByTestId("builder-rule").getByTestId("builder-row-text").allInnerTexts();
    expect(rowTexts.map((t) => t.replace(/^.*?: /, ""))).toEqual(TYPED_BY_HAND.split("\n").filter((l) => l.startsWith("when ")));
    expect(await page.locator('[data-testid="builder"] [data-testid="builder-diagnostic"][data-code^="LS"]').count()).toBe(0);

    // The scores shown are the typed model's, lead by lead.
    const expected = expectedScores(TYPED_BY_HAND);
    await expect.poll(async () => {
      const shown = await shownScores();
      return shown.size > 0 && [...shown].every(([id, score]) => expected.get(id) === score);
    }).toBe(true);
    const qualified = [...expected.values()].filter((s) => s > 20).length;
    expect(await page.getByTestId("lead-summary").innerText()).toContain(`${qualified} qualified`);
  });

  it("rewrites exactly one line of the text when one rule is edited", async () => {
    await openAcme();
    await showBuilder();
    const row = page.getByTestId("builder-rule").nth(1); // in group fit: when company_size between 200 and 999 add 10
    await row.getByTestId("builder-points").fill("12");
    await expect.poll(modelText).not.toBe(ACME_SOURCE);
    const after = await modelText();
    const diff = lineDiff(ACME_SOURCE, after);
    expect(diff.removed.map((l) => l.text)).toEqual(["  when company_size between 200 and 999 add 10"]);
    expect(diff.added.map((l) => l.text)).toEqual(["  when company_size between 200 and 999 add 12"]);

    // The operator too: still one line, comments untouched.
    await row.getByLabel("Operator").selectOption(">=");
    await expect.poll(async () => lineDiff(ACME_SOURCE, await modelText()).added.map((l) => l.text)).toEqual(["  when company_size >= 200 add 12"]);
    expect(lineDiff(ACME_SOURCE, await modelText()).removed).toHaveLength(1);
  });

  it("shows a text edit in the builder at once, and text it cannot show as read-only text", async () => {
    await typeLineAtEnd("when registered webinar add 7 # from the text");
    await showBuilder();
    const row = page.getByTestId("builder-rule").filter({ hasText: "# from the text" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId("builder-points").inputValue()).toBe("7");
    expect(await row.innerText()).toContain("when registered webinar add 7");
    expect(await row.getByLabel("Field or event").inputValue()).toBe("e:registered webinar");

    await typeLineAtEnd("when opened email ad 3");
    await showBuilder();
    const raw = page.getByTestId("builder-raw");
    await expect.poll(() => raw.count()).toBe(1);
    expect(await raw.innerText()).toContain("when opened email ad 3");
    expect(await raw.getByTestId("builder-diagnostic").count()).toBeGreaterThan(0);
  });

  it("deletes a declared field and a declared event from their rows, each named by its button", async () => {
    const before = await modelText();
    const builder = await showBuilder();
    await builder.getByRole("button", { name: "Delete event downloaded document" }).click();
    await expect.poll(modelText).toBe(withoutLine(before, "  downloaded document\n"));
    await builder.getByRole("button", { name: "Delete field competitor" }).click();
    await expect.poll(modelText).not.toContain("  competitor: boolean\n");
  });

  it("undoes and redoes builder edits from the builder and from the text editor", async () => {
    const before = await modelText();
    await showBuilder();
    await page.getByTestId("builder-add-rule").click();
    await expect.poll(modelText).not.toBe(before);
    const added = await modelText();
    await page.getByTestId("builder-undo").click();
    await expect.poll(modelText).toBe(before);
    await page.getByTestId("builder-redo").click();
    await expect.poll(modelText).toBe(added);
    // Ctrl+Z in the builder, then the same history from the editor.
    await page.getByTestId("builder-rule").first().getByTestId("builder-points").focus();
    await page.keyboard.press("Control+Z");
    await expect.poll(modelText).toBe(before);
    await page.keyboard.press("Control+Shift+Z");
    await expect.poll(modelText).toBe(added);
    await showText();
    await page.getByTestId("editor").click({ position: { x: 120, y: 20 } });
    await page.keyboard.press("Control+Z");
    await expect.poll(modelText).toBe(before);
  });

  it("reorders rules with the keyboard, moves them between groups, duplicates and deletes them", async () => {
    await openAcme();
    await showBuilder();
    const rules = page.getByTestId("builder-rule");
    const first = rules.first();
    await first.getByRole("button", { name: /^Move rule 1/ }).focus();
    await page.keyboard.press("ArrowDown");
    await expect.poll(async () => lineDiff(ACME_SOURCE, await modelText()).added.map((l) => l.text.trim())).toHaveLength(1);
    let text = await modelText();
    expect(text).toContain("  when company_size between 200 and 999 add 10\n  when company_size >= 1000 add 15\n");
    // Focus stays on the moved rule's handle: Alt+Up (from anywhere in the row) takes it back.
    await page.keyboard.press("Alt+ArrowUp");
    await expect.poll(modelText).toBe(ACME_SOURCE);

    // Drag the third rule of fit above the first (drop on the top half of the first row).
    await rules.nth(2).locator(".handle").dragTo(rules.first(), { targetPosition: { x: 60, y: 4 } });
    await expect.poll(modelText).toContain('group fit up to 50 {\n  when industry in ["saas", "finance"] add 5\n  when company_size >= 1000 add 15\n');
    expect(lineDiff(ACME_SOURCE, await modelText()).added).toHaveLength(1);
    await page.getByTestId("builder-undo").click();
    await expect.poll(modelText).toBe(ACME_SOURCE);

    // Move the ungrouped "signed_up" rule into the engagement group.
    const signedUp = rules.filter({ has: page.locator('option[value="f:signed_up"]:checked') });
    await signedUp.getByLabel("Group of this rule").selectOption({ label: "engagement" });
    await expect.poll(modelText).not.toBe(ACME_SOURCE);
    text = await modelText();
    expect(text).toContain("  when requested demo within 30 days add 20 decay 50% every 7 days\n  when signed_up within 30 days add 5\n}");
    expect(lineDiff(ACME_SOURCE, text).removed.map((l) => l.text)).toEqual(["when signed_up within 30 days add 5"]);

    const count = await rules.count();
    await rules.first().getByRole("button", { name: "Duplicate rule" }).click();
    await expect.poll(() => rules.count()).toBe(count + 1);
    await rules.first().getByRole("button", { name: "Delete rule" }).click();
    await expect.poll(() => rules.count()).toBe(count);
    const final = await modelText();
    expect(format(final)).toBe(final);
  });

  it("builds nested and/or/not conditions and shows the checker's findings on the rows", async () => {
    await openAcme();
    await showBuilder();
    const row = page.getByTestId("builder-rule").first();
    await row.getByRole("button", { name: /\+ condition/ }).click();
    await expect.poll(modelText).toContain("when company_size >= 1000 and opened email add 15");
    await row.getByLabel("Match all or any of these conditions").selectOption("any");
    await expect.poll(modelText).toContain("when company_size >= 1000 or opened email add 15");
    await row.getByRole("button", { name: "Not (negate this condition)" }).first().click();
    await expect.poll(modelText).toContain("when not (company_size >= 1000 or opened email) add 15");

    // A value of the wrong kind for an event rule: `each` with a non-event condition is an error.
    const pointsRow = page.getByTestId("builder-rule").nth(1);
    await pointsRow.getByLabel("Operator").selectOption("known");
    await expect.poll(modelText).toContain("when company_size is known add 10");
    const duplicate = page.getByTestId("builder-rule").nth(2);
    await duplicate.getByLabel("Field or event").selectOption("f:company_size");
    await duplicate.getByLabel("Operator").selectOption("known");
    await expect.poll(() => page.locator('[data-testid="builder-rule"] [data-testid="builder-diagnostic"]').count()).toBeGreaterThan(0);
  });

  it("labels every control and keeps the builder usable with the keyboard", async () => {
    await openAcme();
    await showBuilder();
    const unlabelled = await page.locator('[data-testid="builder"]').evaluate((root) => {
      const missing: string[] = [];
      for (const el of root.querySelectorAll<HTMLElement>("input, select, button, textarea")) {
        const name = el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.closest("label")?.textContent ?? el.textContent ?? "";
        if (name.trim() === "") missing.push(el.outerHTML.slice(0, 120));
      }
      return missing;
    });
    expect(unlabelled).toEqual([]);
    expect(await page.getByRole("region", { name: "Visual rule builder" }).count()).toBe(1);
    // Tab reaches the first toolbar button, and Enter on it adds a rule whose first field gets focus.
    await page.getByTestId("builder-add-rule").focus();
    const before = await page.getByTestId("builder-rule").count();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("builder-rule").count()).toBe(before + 1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Field or event");
  });
});
