// Links to download what is shown, in every format the API offers for it: the same query as the
// view (filters, periods, language), one API page (the API's largest) per file; SDMX streams all.

import { apiUrl as encoded, el } from "../api.js";
import { readable } from "./catalogue.js";
import { t } from "./i18n.js";

const apiUrl = (path, params) => readable(encoded(path, params));

/** The API's largest page: a download holds at most this many rows. */
export const DOWNLOAD_LIMIT = 10000;

/** `[{format, href, name}]` for a view, `href` null where the API offers no such format. */
export function downloadsOf(state, view, structure) {
  if (state.kind === "table") {
    return tableDownloads(state, view);
  }
  if (state.kind === "indicator") {
    return indicatorDownloads(state, view, structure);
  }
  return flowDownloads(state, view, structure);
}

function flowDownloads(state, view, structure) {
  const base = { ...view.params, lang: state.lang, limit: DOWNLOAD_LIMIT };
  const api = (format) => apiUrl("/api/v1/observations", { ...base, format });
  const name = `coopstats-${structure.id}`;
  return [
    { format: "csv", href: api("csv"), name: `${name}.csv` },
    { format: "xlsx", href: api("xlsx"), name: `${name}.xlsx` },
    { format: "jsonstat", href: api("jsonstat"), name: `${name}.jsonstat.json` },
    ...sdmxDownloads(structure, state, name),
  ];
}

function indicatorDownloads(state, view, structure) {
  const base = { ...view.params, limit: DOWNLOAD_LIMIT };
  const name = `coopstats-${state.id}`;
  return [
    { format: "csv", href: null },
    { format: "xlsx", href: null },
    {
      format: "jsonstat",
      href: apiUrl(`/api/v1/indicators/${encodeURIComponent(state.id)}/values`, { ...base, format: "jsonstat" }),
      name: `${name}.jsonstat.json`,
    },
    ...sdmxDownloads(structure, { ...state, filters: { ...state.filters, INDICATOR: [state.id] } }, name),
  ];
}

function tableDownloads(state, view) {
  const path = `/api/v1/tables/${encodeURIComponent(state.id)}/data`;
  const name = `coopstats-${state.id}`;
  return [
    { format: "csv", href: apiUrl(path, { ...view.params, format: "csv" }), name: `${name}.csv` },
    { format: "xlsx", href: apiUrl(path, { ...view.params, format: "xlsx" }), name: `${name}.xlsx` },
    { format: "jsonstat", href: apiUrl(path, { ...view.params, format: "jsonstat" }), name: `${name}.jsonstat.json` },
    { format: "sdmxMl", href: null },
  ];
}

/** SDMX data of the view: the key has a position per dimension in key order, `+` between codes. */
function sdmxDownloads(structure, state, name) {
  const positions = structure.dimensions
    .filter((dimension) => !dimension.timeDimension)
    .map((dimension) => (state.filters[dimension.id] || []).join("+"));
  const key = positions.some(Boolean) ? positions.join(".") : "all";
  const path = `/sdmx/v2.1/data/${encodeURIComponent(structure.id)}/${key}`;
  const periods = { startPeriod: state.startPeriod, endPeriod: state.endPeriod };
  return [
    { format: "sdmxMl", href: apiUrl(path, periods), name: `${name}.sdmx.xml` },
    { format: "sdmxCsv", href: apiUrl(path, { ...periods, format: "csv" }), name: `${name}.sdmx.csv` },
    { format: "sdmxJson", href: apiUrl(path, { ...periods, format: "jsondata" }), name: `${name}.sdmx.json` },
  ];
}

/** The downloads section: a link per format, and a word on what is not offered or is cut. */
export function renderDownloads(downloads, total) {
  const offered = downloads.filter((download) => download.href);
  const missing = downloads.filter((download) => !download.href);
  return el(
    "section",
    { class: "downloads", "aria-labelledby": "downloads-heading" },
    el("h2", { id: "downloads-heading" }, t("downloads")),
    el(
      "ul",
      { class: "download-links" },
      offered.map((download) => {
        const { href, name, format } = download;
        return el("li", {}, el("a", { class: "button secondary", href, download: name, "data-format": format }, t(format)));
      }),
    ),
    missing.map((download) => el("p", { class: "muted" }, t("notOffered", { format: t(download.format) }))),
    total > DOWNLOAD_LIMIT ? el("p", { class: "notice" }, t("downloadCut", { limit: DOWNLOAD_LIMIT.toLocaleString() })) : null,
  );
}

/** The API request behind the view, as a link, so that people learn the API by using the page. */
export function renderApiUrl(url) {
  const absolute = readable(new URL(url, window.location.origin).href);
  return el(
    "section",
    { class: "api-request", "aria-labelledby": "api-heading" },
    el("h2", { id: "api-heading" }, t("apiUrl")),
    el("code", { class: "api-url" }, el("a", { href: absolute, id: "api-url" }, absolute)),
  );
}
