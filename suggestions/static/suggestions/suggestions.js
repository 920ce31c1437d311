/**
 * Check-worthiness suggestions in the article reader: a toggle, marks over the
 * sentences worth checking, their reasons on hover and focus, and a side list
 * sorted by score. Choosing a suggestion selects the sentence and opens "Add
 * claim" with it. Plugs into the reader through annotations/reader-hooks.js.
 *
 * Expects (suggestions/templates/suggestions/):
 *   <button data-suggestions-toggle aria-pressed="false" aria-controls="suggestions-panel">
 *   <div role="tooltip" id="suggestion-tip" data-suggestion-tip hidden>
 *   <section data-suggestions-panel hidden> with <span data-suggestions-count>,
 *     <p data-suggestions-status role="status">, <ol data-suggestions-list>
 *   reader config `extensions.suggestions`: { supported, threshold, labels: {...} }
 *     (suggestions/reader.py)
 *
 * Data: GET /api/v1/articles/<id>/suggestions/?worthy=true&ordering=-score. A
 * sentence whose `claim` is set is covered by a claim already and is not
 * suggested again; the list is fetched anew whenever the claims change. The
 * server sends code points; they become UTF-16 here, once, with offsets.js.
 * Marks are <mark class="suggestion"> wrapped around text nodes (no text is
 * added: the "Check?" label is CSS content), so every offset stays true.
 * The toggle's state is kept in localStorage for the next article.
 */

import { get } from "../annotations/api.js";
import { announce, excerpt, h } from "../annotations/dom.js";
import { codePointToUtf16 } from "../annotations/offsets.js";
import { extendReader } from "../annotations/reader-hooks.js";
import { language } from "../js/i18n.js";

