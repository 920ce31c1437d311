/**
 * What a claim's highlight says about it: that it was retracted, its published
 * rating, the rating its reviewers agree on, or that it has no verdict yet or a
 * disputed one.
 *
 * The rating labels and the two state labels come from the server (json_script
 * "reader-data": ratings from annotations/ratings.py, states from the view), in
 * the page's language; the few words added here go through the JS catalog.
 * `name` is the highlight's accessible name (marks.js).
 */

import { gettext, interpolate } from "../js/i18n.js";
import { excerpt } from "./dom.js";

export function createDescriber({ ratings, states }) {
  const labels = new Map(ratings.map((rating) => [rating.value, rating.label]));
  const labelOf = (value) => labels.get(value) ?? value;

  /** { state, rating, badge, label, name } for one claim from the API. */
  return function describe(claim) {
    const view = state(claim);
    const name = interpolate(gettext("Claim: “%(quote)s” — %(state)s"), { quote: excerpt(claim.quote ?? "", 90), state: view.label }, true);
    return { ...view, name };
  };

  function state(claim) {
    if (claim.status === "retracted") {
      const was = claim.rating ? ` ${interpolate(gettext("(was %s)"), [labelOf(claim.rating)])}` : "";
      return { state: "retracted", rating: "", badge: states.retracted.badge, label: `${states.retracted.label}${was}` };
    }
    if (claim.rating) {
      const label = labelOf(claim.rating);
      return { state: "published", rating: claim.rating, badge: label, label: interpolate(gettext("%s (published)"), [label]) };
    }
    const given = [...new Set((claim.verdicts ?? []).map((verdict) => verdict.rating))];
    if (given.length === 0) {
      return { state: "unrated", rating: "", badge: states.unrated.badge, label: states.unrated.label };
    }
    if (given.length > 1) {
      const names = given.map(labelOf).join(", ");
      return { state: "disputed", rating: "", badge: states.disputed.badge, label: `${states.disputed.label}: ${names}` };
    }
    const label = labelOf(given[0]);
    return { state: "reviewed", rating: given[0], badge: label, label: interpolate(gettext("%s (not yet published)"), [label]) };
  }
}
