/**
 * Tiny DOM helpers. Text always goes in through textContent, never innerHTML,
 * so nothing a user typed (or an article contained) can become markup.
 *
 *   h("p", { class: "muted" }, "Saved ", h("strong", {}, name))
 */

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/**
 * User-supplied text as its own direction isolate (issue 8 point 12): a title,
 * statement or name holding U+202E cannot reorder the words around it, and
 * right-to-left text reads right inside a left-to-right sentence.
 */
export function bdi(text) {
  return h("bdi", {}, text);
}

/** A clone of the first element inside <template data-template="name">. */
export function fromTemplate(name) {
  const template = document.querySelector(`template[data-template="${name}"]`);
  if (!template) throw new Error(`Missing <template data-template="${name}">`);
  return template.content.firstElementChild.cloneNode(true);
}

/** Parsed contents of a json_script block. */
export function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

/** The page's live region; repeated messages are re-announced. */
export function announce(message) {
  const region = document.querySelector("[data-announcer]");
  if (!region) return;
  region.textContent = "";
  window.requestAnimationFrame(() => {
    region.textContent = message;
  });
}

/** Shortened text for labels and lists: whitespace collapsed, cut with an ellipsis. */
export function excerpt(text, length = 80) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export function prefersReducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}
