// The playground in real Chromium: the built site (dist/) served from a local static server, driven
// through the stable data-testid hooks and the keyboard, as a user would.

import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import LZString from "lz-string";
import { compile } from "../../src/index.js";
import { browserSession } from "./session.js";

const DEMO_SOURCE = readFileSync(fileURLToPath(new URL("../../examples/demo.score", import.meta.url)), "utf8");
const DEMO_LEADS = JSON.parse(readFileSync(fileURLToPath(new URL("../../examples/leads.json", import.meta.url)), "utf8")) as unknown[];
const DEMO_SCHEMA = compile(DEMO_SOURCE).schema;

const session = browserSession();
let page: Page;

beforeEach(() => {
  page = session.page;
});

async function open(target: Page = page, url = session.server.url): Promise<void> {
  await target.goto(url);
  await target.waitForSelector('[data-testid="editor"][data-ready="true"]', { timeout: 20_000 });
}

/** Puts the cursor on a new line at the end of the model, with no suggestion list open. */
async function newLineAtEnd(target: Page = page): Promise<void> {
  await target.click('[data-testid="editor"] .view-lines');
  await target.keyboard.press("Control+End");
  await target.keyboard.press("Escape");
  await target.keyboard.press("End");
  await target.keyboard.press("Enter");
  // Auto-indent may carry indentation over; a statement at the top level starts at column 1.
  await target.keyboard.press("Shift+Home");
  await target.keyboard.press("Backspace");
}

async function typeInEditor(text: string, target: Page = page): Promise<void> {
  await target.keyboard.type(text, { delay: 5 });
  await target.keyboard.press("Escape");
}

async function scores(target: Page = page): Promise<string[]> {
  return target.locator('[data-testid="lead-score"]').allInnerTexts();
}

async function lastEditorLine(target: Page = page): Promise<string> {
  await target.click('[data-testid="editor"] .view-lines');
  await target.keyboard.press("Control+End");
  await target.waitForTimeout(100);
  const lines = await target.locator('[data-testid="editor"] .view-line').allInnerTexts();
  const nonEmpty = lines.map((l) => l.replace(/\u00a0/g, " ").trimEnd()).filter((l) => l.trim() !== "");
  // Rendered lines are absolutely positioned; the DOM order is not the line order, so find by content.
  return nonEmpty.join("\n");
}

