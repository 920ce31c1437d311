// Translations for the ES modules: Django's JavaScript catalog (templates/includes/
// jsi18n.html loads it as a classic script before any module runs) defines the global
// `django`; this module hands its functions on, so modules import them instead of
// reading a global. Without a catalog (a page that did not load it, a unit test) the
// functions fall back to the English text, with the same plural and interpolation rules.

const catalog = globalThis.django ?? {};

export function gettext(msgid) {
  return catalog.gettext ? catalog.gettext(msgid) : msgid;
}

export function ngettext(singular, plural, count) {
  if (catalog.ngettext) return catalog.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

export function pgettext(context, msgid) {
  return catalog.pgettext ? catalog.pgettext(context, msgid) : msgid;
}

// interpolate("%(n)s claims", {n: 3}, true) or interpolate("%s of %s", [1, 2]).
export function interpolate(format, values, named = false) {
  if (catalog.interpolate) return catalog.interpolate(format, values, named);
  if (named) return format.replace(/%\(\w+\)s/g, (match) => String(values[match.slice(2, -2)]));
  let index = 0;
  return format.replace(/%s/g, () => String(values[index++]));
}

// The page's language ("es"), as on <html lang>: for Intl date and number formats.
export function language() {
  return document.documentElement.lang || "en";
}

// Like interpolate, but values may be DOM nodes (a user's name in a <bdi>): the parts in
// order, for h() or append(). interpolateParts(gettext("Added by %s"), [bdi(name)]).
export function interpolateParts(format, values, named = false) {
  const parts = [];
  const pattern = named ? /%\((\w+)\)s/g : /%s/g;
  let last = 0;
  let index = 0;
  for (const match of format.matchAll(pattern)) {
    parts.push(format.slice(last, match.index), named ? values[match[1]] : values[index++]);
    last = match.index + match[0].length;
  }
  parts.push(format.slice(last));
  return parts.filter((part) => part !== "" && part !== null && part !== undefined);
}
