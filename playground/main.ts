// Entry point: restore the saved work, then mount the app. Monaco is not imported here; the editor
// panel loads it after the first screen is up.
import { mount } from "svelte";
import App from "./App.svelte";
import { Workspace } from "./state/workspace.svelte.js";
import { restore, startAutosave } from "./state/persistence.svelte.js";
import "./styles.css";

const workspace = new Workspace();
const target = document.getElementById("app");
if (!target) throw new Error("index.html lacks #app");

// Reading IndexedDB takes milliseconds; waiting for it avoids flashing the demo before the user's model.
const restored = restore(workspace, location.hash).finally(() => {
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
});
await Promise.race([restored, new Promise((resolve) => setTimeout(resolve, 400))]);

mount(App, { target, props: { workspace } });
// Saving starts once the stored model is in, so a slow read can never be overwritten by the demo.
void restored.then(() => startAutosave(workspace));