describe("the playground", () => {
  it("loads the demo model and its sample leads, with everything from this server", async () => {
    await open();
    await expect.poll(() => page.locator('[data-testid="lead-row"]').count()).toBe(DEMO_LEADS.length);
    const row = page.locator('[data-testid="lead-row"]').first();
    await expect.poll(() => row.locator('[data-testid="lead-score"]').innerText()).toMatch(/^-?\d+(\.\d+)?$|^—$/);
    expect(await row.locator('[data-testid="lead-tier"]').count()).toBe(1);
    expect(await row.locator('[data-testid="lead-qualified"]').count()).toBe(1);
    expect(await page.locator('[data-testid="histogram"]').count()).toBe(1);
    expect(await page.locator('[data-testid="problems"]').count()).toBe(1);
    expect(await page.locator('[data-testid="share"]').count()).toBe(1);
    expect(await page.locator('[data-testid="presenter"]').count()).toBe(1);
    // The demo checks cleanly and its examples all pass.
    expect(await page.locator('[data-testid="problem"][data-severity="error"]').count()).toBe(0);
    const statuses = await page.locator('[data-testid="example"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-status")));
    expect(statuses.every((s) => s === "pass")).toBe(true);
  });

  it("re-scores the leads as a rule is typed", async () => {
    await open();
    const before = await scores();
    // Every lead with a value for the first declared field gains 100 points.
    const field = DEMO_SCHEMA.fields[0];
    await newLineAtEnd();
    await typeInEditor(`when ${field.name} is known add 100`);
    await expect.poll(async () => (await scores()).join(","), { timeout: 5000 }).not.toBe(before.join(","));
    const after = await scores();
    const raised = after.filter((s, i) => Number(s) - Number(before[i]) >= 99).length;
    expect(raised).toBeGreaterThan(0);
  });

  it("shows a syntax error in the problems list and as a squiggle", async () => {
    await open();
    await newLineAtEnd();
    await typeInEditor("when opened email add");
    const problem = page.locator('[data-testid="problems"] [data-testid="problem"][data-severity="error"]');
    await expect.poll(() => problem.count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="editor"] .squiggly-error').count()).toBeGreaterThan(0);
    // Choosing the problem puts the cursor on its line.
    await problem.first().click();
    const cursorLine = await page.locator('[data-testid="editor"] .current-line').count();
    expect(cursorLine).toBeGreaterThan(0);
  });

  it("completes a declared field, explains a rule on hover and fixes a misspelt name", async () => {
    await open();
    const field = DEMO_SCHEMA.fields[0].name;
    await newLineAtEnd();
    await page.keyboard.type(`when ${field.slice(0, 3)}`, { delay: 20 });
    const rows = page.locator(".suggest-widget.visible .monaco-list-row");
    await expect.poll(async () => (await rows.allInnerTexts()).join("\n"), { timeout: 5000 }).toContain(field);
    await page.keyboard.press("Escape");

    // Hover on a rule: its points and how many sample leads it fires for.
    await page.keyboard.press("Shift+Home");
    await typeInEditor(`when ${field} is known add 1`);
    const ruleLine = page.locator('[data-testid="editor"] .view-line').filter({ hasText: /is[\s\u00a0]known[\s\u00a0]add[\s\u00a0]1/ }).first();
    await ruleLine.hover({ position: { x: 12, y: 6 } });
    await expect.poll(() => page.locator(".monaco-hover-content").allInnerTexts().then((t) => t.join(" ")), { timeout: 5000 }).toMatch(/Fires for \d+ of \d+ sample leads/);

    // A misspelt field: the quick fix offers the declared name and applies it.
    await page.keyboard.press("Escape");
    await newLineAtEnd();
    const misspelt = field.slice(0, -1) + field.slice(-1).repeat(2);
    await typeInEditor(`when ${misspelt} is known add 2`);
    await expect.poll(() => page.locator('[data-testid="problem"][data-severity="error"]').count()).toBeGreaterThan(0);
    await page.keyboard.press("Home");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Control+.");
    const fix = page.locator(".action-widget .monaco-list-row.action").filter({ hasText: `Change to ${field}` });
    await expect.poll(() => fix.count(), { timeout: 5000 }).toBeGreaterThan(0);
    await fix.first().click();
    await expect.poll(() => page.locator('[data-testid="problem"][data-severity="error"]').count()).toBe(0);
    expect(await lastEditorLine()).toContain(`when ${field} is known add 2`);
  });

  it("explains a chosen lead and highlights the rules that fired", async () => {
    await open();
    const rows = page.locator('[data-testid="lead-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const values = await scores();
    const index = values.findIndex((s) => Number(s) > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const row = rows.nth(index);
    const id = await row.locator('[data-testid="lead-id"]').innerText();
    await row.click();
    const explanation = page.locator('[data-testid="explanation"]');
    await expect.poll(() => explanation.innerText()).toContain("Total");
    expect(await page.locator('[data-testid="explanation-score"]').innerText()).toBe(values[index]);
    expect(await page.locator("section[aria-label=Explanation] .lead-id").innerText()).toBe(id);
    const hits = explanation.locator('[data-testid="hit"]');
    expect(await hits.count()).toBeGreaterThan(0);
    await hits.first().click();
    await expect.poll(() => page.locator('[data-testid="editor"] .ls-hit-line, [data-testid="editor"] .ls-minus-line').count()).toBeGreaterThan(0);
  });

  it("keeps the work across a reload", async () => {
    await open();
    await newLineAtEnd();
    await typeInEditor("# kept across reloads");
    await page.locator('[data-testid="lead-count"]').innerText();
    await expect.poll(() => page.locator('[data-testid="save-status"]').getAttribute("data-status")).toBe("saved");
    await page.reload();
    await page.waitForSelector('[data-testid="editor"][data-ready="true"]');
    expect(await lastEditorLine()).toContain("# kept across reloads");
  });

  it("keeps several named models, each with its own leads", async () => {
    await open();
    const demoLeads = await page.locator('[data-testid="lead-count"]').innerText();
    await page.selectOption('select[aria-label="Open a model"]', "__new");
    await page.fill('input[aria-label="Model name"]', "Second model");
    await page.selectOption('[data-testid="lead-actions"]', "gen10");
    await expect.poll(() => page.locator('[data-testid="lead-count"]').innerText()).toBe(String(Number(demoLeads) + 10));
    await expect.poll(() => page.locator('[data-testid="save-status"]').getAttribute("data-status")).toBe("saved");
    await page.reload();
    await page.waitForSelector('[data-testid="editor"][data-ready="true"]');
    expect(await page.locator('input[aria-label="Model name"]').inputValue()).toBe("Second model");
    const options = await page.locator('select[aria-label="Open a model"] option').allInnerTexts();
    expect(options.some((o) => o.includes("Demo model"))).toBe(true);
    const demoId = await page.locator('select[aria-label="Open a model"] option', { hasText: /^(• )?Demo model$/ }).getAttribute("value");
    await page.selectOption('select[aria-label="Open a model"]', demoId!);
    await expect.poll(() => page.locator('input[aria-label="Model name"]').inputValue()).toBe("Demo model");
    expect(await page.locator('[data-testid="lead-count"]').innerText()).toBe(demoLeads);
  });

  it("round-trips the model through a share link", async () => {
    await open();
    await newLineAtEnd();
    await typeInEditor("# shared with a colleague");
    await page.click('[data-testid="share"]');
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    const hash = new URL(link).hash;
    const packed = /model=([^&]+)/.exec(hash)?.[1] ?? "";
    const source = LZString.decompressFromEncodedURIComponent(packed);
    expect(source?.trimEnd().endsWith("# shared with a colleague")).toBe(true);

    // A colleague with nothing saved opens the link.
    const other = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const colleague = await other.newPage();
    const errors: string[] = [];
    colleague.on("pageerror", (e) => errors.push(e.message));
    await open(colleague, link);
    expect(await lastEditorLine(colleague)).toContain("# shared with a colleague");
    // The hash is consumed, so a reload does not open a second copy.
    expect(new URL(colleague.url()).hash).toBe("");
    expect(errors).toEqual([]);
    await other.close();
  });

  it("opens a hostile share link as plain text", async () => {
    const payload = '# <img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\nwhen competitor subtract 20\n';
    const link = `${session.server.url}#model=${LZString.compressToEncodedURIComponent(payload)}&name=${encodeURIComponent("<b onmouseover=alert(1)>x</b>")}`;
    await open(page, link);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(await page.locator('input[aria-label="Model name"]').inputValue()).toBe("<b onmouseover=alert(1)>x</b>");
    const damaged = `${session.server.url}#model=%%%not-lz`;
    await page.goto("about:blank");
    await open(page, damaged);
    await expect.poll(() => page.locator('[data-testid="notice"][data-kind="error"]').count()).toBeGreaterThan(0);
  });

  it("imports leads from CSV, reporting the bad rows", async () => {
    await open();
    const count = Number(await page.locator('[data-testid="lead-count"]').innerText());
    // A value that cannot fit the first declared field's type makes its row bad.
    const field = DEMO_SCHEMA.fields.find((f) => f.type.kind !== "text" && f.type.kind !== "list");
    const bad: Record<string, string> = { number: "lots", boolean: "maybe", date: "someday", enum: "zzz" };
    const header = ["id", ...(field ? [field.name] : [])].join(",");
    const rows = field ? ["CSV-1,", "CSV-2,", `CSV-3,${bad[field.type.kind]}`] : ["CSV-1", "CSV-2"];
    await page.setInputFiles('[data-testid="import-leads-input"]', { name: "more-leads.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n") + "\n") });
    await expect.poll(() => page.locator('[data-testid="lead-count"]').innerText()).toBe(String(count + 2));
    await expect.poll(() => page.locator('[data-testid="lead-row"][data-lead-id="CSV-2"]').count()).toBe(1);
    if (field) {
      const notice = page.locator('[data-testid="notice"][data-kind="error"]');
      await expect.poll(() => notice.innerText()).toContain("more-leads.csv:4");
      expect(await notice.innerText()).toContain(`${field.name}: expected`);
    }
  });

  it("imports leads from a JSON file dropped on the page", async () => {
    await open();
    const count = Number(await page.locator('[data-testid="lead-count"]').innerText());
    const leads = [{ id: "DROP-1", events: [{ type: "opened email", at: "2026-11-10T10:00:00Z" }] }, { id: "DROP-2" }, { id: "DROP-3", events: "soon" }];
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
      return transfer;
    }, JSON.stringify(leads));
    await page.dispatchEvent("main", "dragenter", { dataTransfer });
    expect(await page.locator('[data-testid="drop-overlay"]').count()).toBe(1);
    await page.dispatchEvent("main", "drop", { dataTransfer });
    await expect.poll(() => page.locator('[data-testid="lead-count"]').innerText()).toBe(String(count + 2));
    const notice = page.locator('[data-testid="notice"][data-kind="error"]');
    await expect.poll(() => notice.innerText()).toContain("dropped.json: lead 3 (DROP-3): events");
    expect(await page.locator('[data-testid="drop-overlay"]').count()).toBe(0);
  });

  it("adds, edits and deletes a lead", async () => {
    await open();
    const count = Number(await page.locator('[data-testid="lead-count"]').innerText());
    await page.click('[data-testid="add-lead"]');
    await page.fill('[data-testid="lead-field-id"]', "HAND-1");
    await page.click('[data-testid="save-lead"]');
    const row = page.locator('[data-testid="lead-row"][data-lead-id="HAND-1"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.locator('[data-testid="lead-count"]').innerText()).toBe(String(count + 1));
    await row.dblclick();
    await page.fill('[data-testid="lead-field-id"]', "HAND-2");
    await page.click('[data-testid="save-lead"]');
    await expect.poll(() => page.locator('[data-testid="lead-row"][data-lead-id="HAND-2"]').count()).toBe(1);
    await page.locator('[data-testid="lead-row"][data-lead-id="HAND-2"]').hover();
    await page.locator('[data-testid="lead-row"][data-lead-id="HAND-2"] [data-testid="delete-lead"]').click();
    await expect.poll(() => page.locator('[data-testid="lead-count"]').innerText()).toBe(String(count));
  });

  it("sorts by score and switches to presenter mode", async () => {
    await open();
    await page.click('[data-testid="sort-score"]');
    const sorted = (await scores()).map(Number).filter((n) => !Number.isNaN(n));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    await page.click('[data-testid="presenter"]');
    expect(await page.locator("[data-mode=presenter]").count()).toBe(1);
    await page.click('[data-testid="reset-demo"]');
    await page.click('[data-testid="presenter"]');
    expect(await page.locator("[data-mode=author]").count()).toBe(1);
  });
});
