/**
 * What a claim's highlight says about it: that it was retracted, its published
 * rating, the rating its reviewers agree on, or that it has no verdict yet or a
 * disputed one.
 *
 * The rating labels and the two state labels come from the server (json_script
 * "reader-data": ratings from annotations/ratings.py, states from the view), so
 * this module holds no vocabulary of its own.
 */

export function createDescriber({ ratings, states }) {
  const labels = new Map(ratings.map((rating) => [rating.value, rating.label]));
  const labelOf = (value) => labels.get(value) ?? value;

  /** { state, rating, badge, label } for one claim from the API. */
  return function describe(claim) {
    if (claim.status === "retracted") {
      const was = claim.rating ? ` (was ${labelOf(claim.rating)})` : "";
      return { state: "retracted", rating: "", badge: states.retracted.badge, label: `${states.retracted.label}${was}` };
    }
    if (claim.rating) {
      const label = labelOf(claim.rating);
      return { state: "published", rating: claim.rating, badge: label, label: `${label} (published)` };
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
    return { state: "reviewed", rating: given[0], badge: label, label: `${label} (not yet published)` };
  };
}
