/**
 * Follows background jobs until they finish (fetching/templates/fetching/url_import.html).
 *
 * Expects: <ul data-job-list> with one <li data-job="<uuid>" data-job-status="queued|running|done|failed">
 * per job, holding <span data-job-label>, <span data-job-article> and <span data-job-reason>;
 * <p data-job-announcer role="status">. Polls GET /api/v1/jobs/<id>/ every 2 s (session
 * cookie; GET needs no CSRF token) for the jobs not yet finished, updates their row and
 * announces each one that finishes.
 */

import { gettext, interpolate } from "../js/i18n.js";

const FINISHED = new Set(["done", "failed"]);
const LABELS = { queued: gettext("Queued"), running: gettext("Running"), done: gettext("Done"), failed: gettext("Failed") };
const INTERVAL_MS = 2000;

function render(row, job) {
  row.dataset.jobStatus = job.status;
  const label = row.querySelector("[data-job-label]");
  label.textContent = LABELS[job.status] ?? job.status;
  label.className = `tag tag-${job.status}`;
  row.querySelector("[data-job-reason]").textContent = job.reason;
  const article = row.querySelector("[data-job-article]");
  if (job.article && !article.querySelector("a")) {
    const link = document.createElement("a");
    link.href = `/articles/${job.article}/`;
    // The page's title is someone else's text: its own direction isolate (issue 8 point 12).
    const title = document.createElement("bdi");
    title.textContent = job.article_title;
    link.append(title);
    const outcome = job.result?.outcome ? ` (${job.result.outcome})` : "";
    article.replaceChildren("— ", link, outcome);
  }
}

async function poll(list, announcer) {
  const pending = [...list.querySelectorAll("[data-job]")].filter((row) => !FINISHED.has(row.dataset.jobStatus));
  for (const row of pending) {
    try {
      const response = await fetch(`/api/v1/jobs/${row.dataset.job}/`, { headers: { Accept: "application/json" } });
      if (!response.ok) continue;
      const job = await response.json();
      render(row, job);
      if (FINISHED.has(job.status)) {
        announcer.textContent = job.status === "done"
          ? interpolate(gettext("Imported: %s"), [job.article_title ?? job.url])
          : interpolate(gettext("Import failed: %s"), [job.reason]);
      }
    } catch {
      // A network hiccup: try again on the next round.
    }
  }
  if (pending.length) setTimeout(() => poll(list, announcer), INTERVAL_MS);
}

const list = document.querySelector("[data-job-list]");
if (list) {
  list.dataset.polling = "on";
  poll(list, document.querySelector("[data-job-announcer]"));
}