// Scores with two decimals in the page's language: 0.85, or 0,85 in Spanish.
const SCORE = new Intl.NumberFormat(language(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const STORAGE_KEY = "factcheck.suggestions";
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

class Suggestions {
  constructor(reader) {
    this.reader = reader;
    this.config = reader.config.extensions?.suggestions ?? { labels: {}, supported: false };
    this.labels = this.config.labels;
    const element = reader.element;
    this.toggle = element.querySelector("[data-suggestions-toggle]");
    this.panel = element.querySelector("[data-suggestions-panel]");
    this.list = element.querySelector("[data-suggestions-list]");
    this.count = element.querySelector("[data-suggestions-count]");
    this.status = element.querySelector("[data-suggestions-status]");
    this.tip = element.querySelector("[data-suggestion-tip]");
    this.items = [];
    this.on = false;
    this.toggle.addEventListener("click", () => this.setOn(!this.on));
    reader.onClaimsChanged(() => this.on && this.load());
    this.bindMarks(reader.root);
    if (window.localStorage?.getItem(STORAGE_KEY) === "on") this.setOn(true, { quiet: true });
  }

  async setOn(on, { quiet = false } = {}) {
    this.on = on;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.panel.hidden = !on;
    window.localStorage?.setItem(STORAGE_KEY, on ? "on" : "off");
    if (!on) {
      this.items = [];
      this.hideTip();
      this.reader.redraw();
      if (!quiet) announce(this.labels.hidden);
      return;
    }
    await this.load();
    if (!quiet && this.on) announce(fill(this.labels.shown, { count: this.items.length }));
  }

  async load() {
    if (!this.config.supported) return this.show([], this.labels.unsupported);
    this.status.textContent = this.labels.loading;
    let data;
    try {
      ({ data } = await get(`articles/${this.reader.config.articleId}/suggestions/?worthy=true&ordering=-score`));
    } catch (error) {
      return this.show([], `${this.labels.error} ${error.message}`);
    }
    if (!this.on) return undefined; // turned off while loading
    const text = this.reader.text;
    const items = data.results
      .filter((row) => row.claim === null && row.score !== null)
      .map((row, index) => ({
        ...row,
        index,
        from: codePointToUtf16(text, row.start),
        to: codePointToUtf16(text, row.end),
      }));
    return this.show(items, items.length ? "" : this.labels.none);
  }

  show(items, status) {
    this.items = items;
    this.status.textContent = status;
    this.status.hidden = !status;
    this.count.textContent = items.length ? fill(this.labels.count, { count: items.length }) : "";
    this.list.replaceChildren(...items.map((item) => this.listItem(item)));
    this.reader.redraw();
  }

  listItem(item) {
    const button = h(
      "button",
      { type: "button", class: "suggestion-item", dataset: { suggestionIndex: item.index } },
      h("span", { class: "suggestion-score" }, fill(this.labels.score, { score: SCORE.format(item.score) })),
      h("span", { class: "suggestion-quote" }, excerpt(item.quote, 160)),
      h("span", { class: "suggestion-reasons" }, item.reasons.join(" · ")),
    );
    button.addEventListener("click", () => this.choose(item, button));
    return h("li", {}, button);
  }

  /** Select the sentence and open "Add claim" with it; focus comes back to `from` on cancel. */
  choose(item, from) {
    this.hideTip();
    this.markFor(item)?.scrollIntoView({ block: "center" });
    this.reader.addClaim({ start: item.from, end: item.to, returnFocus: from });
  }

  markFor(item) {
    return this.reader.root.querySelector(`#suggestion-${item.index}`);
  }

  // --- marks in the text ------------------------------------------------------------------

  /** reader-hooks: runs after every redraw of the claims, on fresh text nodes. */
  decorate() {
    if (!this.on || !this.items.length) return;
    const ordered = [...this.items].sort((a, b) => a.from - b.from);
    const pieces = piecesOf(this.reader.root, ordered);
    // Right to left within each text node, so splitting never moves a piece still to come.
    for (const piece of pieces.reverse()) this.wrap(piece);
  }

  wrap({ node, from, to, item, first }) {
    if (to < node.length) node.splitText(to);
    const target = from > 0 ? node.splitText(from) : node;
    const mark = h("mark", { class: "suggestion", dataset: { suggestion: item.index } });
    if (first) {
      Object.assign(mark, { id: `suggestion-${item.index}`, tabIndex: 0 });
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-describedby", "suggestion-tip");
      mark.setAttribute("aria-label", fill(this.labels.mark, { score: SCORE.format(item.score), quote: excerpt(item.quote, 90) }));
      mark.dataset.label = this.labels.badge;
    }
    target.replaceWith(mark);
    mark.append(target);
  }

  bindMarks(root) {
    const itemOf = (element) => {
      const mark = element instanceof Element ? element.closest("mark.suggestion") : null;
      return mark ? this.items.find((item) => item.index === Number(mark.dataset.suggestion)) : null;
    };
    root.addEventListener("mouseover", (event) => {
      const item = itemOf(event.target);
      if (item) this.showTip(item, event.target.closest("mark.suggestion"));
    });
    root.addEventListener("mouseout", (event) => {
      if (itemOf(event.target) && !itemOf(event.relatedTarget)) this.hideTip();
    });
    root.addEventListener("focusin", (event) => {
      const item = itemOf(event.target);
      if (item && event.target.matches("mark.suggestion")) this.showTip(item, event.target);
    });
    root.addEventListener("focusout", () => this.hideTip());
    root.addEventListener("keydown", (event) => {
      if (!(event.target instanceof Element) || !event.target.matches("mark.suggestion[role=button]")) return;
      const item = itemOf(event.target);
      if (item && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        this.choose(item, event.target);
      } else if (event.key === "Escape") {
        this.hideTip();
      }
    });
    root.addEventListener("click", (event) => {
      const item = itemOf(event.target);
      // A click inside a claim opens the claim; a drag is a selection, not a choice.
      if (!item || event.target.closest("mark.claim") || !window.getSelection().isCollapsed) return;
      this.choose(item, this.markFor(item) ?? root);
    });
  }

  showTip(item, mark) {
    const title = fill(this.labels.tipTitle, { score: SCORE.format(item.score) });
    this.tip.replaceChildren(
      h("strong", {}, title),
      h("ul", {}, item.reasons.map((reason) => h("li", {}, reason))),
    );
    this.tip.hidden = false;
    const rect = mark.getClientRects()[0] ?? mark.getBoundingClientRect();
    const origin = (this.tip.offsetParent ?? document.body).getBoundingClientRect();
    const maxLeft = (this.tip.offsetParent ?? document.body).clientWidth - this.tip.offsetWidth - 4;
    // CSSOM positioning is allowed under the CSP, unlike style="" attributes.
    this.tip.style.left = `${Math.max(0, Math.min(rect.left - origin.left, maxLeft))}px`;
    this.tip.style.top = `${rect.bottom - origin.top + 6}px`;
  }

  hideTip() {
    this.tip.hidden = true;
  }
}

/** [{ node, from, to, item, first }] for every text-node piece of each item's span (UTF-16). */
function piecesOf(root, ordered) {
  const pieces = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let next = 0; // first item that may still start in or after this node
  for (let node = walker.nextNode(); node && next < ordered.length; node = walker.nextNode()) {
    const start = seen;
    const end = seen + node.length;
    seen = end;
    for (let i = next; i < ordered.length && ordered[i].from < end; i += 1) {
      const item = ordered[i];
      if (item.to <= start) {
        next = i + 1;
        continue;
      }
      const from = Math.max(item.from, start) - start;
      const to = Math.min(item.to, end) - start;
      if (to > from) pieces.push({ node, from, to, item, first: item.from >= start });
    }
  }
  return pieces;
}

extendReader({
  attach(reader) {
    this.suggestions = new Suggestions(reader);
  },
  decorate() {
    this.suggestions?.decorate();
  },
});
