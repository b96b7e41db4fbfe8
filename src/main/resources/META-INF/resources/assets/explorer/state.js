// The whole view lives in the page's own query string, so every view is a link to share, and the
// browser's back and forward buttons walk through the views. The names are the API's own
// (REF_AREA, startPeriod, lang), so the page's URL already teaches the API's.

const KINDS = ["flow", "indicator", "table"];
const OWN = new Set([...KINDS, "startPeriod", "endPeriod", "TIME_PERIOD", "lang", "cols", "chart"]);

/** The view a new visitor sees: active cooperatives of every area with data, over time. */
export const FIRST_VIEW = "?flow=COOP_STATS&MEASURE=COOPS";

/** Reads a view from a query string. */
export function readState(search) {
  const params = new URLSearchParams(search || FIRST_VIEW);
  const kind = KINDS.find((one) => params.has(one)) || "flow";
  const filters = {};
  for (const [name, value] of params) {
    if (!OWN.has(name) && /^[A-Z][A-Z0-9_]*$/.test(name) && value) {
      filters[name] = [...new Set([...(filters[name] || []), ...value.split(",").filter(Boolean)])];
    }
  }
  return {
    kind,
    id: params.get(kind) || "COOP_STATS",
    filters,
    startPeriod: params.get("startPeriod") || "",
    endPeriod: params.get("endPeriod") || "",
    timePeriod: params.get("TIME_PERIOD") || "",
    lang: params.get("lang") || "",
    cols: params.has("cols") ? params.get("cols").split(",").filter(Boolean) : null,
    chart: params.get("chart") || "auto",
  };
}

/** Writes a view as a query string, in a stable order (the same view is always the same link). */
export function writeState(state) {
  const params = new URLSearchParams();
  params.set(state.kind, state.id);
  for (const [dimension, codes] of Object.entries(state.filters)) {
    if (codes.length) {
      params.set(dimension, codes.join(","));
    }
  }
  setIf(params, "TIME_PERIOD", state.timePeriod);
  setIf(params, "startPeriod", state.startPeriod);
  setIf(params, "endPeriod", state.endPeriod);
  setIf(params, "cols", state.cols && state.cols.join(","));
  setIf(params, "chart", state.chart !== "auto" && state.chart);
  setIf(params, "lang", state.lang);
  // Commas stay readable in a shared link.
  return `?${params.toString().replace(/%2C/g, ",")}`;
}

function setIf(params, name, value) {
  if (value) {
    params.set(name, value);
  }
}
