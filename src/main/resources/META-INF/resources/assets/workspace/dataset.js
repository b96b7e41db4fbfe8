// One dataset's lifecycle: upload into the draft, read the report, review what the release would
// change, publish now or schedule it, withdraw with a reason, and read its history.
import { ApiProblem, apiUrl, call, el, showProblem } from "../api.js";
import { dateTime, number, statusBadge } from "./format.js";
import { go } from "./nav.js";
import { reportTable } from "./report.js";
import { uploadPanel } from "./upload.js";

const CHANGES_PAGE = 50;

export async function datasetPage(view, me, id) {
  let dataset;
  try {
    dataset = await call(`/api/v1/datasets/${id}`);
  } catch (error) {
    view.replaceChildren(el("h2", {}, `Dataset ${id}`), el("div"));
    showProblem(view.lastChild, error);
    return;
  }
  const parts = {
    header: el("div", { id: "dataset-header" }),
    report: el("div", { id: "report-area", "aria-live": "polite" }),
    changes: el("section", { class: "panel", id: "changes", "aria-labelledby": "changes-title" }),
    release: el("section", { class: "panel", id: "release", "aria-labelledby": "release-title" }),
    history: el("section", { class: "panel", id: "history", "aria-labelledby": "history-title" }),
  };
  const refresh = async () => {
    dataset = await call(`/api/v1/datasets/${id}`);
    drawAll(parts, dataset, me, refresh);
  };
  view.replaceChildren(
    el("p", {}, el("a", { href: "/workspace/", onclick: back }, "← All datasets")),
    parts.header,
    uploadPanel(id, (outcome) => uploaded(parts.report, outcome).then(refresh)),
    parts.report,
    parts.changes,
    parts.release,
    parts.history,
  );
  drawAll(parts, dataset, me, refresh);
}

function back(event) {
  event.preventDefault();
  go({});
}

function drawAll(parts, dataset, me, refresh) {
  header(parts.header, dataset);
  changes(parts.changes, dataset, { kinds: "", offset: 0 });
  release(parts.release, dataset, me, refresh);
  history(parts.history, dataset);
}

function header(container, d) {
  const summary = d.summary || {};
  const facts = [
    ["State", statusBadge(d.status)],
    ["Structure", d.structure],
    ["Provider", d.providerId],
    ["Released version", d.version ? `${d.version}, ${dateTime(d.releasedAt)}` : "none yet"],
    ["Next release", d.pendingRelease ? `version ${d.pendingRelease.version} at ${dateTime(d.pendingRelease.releaseAt)}` : "none scheduled"],
    ["Published values", number(summary.observations)],
    ["Draft values", number(summary.draftObservations)],
    ["Warnings kept", number(summary.warnings)],
  ];
  if (d.withdrawnAt) {
    facts.push(["Withdrawn", `${dateTime(d.withdrawnAt)}: ${d.withdrawalReason || ""}`]);
  }
  container.replaceChildren(
    el("h2", {}, d.title, " ", el("span", { class: "muted" }, `(dataset ${d.id})`)),
    el("dl", { class: "facts" }, facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)])),
  );
}

/** What an upload did: the faults that refused it, or what it stored and the warnings kept. */
async function uploaded(container, { result, problem }) {
  if (problem) {
    const p = problem instanceof ApiProblem ? problem.problem : {};
    const errors = p.errors || [];
    container.replaceChildren(
      el("div", { class: "problem", role: "alert", id: "upload-outcome" }, el("strong", {}, p.title || "Upload refused"), el("p", {}, p.detail || `${problem}`)),
      errors.length ? reportTable("Faults found", errors, { total: p.errorCount, id: "faults" }) : "",
    );
    return;
  }
  const stored = result.dryRun
    ? `Dry run: ${number(result.rowsRead)} rows checked, ${number(result.errorCount)} errors, nothing stored.`
    : `${number(result.rowsRead)} rows read: ${number(result.inserted)} added, ${number(result.updated)} updated, ${number(result.deleted)} deleted in the draft.`;
  const issues = result.issues || [];
  container.replaceChildren(
    el("div", { class: "notice", role: "status", id: "upload-outcome" }, el("strong", {}, result.dryRun ? "Checked" : "Stored in the draft"), el("p", {}, stored)),
    issues.length ? reportTable(result.dryRun ? "Faults found" : "Warnings kept", issues, { total: result.warningCount, id: "faults" }) : "",
  );
}

