import { defineConfig } from "vitest/config";

// Unit, property and CLI tests run in Node; tests/e2e drives the built playground in real Chromium.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
