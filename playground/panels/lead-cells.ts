// The hot path of the playground: after every keystroke up to thousands of leads are re-scored, and
// their score, tier and qualified cells must be repainted within a frame. Svelte renders each row
// once per lead (keyed, so it never re-renders for a new score); this painter then writes only the
// cells whose values changed, straight into the DOM. The rows in view are written at once, in the
// keystroke's frame; the rest follow in small slices over the next frames (and are dropped if the
// next keystroke comes first), so the cost of a keystroke does not grow with the number of leads.
// Text only: nothing is parsed as HTML.

import type { Attachment } from "svelte/attachments";
import type { LeadRow } from "../state/workspace.svelte.js";
import type { LeadRecord } from "../lib/core.js";
import { tierColor } from "../lib/tiers.js";

interface Painted {
  score: string;
  /** Width of the score bar, in percent of the largest score among the leads. */
  scale: number;
  negative: boolean;
  tier: string;
  tierColor: string;
  error: string;
  qualified: string;
  qualifiedValue: string;
  yes: boolean;
  gated: boolean;
}

interface Cells {
  row: HTMLElement;
  bar: HTMLElement;
  chip: HTMLElement;
  dash: HTMLElement;
  error: HTMLElement;
  qualified: HTMLElement;
  /** Text nodes updated in place (cheaper for the browser than replacing them via textContent). */
  value: Text;
  chipText: Text;
  errorText: Text;
  qualifiedText: Text;
  /** The record and tier order last painted: when both are the same objects, nothing to do. */
  record?: LeadRecord;
  tierOrder?: readonly string[];
  maxScore?: number;
  painted?: Painted;
}

const BLANK: Painted = { score: "", scale: 0, negative: false, tier: "", tierColor: "", error: "", qualified: "", qualifiedValue: "", yes: false, gated: false };

/** Rows written per slice once the rows in view are done: small enough to keep frames short. */
const SLICE = 200;
/** Rows beyond the visible ones painted with them, so a short scroll finds them ready. */
const MARGIN = 8;

export class LeadCellPainter {
  readonly #cells = new Map<number, Cells>();
  #rowsByKey = new Map<number, LeadRow>();
  #tierOrder: readonly string[] = [];
  #maxScore = 1;
  #order: readonly number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #frame = 0;
  #scheduled = false;
  #generation = 0;
  #viewport: { element: HTMLElement; scrollTop: number; height: number; rowHeight: number } | undefined;
  #stopWatching: (() => void) | undefined;