/** The review before a release: each key the release would add, change or delete. */
async function changes(section, dataset, state) {
  const kinds = el(
    "select",
    { id: "changes-kind" },
    [
      ["", "What changes (added, changed, deleted)"],
      ["ADDED", "Added"],
      ["CHANGED", "Changed"],
      ["DELETED", "Deleted"],
      ["UNCHANGED", "Unchanged"],
    ].map(([value, label]) => el("option", { value, selected: value === state.kinds }, label)),
  );
  kinds.addEventListener("change", () => changes(section, dataset, { kinds: kinds.value, offset: 0 }));
  const body = el("div", { id: "changes-body" });
  section.replaceChildren(
    el("h3", { id: "changes-title" }, "What the next release changes"),
    el("div", { class: "field" }, el("label", { for: "changes-kind" }, "Show"), kinds),
    body,
  );
  try {
    const page = await call(apiUrl(`/api/v1/datasets/${dataset.id}/changes`, { change: state.kinds, offset: state.offset, limit: CHANGES_PAGE }));
    body.replaceChildren(changeSummary(page), changeTable(page), changePager(page, (offset) => changes(section, dataset, { ...state, offset })));
  } catch (error) {
    showProblem(body, error);
  }
}

function changeSummary(page) {
  const s = page.summary;
  return el(
    "p",
    { id: "changes-summary" },
    `Against the published values: ${number(s.ADDED)} added, ${number(s.CHANGED)} changed, ${number(s.DELETED)} deleted, ${number(s.UNCHANGED)} unchanged.`,
    page.replaces ? " The draft replaces the published version: keys it leaves out are deleted." : "",
  );
}

function changeTable(page) {
  if (!page.items.length) {
    return el("p", {}, "Nothing to show.");
  }
  const sides = new Set(["change", "published", "draft"]);
  const dimensions = Object.keys(page.items[0]).filter((k) => !sides.has(k));
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "data", id: "changes-table" },
      el("caption", { class: "visually-hidden" }, "Changes key by key"),
      el(
        "thead",
        {},
        el("tr", {}, [...dimensions, "Change", "Published", "Draft"].map((h) => el("th", { scope: "col" }, h))),
      ),
      el(
        "tbody",
        {},
        page.items.map((item) =>
          el(
            "tr",
            { class: `change-${item.change.toLowerCase()}` },
            dimensions.map((d) => el("td", {}, item[d])),
            el("td", {}, item.change),
            el("td", { class: "number" }, side(item.published)),
            el("td", { class: "number" }, side(item.draft)),
          ),
        ),
      ),
    ),
  );
}

/** A value with its status flag, as a statistician writes it (5,605 P). */
function side(values) {
  if (!values) {
    return "—";
  }
  const flag = values.OBS_STATUS && values.OBS_STATUS !== "A" ? ` ${values.OBS_STATUS}` : "";
  return `${number(values.OBS_VALUE)}${flag}`;
}

function changePager(page, show) {
  if (page.total <= page.limit) {
    return "";
  }
  const previous = el("button", { type: "button", class: "secondary", disabled: page.offset === 0 }, "Previous");
  const next = el("button", { type: "button", class: "secondary", disabled: !page.next }, "Next");
  previous.addEventListener("click", () => show(Math.max(0, page.offset - page.limit)));
  next.addEventListener("click", () => show(page.offset + page.limit));
  const last = page.offset + page.items.length;
  return el("nav", { class: "pager", "aria-label": "Change pages" }, previous, ` ${page.offset + 1}–${last} of ${page.total} `, next);
}

/** Publish now, schedule a release (an embargo until then), or withdraw with a reason. */
function release(section, dataset, me, refresh) {
  const message = el("div", { id: "release-message", "aria-live": "polite" });
  const act = (what) => async (event) => {
    event.preventDefault();
    try {
      const answer = await what();
      await refresh();
      section.querySelector("#release-message").replaceChildren(el("div", { class: "notice", role: "status" }, answer));
    } catch (error) {
      showProblem(message, error);
    }
  };
  const mayPublish = me.roles.includes("publisher") || me.roles.includes("admin");
  section.replaceChildren(el("h3", { id: "release-title" }, "Release"));
  if (!mayPublish) {
    section.append(el("p", {}, "Publishing needs the publisher role."));
    return;
  }
  const at = el("input", { type: "datetime-local", id: "release-at", step: 1 });
  const inUtc = el("p", { id: "release-at-utc", class: "muted" });
  at.addEventListener("input", () => {
    inUtc.textContent = at.value ? `That is ${new Date(at.value).toISOString().replace(".000Z", "Z")} (UTC).` : "";
  });
  const publishNow = el("button", { type: "button", id: "publish-now" }, "Publish now");
  publishNow.addEventListener(
    "click",
    act(async () => {
      const d = await call(`/api/v1/datasets/${dataset.id}/publish`, { method: "POST" });
      return `Version ${d.version} is published.`;
    }),
  );
  const schedule = el(
    "form",
    { id: "schedule-form" },
    el("div", { class: "field" }, el("label", { for: "release-at" }, "Release at (your local time)"), at, inUtc),
    el("button", { type: "submit" }, "Schedule the release"),
  );
  schedule.addEventListener(
    "submit",
    act(async () => {
      if (!at.value) {
        throw new ApiProblem(400, { title: "No release time", detail: "Choose the date and time of the release." });
      }
      const releaseAt = new Date(at.value).toISOString();
      const d = await call(apiUrl(`/api/v1/datasets/${dataset.id}/publish`, { releaseAt }), { method: "POST" });
      return `Version ${d.pendingRelease ? d.pendingRelease.version : d.version} is scheduled for ${dateTime(releaseAt)}; until then only your provider sees it.`;
    }),
  );
  section.append(el("div", { class: "actions" }, publishNow), schedule);
  if (dataset.status === "PUBLISHED" && !dataset.pendingRelease) {
    section.append(withdrawForm(dataset, act));
  }
  if (dataset.version === 0 && !dataset.pendingRelease) {
    section.append(deleteButton(dataset, act));
  }
  section.append(message);
}

