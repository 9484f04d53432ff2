// The builder's state, shared with every row without passing it down through each component.
import { getContext, setContext } from "svelte";
import type { BuilderState } from "./builder-state.svelte.js";

const KEY = Symbol("builder");

export function provideBuilder(state: BuilderState): void {
  setContext(KEY, state);
}

export function useBuilder(): BuilderState {
  const state = getContext<BuilderState | undefined>(KEY);
  if (!state) throw new Error("builder components must be inside <Builder>");
  return state;
}
