// Builds the browser playground (SPEC section 9) into a static site: relative asset paths, so dist/
// works from any web server or sub-folder. Monaco is split into its own lazily loaded chunks.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url)).replace(/\\/g, "/");
const inProject = (id: string, folder: string): boolean => id.replace(/\\/g, "/").startsWith(`${root}${folder}/`);
const inPackage = (id: string, names: RegExp): boolean => names.test(id.replace(/\\/g, "/").split("/node_modules/").pop()?.split("/")[0] ?? "") && id.includes("node_modules");

export default defineConfig({
  base: "./",
  plugins: [svelte()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Monaco's editor chunk is large by nature; it never blocks the first screen.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        // Name the chunks the first screen loads after what they hold: the language core (parser,
        // checker, compiler) and the UI runtime. Monaco stays in the lazily loaded editor chunk.
        codeSplitting: {
          groups: [
            // The builder's share of src/ loads with the builder, on first use.
            { name: "language", test: (id: string) => ((inProject(id, "src") && !inProject(id, "src/builder")) || inProject(id, "grammar") || inPackage(id, /^(chevrotain|@chevrotain|lodash-es)$/)) },
            { name: "runtime", test: (id: string) => inPackage(id, /^(svelte|esm-env|clsx)$/) || id.includes("preload-helper") },
          ],
        },
      },
    },
  },
  worker: { format: "es" },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
});
