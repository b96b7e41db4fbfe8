// The data explorer: a client of the public API, nothing else. The view is the page's query
// string (see explorer/state.js); a change of any control makes a new view, pushed to the
// browser's history, fetched (at most VIEW_LIMIT observations) and shown as a table and a chart.

import { el, showProblem } from "./api.js";
import { availability, codeListsOf, indicators, isDerived, structures, tables } from "./explorer/catalogue.js";
import { chartTypeOf, renderChart } from "./explorer/chart.js";
import { renderControls } from "./explorer/controls.js";
import { attributeLabeller, fetchView, structureFor } from "./explorer/data.js";
import { downloadsOf, renderApiUrl, renderDownloads } from "./explorer/downloads.js";
import { setLanguage, t } from "./explorer/i18n.js";
import { layoutOf, renderTable } from "./explorer/pivot.js";
import { readState, writeState } from "./explorer/state.js";
import { layoutControls } from "./explorer/layout.js";

const root = document.getElementById("explorer");
const panel = el("div", { class: "explorer-controls" });
const result = el("section", { class: "explorer-result", id: "result", "aria-labelledby": "result-heading" });
const status = el("p", { role: "status", class: "result-status" });

let state = readState(window.location.search);
let shown = null; // {state, view, context}: what the result shows, for changes of layout alone
let pending = null; // the AbortController of the request under way
let ready = false;

/** Goes to a new view: `patch` changes part of the state (or is a function of it). */
function change(patch, { keepControls = false } = {}) {
  const changes = typeof patch === "function" ? patch(state) : patch;
  const next = { ...state, ...changes };
  window.history.pushState(null, "", writeState(next));
  const layoutOnly = Object.keys(changes).every((name) => name === "cols" || name === "chart");
  state = next;
  if (layoutOnly && shown) {
    showResult(shown.view, shown.context);
  } else {
    show({ keepControls });
  }
}

/** Fetches what the state asks for and shows it; controls are rebuilt unless told otherwise. */
async function show({ keepControls = false } = {}) {
  if (pending) {
    pending.abort();
  }
  const controller = new AbortController();
  pending = controller;
  setLanguage(state.lang || "en");
  translateFrame();
  result.setAttribute("aria-busy", "true");
  status.textContent = t("loading");
  try {
    const context = await contextOf(state);
    const view = fetchView(state, context, controller.signal);
    const [catalogue, lists, available] = await Promise.all([
      keepControls ? null : catalogueOf(state.lang),
      context.codeLists,
      context.availability,
    ]);
    Object.assign(context, { codeLists: lists, availability: available });
    // A later view may have started meanwhile: only the latest one is shown.
    if (!keepControls && controller === pending) {
      rebuildControls(catalogue, context);
    }
    const answer = await view;
    if (controller === pending) {
      showResult(answer, context);
    }
  } catch (error) {
    if (error.name !== "AbortError" && controller === pending) {
      result.removeAttribute("aria-busy");
      status.textContent = "";
      showProblem(result, error);
      result.prepend(el("h2", { id: "result-heading" }, t("result")), status);
    }
  }
}

/** What there is to choose from, with names in the language of the moment. */
async function catalogueOf(lang) {
  const [all, indicatorList, tableList] = await Promise.all([structures(), indicators(lang), tables(lang)]);
  // A derived dataflow (the indicators) is chosen through its indicators.
  return { flows: all.filter((structure) => !isDerived(structure)), indicators: indicatorList, tables: tableList };
}

/**
 * The structure of the view, its code lists and which codes have data (both promises, asked
 * for together with the figures, except a table's availability: it gives the table's defaults).
 */
async function contextOf(current) {
  let tableStructure = null;
  let overTime = false;
  let indicator = null;
  if (current.kind === "table") {
    const definition = (await tables(current.lang)).find((one) => one.id === current.id);
    tableStructure = definition ? definition.structure : null;
    overTime = Boolean(definition && definition.rowDimensions.includes("TIME_PERIOD"));
  } else if (current.kind === "indicator") {
    indicator = (await indicators(current.lang)).find((one) => one.id === current.id) || null;
  }
  const structure = await structureFor(current, tableStructure);
  const codeLists = codeListsOf(structure);
  // An indicator can only be computed where its numerator has data: those areas are offered.
  const source = indicator ? indicator.numerator.structure : isDerived(structure) ? null : structure.id;
  const available = source ? availability(source) : Promise.resolve(null);
  if (current.kind === "table") {
    completeTableState(await available, overTime);
  }
  return { structure, codeLists, availability: available, indicator, overTime };
}