function withdrawForm(dataset, act) {
  const reason = el("textarea", { id: "withdraw-reason", rows: 2, required: true, maxlength: 1000 });
  const form = el(
    "form",
    { id: "withdraw-form" },
    el("div", { class: "field" }, el("label", { for: "withdraw-reason" }, "Reason for withdrawing (shown with the dataset)"), reason),
    el("button", { type: "submit", class: "danger" }, "Withdraw the dataset"),
  );
  form.addEventListener(
    "submit",
    act(async () => {
      await call(`/api/v1/datasets/${dataset.id}/withdraw`, {
        method: "POST",
        type: "application/json",
        body: JSON.stringify({ reason: reason.value }),
      });
      return "The dataset is withdrawn; its values are no longer served.";
    }),
  );
  return form;
}

function deleteButton(dataset, act) {
  const button = el("button", { type: "button", class: "danger", id: "delete-dataset" }, "Delete this draft dataset");
  button.addEventListener(
    "click",
    act(async () => {
      await call(`/api/v1/datasets/${dataset.id}`, { method: "DELETE" });
      go({});
      return "Deleted.";
    }),
  );
  return button;
}

/** The accepted submissions (with their warnings) and the audit trail of the dataset. */
async function history(section, dataset) {
  const submissions = el("div", { id: "submissions" });
  const audit = el("div", { id: "audit" });
  section.replaceChildren(
    el("h3", { id: "history-title" }, "History"),
    el("h4", {}, "Submissions"),
    submissions,
    el("h4", {}, "Audit trail"),
    audit,
  );
  await Promise.all([submissionList(submissions, dataset), auditTrail(audit, dataset)]);
}

async function submissionList(container, dataset) {
  try {
    const page = await call(apiUrl(`/api/v1/datasets/${dataset.id}/submissions`, { limit: 20 }));
    if (!page.items.length) {
      container.replaceChildren(el("p", {}, "No accepted upload yet."));
      return;
    }
    const warnings = el("div", { id: "submission-warnings" });
    container.replaceChildren(
      simpleTable(
        "submission-table",
        ["Submitted", "By", "Format", "Mode", "Rows", "Added", "Updated", "Deleted", "Warnings"],
        page.items.map((s) => [
          dateTime(s.submittedAt),
          s.actor,
          s.format,
          s.mode,
          number(s.rowsRead),
          number(s.inserted),
          number(s.updated),
          number(s.deleted),
          s.warningCount ? warningButton(dataset, s, warnings) : "0",
        ]),
      ),
      warnings,
    );
  } catch (error) {
    showProblem(container, error);
  }
}

function warningButton(dataset, submission, target) {
  const button = el("button", { type: "button", class: "secondary" }, `${submission.warningCount}: show`);
  button.addEventListener("click", async () => {
    try {
      const report = await call(`/api/v1/datasets/${dataset.id}/submissions/${submission.id}`);
      target.replaceChildren(reportTable(`Warnings of submission ${submission.id}`, report.issues || [], { total: report.submission?.warningCount, id: "warnings" }));
    } catch (error) {
      showProblem(target, error);
    }
  });
  return button;
}

async function auditTrail(container, dataset) {
  try {
    const page = await call(apiUrl("/api/v1/audit", { dataset: dataset.id, limit: 50 }));
    container.replaceChildren(
      simpleTable(
        "audit-table",
        ["When", "Who", "What", "Detail"],
        page.items.map((e) => [dateTime(e.at), e.actor, e.action, e.detail || ""]),
      ),
    );
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 403) {
      container.replaceChildren(el("p", {}, "The audit trail is for publishers and admins."));
      return;
    }
    showProblem(container, error);
  }
}

function simpleTable(id, headings, rows) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "data", id },
      el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))),
    ),
  );
}
