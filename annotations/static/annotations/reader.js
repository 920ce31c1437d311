/**
 * The article reader: binds the highlight, selection, dialog, list and card
 * modules on the reader page (articles/templates/articles/reader.html).
 *
 * Expects:
 *   <div data-reader> containing
 *     <article data-reader-text tabindex="0">text</article>, <button data-add-claim>,
 *     <span data-text-caret>, <section data-claim-card>, <ol data-claim-list>,
 *     <span data-claim-count>, <p data-claim-list-status>
 *   <dialog data-claim-dialog> (see claim-dialog.js), <div data-announcer>
 *   <section data-orphans> (see orphans.js)
 *   <script id="reader-data" type="application/json">
 *     { articleId, revision, user: { username }, permissions: {...} (see permissions.js),
 *       ratings: [...], states: {...}, statuses: {...}, agreement: {...},
 *       historyActions: {...}, stances: {...} }
 *   <script id="reader-claims" type="application/json">
 *     [{ id, start, end, quote, revision, anchor_state, status, rating,
 *        verdicts: [{ rating }] }, ...] (text order; orphans' offsets are into `revision`)
 *
 * The claims come with the page, as much of each as the marks, the list and the
 * orphans panel need, so every mark is drawn in one pass as soon as the module
 * runs (no request). A card loads its claim in full (GET /api/v1/claims/<id>/)
 * when opened; after a write only the claim that changed is fetched again and the
 * marks redrawn, so the page always shows what the server stored. A URL ending in
 * #claim-<id> opens that claim. Orphaned claims (their quote is not in this
 * revision's text) are never drawn: they are listed in the orphans panel, from
 * where a selection re-attaches them.
 *
 * Other apps extend the reader through reader-hooks.js (publicApi below).
 */

import { ApiError, get, getAll, post } from "./api.js";
import { announce, prefersReducedMotion, readJson } from "./dom.js";
import { createDescriber } from "./claim-state.js";
import { ClaimCard } from "./claim-card.js";
import { ClaimDialog } from "./claim-dialog.js";
import { ClaimList } from "./claim-list.js";
import { claimIdsAt, markOf, renderMarks } from "./marks.js";
import { rangeFromOffsets, rangeOffsets, utf16ToCodePoint } from "./offsets.js";
import { OrphanPanel } from "./orphans.js";
import { createPermissions } from "./permissions.js";
import { cardShown, decorate, readerReady } from "./reader-hooks.js";
import { SelectionWatcher } from "./selection.js";

