/**
 * The claim card's "History" disclosure: who changed what about a claim, when,
 * from which value to which, and why (GET /api/v1/claims/<id>/history/).
 *
 * Renders, inside the card:
 *   <section class="card-section">
 *     <h3>History</h3>
 *     <button aria-expanded aria-controls="card-history">Show history</button>
 *     <div id="card-history" aria-live="polite" hidden>
 *       <ol class="history-list"><li>time · actor · action; field: old → new; reason</li></ol>
 *     </div>
 *   </section>
 *
 * The history is loaded when opened, and again on every render while open, so
 * it follows the card's own changes. Labels come from the server through the
 * reader's json_script: action names (history.models.HistoryEntry.Action),
 * statuses, ratings and stances. The API already applies blind review to verdict rows.
 */

import { gettext, interpolate, language } from "../js/i18n.js";
import { get } from "./api.js";
import { bdi, excerpt, h } from "./dom.js";

// Per object type: fields the entry's own actor and time already say (who published,
// when), and ids or offsets that mean nothing to a reader (the quote says it).
const CLAIM_HIDDEN = new Set(["published_by", "published_at", "article", "start", "end", "prefix", "suffix"]);
const OTHER_HIDDEN = new Set(["claim"]);
const OBJECT_ACTIONS = new Set(["create", "update", "delete"]);
const FIELD_NAMES = {
  url: gettext("URL"),
  published_at: gettext("Date published"),
  statement: gettext("Statement"),
  claimant: gettext("Claimant"),
  quote: gettext("Quote"),
  status: gettext("Status"),
  rating: gettext("Rating"),
  rationale: gettext("Rationale"),
  stance: gettext("Stance"),
  title: gettext("Title"),
  publisher: gettext("Publisher"),
  excerpt: gettext("Excerpt"),
  note: gettext("Note"),
  reviewer: gettext("Reviewer"),
  assigned_to: gettext("Assigned to"),
  anchor_state: gettext("Anchor"),
};
// What a history entry is about, for "Created verdict" and the like.
const OBJECT_NAMES = {
  claim: gettext("claim"),
  verdict: gettext("verdict"),
  source: gettext("source"),
  publication: gettext("publication"),
  assignment: gettext("assignment"),
};

export class ClaimHistory {
  constructor({ actionLabels, statusLabel, ratingLabel, stanceLabels }) {
    Object.assign(this, { actionLabels, statusLabel, ratingLabel, stanceLabels });
    this.open = false;
    this.claimId = null;
  }

  render(claim) {
    if (claim.id !== this.claimId) this.open = false; // another claim: start closed
    this.claimId = claim.id;
    this.region = h("div", { class: "history-region", id: "card-history", "aria-live": "polite", hidden: !this.open });
    this.button = h("button", { type: "button", class: "button-quiet disclosure", "aria-expanded": String(this.open), "aria-controls": "card-history" },
      this.open ? gettext("Hide history") : gettext("Show history"));
    this.button.addEventListener("click", () => this.toggle());
    if (this.open) this.load();
    return h("section", { class: "card-section card-history", "aria-labelledby": "card-history-title" },
      h("div", { class: "section-head" }, h("h3", { id: "card-history-title" }, gettext("History")), this.button),
      this.region);
  }

  toggle() {
    this.open = !this.open;
    this.button.setAttribute("aria-expanded", String(this.open));
    this.button.textContent = this.open ? gettext("Hide history") : gettext("Show history");
    this.region.hidden = !this.open;
    if (this.open) this.load();
  }

  async load() {
    const claimId = this.claimId;
    const region = this.region;
    region.setAttribute("aria-busy", "true");
    region.replaceChildren(h("p", { class: "muted small" }, gettext("Loading history…")));
    try {
      const { data } = await get(`claims/${claimId}/history/`);
      if (region !== this.region) return; // the card was redrawn meanwhile
      region.replaceChildren(data.length
        ? h("ol", { class: "history-list" }, data.map((entry) => this.entry(entry)))
        : h("p", { class: "muted small" }, gettext("No changes recorded.")));
    } catch (error) {
      region.replaceChildren(h("p", { class: "field-error", role: "alert" }, interpolate(gettext("History could not be loaded: %s"), [error.message])));
    } finally {
      region.removeAttribute("aria-busy");
    }
  }

  entry(entry) {
    const at = new Date(entry.at);
    const action = this.actionLabels[entry.action] ?? entry.action;
    const what = OBJECT_ACTIONS.has(entry.action) ? interpolate(gettext("%(action)s %(object)s"), { action, object: OBJECT_NAMES[entry.object_type] ?? entry.object_type }, true) : action;
    const hidden = entry.object_type === "claim" ? CLAIM_HIDDEN : OTHER_HIDDEN;
    const blank = (value) => value === null || value === "";
    // A create lists the values given; fields left empty say nothing.
    const changes = Object.entries(entry.changes ?? {}).filter(([field, [, after]]) =>
      !hidden.has(field) && !(entry.action === "create" && blank(after)));
    return h("li", { class: "history-entry", dataset: { action: entry.action } },
      h("p", { class: "history-head" },
        h("time", { datetime: entry.at }, at.toLocaleString(language(), { dateStyle: "medium", timeStyle: "short" })),
        " · ", h("strong", {}, entry.actor ? bdi(entry.actor) : gettext("system")), " · ", what),
      changes.length ? h("ul", { class: "history-changes" }, changes.map(([field, pair]) => this.change(entry, field, pair))) : null,
      entry.reason ? h("p", { class: "history-reason" }, h("span", { class: "muted" }, `${gettext("Reason:")} `), bdi(entry.reason)) : null);
  }

  change(entry, field, [before, after]) {
    const name = FIELD_NAMES[field] ?? field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, " ");
    const empty = (value) => value === null || value === "";
    if (entry.action === "create" || empty(before)) return h("li", {}, `${name}: `, this.value(field, after));
    if (entry.action === "delete" || empty(after)) return h("li", {}, `${name}: `, this.value(field, before), ` ${gettext("(removed)")}`);
    return h("li", {}, `${name}: `, h("del", {}, this.value(field, before)), " → ", h("ins", {}, this.value(field, after)));
  }

  value(field, value) {
    if (value === null || value === "") return "—";
    if (field === "status") return this.statusLabel(value);
    if (field === "rating") return this.ratingLabel(value);
    if (field === "stance") return this.stanceLabels[value] ?? value;
    if (field.endsWith("_at") && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleDateString();
    return bdi(excerpt(String(value), 160));
  }
}
