/**
 * The "Add claim" dialog: a native modal <dialog> (focus is trapped inside,
 * Escape cancels) that collects the claim and, optionally, a first verdict and
 * a source.
 *
 * Expects:
 *   <dialog data-claim-dialog>
 *     <form data-claim-form>
 *       <blockquote data-claim-quote></blockquote>
 *       <div role="alert" data-form-error tabindex="-1" hidden></div>
 *       statement, claimant, rating, rationale, url, title, excerpt, stance fields (by name)
 *       <button type="button" data-dialog-cancel>Cancel</button>
 *       <button type="submit">Save claim</button>
 *     </form>
 *   </dialog>
 *
 * open() resolves nothing itself: onSave(values) does the work and throws to
 * keep the dialog open with the error shown; onClose(saved) runs after closing.
 */

import { gettext } from "../js/i18n.js";
import { clearErrors, showErrors, sourceProblem, submitting, values } from "./forms.js";

export class ClaimDialog {
  constructor(dialog, { onSave, onClose }) {
    Object.assign(this, { dialog, onSave, onClose });
    this.form = dialog.querySelector("[data-claim-form]");
    this.quote = dialog.querySelector("[data-claim-quote]");
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    dialog.querySelector("[data-dialog-cancel]").addEventListener("click", () => this.close(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault(); // Escape: close through our own path to restore focus
      this.close(false);
    });
  }

  open({ quote, returnFocus }) {
    this.returnFocus = returnFocus;
    this.form.reset();
    clearErrors(this.form);
    this.quote.textContent = quote;
    this.dialog.showModal();
    this.form.elements.namedItem("statement").focus();
  }

  close(saved) {
    if (!this.dialog.open) return;
    this.dialog.close();
    this.onClose(saved);
    if (!saved && this.returnFocus?.isConnected) this.returnFocus.focus({ preventScroll: true });
  }

  /** Checks made before anything is stored, so a claim is rarely saved half-way. */
  problems(data) {
    const problems = {};
    if (data.rating && !data.rationale.trim()) problems.rationale = gettext("Give a rationale for your rating.");
    if (!data.rating && data.rationale.trim()) problems.rating = gettext("Choose a rating, or leave the rationale empty.");
    const wantsSource = data.url.trim() || data.title.trim() || data.excerpt.trim();
    if (wantsSource) {
      const problem = data.url.trim() ? sourceProblem(data.url.trim()) : gettext("Enter the source's web address.");
      if (problem) problems.url = problem;
    }
    return problems;
  }

  async save() {
    const data = values(this.form);
    const problems = this.problems(data);
    if (Object.keys(problems).length) {
      showErrors(this.form, problems);
      return;
    }
    clearErrors(this.form);
    await submitting(this.form, async () => {
      try {
        await this.onSave(data);
        this.close(true);
      } catch (error) {
        showErrors(this.form, error);
      }
    });
  }
}
