/**
 * The reader's extension hook: how apps built on top of annotations (for example
 * suggestions/) add to the article reader without annotations knowing them.
 *
 * The server side is articles/reader_extensions.py: it includes an extension's
 * templates and loads its ES module after reader.js. That module calls
 *
 *   import { extendReader } from "../annotations/reader-hooks.js";
 *   extendReader({ attach(reader) {...}, decorate(reader) {...} });
 *
 * attach(reader) runs once, when both the reader and the extension are ready
 * (in either order: modules may load in any order). card(reader, claim, section)
 * runs each time the claim card is drawn for `claim` (section: the card's
 * <section>, freshly filled): an extension may append its own part to it, for
 * example matching's "Already checked?". decorate(reader) runs after
 * every redraw of the claim marks, before the reader restores the selection, so
 * an extension can wrap text in marks of its own; it must only split text nodes
 * and wrap them (never add text), so offsets measured over the text stay true.
 *
 * `reader` is a small public API (see reader.js, publicApi):
 *   element, root, text       the page's reader element, the <article>, its text
 *   config                    the reader's json_script data (config.extensions[name])
 *   claims()                  the claims drawn (anchored ones, text order): those embedded
 *                             in the page ({ id, start, end, quote, revision, anchor_state,
 *                             status, rating, verdicts }), or the API's full claim for one
 *                             opened or changed since
 *   redraw()                  redraw marks (and so every extension's decorations)
 *   addClaim({ start, end, returnFocus })   select that UTF-16 span and open "Add claim"
 *   onClaimsChanged(fn)       fn(claims) after the claims are drawn and after every write
 *                             that changed one
 *
 * One module instance serves the whole page: ES modules are singletons per URL,
 * and both sides import this file by the same relative path.
 */

const extensions = [];
let current = null;

export function extendReader(extension) {
  extensions.push(extension);
  if (current) extension.attach?.(current);
}

/** Called by reader.js once its reader exists. */
export function readerReady(reader) {
  current = reader;
  for (const extension of extensions) extension.attach?.(reader);
}

/** Called by reader.js after each redraw of the claim marks. */
export function decorate(reader) {
  for (const extension of extensions) {
    try {
      extension.decorate?.(reader);
    } catch (error) {
      console.error("A reader extension failed to draw:", error); // the claims still work
    }
  }
}

/** Called by reader.js after the claim card was drawn for `claim`. */
export function cardShown(claim, section) {
  for (const extension of extensions) {
    try {
      extension.card?.(current, claim, section);
    } catch (error) {
      console.error("A reader extension failed to extend the claim card:", error); // the card still works
    }
  }
}
