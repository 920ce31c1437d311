/**
 * Who may do what on the reader page, decided from the server's own tables.
 *
 * The server sends the signed-in user's cells of the permission table
 * (annotations/permissions.py) and the workflow's moves per status
 * (annotations/workflow.py) through json_script, built by
 * annotations/card_permissions.py:reader_permissions:
 *
 *   { role, scopes: { claim: { submit: "own", ... }, verdict: {...}, ... },
 *     ownerFields: { claim: "created_by", verdict: "reviewer", source: "added_by" },
 *     publicStatuses: ["published", "retracted"],
 *     actions: { draft: ["submit", "assign"], in_review: [...], ... },
 *     actionPermissions: { submit: "submit", reopen: "reopen", publish: "publish", ... } }
 *
 * This module holds no rule of its own: it reads a scope the way
 * annotations.permissions.allowed() does (all, own, published, blind, none).
 * The server stays the judge; these answers only decide which buttons to show.
 */

export function createPermissions(username, data) {
  const scopeOf = (kind, action) => data.scopes[kind]?.[action] ?? "none";

  /** May the user do `action` on a `kind` (on `row`, an API object, when given)? */
  function may(kind, action, row = null) {
    const scope = scopeOf(kind, action);
    if (scope === "none") return false;
    if (scope === "all" || scope === "blind" || row === null) return true;
    if (scope === "own") return row[data.ownerFields[kind]] === username;
    return isPublic(row); // "published": `row` is a claim
  }

  /** The workflow actions the claim card offers on `claim`, in order (see card_permissions.py). */
  function actionsFor(claim) {
    return (data.actions[claim.status] ?? []).filter((action) =>
      may("claim", data.actionPermissions[action], claim));
  }

  /** Published or retracted: the public record, whose text and sources no longer change. */
  function isPublic(claim) {
    return data.publicStatuses.includes(claim.status);
  }

  /**
   * Does blind review keep other reviewers' verdicts on `claim` from the user?
   * It holds until publication (drafts too), as annotations.selectors decides.
   * The API then sends none; the card says why instead of showing an empty list.
   */
  function blindTo(claim) {
    if (scopeOf("verdict", "read") !== "blind" || isPublic(claim)) return false;
    return !(claim.verdicts ?? []).some((verdict) => verdict.reviewer === username);
  }

  return { role: data.role, may, actionsFor, blindTo, isPublic };
}
