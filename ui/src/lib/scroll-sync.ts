// Scroll sync between the Markdown editor and the preview, both ways, by
// source line: each top-level block of the source is matched with the
// element it rendered to (a heading with its <h2>, a list with its <ul>…),
// and positions in between are interpolated. The same map serves the text
// preview and the page preview (where the body sits inside the theme).
//
// No feedback loop: a pane scrolled by the sync stays quiet for a moment (its
// scroll events are echoes, not the user's), unless the user touches it.

/** Where a top-level block starts in the source, and the element it renders to. */
export interface SourceAnchor {
  /** 1-based line of the block's first line. */
  line: number;
  /** Tag name (`H2`, `P`, `UL`…); `*` for raw HTML, which renders to any number of elements. */
  tag: string;
}

/** A source line and the vertical position (in the preview's scroll coordinates) it renders at. */
export interface SyncPoint {
  line: number;
  y: number;
}

/** How many rendered elements a block may be from the previous match (raw HTML, dropped blocks). */
const LOOKAHEAD = 8;

/**
 * Pairs each source block with the rendered element it became, in order. A
 * block whose element is not found close after the previous match is skipped
 * (a footnote, a block the sanitiser dropped); placeholders of blocks too
 * large to preview stand for any block.
 */
export function alignBlocks(anchors: SourceAnchor[], elements: Element[]): { line: number; element: Element }[] {
  const pairs: { line: number; element: Element }[] = [];
  let next = 0;
  for (const anchor of anchors) {
    if (anchor.tag === "*") continue;
    const end = Math.min(elements.length, next + LOOKAHEAD);
    for (let k = next; k < end; k++) {
      const el = elements[k];
      if (el.tagName === anchor.tag || el.classList.contains("cd-oversized")) {
        pairs.push({ line: anchor.line, element: el });
        next = k + 1;
        break;
      }
    }
  }
  return pairs;
}

/**
 * The element of a page that holds the article's body: the one whose
 * children line up with the most source blocks (the template decides where
 * the body goes; the default theme's is `.post-body`).
 */
export function findBodyContainer(root: Element, anchors: SourceAnchor[]): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  const candidates = [root, ...root.querySelectorAll("*")];
  for (const el of candidates) {
    if (el.childElementCount === 0) continue;
    const score = alignBlocks(anchors, [...el.children]).length;
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The sync points of a rendered body: the top of the scrolled area is line 1
 * (so the page's header and the title scroll by with the first block), each
 * matched block's top is its line, and the end of the last block is the
 * line after the document. `top(el)` is an element's top in scroll coordinates.
 */
export function syncPoints(
  pairs: { line: number; element: Element }[],
  lastLine: number,
  top: (el: Element) => number,
): SyncPoint[] {
  const points: SyncPoint[] = [{ line: 1, y: 0 }];
  for (const { line, element } of pairs) {
    const y = top(element);
    const last = points[points.length - 1];
    // Both must grow: a block that rendered above the previous one (a
    // float, a theme that reorders) is left out rather than fold the map.
    if (line > last.line && y > last.y) points.push({ line, y });
  }
  const final = pairs[pairs.length - 1];
  if (final) {
    const y = top(final.element) + final.element.getBoundingClientRect().height;
    const last = points[points.length - 1];
    if (lastLine + 1 > last.line && y > last.y) points.push({ line: lastLine + 1, y });
  }
  return points;
}

/** The preview position of a source line (interpolated; clamped at the ends). */
export function yForLine(points: SyncPoint[], line: number): number {
  if (points.length === 0) return 0;
  if (line <= points[0].line) return points[0].y;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (line < b.line) return a.y + ((line - a.line) / (b.line - a.line)) * (b.y - a.y);
  }
  return points[points.length - 1].y;
}

/** The source line at a preview position (the inverse of {@link yForLine}). */
export function lineForY(points: SyncPoint[], y: number): number {
  if (points.length === 0) return 1;
  if (y <= points[0].y) return points[0].line;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (y < b.y) return a.line + ((y - a.y) / (b.y - a.y)) * (b.line - a.line);
  }
  return points[points.length - 1].line;
}

export type Pane = "editor" | "preview";

/** How long a pane's scroll events count as echoes after the sync moved it. */
const ECHO_MS = 180;

/**
 * Tells the user's scrolling from the sync's own. A pane the sync moved is
 * quiet for a moment, then stays quiet while it is still where the sync put
 * it (within a tolerance): the editor settles a frame or two later as it
 * measures lines, and that is no reason to move the preview back.
 */
export class ScrollLock {
  #quietUntil: Record<Pane, number> = { editor: 0, preview: 0 };
  #expected: Record<Pane, number | null> = { editor: null, preview: null };

  /** The sync is about to scroll `pane` to `position` (its own unit: a line, pixels). */
  moving(pane: Pane, position: number | null = null) {
    this.#quietUntil[pane] = performance.now() + ECHO_MS;
    this.#expected[pane] = position;
  }

  /** The user touched `pane` (wheel, pointer, key): its scrolling is theirs again. */
  touched(pane: Pane) {
    this.#quietUntil[pane] = 0;
    this.#expected[pane] = null;
  }

  /**
   * Whether a scroll of `pane`, now at `position`, is the user's, for the
   * other pane to follow. Once it is, the pane is the user's until the sync
   * moves it again.
   */
  isUser(pane: Pane, position: number, tolerance: number): boolean {
    if (performance.now() < this.#quietUntil[pane]) return false;
    const expected = this.#expected[pane];
    if (expected !== null && Math.abs(position - expected) <= tolerance) return false;
    this.#expected[pane] = null;
    return true;
  }
}

/** Marks every user gesture on `target` as the user's (see {@link ScrollLock.touched}). */
export function watchGestures(target: EventTarget, lock: ScrollLock, pane: Pane): () => void {
  const touched = () => lock.touched(pane);
  const events = ["wheel", "pointerdown", "keydown", "touchstart"];
  for (const e of events) target.addEventListener(e, touched, { passive: true, capture: true });
  return () => {
    for (const e of events) target.removeEventListener(e, touched, { capture: true });
  };
}
