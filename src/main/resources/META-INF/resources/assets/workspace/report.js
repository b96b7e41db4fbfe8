// A validation report as a table a statistician can work with: sortable by any column, faulty
// rows marked by severity, downloadable as CSV.
import { el } from "../api.js";

const COLUMNS = [
  ["severity", "Severity"],
  ["rule", "Rule"],
  ["where", "Line"],
  ["column", "Column"],
  ["seriesKey", "Series"],
  ["period", "Period"],
  ["value", "Value"],
  ["expected", "Expected"],
  ["found", "Found"],
  ["message", "Message"],
];

const NUMERIC = new Set(["where", "expected", "found"]);

/** The report's rows: each issue with where it is (a CSV or Excel line, or a JSON index). */
function rows(issues) {
  return issues.map((issue) => ({ ...issue, where: issue.line ?? issue.index ?? "" }));
}

/**
 * A report section: a heading with the counts, the sortable table and a CSV download.
 * @param {string} title what the report is of ("Upload rejected", "Warnings kept")
 */
export function reportTable(title, issues, { total, id = "report" } = {}) {
  const data = rows(issues);
  const state = { by: "where", ascending: true };
  const body = el("tbody");
  const headers = COLUMNS.map(([key, label]) => {
    const button = el("button", { type: "button", class: "sort" }, label);
    const th = el("th", { scope: "col", "aria-sort": key === state.by ? "ascending" : "none" }, button);
    button.addEventListener("click", () => {
      state.ascending = state.by === key ? !state.ascending : true;
      state.by = key;
      headers.forEach((h) => h.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", state.ascending ? "ascending" : "descending");
      fill(body, data, state);
    });
    return th;
  });
  fill(body, data, state);
  const shown = total !== undefined && total > issues.length ? ` (the first ${issues.length} of ${total})` : "";
  return el(
    "section",
    { class: "report", id, "aria-labelledby": `${id}-title` },
    el("h3", { id: `${id}-title` }, title, shown),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "data report-table" },
        el("caption", { class: "visually-hidden" }, `${title}: select a column heading to sort`),
        el("thead", {}, el("tr", {}, headers)),
        body,
      ),
    ),
    el("p", {}, csvLink(data, `${id}.csv`)),
  );
}

function fill(body, data, { by, ascending }) {
  const sorted = [...data].sort((a, b) => compare(a[by], b[by], NUMERIC.has(by)) * (ascending ? 1 : -1));
  body.replaceChildren(
    ...sorted.map((issue) =>
      el(
        "tr",
        { class: `issue severity-${(issue.severity || "").toLowerCase()}` },
        COLUMNS.map(([key]) =>
          el("td", { class: NUMERIC.has(key) ? "number" : null }, cell(issue, key)),
        ),
      ),
    ),
  );
}

function cell(issue, key) {
  const value = issue[key];
  if (key === "severity") {
    return el("span", { class: `badge badge-${(value || "").toLowerCase()}` }, value);
  }
  return value === undefined || value === null ? "" : `${value}`;
}

function compare(a, b, numeric) {
  const empty = (v) => v === undefined || v === null || v === "";
  if (empty(a) || empty(b)) {
    return empty(a) - empty(b);
  }
  return numeric ? Number(a) - Number(b) : `${a}`.localeCompare(`${b}`, "en", { numeric: true });
}

/** The report as an RFC 4180 CSV file, made in the page from the rows shown. */
function csvLink(data, name) {
  const quote = (v) => {
    const text = v === undefined || v === null ? "" : `${v}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [COLUMNS.map(([, label]) => label).join(",")];
  data.forEach((issue) => lines.push(COLUMNS.map(([key]) => quote(issue[key])).join(",")));
  const url = URL.createObjectURL(new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv" }));
  return el("a", { href: url, download: name, class: "button secondary" }, "Download the report (CSV)");
}
