/**
 * "Already checked?" on the claim card: fact-checks (ours and imported
 * ClaimReviews) and other desk claims about the same thing, best first, each with
 * its rating, publisher, date and link, and two buttons: "Same claim" (confirm)
 * and "Not the same" (dismiss). A decision is stored as a match link (never a
 * verdict) and shown on both claims' cards. Plugs into the reader through
 * annotations/reader-hooks.js's `card` hook; desk users only.
 *
 * Draws, at the end of the card's <section>:
 *   <section class="already-checked" aria-labelledby="already-checked-title">
 *     <h3 id="already-checked-title">, <p role="status">, <ol> of matches,
 *     <ul> of links made elsewhere to this claim
 * Data: GET /api/v1/claims/<id>/matches/ ({ results, links }) and
 *       POST the same address { kind, target_id, status, score }.
 * Config: reader config `extensions.matching` = { desk, labels } (matching/reader.py).
 */

import { get, post } from "../annotations/api.js";
import { announce, h } from "../annotations/dom.js";
import { extendReader } from "../annotations/reader-hooks.js";

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

class AlreadyChecked {
  constructor(reader) {
    this.config = reader.config.extensions?.matching ?? { desk: false, labels: {} };
    this.labels = this.config.labels;
    this.loading = 0;
  }

  async draw(claim, card) {
    if (!this.config.desk) return;
    const L = this.labels;
    const status = h("p", { class: "muted", role: "status" }, L.loading);
    const list = h("ol", { class: "match-list" });
    const links = h("ul", { class: "match-links" });
    const part = h(
      "section",
      { class: "already-checked", "aria-labelledby": "already-checked-title", "data-already-checked": "" },
      h("h3", { id: "already-checked-title" }, L.title),
      status,
      list,
      links,
    );
    card.append(part);
    const ticket = ++this.loading;
    let data;
    try {
      ({ data } = await get(`/api/v1/claims/${claim.id}/matches/`));
    } catch (error) {
      if (ticket === this.loading) status.textContent = `${L.error} ${error.message}`;
      return;
    }
    if (ticket !== this.loading || !part.isConnected) return;
    this.render(claim, data, { status, list, links });
  }

  render(claim, data, { status, list, links }) {
    const L = this.labels;
    const shownHere = new Set(data.results.map((match) => `${match.kind}:${match.id}`));
    status.textContent = data.results.length ? "" : L.none;
    list.replaceChildren(...data.results.map((match) => this.item(claim, match)));
    const others = (data.links ?? []).filter(
      (link) => link.status === "confirmed" && !shownHere.has(`${link.kind}:${link.id}`),
    );
    links.replaceChildren(
      ...others.map((link) =>
        h("li", {}, `${L.linked}: `, h("a", { href: link.url }, link.text), link.rating_label ? ` — ${link.rating_label}` : ""),
      ),
    );
  }

  item(claim, match) {
    const L = this.labels;
    const source = match.kind === "claimreview" ? match.publisher : match.kind === "factcheck" ? (match.publisher || L.ours) : L.desk;
    const facts = [source, match.date ? match.date.slice(0, 10) : "", match.retracted ? L.retracted : ""].filter(Boolean);
    const rating = match.kind === "claim" ? "" : match.rating_label || (match.kind === "claimreview" ? L.unrated : "");
    const external = match.kind === "claimreview";
    const decision = h("p", { class: "match-decision", role: "status" });
    const buttons = h(
      "div",
      { class: "match-actions" },
      this.button(L.same, "confirmed", claim, match, decision),
      this.button(L.dismiss, "dismissed", claim, match, decision),
    );
    const li = h(
      "li",
      { class: `match match-${match.match}`, "data-match-kind": match.kind, "data-match-id": String(match.id) },
      h("p", { class: "match-text" }, h("a", external ? { href: match.url, rel: "noopener noreferrer", target: "_blank" } : { href: match.url }, match.text)),
      h(
        "p",
        { class: "match-facts" },
        rating ? h("strong", { class: "match-rating" }, rating) : "",
        rating ? " · " : "",
        facts.join(" · "),
        " · ",
        h("span", { class: "match-score" }, `${match.match === "same" ? L.matchSame : L.matchRelated}, ${fill(L.score, { score: match.score.toFixed(2) })}`),
      ),
      buttons,
      decision,
    );
    this.showDecision(li, decision, match.link);
    return li;
  }

  button(text, status, claim, match, decision) {
    const button = h("button", { type: "button", class: "secondary", "data-match-decide": status }, text);
    button.addEventListener("click", async () => {
      const li = button.closest("li");
      for (const other of li.querySelectorAll("button")) other.disabled = true;
      try {
        await post(`/api/v1/claims/${claim.id}/matches/`, { kind: match.kind, target_id: match.id, status, score: match.score });
        this.showDecision(li, decision, status);
        announce(status === "confirmed" ? this.labels.savedSame : this.labels.savedDismissed);
      } catch (error) {
        decision.textContent = `${this.labels.error} ${error.message}`;
      } finally {
        for (const other of li.querySelectorAll("button")) other.disabled = false;
      }
    });
    return button;
  }

  showDecision(li, decision, status) {
    li.dataset.matchLink = status || "";
    decision.textContent = status === "confirmed" ? this.labels.confirmed : status === "dismissed" ? this.labels.dismissed : "";
    for (const button of li.querySelectorAll("[data-match-decide]")) {
      button.setAttribute("aria-pressed", String(button.dataset.matchDecide === status));
    }
  }
}

let part = null;
extendReader({
  attach(reader) {
    part = new AlreadyChecked(reader);
  },
  card(reader, claim, section) {
    part?.draw(claim, section);
  },
});
