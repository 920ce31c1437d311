/**
 * The claim card's workflow section: what can happen next to a claim, and the
 * buttons and forms to do it.
 *
 * Expects on the page (annotations/card_templates.html):
 *   <template data-template="publish-form">  rating, rationale, note (for corrections)
 *   <template data-template="retract-form">  note; [data-submit] confirms, [data-cancel]
 *   <template data-template="assign-form">   [data-reviewer-choices], [data-cancel]
 *
 * Which actions appear comes from permissions.js (the server's permission
 * table and workflow moves); each control carries data-action="<action>":
 *   submit  "Submit for review"     reopen  "Send back to draft"
 *   assign  "Assign reviewers"      publish "Publish" (the publish form's button)
 *   correct "Correct verdict"       retract "Retract" (then "Confirm retraction")
 * Forms behind a toggle button open in place (aria-expanded, aria-controls).
 * A refused move (409, e.g. someone else moved the claim first) is reported
 * on the card after reloading, with the server's message naming the status.
 */

import { gettext, interpolate, interpolateParts, language } from "../js/i18n.js";
import { get, post } from "./api.js";
import { bdi, fromTemplate, h } from "./dom.js";
import { showErrors, submitting, values } from "./forms.js";

const LABELS = {
  submit: gettext("Submit for review"),
  reopen: gettext("Send back to draft"),
  assign: gettext("Assign reviewers"),
  correct: gettext("Correct verdict"),
  retract: gettext("Retract"),
};

export class ClaimWorkflow {
  constructor({ permissions, statusLabel, onChanged }) {
    Object.assign(this, { permissions, statusLabel, onChanged });
    this.reviewers = null; // GET reviewers/, loaded once when an editor first assigns
  }

  /** The section for `claim` (a fresh element on every render of the card). */
  render(claim) {
    this.claim = claim;
    const actions = this.permissions.actionsFor(claim);
    this.error = h("div", { class: "alert alert-error", role: "alert", tabindex: "-1", hidden: true });
    const buttons = actions.filter((action) => action !== "publish").map((action) => this.control(action));
    return h("section", { class: "card-section card-workflow", "aria-labelledby": "card-workflow-title" },
      h("h3", { id: "card-workflow-title", tabindex: "-1" }, this.title(claim)),
      this.summary(claim, actions),
      this.error,
      actions.includes("publish") ? this.publishForm(claim) : null,
      buttons.length ? h("div", { class: "button-row workflow-buttons" }, buttons.map((b) => b.button)) : null,
      buttons.map((b) => b.panel));
  }

  title(claim) {
    if (claim.status === "retracted") return gettext("Retracted");
    if (claim.status === "published") return gettext("Published");
    return interpolate(gettext("Review: %s"), [this.statusLabel(claim.status)]);
  }

  summary(claim, actions) {
    const say = (text) => h("p", { class: "muted small" }, text);
    if (claim.status === "draft") {
      return say(actions.includes("submit")
        ? gettext("When the claim is ready, submit it so reviewers can give verdicts.")
        : gettext("A draft: its author submits it for review."));
    }
    if (claim.status === "in_review") {
      return say(actions.includes("publish")
        ? gettext("Compare the verdicts, then publish the rating readers will see.")
        : gettext("In review: reviewers give verdicts, then an editor publishes one."));
    }
    if (claim.status === "retracted") {
      const retraction = (claim.publications ?? []).findLast((p) => p.kind === "retraction");
      const date = retraction ? new Date(retraction.published_at).toLocaleDateString(language()) : "";
      return h("p", { class: "retraction-line" },
        interpolateParts(date ? gettext("Retracted on %(date)s: %(note)s") : gettext("Retracted: %(note)s"),
          { date, note: retraction?.note ? bdi(retraction.note) : gettext("no note given.") }, true));
    }
    return actions.length ? say(gettext("Editors can correct the published verdict or retract it.")) : null;
  }

  /** A direct button (submit, reopen) or a toggle with its panel (assign, correct, retract). */
  control(action) {
    const button = h("button", { type: "button", dataset: { action } }, LABELS[action]);
    if (action === "submit" || action === "reopen") {
      button.addEventListener("click", () => this.move(action, button));
      return { button, panel: null };
    }
    const panel = h("div", { class: "workflow-panel", id: `card-${action}-panel`, hidden: true });
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    button.addEventListener("click", () => this.toggle(action, button, panel));
    return { button, panel };
  }

