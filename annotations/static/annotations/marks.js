/**
 * Draws claims over the article text as <mark> elements.
 *
 * Expects:
 *   <article data-reader-text tabindex="0">…the article text, as plain characters…</article>
 *
 * The text is cut into segments at every claim boundary. Each segment is
 * wrapped in the marks of every claim covering it, outermost (earliest start,
 * then longest) first, so nested claims become nested <mark>s. When two claims
 * overlap without nesting, the later one is split into fragments: every
 * fragment carries data-claim-id and the last carries the badge. One fragment
 * per claim is its focusable button (id="claim-<id>", tabindex=0, role=button):
 * the first where the claim is the innermost mark, so a button never contains
 * another claim's button (an outer claim's button is the text before the
 * nested one starts). A claim never innermost anywhere (fully covered by
 * claims nested inside it) has no button in the text; the claim list reaches it.
 * Clicking anywhere reaches the innermost mark, and its ancestors name every
 * other claim covering that spot (see claimIdsAt).
 */

import { excerpt } from "./dom.js";

/**
 * code point offset -> UTF-16 offset for `text`, built in one pass. Text without
 * astral characters (most) needs no table: both units agree. Throws RangeError
 * past the end, like codePointToUtf16 (offsets.js), which it replaces in bulk:
 * calling that per claim walked the text once per claim.
 */
function codePointIndex(text) {
  const outside = (offset) => new RangeError(`Code-point offset ${offset} is past the end of the text.`);
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return (offset) => {
      if (!Number.isInteger(offset) || offset < 0 || offset > text.length) throw outside(offset);
      return offset;
    };
  }
  const units = [];
  for (let unit = 0; unit < text.length; unit += text.codePointAt(unit) > 0xffff ? 2 : 1) units.push(unit);
  units.push(text.length);
  return (offset) => {
    if (!Number.isInteger(offset) || offset < 0 || offset >= units.length) throw outside(offset);
    return units[offset];
  };
}

/** Claims as UTF-16 spans, dropping any that do not fit the text (a stale page). */
function spans(text, claims) {
  const toUtf16 = codePointIndex(text);
  const result = [];
  for (const claim of claims) {
    try {
      const start = toUtf16(claim.start);
      const end = toUtf16(claim.end);
      if (end > start) result.push({ id: claim.id, start, end, claim });
    } catch {
      // The text changed under the claim; it cannot be drawn, but the list still shows it.
    }
  }
  return result.sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
}

/**
 * Pure layout: [{ from, to, ids }] covering the whole text in order, where
 * `ids` lists the claims covering the segment, outermost first.
 *
 * One sweep over the cut points: a claim joins the covering set where it starts
 * (in outermost-first order, since spans are sorted that way) and leaves it where
 * it ends, so 10,000 claims cost about as much as their boundaries, not
 * boundaries times claims.
 */
export function segment(text, claims) {
  const claimSpans = spans(text, claims);
  const cuts = new Set([0, text.length]);
  for (const span of claimSpans) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const segments = [];
  let active = [];
  let next = 0; // the first span not yet started
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    if (active.some((s) => s.end <= from)) active = active.filter((s) => s.end > from);
    while (next < claimSpans.length && claimSpans[next].start <= from) {
      if (claimSpans[next].end > from) active.push(claimSpans[next]);
      next += 1;
    }
    segments.push({ from, to, ids: active.map((s) => s.id) });
  }
  return segments;
}

function markFor(claim, view, isFirst) {
  const mark = document.createElement("mark");
  mark.className = "claim";
  mark.dataset.claimId = String(claim.id);
  mark.dataset.state = view.state;
  if (view.rating) mark.dataset.rating = view.rating;
  if (isFirst) {
    mark.id = `claim-${claim.id}`;
    mark.tabIndex = 0;
    mark.setAttribute("role", "button");
    // claim-state.js names it in the page's language; a bare describer gets English.
    mark.setAttribute("aria-label", view.name ?? `Claim: “${excerpt(claim.quote, 90)}” — ${view.label}`);
    mark.setAttribute("aria-controls", "claim-card");
  } else {
    mark.dataset.fragment = "";
  }
  mark.title = view.label;
  return mark;
}

/**
 * Replace root's content with `text` and the claims' marks. `describe(claim)`
 * gives { state, rating, badge, label } (see claim-state.js).
 */
export function renderMarks(root, text, claims, describe) {
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  const views = new Map(claims.map((claim) => [claim.id, describe(claim)]));
  const fragment = document.createDocumentFragment();
  const lastFragment = new Map();
  const needsButton = new Set(byId.keys());
  let stack = []; // [{ id, element, button }], outermost first
  for (const { from, to, ids } of segment(text, claims)) {
    let shared = 0;
    while (shared < stack.length && shared < ids.length && stack[shared].id === ids[shared]) shared += 1;
    const inner = ids.length ? ids[ids.length - 1] : null;
    const wantsButton = inner !== null && needsButton.has(inner);
    if (wantsButton) shared = Math.min(shared, buttonFreeDepth(stack, shared, inner));
    stack = stack.slice(0, shared);
    for (const id of ids.slice(shared)) {
      const button = wantsButton && id === inner;
      if (button) needsButton.delete(id);
      const element = markFor(byId.get(id), views.get(id), button);
      (stack.length ? stack[stack.length - 1].element : fragment).append(element);
      stack.push({ id, element, button });
      lastFragment.set(id, element);
    }
    const parent = stack.length ? stack[stack.length - 1].element : fragment;
    parent.append(document.createTextNode(text.slice(from, to)));
  }
  for (const [id, element] of lastFragment) element.dataset.badge = views.get(id).badge;
  root.replaceChildren(fragment);
}

/**
 * How deep the open marks may stay when `inner` opens as a button: a button must never
 * contain another (nested interactive controls are not announced; WCAG 4.1.2), so the
 * stack is cut above the first open button, and above `inner` itself if it is open as a
 * fragment; the cut marks reopen as fragments.
 */
function buttonFreeDepth(stack, shared, inner) {
  for (let depth = 0; depth < shared; depth += 1) {
    if (stack[depth].button || stack[depth].id === inner) return depth;
  }
  return shared;
}

/** Claim ids covering the spot of `mark`: its own first, then its ancestors' (inner to outer). */
export function claimIdsAt(root, mark) {
  const ids = [];
  for (let node = mark; node && node !== root; node = node.parentElement) {
    if (node.matches("mark[data-claim-id]")) {
      const id = Number(node.dataset.claimId);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The focusable mark of a claim (its first fragment), if drawn. */
export function markOf(root, claimId) {
  return root.querySelector(`mark[data-claim-id="${Number(claimId)}"]:not([data-fragment])`);
}