/** A table needs one area and one period: the first area and the last year with data by default. */
function completeTableState(available, overTime) {
  const areas = available ? [...(available.codes.REF_AREA || [])] : [];
  const patch = {};
  if (!(state.filters.REF_AREA || []).length && areas.length) {
    patch.filters = { REF_AREA: [areas[0]] };
  }
  if (!overTime && !state.timePeriod && available) {
    patch.timePeriod = available.lastYear;
  }
  if (Object.keys(patch).length) {
    state = { ...state, ...patch };
    window.history.replaceState(null, "", writeState(state));
  }
}

function rebuildControls(catalogue, context) {
  keepingFocus(() => panel.replaceChildren(renderControls(state, catalogue, context, change)));
}

/** Rebuilds part of the page, putting the focus back on the control that had it (same id). */
function keepingFocus(rebuild) {
  const focused = document.activeElement && document.activeElement.id;
  rebuild();
  const again = focused && document.getElementById(focused);
  if (again && again !== document.activeElement) {
    again.focus();
  }
}

/** The result: status, layout, table with its legend, chart, downloads and the API request. */
function showResult(view, context) {
  shown = { view, context };
  result.removeAttribute("aria-busy");
  const labels = attributeLabeller(context.structure, context.codeLists);
  const heading = el("h2", { id: "result-heading" }, t("result"));
  if (!view.observations.some((observation) => !observation.empty)) {
    status.textContent = t("noData");
    result.replaceChildren(heading, status, renderApiUrl(view.apiUrl));
    markReady();
    return;
  }
  status.textContent = statusOf(view);
  const layout = layoutOf(view, state.cols);
  const { table, legend } = renderTable(view, layout, labels);
  const chartType = chartTypeOf(layout, state.chart);
  const chart = renderChart(view, layout, chartType, table.caption.textContent);
  keepingFocus(() =>
    result.replaceChildren(...[
      heading,
      status,
      view.notes ? el("p", { class: "table-notes" }, view.notes) : null,
      layoutControls(layout, state.chart, change),
      el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": table.caption.textContent }, table),
      legend,
      chart ? chart.figure : null,
      renderDownloads(downloadsOf(state, view, context.structure), view.total),
      renderApiUrl(view.apiUrl),
    ].filter(Boolean)),
  );
  if (chart) {
    chart.draw();
  }
  markReady();
}

/** How many figures there are, and whether the view shows only the first of them. */
function statusOf(view) {
  const number = (n) => n.toLocaleString(state.lang || "en");
  if (view.total > view.observations.length) {
    return t("cut", { shown: number(view.observations.length), total: number(view.total) });
  }
  return t("observations", { n: number(view.total) });
}

/** Tells a measurement (the browser tests) when the first result is on the screen. */
function markReady() {
  if (!ready) {
    ready = true;
    performance.mark("explorer-ready");
  }
}

/** The page's own words outside the explorer (title, header, skip link) in the language. */
function translateFrame() {
  const heading = document.querySelector("main h1");
  heading.textContent = t("title");
  document.title = `CoopStats — ${t("navExplorer")}`;
  const words = { "/": "navExplorer", "/workspace/": "navWorkspace", "/q/swagger-ui/": "navApi" };
  for (const link of document.querySelectorAll(".site-header nav a")) {
    link.textContent = t(words[link.getAttribute("href")] || "navExplorer");
  }
  document.querySelector(".skip-link").textContent = t("skip");
}

window.addEventListener("popstate", () => {
  const next = readState(window.location.search);
  // A jump to an anchor (#result) is a history entry too, but the same view.
  if (writeState(next) !== writeState(state)) {
    state = next;
    show();
  }
});

root.replaceChildren(panel, result);
result.append(el("h2", { id: "result-heading" }, t("result")), status);
show();