  toggle(action, button, panel, open = panel.hidden) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (!open) {
      panel.replaceChildren();
      button.focus();
      return;
    }
    const form = { assign: () => this.assignForm(), correct: () => this.correctForm(), retract: () => this.retractForm() }[action]();
    form.querySelector("[data-cancel]")?.addEventListener("click", () => this.toggle(action, button, panel, false));
    panel.replaceChildren(form);
    form.querySelector("input, select, textarea")?.focus();
  }

  async move(action, button) {
    const claimId = this.claim.id;
    button.disabled = true;
    try {
      await post(`claims/${claimId}/${action}/`, {});
      const message = action === "submit" ? gettext("Submitted for review.") : gettext("Sent back to draft.");
      await this.onChanged(claimId, message, "#card-workflow-title");
    } catch (error) {
      button.disabled = false;
      await this.refused(claimId, error, () => {
        this.error.textContent = error.message;
        this.error.hidden = false;
        this.error.focus();
      });
    }
  }

  /** 409: the claim moved meanwhile; reload it and say so. Other errors stay in place. */
  async refused(claimId, error, showHere) {
    if (error.status === 409) await this.onChanged(claimId, error.message, "[data-card-notice]", { error: true });
    else showHere();
  }

  // --- forms ---------------------------------------------------------------------------

  publishForm(claim) {
    const form = fromTemplate("publish-form");
    const given = new Set((claim.verdicts ?? []).map((verdict) => verdict.rating));
    form.elements.namedItem("rating").value = given.size === 1 ? [...given][0] : "";
    form.elements.namedItem("rationale").value = (claim.verdicts ?? []).length === 1 ? claim.verdicts[0].rationale : "";
    form.querySelector("[data-submit]").dataset.action = "publish";
    form.setAttribute("aria-labelledby", "card-workflow-title");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form, "publish", gettext("Published. The public fact-check page is live."));
    });
    return h("div", {},
      (claim.sources ?? []).length ? null : h("p", { class: "muted" }, gettext("Add at least one source before publishing.")),
      form);
  }

  correctForm() {
    const form = fromTemplate("publish-form");
    const latest = (this.claim.publications ?? []).at(-1);
    form.elements.namedItem("rating").value = this.claim.rating ?? "";
    form.elements.namedItem("rationale").value = latest?.rationale ?? "";
    form.querySelector("[data-correction-only]").hidden = false;
    form.elements.namedItem("note").required = true;
    form.querySelector("label[for=card-publish-rating]").textContent = gettext("Corrected rating");
    form.querySelector("label[for=card-publish-rationale]").textContent = gettext("Corrected rationale");
    form.querySelector("[data-submit]").textContent = gettext("Publish correction");
    form.setAttribute("aria-label", gettext("Correct the published verdict"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form, "correct", gettext("Correction published; readers see it dated on the public page."));
    });
    return form;
  }

  retractForm() {
    const form = fromTemplate("retract-form");
    form.setAttribute("aria-label", gettext("Retract the fact-check"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form, "retract", gettext("Retracted. The public page now says so."));
    });
    return form;
  }

  assignForm() {
    const form = fromTemplate("assign-form");
    form.setAttribute("aria-label", gettext("Assign reviewers"));
    this.fillReviewers(form.querySelector("[data-reviewer-choices]"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.assign(form);
    });
    return form;
  }

  async fillReviewers(container) {
    try {
      this.reviewers ??= (await get("reviewers/")).data;
    } catch (error) {
      container.replaceChildren(h("p", { class: "field-error", role: "alert" }, interpolate(gettext("Reviewers could not be loaded: %s"), [error.message])));
      return;
    }
    const assigned = new Set(this.claim.assigned_to ?? []);
    container.replaceChildren(...this.reviewers.map(({ username, role }) =>
      h("label", { class: "choice" },
        h("input", { type: "checkbox", name: "reviewers", value: username, checked: assigned.has(username), disabled: assigned.has(username) }),
        " ", bdi(username), role === "reviewer" ? "" : h("span", { class: "muted small" }, ` (${role})`),
        assigned.has(username) ? h("span", { class: "muted small" }, ` — ${gettext("assigned")}`) : "")));
  }

  async assign(form) {
    const chosen = [...form.querySelectorAll("input[name=reviewers]:checked:not(:disabled)")].map((box) => box.value);
    if (!chosen.length) return showErrors(form, new Error(gettext("Choose at least one reviewer who is not assigned yet.")));
    return this.send(form, "assign", interpolate(gettext("Assigned %s."), [chosen.join(", ")]), { reviewers: chosen });
  }

  /** POST the form's action; checks first what the server would refuse anyway. */
  async send(form, action, message, body = null) {
    const data = body ?? values(form);
    const problems = {};
    if ("rating" in data && !data.rating) problems.rating = gettext("Choose the rating readers will see.");
    if ("rationale" in data && !data.rationale.trim()) problems.rationale = gettext("Write the rationale readers will see.");
    if (action !== "publish" && "note" in data && !data.note.trim()) {
      problems.note = action === "retract" ? gettext("Say why the fact-check is retracted.") : gettext("Say what the correction changes and why.");
    }
    if (Object.keys(problems).length) return showErrors(form, problems);
    if (action === "publish") delete data.note;
    const claimId = this.claim.id;
    return submitting(form, async () => {
      try {
        await post(`claims/${claimId}/${action}/`, data);
        await this.onChanged(claimId, message, "#card-workflow-title");
      } catch (error) {
        await this.refused(claimId, error, () => showErrors(form, error));
      }
    });
  }
}
