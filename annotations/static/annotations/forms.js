/**
 * Form helpers shared by the claim dialog and the claim card.
 *
 * Expects each form to hold <div role="alert" data-form-error hidden></div> and
 * inputs with name attributes matching the API's field names, so the server's
 * per-field messages land next to the right input (aria-invalid and
 * aria-describedby), and the summary is announced by the alert.
 */

import { gettext } from "../js/i18n.js";
import { ApiError } from "./api.js";

export function values(form) {
  const data = {};
  for (const [name, value] of new FormData(form)) data[name] = typeof value === "string" ? value : "";
  return data;
}

export function clearErrors(form) {
  const summary = form.querySelector("[data-form-error]");
  if (summary) {
    summary.hidden = true;
    summary.textContent = "";
  }
  for (const message of form.querySelectorAll(".field-error[data-generated]")) message.remove();
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    const described = (field.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter((id) => id && !id.endsWith("-error"));
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}

/**
 * Show an error: `error` is an ApiError, an Error, or { field: message } for
 * checks made before sending. The first invalid field gets focus.
 */
export function showErrors(form, error, summaryPrefix = "") {
  clearErrors(form);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : error instanceof Error ? {} : error;
  const summaryText = error instanceof Error ? error.message : Object.values(fieldErrors).join(" ");
  let firstInvalid = null;
  for (const [name, message] of Object.entries(fieldErrors)) {
    const field = form.elements.namedItem(name);
    if (!(field instanceof HTMLElement) || !field.id) continue;
    const note = document.createElement("p");
    note.className = "field-error";
    note.id = `${field.id}-error`;
    note.dataset.generated = "";
    note.textContent = message;
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") ?? ""} ${note.id}`.trim());
    field.after(note);
    firstInvalid ??= field;
  }
  const summary = form.querySelector("[data-form-error]");
  if (summary) {
    summary.textContent = `${summaryPrefix}${summaryText}`;
    summary.hidden = false;
  }
  (firstInvalid ?? summary)?.focus?.();
}

/** Run `action` with the form's submit button disabled; errors are shown in the form. */
export async function submitting(form, action) {
  const button = form.querySelector("[type=submit]");
  if (button) button.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await action();
  } finally {
    if (button) button.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

/** Client-side shape checks for a source (the server stays the judge). */
export function sourceProblem(url) {
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname) return null;
  } catch {
    // fall through
  }
  return gettext("Enter a web address starting with http:// or https://.");
}
