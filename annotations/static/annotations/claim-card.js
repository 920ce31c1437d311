/**
 * The claim card: everything about one claim, and the forms to work on it.
 *
 * Expects:
 *   <section data-claim-card id="claim-card" hidden aria-labelledby="claim-card-title"></section>
 *   <template data-template="verdict-form">, "source-form" and "publish-form"
 *     (annotations/card_templates.html), whose fields carry the API's names.
 *
 * The card shows the quote, statement and claimant, the assigned reviewers and
 * how far the reviewers agree (in words), every verdict the user may see with
 * its rationale (under blind review it says why there are none yet), the
 * sources with stance and excerpt, the workflow (claim-workflow.js) and the
 * history (claim-history.js). It lets the user add a source (until the claim
 * is published) and add or edit their own verdict (never anyone else's). Which of these it offers comes from
 * permissions.js. Escape or "Close" closes it and gives focus back.
 *
 * Writes go to the API; onChanged(claimId, message, focusSelector, { error })
 * then reloads the claims and shows the card again with the message.
 */

import { gettext, interpolate, interpolateParts, language, ngettext } from "../js/i18n.js";
import { get, patch, post } from "./api.js";
import { ClaimHistory } from "./claim-history.js";
import { ClaimWorkflow } from "./claim-workflow.js";
import { bdi, excerpt, fromTemplate, h } from "./dom.js";
import { showErrors, sourceProblem, submitting, values } from "./forms.js";

const isWebUrl = (url) => /^https?:\/\//i.test(url);

export class ClaimCard {
  constructor(section, options) {
    const { user, permissions, describe, ratingLabel, statusLabel, agreementLabels, historyActions,
      stanceLabels, onChanged, onSelect, onClose } = options;
    Object.assign(this, { section, user, permissions, describe, ratingLabel, statusLabel, agreementLabels,
      stanceLabels, onChanged, onSelect, onClose });
    this.workflow = new ClaimWorkflow({ permissions, statusLabel, onChanged });
    this.history = new ClaimHistory({ actionLabels: historyActions, statusLabel, ratingLabel, stanceLabels });
    this.claim = null;
    this.verdictEtag = null;
    section.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
  }

  get claimId() {
    return this.claim?.id ?? null;
  }

