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
