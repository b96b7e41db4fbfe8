// The form that chooses a view: language, what to look at, a filter per dimension (only the codes
// that have data, where the service says which), the period. Every control has a label, works
// with the keyboard alone, and changes the view at once.

import { el } from "../api.js";
import { LANGUAGES, label, t } from "./i18n.js";

const PERIOD = /^\d{4}(-Q[1-4]|-\d{2})?$/;
const WIDE = window.matchMedia("(min-width: 48rem)");

/**
 * The controls of a view. `catalogue` holds the lists to choose from, `context` the structure,
 * its code lists and availability; `change(patch)` is called with the part of the state to change
 * (or a function of the current state giving it).
 */
export function renderControls(state, catalogue, context, change) {
  return el(
    "form",
    { class: "controls", "aria-label": t("filters"), onsubmit: (event) => event.preventDefault() },
    el("a", { class: "to-result", href: "#result" }, t("toResult")),
    languageControl(state, change),
    sourceControl(state, catalogue, change),
    filterControls(state, context, change),
    periodControls(state, context, change),
  );
}

function languageControl(state, change) {
  const select = el(
    "select",
    { id: "lang", onchange: (event) => change({ lang: event.target.value === "en" ? "" : event.target.value }) },
    Object.entries(LANGUAGES).map(([code, name]) =>
      el("option", { value: code, lang: code, selected: (state.lang || "en") === code }, name),
    ),
  );
  return el("div", { class: "control" }, el("label", { for: "lang" }, t("language")), select);
}

function sourceControl(state, catalogue, change) {
  const current = `${state.kind}:${state.id}`;
  const option = (value, text) => el("option", { value, selected: value === current }, text);
  const select = el(
    "select",
    {
      id: "source",
      onchange: (event) => {
        const [kind, id] = event.target.value.split(":");
        change({ kind, id, filters: {}, startPeriod: "", endPeriod: "", timePeriod: "", cols: null, chart: "auto" });
      },
    },
    el("optgroup", { label: t("flows") }, catalogue.flows.map((flow) => option(`flow:${flow.id}`, flow.name))),
    el("optgroup", { label: t("indicators") }, catalogue.indicators.map((one) => option(`indicator:${one.id}`, one.name))),
    el("optgroup", { label: t("tables") }, catalogue.tables.map((one) => option(`table:${one.id}`, one.title))),
  );
  return el("div", { class: "control" }, el("label", { for: "source" }, t("source")), select);
}

/** The dimensions a view can be filtered by: all but time for data, areas for the others. */
function filterControls(state, context, change) {
  if (state.kind === "table") {
    return tableFilters(state, context, change);
  }
  const dimensions = context.structure.dimensions.filter(
    (dimension) => !dimension.timeDimension && !(state.kind === "indicator" && dimension.id === "INDICATOR"),
  );
  return el(
    "fieldset",
    { class: "filters" },
    el("legend", {}, t("filters")),
    dimensions.map((dimension) => codeFilter(dimension, state, context, change)),
  );
}

/** The codes a filter offers: those with data (when known) and those already chosen. */
function offeredCodes(dimension, state, context) {
  const list = context.codeLists.get(dimension.codeList);
  const chosen = new Set(state.filters[dimension.id] || []);
  const available = context.availability && context.availability.codes[dimension.id];
  const order = list ? treeOrder(list) : [...chosen];
  return order.filter((code) => !available || available.has(code) || chosen.has(code));
}

/** Code-list order with each child right after its parent (Canada, then its provinces). */
function treeOrder(list) {
  const children = new Map();
  for (const code of list.order) {
    const parent = list.items.get(code).parent;
    if (parent && list.items.has(parent)) {
      children.set(parent, [...(children.get(parent) || []), code]);
    }
  }
  const ordered = [];
  const visit = (code) => {
    ordered.push(code);
    (children.get(code) || []).forEach(visit);
  };
  list.order.filter((code) => !(list.items.get(code).parent && list.items.has(list.items.get(code).parent))).forEach(visit);
  return ordered;
}

function codeFilter(dimension, state, context, change) {
  const list = context.codeLists.get(dimension.codeList);
  const name = label(list && list.names, dimension.name);
  const codes = offeredCodes(dimension, state, context);
  const chosen = new Set(state.filters[dimension.id] || []);
  const summary = el("span", { class: "filter-summary" }, summaryOf(chosen, codes, list));
  const pick = () => {
    const boxes = [...details.querySelectorAll("input[type=checkbox]")];
    const picked = boxes.filter((box) => box.checked).map((box) => box.value);
    summary.textContent = summaryOf(new Set(picked), codes, list);
    change((current) => ({ filters: { ...current.filters, [dimension.id]: picked } }), { keepControls: true });
  };
  const items = codes.map((code) => codeItem(dimension.id, code, list, chosen, pick));
  const details = el(
    "details",
    // Filters in use are open on a wide screen; on a phone all start closed, the result close by.
    { class: "filter", id: `filter-${dimension.id}`, open: chosen.size > 0 && codes.length <= 20 && WIDE.matches },
    el("summary", {}, el("span", { class: "filter-name" }, name), " ", summary),
    el(
      "div",
      { class: "filter-body" },
      codes.length > 12 ? findBox(dimension.id, items) : null,
      el("button", { type: "button", class: "secondary small", onclick: () => clearAll(details, pick) }, t("selectAll")),
      el("fieldset", {}, el("legend", { class: "visually-hidden" }, name), el("ul", { class: "codes" }, items)),
    ),
  );
  return details;
}