  /** Open the card on `claim`. `returnFocus()` gives the element to focus on close. */
  show(claim, { alsoHere = [], returnFocus = null, focus = true, notice = "", noticeIsError = false, focusSelector = null } = {}) {
    this.claim = claim;
    this.alsoHere = alsoHere;
    if (returnFocus) this.returnFocus = returnFocus;
    this.render(notice, noticeIsError);
    this.section.hidden = false;
    this.loadVerdictEtag();
    if (focus) {
      const target = (focusSelector && this.section.querySelector(focusSelector)) || this.section.querySelector("#claim-card-title");
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
  }

  close() {
    if (this.section.hidden) return;
    this.section.hidden = true;
    this.section.replaceChildren();
    const claimId = this.claim?.id;
    this.claim = null;
    this.onClose(claimId);
    this.returnFocus?.()?.focus();
  }

  ownVerdict() {
    return (this.claim.verdicts ?? []).find((verdict) => verdict.reviewer === this.user.username) ?? null;
  }

  async loadVerdictEtag() {
    this.verdictEtag = null;
    const own = this.ownVerdict();
    if (!own) return;
    try {
      const { etag } = await get(`verdicts/${own.id}/`);
      if (this.ownVerdict()?.id === own.id) this.verdictEtag = etag;
    } catch {
      // Without an ETag the PATCH is still accepted; the server stays the judge.
    }
  }

  render(notice, noticeIsError = false) {
    const claim = this.claim;
    const view = this.describe(claim);
    const parts = [
      h("header", { class: "card-header" },
        h("h2", { id: "claim-card-title", tabindex: "-1" }, gettext("Claim")),
        this.closeButton()),
      this.alsoHereNav(),
      h("blockquote", { class: claim.status === "retracted" ? "quote is-retracted" : "quote", dir: "auto" }, claim.quote),
      h("p", { class: "state-line" },
        h("span", { class: "badge", dataset: { state: view.state, rating: view.rating } }, view.badge),
        " ", view.label),
      this.facts(claim),
      this.publishedNote(claim),
      // An error is announced at once (role=alert); other news politely (role=status).
      h("p", { class: noticeIsError ? "card-notice card-notice-error" : "card-notice",
        role: noticeIsError ? "alert" : "status", tabindex: "-1", "data-card-notice": true }, notice),
      this.verdictsSection(claim),
      this.sourcesSection(claim),
      this.workflow.render(claim),
      this.history.render(claim),
    ];
    this.section.replaceChildren(...parts.filter(Boolean));
  }

  closeButton() {
    const button = h("button", { type: "button", class: "button-quiet", "aria-label": gettext("Close claim") }, gettext("Close"));
    button.addEventListener("click", () => this.close());
    return button;
  }

  alsoHereNav() {
    if (!this.alsoHere.length) return null;
    const items = this.alsoHere.map((other) => {
      const button = h("button", { type: "button", class: "link-button" }, "“", bdi(excerpt(other.quote, 60)), "”");
      button.addEventListener("click", () => this.onSelect(other.id));
      return h("li", {}, button);
    });
    return h("nav", { class: "also-here", "aria-label": gettext("Other claims covering this text") },
      h("p", {}, interpolate(gettext("Also covering this text (%s):"), [items.length])), h("ul", {}, items));
  }

  facts(claim) {
    const row = (term, value) => (value ? [h("dt", {}, term), h("dd", {}, value)] : []);
    const userText = (value) => (value ? bdi(value) : null);
    const assigned = [...(claim.assigned_to ?? [])].sort().flatMap((name, index) =>
      [index ? ", " : null, bdi(name), name === this.user.username ? ` ${gettext("(you)")}` : null]);
    return h("dl", { class: "facts" },
      row(gettext("Statement"), userText(claim.statement)),
      row(gettext("Claimant"), userText(claim.claimant)),
      row(gettext("Marked by"), userText(claim.created_by)),
      row(gettext("Status"), this.statusLabel(claim.status)),
      row(gettext("Assigned to"), assigned.length ? assigned : null),
      row(gettext("Agreement"), this.agreementTag(claim)));
  }

  /** How far the verdicts the user may see agree, in words (the colour only repeats it). */
  agreementTag(claim) {
    if (!claim.agreement || claim.agreement === "none") return null;
    return h("span", { class: "tag tag-agreement", dataset: { agreement: claim.agreement } },
      this.agreementLabels[claim.agreement] ?? claim.agreement);
  }

  publishedNote(claim) {
    if (!claim.rating || claim.status === "retracted") return null;
    const date = claim.published_at ? new Date(claim.published_at).toLocaleDateString(language()) : "";
    const corrected = (claim.corrections ?? []).length > 0;
    return h("p", { class: "published-note" },
      publishedText(corrected, this.ratingLabel(claim.rating), date), " ",
      h("a", { href: `/factchecks/${claim.id}/` }, gettext("Public fact-check page")));
  }

  verdictsSection(claim) {
    const verdicts = claim.verdicts ?? [];
    const list = verdicts.length
      ? h("ul", { class: "verdicts" }, verdicts.map((verdict) => this.verdictItem(verdict)))
      : h("p", { class: "muted" }, this.permissions.blindTo(claim) ? gettext("No verdict of yours yet.") : gettext("No verdicts yet."));
    const own = this.ownVerdict();
    const open = claim.status !== "retracted" && (own ? this.permissions.may("verdict", "edit", own) : this.permissions.may("verdict", "create"));
    return h("section", { class: "card-section", "aria-labelledby": "card-verdicts-title" },
      h("h3", { id: "card-verdicts-title", tabindex: "-1" }, interpolate(gettext("Verdicts (%s)"), [verdicts.length])),
      // The API sends no other verdicts then; say why rather than show an empty list as the truth.
      this.permissions.blindTo(claim)
        ? h("p", { class: "blind-notice", role: "note" }, h("strong", {}, gettext("Blind review.")), " ",
          gettext("Other reviewers' verdicts stay hidden until you have given yours, so that each verdict is independent."))
        : null,
      list,
      open ? h("h4", { id: "card-own-verdict-title" }, own ? gettext("Edit your verdict") : gettext("Add your verdict")) : null,
      open ? this.verdictForm(own) : null);
  }

  verdictItem(verdict) {
    const mine = verdict.reviewer === this.user.username;
    return h("li", { class: mine ? "verdict verdict-own" : "verdict" },
      h("p", { class: "verdict-head" },
        h("strong", {}, bdi(verdict.reviewer)), mine ? ` ${gettext("(you)")} ` : " ",
        h("span", { class: "badge", dataset: { state: "published", rating: verdict.rating } }, this.ratingLabel(verdict.rating))),
      h("p", { class: "rationale", dir: "auto" }, verdict.rationale),
      this.verdictRevisions(verdict));
  }

  /**
   * A changed verdict's earlier versions, beside it (blind review, peek then edit): how
   * often and from which first rating, and for each whether the others' verdicts were
   * visible to its author when they changed it.
   */
  verdictRevisions(verdict) {
    const revisions = verdict.revisions ?? [];
    if (!revisions.length) return null;
    const seen = revisions.some((revision) => revision.others_visible);
    const changed = interpolate(
      ngettext("Changed once; first rating %(rating)s", "Changed %(count)s times; first rating %(rating)s", revisions.length),
      { count: revisions.length, rating: this.ratingLabel(verdict.first_rating) }, true);
    return h("details", { class: "verdict-revisions", dataset: { seenOthers: seen ? "true" : "false" } },
      h("summary", {}, changed,
        seen ? h("span", { class: "tag tag-attention" }, gettext("after seeing others' verdicts")) : null),
      h("ol", {}, revisions.map((revision) => h("li", {},
        h("span", { class: "badge", dataset: { state: "published", rating: revision.rating } }, this.ratingLabel(revision.rating)),
        ` ${interpolate(gettext("until %s"), [new Date(revision.replaced_at).toLocaleString(language())])}`,
        revision.others_visible === true ? ` ${gettext("(others' verdicts were visible)")}`
          : revision.others_visible === false ? ` ${gettext("(before any other verdict)")}` : "",
        h("p", { class: "rationale", dir: "auto" }, revision.rationale)))));
  }

  /**
   * Which note the verdict form shows before saving: "new" (others hidden until then),
   * "new-seen" (an editor, or a published claim: others already visible), "seen" or "unseen".
   */
  verdictNoteKind(own) {
    const others = (this.claim.verdicts ?? []).some((verdict) => verdict.reviewer !== this.user.username);
    if (!own) return others ? "new-seen" : "new";
    const seenBefore = (own.revisions ?? []).some((revision) => revision.others_visible);
    return others || seenBefore ? "seen" : "unseen";
  }

  verdictForm(own) {
    const form = fromTemplate("verdict-form");
    form.setAttribute("aria-labelledby", "card-own-verdict-title");
    const submit = form.querySelector("[data-submit]");
    if (own) {
      form.elements.namedItem("rating").value = own.rating;
      form.elements.namedItem("rationale").value = own.rationale;
      submit.textContent = gettext("Update verdict");
    }
    const kind = this.verdictNoteKind(own);
    for (const note of form.querySelectorAll("[data-verdict-note] [data-note]")) note.hidden = note.dataset.note !== kind;
    form.querySelector("[data-verdict-note]").dataset.kind = kind;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveVerdict(form, own);
    });
    return form;
  }

  async saveVerdict(form, own) {
    const data = values(form);
    const problems = {};
    if (!data.rating) problems.rating = gettext("Choose a rating.");
    if (!data.rationale.trim()) problems.rationale = gettext("Explain your rating.");
    if (Object.keys(problems).length) return showErrors(form, problems);
    const body = { rating: data.rating, rationale: data.rationale };
    const claimId = this.claim.id;
    return submitting(form, async () => {
      try {
        if (own) await patch(`verdicts/${own.id}/`, body, this.verdictEtag);
        else await post(`claims/${claimId}/verdicts/`, body);
        await this.onChanged(claimId, own ? gettext("Your verdict was updated.") : gettext("Your verdict was saved."), "#card-verdicts-title");
      } catch (error) {
        showErrors(form, error);
        if (error.status === 412 || error.status === 409) this.reloadKeepingError(claimId, form);
      }
    });
  }

  /** After a conflict: reload the claim's data, then show the error again on the new form. */
  async reloadKeepingError(claimId, staleForm) {
    const message = staleForm.querySelector("[data-form-error]").textContent;
    await this.onChanged(claimId, "", null);
    const form = this.section.querySelector("[data-verdict-form]");
    if (form) showErrors(form, new Error(message));
  }

  sourcesSection(claim) {
    const sources = claim.sources ?? [];
    const list = sources.length
      ? h("ul", { class: "sources" }, sources.map((source) => this.sourceItem(source)))
      : h("p", { class: "muted" }, gettext("No sources yet."));
    const form = fromTemplate("source-form");
    form.setAttribute("aria-label", gettext("Add a source"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveSource(form);
    });
    // Once published, sources are the public record: only an editor adds new evidence
    // (with a correction), and nobody adds to a retracted claim; the API enforces both.
    const open = claim.status === "published"
      ? this.permissions.may("claim", "publish")
      : !this.permissions.isPublic(claim);
    const mayAdd = open && this.permissions.may("source", "create");
    return h("section", { class: "card-section", "aria-labelledby": "card-sources-title" },
      h("h3", { id: "card-sources-title", tabindex: "-1" }, interpolate(gettext("Sources (%s)"), [sources.length])),
      list,
      mayAdd ? h("details", { class: "add-source", open: sources.length === 0 },
        h("summary", {}, gettext("Add a source")), form) : null);
  }

  sourceItem(source) {
    const name = source.title || source.url;
    const link = isWebUrl(source.url)
      ? h("a", { href: source.url, rel: "noopener noreferrer nofollow", target: "_blank" }, bdi(name))
      : h("span", {}, bdi(name));
    return h("li", { class: "source" },
      h("p", { class: "source-head" },
        h("span", { class: "stance", dataset: { stance: source.stance } }, this.stanceLabels[source.stance] ?? source.stance),
        " ", link,
        source.publisher ? h("span", { class: "muted" }, " — ", bdi(source.publisher)) : null),
      source.excerpt ? h("blockquote", { class: "excerpt", dir: "auto" }, source.excerpt) : null,
      h("p", { class: "muted small" }, interpolateParts(gettext("Added by %s"), [bdi(source.added_by)])),
      archiveNote(source.archive));
  }

  async saveSource(form) {
    const data = values(form);
    const problem = sourceProblem(data.url.trim());
    if (problem) return showErrors(form, { url: problem });
    const claimId = this.claim.id;
    const body = { url: data.url.trim(), title: data.title, publisher: data.publisher, excerpt: data.excerpt, stance: data.stance };
    return submitting(form, async () => {
      try {
        await post(`claims/${claimId}/sources/`, body);
        await this.onChanged(claimId, gettext("Source added."), "#card-sources-title");
      } catch (error) {
        showErrors(form, error);
      }
    });
  }

  /** Pre-fill the add-source form (after a source from the dialog was refused). */
  prefillSource(data) {
    const form = this.section.querySelector("[data-source-form]");
    if (!form) return;
    form.closest("details").open = true;
    for (const name of ["url", "title", "excerpt", "stance"]) {
      if (data[name] !== undefined) form.elements.namedItem(name).value = data[name];
    }
  }
}

