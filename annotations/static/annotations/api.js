/**
 * JSON requests to the REST API (/api/v1/) with the session cookie and CSRF token.
 *
 * Expects in <head>: <meta name="csrf-token" content="…"> (base.html renders it
 * for signed-in users); falls back to the csrftoken cookie. Every failure is an
 * ApiError whose message is the server's own wording, ready to show.
 */

import { gettext, interpolate } from "../js/i18n.js";

const API_ROOT = "/api/v1/";
// Keys of an error body that describe the error rather than name a field.
const META_KEYS = new Set(["codes", "code", "existing_id", "current_status"]);
const GENERAL_KEYS = new Set(["non_field_errors", "detail"]);

export class ApiError extends Error {
  constructor(status, body) {
    super(describeError(status, body));
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  /** { field: "first message" } for errors that name a form field. */
  get fieldErrors() {
    const errors = {};
    if (this.body && typeof this.body === "object" && !Array.isArray(this.body)) {
      for (const [key, value] of Object.entries(this.body)) {
        if (META_KEYS.has(key) || GENERAL_KEYS.has(key)) continue;
        errors[key] = [].concat(value).join(" ");
      }
    }
    return errors;
  }
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) return meta.content;
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
  return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
}

function fieldName(key) {
  const names = { statement: gettext("Statement"), claimant: gettext("Claimant"), rating: gettext("Rating"),
    rationale: gettext("Rationale"), url: gettext("URL"), note: gettext("Note"), quote: gettext("Quote") };
  if (names[key]) return names[key];
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One readable sentence (or a few) from a DRF error body. */
export function describeError(status, body) {
  if (status === 412) {
    return gettext("Someone changed this since you opened it (perhaps in another tab). The latest version is shown now; check it and save again.");
  }
  if (status === 429) return gettext("Too many requests; wait a moment and try again.");
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const parts = [];
    for (const [key, value] of Object.entries(body)) {
      if (META_KEYS.has(key)) continue;
      const text = [].concat(value).map(String).join(" ");
      parts.push(GENERAL_KEYS.has(key) ? text : `${fieldName(key)}: ${text}`);
    }
    if (parts.length) return parts.join(" ");
  }
  if (status === 403) return gettext("You are not allowed to do this.");
  if (status === 404) return gettext("Not found: it may have been deleted.");
  return interpolate(gettext("The server could not do this (HTTP %s). Try again in a moment."), [status]);
}

function url(path) {
  return /^https?:/.test(path) || path.startsWith("/") ? path : API_ROOT + path;
}

/**
 * fetch() a JSON endpoint. Resolves to { data, etag }; rejects with ApiError
 * (HTTP errors) or TypeError (network down).
 */
export async function request(method, path, { body, headers = {} } = {}) {
  const init = {
    method,
    credentials: "same-origin",
    headers: { Accept: "application/json", ...headers },
  };
  if (method !== "GET" && method !== "HEAD") init.headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url(path), init);
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get("ETag") };
}

export const get = (path) => request("GET", path);
export const post = (path, body) => request("POST", path, { body });
export const patch = (path, body, etag) =>
  request("PATCH", path, { body, headers: etag ? { "If-Match": etag } : {} });

/** Every item of a paginated list ({results, next}) or of a plain array. */
export async function getAll(path) {
  const items = [];
  let next = path;
  while (next) {
    const { data } = await get(next);
    if (Array.isArray(data)) return data;
    items.push(...data.results);
    // Same origin whatever host name the server put in the link.
    next = data.next ? new URL(data.next, window.location.href).pathname + new URL(data.next).search : null;
  }
  return items;
}
