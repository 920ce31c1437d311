/**
 * Watches text selection in the article and offers "Add claim" next to it.
 *
 * Expects:
 *   <article data-reader-text tabindex="0">…</article>
 *   <button type="button" data-add-claim hidden>Add claim</button>
 *   <span class="text-caret" data-text-caret hidden></span>
 *
 * Mouse: select text, the button appears beside the selection's end.
 * Keyboard: with the <article> itself focused, the arrow keys move a visible
 * caret (Ctrl/Alt: by word; Up/Down: by line; Home/End: to the line's ends) and
 * Shift extends the selection; Enter or the button adds the claim, Tab reaches
 * the button, Escape clears the selection. Movement uses Selection.modify, so it
 * steps over whole characters (emoji, accents) the way the browser draws them.
 *
 * onAdd({ start, end }) receives the selection in UTF-16 units of the article text.
 */

import { rangeOffsets } from "./offsets.js";

const MOVES = {
  ArrowLeft: ["backward", "character"],
  ArrowRight: ["forward", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

export class SelectionWatcher {
  constructor({ root, button, caret, onAdd }) {
    Object.assign(this, { root, button, caret, onAdd, current: null, paused: false });
    // The caret is drawn only while the keyboard drives the article: a mouse user
    // sees the selection itself.
    this.usingKeyboard = false;
    root.addEventListener("mousedown", () => {
      this.usingKeyboard = false;
    });
    document.addEventListener("selectionchange", () => this.schedule());
    window.addEventListener("resize", () => this.schedule());
    root.addEventListener("keydown", (event) => this.onKeydown(event));
    root.addEventListener("focus", () => this.schedule());
    root.addEventListener("blur", () => this.hideCaret());
    // Keep the selection (and focus where it is) when the button is pressed with a mouse.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => this.add());
  }

  /** Stop reacting while a dialog is open; resume afterwards (optionally clearing). */
  pause() {
    this.paused = true;
    this.button.hidden = true;
    this.hideCaret();
  }

  resume({ clear = false } = {}) {
    this.paused = false;
    if (clear) window.getSelection().removeAllRanges();
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = window.requestAnimationFrame(() => {
      this.frame = null;
      this.update();
    });
  }

  selectionRange() {
    const selection = window.getSelection();
    return selection.rangeCount ? selection.getRangeAt(0) : null;
  }

  update() {
    if (this.paused) return;
    const range = this.selectionRange();
    this.current = range && !range.collapsed ? rangeOffsets(this.root, range) : null;
    if (this.current) this.placeButton(range);
    else this.button.hidden = true;
    if (this.usingKeyboard && document.activeElement === this.root && range) this.placeCaret();
    else this.hideCaret();
  }

  placeButton(range) {
    const rects = range.getClientRects();
    const rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    this.button.hidden = false; // before measuring: a hidden element has no offsetParent
    const container = this.button.offsetParent ?? document.body;
    const origin = container.getBoundingClientRect();
    const maxLeft = container.clientWidth - this.button.offsetWidth - 4;
    // CSSOM positioning: allowed under the CSP, unlike style="" attributes.
    this.button.style.left = `${Math.max(0, Math.min(rect.right - origin.left + 6, maxLeft))}px`;
    this.button.style.top = `${rect.bottom - origin.top + 6}px`;
  }

  placeCaret() {
    const selection = window.getSelection();
    if (!selection.focusNode || !this.root.contains(selection.focusNode)) return this.hideCaret();
    const point = document.createRange();
    point.setStart(selection.focusNode, selection.focusOffset);
    point.collapse(true);
    const rect = point.getClientRects()[0] ?? point.getBoundingClientRect();
    if (!rect || rect.height === 0) return this.hideCaret();
    this.caret.hidden = false;
    const origin = (this.caret.offsetParent ?? document.body).getBoundingClientRect();
    this.caret.style.left = `${rect.left - origin.left}px`;
    this.caret.style.top = `${rect.top - origin.top}px`;
    this.caret.style.height = `${rect.height}px`;
    this.caret.scrollIntoView({ block: "nearest" });
    return undefined;
  }

  hideCaret() {
    this.caret.hidden = true;
  }

  ensureCaret() {
    const selection = window.getSelection();
    if (selection.rangeCount && this.root.contains(selection.focusNode)) return;
    const walker = document.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode();
    if (first) selection.collapse(first, 0);
  }

  onKeydown(event) {
    if (event.target !== this.root || this.paused) return;
    this.usingKeyboard = true;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      this.ensureCaret();
      const byWord = (event.ctrlKey || event.altKey) && move[1] === "character";
      window.getSelection().modify(event.shiftKey ? "extend" : "move", move[0], byWord ? "word" : move[1]);
      this.schedule();
      return;
    }
    if (["Enter", "Tab", "Escape"].includes(event.key)) this.update(); // not a frame late
    if (event.key === "Enter" && this.current) {
      event.preventDefault();
      this.add();
    } else if (event.key === "Tab" && !event.shiftKey && this.current) {
      event.preventDefault();
      this.button.focus();
    } else if (event.key === "Escape" && this.current) {
      window.getSelection().collapseToEnd();
    }
  }

  add() {
    this.update();
    if (this.current) this.onAdd({ ...this.current });
  }
}
