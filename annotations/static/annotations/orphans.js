/**
 * The "Orphaned claims" panel of the reader, and re-attaching a claim by selecting text.
 *
 * Expects (articles/templates/articles/reader.html):
 *   <section data-orphans hidden>
 *     <span data-orphan-count></span>
 *     <p data-reattach-status role="status"></p>
 *     <ol data-orphan-list></ol>
 *   </section>
 *
 * Lists orphaned claims (their quote is no longer in the text; the offsets point into an
 * older revision) and fuzzy ones (the quote changed with the text; a person should
 * confirm the new span). "Re-attach" asks the reader to select the new text: the
 * reader then calls onReattach(claimId, span) instead of opening the new-claim dialog.
 * "Confirm" keeps a fuzzy claim where it is. Escape or "Cancel" leaves the mode.
 */

import { gettext, interpolate } from "../js/i18n.js";
import { excerpt, h } from "./dom.js";

export class OrphanPanel {
  constructor(section, { onStart, onCancel, onConfirm }) {
    Object.assign(this, { section, onStart, onCancel, onConfirm, active: null });
    this.list = section.querySelector("[data-orphan-list]");
    this.count = section.querySelector("[data-orphan-count]");
    this.status = section.querySelector("[data-reattach-status]");
  }

  render(claims) {
    const waiting = claims.filter((claim) => claim.anchor_state !== "anchored");
    this.section.hidden = waiting.length === 0;
    this.count.textContent = waiting.length ? `(${waiting.length})` : "";
    this.list.replaceChildren(...waiting.map((claim) => this.item(claim)));
  }

  item(claim) {
    const orphan = claim.anchor_state === "orphaned";
    const note = orphan
      ? interpolate(gettext("Not found in the current text; it pointed into revision %s."), [claim.revision])
      : gettext("The quote changed with the text; check that it still says what was claimed.");
    const actions = [this.button(orphan ? gettext("Re-attach") : gettext("Re-select"), () => this.start(claim), claim)];
    if (!orphan) actions.unshift(this.button(gettext("Confirm"), () => this.onConfirm(claim)));
    return h("li", { class: "orphan", dataset: { claimId: String(claim.id), anchorState: claim.anchor_state } },
      h("p", { class: "orphan-quote" }, `“${excerpt(claim.quote, 140)}”`),
      h("p", { class: "muted small" }, note),
      h("div", { class: "orphan-actions" }, ...actions));
  }

  button(label, action, claim = null) {
    const attributes = { type: "button", class: "button-quiet" };
    if (claim) attributes["aria-pressed"] = this.active === claim.id ? "true" : "false";
    const button = h("button", attributes, label);
    button.addEventListener("click", action);
    return button;
  }

  start(claim) {
    this.active = claim.id;
    this.status.textContent = interpolate(gettext("Select the text “%s” now refers to, then press “Attach here”. Escape cancels."), [excerpt(claim.quote, 60)]);
    for (const button of this.list.querySelectorAll("[aria-pressed]")) {
      button.setAttribute("aria-pressed", button.closest("[data-claim-id]").dataset.claimId === String(claim.id) ? "true" : "false");
    }
    this.onStart(claim);
  }

  finish(message = "") {
    this.active = null;
    this.status.textContent = message;
    for (const button of this.list.querySelectorAll("[aria-pressed]")) button.setAttribute("aria-pressed", "false");
  }

  cancel() {
    if (this.active === null) return;
    this.finish(gettext("Re-attaching cancelled."));
    this.onCancel();
  }
}