  /**
   * Follows the scrolling container's position and size from events (never by reading layout while
   * writing), and paints what scrolls into view.
   */
  watch(element: HTMLElement): () => void {
    const viewport = { element, scrollTop: element.scrollTop, height: element.clientHeight, rowHeight: 34 };
    this.#viewport = viewport;
    const measure = (): void => {
      viewport.height = element.clientHeight;
      const first = element.firstElementChild as HTMLElement | null;
      if (first && first.offsetHeight > 0) viewport.rowHeight = first.offsetHeight;
    };
    const onScroll = (): void => {
      viewport.scrollTop = element.scrollTop;
      this.#paintVisible();
    };
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    element.addEventListener("scroll", onScroll, { passive: true });
    measure();
    this.#stopWatching = () => {
      resize.disconnect();
      element.removeEventListener("scroll", onScroll);
    };
    return () => {
      this.#stopWatching?.();
      this.#generation++;
      this.#cancel();
      this.#viewport = undefined;
    };
  }

  /** Whether some rows still wait for their new values (the rows container says so in data-pending). */
  get pending(): boolean {
    return this.#scheduled;
  }

  /** Registers a row's cells (found by their data-cell names) while the row is on the page. */
  attach(key: number): Attachment<HTMLElement> {
    return (row) => {
      const find = (name: string) => row.querySelector<HTMLElement>(`[data-cell="${name}"]`)!;
      const text = (name: string): Text => {
        const node = document.createTextNode("");
        find(name).append(node);
        return node;
      };
      this.#cells.set(key, {
        row,
        bar: find("bar"),
        chip: find("chip"),
        dash: find("dash"),
        error: find("error"),
        qualified: find("qualified"),
        value: text("value"),
        chipText: text("chip"),
        errorText: text("error"),
        qualifiedText: text("qualified-text"),
      });
      return () => {
        if (this.#cells.get(key)?.row === row) this.#cells.delete(key);
      };
    };
  }

  /**
   * Paints new results: `order` is the table's row order (keys), so the painter knows which rows
   * are in view without asking the layout.
   */
  paint(rows: readonly LeadRow[], tierOrder: readonly string[], order: readonly number[], maxScore: number): void {
    this.#rowsByKey = new Map(rows.map((row) => [row.key, row]));
    this.#tierOrder = tierOrder;
    this.#maxScore = maxScore;
    this.#order = order;
    const generation = ++this.#generation;
    this.#cancel();
    this.#paintVisible();
    const [first, last] = this.#visibleRange();
    if (first === 0 && last >= order.length) return;
    let next = 0;
    const slice = (): void => {
      if (generation !== this.#generation) return;
      const end = Math.min(order.length, next + SLICE);
      for (; next < end; next++) this.#paintRow(this.#rowsByKey.get(order[next]));
      // One slice per frame, so the browser lays out and paints each slice in a short frame of its own.
      if (next < order.length) this.#frame = requestAnimationFrame(() => (this.#timer = setTimeout(slice, 0)));
      else this.#settle();
    };
    this.#viewport?.element.setAttribute("data-pending", "true");
    this.#scheduled = true;
    // The rest after the frame that shows the rows in view.
    this.#frame = requestAnimationFrame(() => {
      if (generation === this.#generation) this.#timer = setTimeout(slice, 0);
    });
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    cancelAnimationFrame(this.#frame);
    this.#settle();
  }

  #settle(): void {
    this.#scheduled = false;
    this.#viewport?.element.removeAttribute("data-pending");
  }

  #visibleRange(): [number, number] {
    const viewport = this.#viewport;
    if (!viewport) return [0, this.#order.length];
    const first = Math.max(0, Math.floor(viewport.scrollTop / viewport.rowHeight) - MARGIN);
    const last = Math.min(this.#order.length, Math.ceil((viewport.scrollTop + viewport.height) / viewport.rowHeight) + MARGIN);
    return [first, last];
  }

  #paintVisible(): void {
    const [first, last] = this.#visibleRange();
    for (let i = first; i < last; i++) this.#paintRow(this.#rowsByKey.get(this.#order[i]));
  }

  #paintRow(row: LeadRow | undefined): void {
    if (!row) return;
    const cells = this.#cells.get(row.key);
    const tierOrder = this.#tierOrder;
    if (!cells || (cells.record === row.result && cells.tierOrder === tierOrder && cells.maxScore === this.#maxScore && cells.painted)) return;
    cells.record = row.result;
    cells.tierOrder = tierOrder;
    cells.maxScore = this.#maxScore;
    const next = describe(row.result, tierOrder, this.#maxScore);
    write(cells, cells.painted ?? BLANK, next);
    cells.painted = next;
  }
}

function describe(record: LeadRecord | undefined, tierOrder: readonly string[], maxScore: number): Painted {
  if (record === undefined) return { ...BLANK, score: "—" };
  if ("error" in record) return { ...BLANK, score: "—", error: record.error, qualifiedValue: "error" };
  const gated = record.disqualified_by !== undefined;
  return {
    score: String(record.score),
    // Whole percents of the largest score: a bar is only rewritten when it visibly changes.
    scale: Math.min(100, Math.round((Math.abs(record.score) / maxScore) * 100)),
    negative: record.score < 0,
    tier: record.tier ?? "",
    tierColor: record.tier === null ? "" : tierColor(tierOrder.indexOf(record.tier), tierOrder.length),
    error: "",
    qualified: gated ? "Gated" : record.qualified === null ? "—" : record.qualified ? "Yes" : "No",
    qualifiedValue: String(record.qualified),
    yes: record.qualified === true,
    gated,
  };
}

/** Writes only what differs from what is on screen, so unchanged cells cost a comparison. */
function write(cells: Cells, was: Painted, now: Painted): void {
  if (was.score !== now.score) cells.value.data = now.score;
  if (was.scale !== now.scale) cells.bar.style.width = `${now.scale}%`;
  if (was.negative !== now.negative) cells.bar.classList.toggle("negative", now.negative);
  if (was.tier !== now.tier) {
    cells.chipText.data = now.tier;
    cells.chip.hidden = now.tier === "";
    cells.dash.hidden = now.tier !== "" || now.error !== "";
  }
  if (was.tierColor !== now.tierColor) cells.chip.style.background = now.tierColor;
  if (was.error !== now.error) {
    cells.errorText.data = now.error;
    cells.error.title = now.error;
    cells.error.hidden = now.error === "";
    cells.dash.hidden = now.tier !== "" || now.error !== "";
    cells.row.classList.toggle("invalid", now.error !== "");
  }
  if (was.qualified !== now.qualified) cells.qualifiedText.data = now.qualified;
  if (was.qualifiedValue !== now.qualifiedValue) cells.qualified.dataset.value = now.qualifiedValue;
  if (was.yes !== now.yes) cells.qualified.classList.toggle("yes", now.yes);
  if (was.gated !== now.gated) cells.qualified.classList.toggle("gated", now.gated);
}
