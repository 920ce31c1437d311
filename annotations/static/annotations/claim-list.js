/**
 * The side panel's list of claims, in reading order.
 *
 * Expects:
 *   <span data-claim-count></span>
 *   <p data-claim-list-status role="status"></p>
 *   <ol data-claim-list></ol>
 *
 * Each item is a button; onPick(claimId) scrolls to and focuses the highlight.
 */

import { gettext } from "../js/i18n.js";
import { bdi, excerpt, h } from "./dom.js";

export class ClaimList {
  constructor({ list, count, status, describe, onPick }) {
    Object.assign(this, { list, count, status, describe, onPick });
    // One listener for every item: an article may carry thousands of claims.
    this.list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-claim-id]");
      if (button) this.onPick(Number(button.dataset.claimId));
    });
  }

  render(claims, selectedId = null) {
    this.count.textContent = claims.length ? `(${claims.length})` : "";
    this.status.textContent = claims.length ? "" : gettext("No claims yet. Select text in the article to add one.");
    this.status.hidden = claims.length > 0;
    const items = document.createDocumentFragment();
    for (const claim of claims) items.append(this.item(claim, claim.id === selectedId));
    this.list.replaceChildren(items);
  }

  /** Mark `claimId`'s item as the open one, without rebuilding the list. */
  select(claimId) {
    for (const current of this.list.querySelectorAll('button[aria-current="true"]')) current.removeAttribute("aria-current");
    this.buttonFor(claimId)?.setAttribute("aria-current", "true");
  }

  item(claim, selected) {
    const view = this.describe(claim);
    const button = h("button", { type: "button", class: "claim-list-button", "aria-current": selected ? "true" : false },
      h("span", { class: "claim-list-quote" }, "“", bdi(excerpt(claim.quote, 120)), "”"),
      h("span", { class: "badge", "aria-hidden": "true", dataset: { state: view.state, rating: view.rating } }, view.badge),
      h("span", { class: "visually-hidden" }, ` — ${view.label}`));
    button.dataset.claimId = String(claim.id);
    return h("li", {}, button);
  }

  showError(message) {
    this.status.hidden = false;
    this.status.textContent = message;
  }

  buttonFor(claimId) {
    return this.list.querySelector(`button[data-claim-id="${Number(claimId)}"]`);
  }
}