/**
 * The archived copy of a source (fetched in the background when it was added):
 * "Archived on <date>" with the archived text, or where the archiving stands.
 */
function archiveNote(archive) {
  if (!archive) return h("p", { class: "card-archive", dataset: { archive: "none" } }, gettext("Archiving queued…"));
  if (archive.status === "done") {
    const date = new Date(archive.fetched_at).toLocaleDateString(language(), { year: "numeric", month: "long", day: "numeric" });
    return h("div", { class: "card-archive", dataset: { archive: "done" } },
      h("span", {}, interpolate(gettext("Archived on %s"), [date])),
      archive.final_url && archive.final_url !== archive.url ? h("span", {}, ` ${interpolate(gettext("(from %s)"), [archive.final_url])}`) : null,
      h("details", {}, h("summary", {}, gettext("Archived text")), h("pre", {}, archive.text || gettext("(no text could be extracted)")),
        h("p", { class: "small" }, `SHA-256 ${archive.sha256}`)));
  }
  if (archive.status === "failed") {
    return h("p", { class: "card-archive", dataset: { archive: "failed" } }, interpolate(gettext("Not archived: %s"), [archive.reason]));
  }
  const retry = archive.reason ? ` ${archive.reason}` : "";
  return h("p", { class: "card-archive", dataset: { archive: archive.status } }, `${archiveStatus(archive.status)}${retry}`);
}

/** "Published as False on 8 Dec 2026." or "Corrected to ..." as one translatable sentence. */
function publishedText(corrected, rating, date) {
  if (date) {
    const format = corrected ? gettext("Corrected to %(rating)s on %(date)s.") : gettext("Published as %(rating)s on %(date)s.");
    return interpolate(format, { rating, date }, true);
  }
  const format = corrected ? gettext("Corrected to %(rating)s.") : gettext("Published as %(rating)s.");
  return interpolate(format, { rating }, true);
}

/** Where an archiving job stands, in words. */
function archiveStatus(status) {
  const words = { queued: gettext("Archiving queued."), running: gettext("Archiving running.") };
  return words[status] ?? interpolate(gettext("Archiving %s."), [status]);
}