class Reader {
  constructor(element, config) {
    this.config = config;
    this.element = element;
    this.root = element.querySelector("[data-reader-text]");
    // The text exactly as the server rendered it: the one copy every offset refers to.
    this.text = this.root.textContent;
    this.all = []; // every claim, orphans included
    this.claims = []; // the ones drawn: anchored in the current text
    this.describe = createDescriber(config);
    const labels = new Map(config.ratings.map((rating) => [rating.value, rating.label]));
    this.list = new ClaimList({
      list: element.querySelector("[data-claim-list]"),
      count: element.querySelector("[data-claim-count]"),
      status: element.querySelector("[data-claim-list-status]"),
      describe: this.describe,
      onPick: (id) => this.pick(id),
    });
    this.card = new ClaimCard(element.querySelector("[data-claim-card]"), {
      user: config.user,
      permissions: createPermissions(config.user.username, config.permissions),
      describe: this.describe,
      ratingLabel: (value) => labels.get(value) ?? value,
      statusLabel: (value) => config.statuses[value] ?? value,
      agreementLabels: config.agreement,
      historyActions: config.historyActions,
      stanceLabels: config.stances,
      onChanged: (id, message, focusSelector, options) => this.changed(id, message, focusSelector, options),
      onSelect: (id) => this.openCard(id, { returnFocus: () => markOf(this.root, id) }),
      onClose: () => this.list.select(null),
    });
    this.addButton = element.querySelector("[data-add-claim]");
    this.addLabel = this.addButton.textContent;
    this.selection = new SelectionWatcher({
      root: this.root,
      button: this.addButton,
      caret: element.querySelector("[data-text-caret]"),
      onAdd: (span) => (this.reattaching ? this.reattach(span) : this.startClaim(span)),
    });
    this.reattaching = null;
    this.orphans = new OrphanPanel(element.querySelector("[data-orphans]"), {
      onStart: (claim) => this.startReattach(claim),
      onCancel: () => this.stopReattach(),
      onConfirm: (claim) => this.confirmAnchor(claim),
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.reattaching) this.orphans.cancel();
    });
    this.dialog = new ClaimDialog(document.querySelector("[data-claim-dialog]"), {
      onSave: (values) => this.saveClaim(values),
      onClose: (saved) => {
        this.selection.resume({ clear: saved });
        if (saved && this.saved) this.afterSave(this.saved);
      },
    });
    this.root.addEventListener("click", (event) => this.onMarkClick(event));
    this.root.addEventListener("keydown", (event) => this.onMarkKey(event));
    this.claimListeners = [];
  }

  /** What extensions may use (see reader-hooks.js); nothing else of the reader is theirs. */
  publicApi() {
    return {
      element: this.element,
      root: this.root,
      text: this.text,
      config: this.config,
      claims: () => this.claims,
      redraw: () => this.draw(),
      addClaim: ({ start, end, returnFocus }) => this.addClaimFor({ start, end, returnFocus }),
      onClaimsChanged: (listener) => this.claimListeners.push(listener),
    };
  }

  /** Select the UTF-16 span start..end in the text and open "Add claim" for it. */
  addClaimFor({ start, end, returnFocus }) {
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(rangeFromOffsets(this.root, start, end));
    this.startClaim({ start, end }, returnFocus);
  }

  /** Draw the claims that came with the page. */
  start(claims) {
    this.show(claims);
  }

  /**
   * Take `claims` (every claim of the article, orphans included) as the current set:
   * draw the anchored ones, list the others in the orphans panel, tell extensions.
   */
  show(claims) {
    this.all = claims;
    // Orphans' offsets point into an older revision: they are listed, never drawn.
    this.claims = claims.filter((claim) => claim.anchor_state !== "orphaned");
    this.orphans.render(claims);
    this.draw();
    this.element.dataset.state = "ready"; // tests and styles can tell the claims are drawn
    for (const listener of this.claimListeners) listener(this.claims);
  }

  /** Every claim again, page by page (the fallback when one claim cannot be refreshed). */
  async load() {
    let claims;
    try {
      claims = await getAll(`articles/${this.config.articleId}/claims/?page_size=200`);
    } catch (error) {
      this.list.showError(`Claims could not be loaded: ${error.message}`);
      return;
    }
    this.show(claims);
  }

  /** Fetch one claim in full and redraw (after a write); a 404 means it was deleted. */
  async refresh(id, { redraw = true } = {}) {
    let claim = null;
    try {
      ({ data: claim } = await get(`claims/${Number(id)}/`));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) return this.load();
    }
    const others = this.all.filter((existing) => existing.id !== Number(id));
    const claims = claim ? [...others, claim].sort(inTextOrder) : others;
    if (redraw || !claim) return this.show(claims);
    // Loaded in full for its card only: nothing a mark, the list or an extension shows changed.
    this.all = claims;
    this.claims = claims.filter((each) => each.anchor_state !== "orphaned");
    return undefined;
  }

  draw() {
    const focusedId = this.root.contains(document.activeElement) && document.activeElement !== this.root
      ? document.activeElement.dataset.claimId
      : null;
    // Redrawing replaces the text nodes; keep the reader's selection across it.
    const selection = window.getSelection();
    const kept = selection.rangeCount ? rangeOffsets(this.root, selection.getRangeAt(0)) : null;
    renderMarks(this.root, this.text, this.claims, this.describe);
    decorate(this.api); // extensions wrap text in marks of their own (reader-hooks.js)
    if (kept) {
      selection.removeAllRanges();
      selection.addRange(rangeFromOffsets(this.root, kept.start, kept.end));
    }
    this.list.render(this.claims, this.card.claimId);
    if (focusedId) markOf(this.root, focusedId)?.focus({ preventScroll: true });
  }

  claim(id) {
    return this.claims.find((claim) => claim.id === Number(id)) ?? null;
  }

  // --- opening claims ------------------------------------------------------------------

  /**
   * Show a claim's card, loading the claim in full first if only its mark's data
   * is here. A later call wins over an earlier one still loading.
   */
  async openCard(id, { alsoHereIds = [], returnFocus, focus = true, notice = "", noticeIsError = false, focusSelector = null } = {}) {
    this.opening = Number(id);
    if (this.claim(id) && !isFull(this.claim(id))) await this.refresh(id, { redraw: false });
    const claim = this.claim(id);
    if (!claim || this.opening !== claim.id) return;
    const alsoHere = alsoHereIds.filter((other) => other !== claim.id).map((other) => this.claim(other)).filter(Boolean);
    this.card.show(claim, { alsoHere, returnFocus, focus, notice, noticeIsError, focusSelector });
    cardShown(claim, this.card.section);
    this.list.select(claim.id);
  }

  onMarkClick(event) {
    const mark = event.target.closest("mark[data-claim-id]");
    if (!mark) return;
    // A drag that ends on a mark selects text (perhaps a nested claim); it is not a click.
    const selection = window.getSelection();
    if (!selection.isCollapsed && this.root.contains(selection.anchorNode)) return;
    this.openFromMark(mark);
  }

  onMarkKey(event) {
    const mark = event.target;
    if (!(mark instanceof HTMLElement) || !mark.matches("mark[data-claim-id][role=button]")) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.openFromMark(mark);
    } else if (event.key === "Escape" && this.card.claimId) {
      this.card.close();
    }
  }

  openFromMark(mark) {
    const [id, ...others] = claimIdsAt(this.root, mark);
    this.openCard(id, { alsoHereIds: others, returnFocus: () => markOf(this.root, id) })
      .then(() => this.keepVisibleAboveCard(mark));
  }

  /** On narrow screens the card is a bottom sheet (CSS); keep the highlight above it. */
  keepVisibleAboveCard(mark) {
    const card = this.card.section;
    if (getComputedStyle(card).position !== "fixed") return;
    const overlap = mark.getBoundingClientRect().bottom - card.getBoundingClientRect().top;
    if (overlap > -16) mark.scrollIntoView({ block: "start" });
  }

  /** From the list: bring the highlight into view and focus it; the card follows along. */
  pick(id) {
    const mark = markOf(this.root, id);
    const opened = this.openCard(id, { focus: !mark, returnFocus: () => this.list.buttonFor(id) });
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
    mark.focus({ preventScroll: true });
    opened.then(() => this.keepVisibleAboveCard(mark));
  }

  // --- re-attaching orphaned and fuzzy claims ---------------------------------------------

  startReattach(claim) {
    this.reattaching = claim;
    this.addButton.textContent = "Attach here";
    this.root.focus();
  }

  stopReattach() {
    this.reattaching = null;
    this.addButton.textContent = this.addLabel;
  }

  async reattach({ start, end }) {
    const claim = this.reattaching;
    try {
      await post(`claims/${claim.id}/reattach/`, {
        start: utf16ToCodePoint(this.text, start),
        end: utf16ToCodePoint(this.text, end),
        quote: this.text.slice(start, end),
        revision: this.config.revision,
      });
    } catch (error) {
      this.orphans.status.textContent = `Not re-attached: ${error.message}`;
      return;
    }
    this.stopReattach();
    this.orphans.finish("Claim re-attached.");
    window.getSelection().removeAllRanges();
    await this.refresh(claim.id);
    announce("Claim re-attached and highlighted.");
    markOf(this.root, claim.id)?.focus();
  }

  async confirmAnchor(claim) {
    try {
      await post(`claims/${claim.id}/reattach/`, { start: claim.start, end: claim.end, quote: claim.quote, revision: this.config.revision });
    } catch (error) {
      this.orphans.status.textContent = `Not confirmed: ${error.message}`;
      return;
    }
    this.orphans.finish("Claim confirmed.");
    await this.refresh(claim.id);
    announce("Claim confirmed.");
  }

  // --- adding claims --------------------------------------------------------------------

  startClaim({ start, end }, returnFocus = this.root) {
    this.pending = { start, end };
    this.saved = null;
    this.selection.pause();
    this.dialog.open({ quote: this.text.slice(start, end), returnFocus });
  }

  /**
   * Store the claim, then the optional verdict and source. Offsets go to the
   * server in code points (converted here, once); the quote goes along so the
   * server can refuse a span that does not read the same.
   */
  async saveClaim(values) {
    const { start, end } = this.pending;
    const { data: claim } = await post("claims/", {
      article: this.config.articleId,
      start: utf16ToCodePoint(this.text, start),
      end: utf16ToCodePoint(this.text, end),
      offset_unit: "codepoint",
      quote: this.text.slice(start, end),
      revision: this.config.revision,
      statement: values.statement,
      claimant: values.claimant,
    });
    // The claim is stored: from here on, a refused verdict or source is reported
    // on the claim's card instead of keeping the dialog open (which would re-create it).
    const problems = [];
    if (values.rating) {
      await post(`claims/${claim.id}/verdicts/`, { rating: values.rating, rationale: values.rationale })
        .catch((error) => problems.push(`Your verdict was not saved: ${error.message}`));
    }
    let refusedSource = null;
    if (values.url.trim()) {
      const source = { url: values.url.trim(), title: values.title, excerpt: values.excerpt, stance: values.stance };
      await post(`claims/${claim.id}/sources/`, source).catch((error) => {
        problems.push(`The source was not saved: ${error.message}`);
        refusedSource = source;
      });
    }
    await this.refresh(claim.id);
    this.saved = { id: claim.id, problems, refusedSource };
  }

  /** Runs once the dialog has closed: focus can only move outside a modal after that. */
  afterSave({ id, problems, refusedSource }) {
    this.saved = null;
    if (problems.length) {
      this.openCard(id, { returnFocus: () => markOf(this.root, id), notice: `Claim saved. ${problems.join(" ")}` })
        .then(() => refusedSource && this.card.prefillSource(refusedSource));
    } else {
      markOf(this.root, id)?.focus();
    }
    announce(problems.length ? "Claim saved with problems; see the claim card." : "Claim saved and highlighted.");
  }

  /**
   * After a write from the card: reload, redraw, and show the claim again. An
   * error (a refused move) goes in the card's alert, which announces itself.
   */
  async changed(id, message, focusSelector, { error = false } = {}) {
    await this.refresh(id);
    if (this.claim(id)) {
      await this.openCard(id, { notice: message, noticeIsError: error, focusSelector, focus: Boolean(focusSelector) });
    }
    if (message && !error) announce(message);
  }

  openFromHash() {
    const match = /^#claim-(\d+)$/.exec(window.location.hash);
    if (!match || !this.claim(match[1])) return;
    const id = Number(match[1]);
    markOf(this.root, id)?.scrollIntoView({ block: "center" });
    this.openCard(id, { returnFocus: () => markOf(this.root, id) });
  }
}

/** Loaded from the API (every field the card shows), not just what the mark needs. */
function isFull(claim) {
  return Array.isArray(claim.sources);
}

/** The API's order for an article's claims: start, then end, then id. */
function inTextOrder(a, b) {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

const element = document.querySelector("[data-reader]");
if (element) {
  const reader = new Reader(element, readJson("reader-data"));
  reader.api = reader.publicApi();
  readerReady(reader.api);
  reader.start(readJson("reader-claims"));
  reader.openFromHash();
  window.addEventListener("hashchange", () => reader.openFromHash());
}