function summaryOf(chosen, codes, list) {
  if (!chosen.size) {
    return `(${t("all")}, ${codes.length})`;
  }
  const names = [...chosen].map((code) => (list && list.items.has(code) ? label(list.items.get(code).names, code) : code));
  return names.length <= 2 ? `(${names.join(", ")})` : `(${t("selected", { n: chosen.size, m: codes.length })})`;
}

function codeItem(dimension, code, list, chosen, pick) {
  const id = `code-${dimension}-${code}`;
  const item = list && list.items.get(code);
  const text = item ? label(item.names, code) : code;
  return el(
    "li",
    { class: item && item.parent ? "child" : null, "data-search": `${code} ${text}`.toLowerCase() },
    el("input", { type: "checkbox", id, value: code, checked: chosen.has(code), onchange: pick }),
    el("label", { for: id }, text, " ", el("span", { class: "code" }, code)),
  );
}

/** "All" means no filter: every box unticked. */
function clearAll(details, pick) {
  details.querySelectorAll("input[type=checkbox]").forEach((box) => {
    box.checked = false;
  });
  pick();
}

function findBox(dimension, items) {
  const id = `find-${dimension}`;
  const input = el("input", {
    type: "search",
    id,
    autocomplete: "off",
    oninput: (event) => {
      const wanted = event.target.value.trim().toLowerCase();
      for (const item of items) {
        item.hidden = Boolean(wanted) && !item.dataset.search.includes(wanted);
      }
    },
  });
  return el("div", { class: "find" }, el("label", { for: id }, t("findCode")), input);
}

/** A table is about one area and one period (or a range, for a table over time). */
function tableFilters(state, context, change) {
  const areas = offeredCodes({ id: "REF_AREA", codeList: "CL_AREA" }, state, context);
  const list = context.codeLists.get("CL_AREA");
  const area = el(
    "select",
    { id: "table-area", onchange: (event) => change({ filters: { REF_AREA: [event.target.value] } }) },
    areas.map((code) => {
      const item = list && list.items.get(code);
      return el("option", { value: code, selected: (state.filters.REF_AREA || [])[0] === code }, label(item && item.names, code));
    }),
  );
  const controls = [el("div", { class: "control" }, el("label", { for: "table-area" }, t("oneArea")), area)];
  if (!context.overTime) {
    const year = yearSelect(state, context, change);
    controls.push(el("div", { class: "control" }, el("label", { for: "table-period" }, t("onePeriod")), year));
  }
  return el("fieldset", { class: "filters" }, el("legend", {}, t("filters")), controls);
}

function yearSelect(state, context, change) {
  const years = yearsOf(context.availability);
  if (state.timePeriod && !years.includes(state.timePeriod)) {
    years.unshift(state.timePeriod);
  }
  return el(
    "select",
    { id: "table-period", onchange: (event) => change({ timePeriod: event.target.value }) },
    years.map((year) => el("option", { value: year, selected: year === state.timePeriod }, year)),
  );
}

/** The years with data, latest first. */
export function yearsOf(availability) {
  const first = Number(availability && availability.firstYear);
  const last = Number(availability && availability.lastYear);
  const years = [];
  for (let year = last; first && year >= first; year--) {
    years.push(`${year}`);
  }
  return years;
}

/** From and to: any period the API takes (2018, 2021-Q2, 2021-06), checked before it is sent. */
function periodControls(state, context, change) {
  if (state.kind === "table" && !context.overTime) {
    return null;
  }
  const input = (id, name, value, wordKey) => {
    const field = el("input", {
      type: "text",
      id,
      value,
      inputmode: "numeric",
      autocomplete: "off",
      size: 9,
      placeholder: context.availability ? context.availability[wordKey] : "",
      "aria-describedby": "period-hint",
      onchange: (event) => {
        const text = event.target.value.trim();
        const valid = !text || PERIOD.test(text);
        field.setAttribute("aria-invalid", valid ? "false" : "true");
        if (valid) {
          change({ [name]: text }, { keepControls: true });
        }
      },
    });
    return field;
  };
  const from = input("start-period", "startPeriod", state.startPeriod, "firstYear");
  const to = input("end-period", "endPeriod", state.endPeriod, "lastYear");
  return el(
    "fieldset",
    { class: "period" },
    el("legend", {}, t("period")),
    el("div", { class: "control" }, el("label", { for: "start-period" }, t("from")), from),
    el("div", { class: "control" }, el("label", { for: "end-period" }, t("to")), to),
    el("p", { id: "period-hint", class: "muted hint" }, t("periodHint")),
  );
}
