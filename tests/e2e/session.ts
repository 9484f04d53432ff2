// What every browser test file needs around its tests: the built site (dist/) on a local static
// server and one Chromium for the file; a fresh browser context and page per test (its own
// IndexedDB, so tests never see each other's saved work); and, after each test, no uncaught page
// errors and no request that left the local server.

import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { launchChromium } from "./browser.js";
import { serveStatic, type StaticServer } from "./static-server.js";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

export interface BrowserSession {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** This test's context and page (replaced before each test). */
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Registers the hooks in the calling test file; read the fields inside tests and hooks only. */
export function browserSession(): BrowserSession {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let pageErrors: string[] = [];
  let foreignRequests: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(DIST);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    pageErrors = [];
    foreignRequests = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const local = server!.url;
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(local) && !url.startsWith("data:") && !url.startsWith("blob:")) foreignRequests.push(url);
    });
  });

  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  const must = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the browser session's ${name} is only there inside tests`);
    return value;
  };
  return {
    get server() {
      return must(server, "server");
    },
    get browser() {
      return must(browser, "browser");
    },
    get context() {
      return must(context, "context");
    },
    get page() {
      return must(page, "page");
    },
  };
}
