// Asks the API for the figures of a view and brings the three kinds of answer (observations,
// indicator values, a table's grid) to one shape, so that one pivot and one chart serve them all:
// dimensions (with their labels) and observations (a key per dimension, a value, its flags).

import { apiUrl as encoded, call } from "../api.js";
import { readable, structures, table as tableDefinition } from "./catalogue.js";
import { label, t } from "./i18n.js";

/** At most this many observations are fetched for a view (one request); the total is told. */
export const VIEW_LIMIT = 5000;

const TIME = "TIME_PERIOD";

// The page asks for exactly the URL it shows (commas between codes, as people write them).
const apiUrl = (path, params) => readable(encoded(path, params));

/**
 * The figures of a view: `{dimensions, observations, total, apiUrl, params}`. The request goes at
 * once; the code lists (`context.codeLists`, a promise) are awaited only to label the answer.
 */
export async function fetchView(state, context, signal) {
  if (state.kind === "indicator") {
    return indicatorView(state, context, signal);
  }
  if (state.kind === "table") {
    return tableView(state, context, signal);
  }
  return flowView(state, context, signal);
}

/**
 * The structure a view follows: the dataflow's own, the indicators' (the structure with an
 * INDICATOR dimension), or the one a table is made from.
 */
export async function structureFor(state, tableStructure) {
  const all = await structures();
  const structure =
    state.kind === "indicator"
      ? all.find((one) => one.dimensions.some((dimension) => dimension.id === "INDICATOR"))
      : all.find((one) => one.id === (state.kind === "table" ? tableStructure : state.id));
  if (!structure) {
    throw new Error(`No such structure: ${state.kind === "table" ? tableStructure : state.id}`);
  }
  return structure;
}

/** A dimension whose labels come from its code list, in the language of the moment. */
export function codedDimension(component, codeLists) {
  const list = codeLists.get(component.codeList);
  return {
    id: component.id,
    isTime: component.timeDimension,
    name: () => (component.timeDimension ? t("period") : label(list && list.names, component.name)),
    order: list ? list.order : [],
    label: (code) => (list && list.items.has(code) ? label(list.items.get(code).names, code) : code),
  };
}

/** The label of an attribute's code (OBS_STATUS E → "Estimated value"). */
export function attributeLabeller(structure, codeLists) {
  return (attribute, code) => {
    const component = structure.attributes.find((one) => one.id === attribute);
    const list = component && codeLists.get(component.codeList);
    const item = list && list.items.get(`${code}`);
    return item ? label(item.names, `${code}`) : `${code}`;
  };
}

async function flowView(state, { structure, codeLists: lists }, signal) {
  const params = { structure: structure.id };
  for (const dimension of structure.dimensions) {
    if (!dimension.timeDimension && state.filters[dimension.id]) {
      params[dimension.id] = state.filters[dimension.id].join(",");
    }
  }
  Object.assign(params, { startPeriod: state.startPeriod, endPeriod: state.endPeriod, limit: VIEW_LIMIT });
  const url = apiUrl("/api/v1/observations", params);
  const page = await call(url, { signal });
  const codeLists = await lists;
  const dimensions = structure.dimensions.map((dimension) => codedDimension(dimension, codeLists));
  const observations = page.items.map((item) => ({
    key: Object.fromEntries(dimensions.map((dimension) => [dimension.id, item[dimension.id]])),
    value: item.OBS_VALUE,
    status: item.OBS_STATUS,
    conf: item.CONF_STATUS,
    unit: item.UNIT_MEASURE,
    mult: item.UNIT_MULT,
    comment: item.COMMENT_OBS,
  }));
  return { dimensions, observations, total: page.total, apiUrl: url, params };
}

async function indicatorView(state, { structure, codeLists: lists, indicator }, signal) {
  const params = {
    REF_AREA: (state.filters.REF_AREA || []).join(","),
    startPeriod: state.startPeriod,
    endPeriod: state.endPeriod,
    lang: state.lang,
    limit: VIEW_LIMIT,
  };
  const url = apiUrl(`/api/v1/indicators/${encodeURIComponent(state.id)}/values`, params);
  const page = await call(url, { signal });
  const codeLists = await lists;
  const dimensions = structure.dimensions.map((dimension) => codedDimension(dimension, codeLists));
  const observations = page.items.map((item) => ({
    key: { INDICATOR: state.id, REF_AREA: item.REF_AREA, TIME_PERIOD: item.TIME_PERIOD },
    value: item.OBS_VALUE ?? null,
    status: item.OBS_STATUS,
    conf: item.CONF_STATUS,
    unit: item.UNIT_MEASURE,
    mult: item.UNIT_MULT ?? "0",
    comment: item.problem || null,
    inputs: inputsOf(item),
  }));
  const decimals = indicator ? indicator.decimals : undefined;
  return { dimensions, observations, total: page.total, apiUrl: url, params, decimals };
}

/** "5,605 / 36,991,981": where an indicator's value comes from, for the cell's description. */
function inputsOf(item) {
  if (!item.numerator || !item.denominator) {
    return null;
  }
  return { numerator: item.numerator.OBS_VALUE, denominator: item.denominator.OBS_VALUE };
}

async function tableView(state, { structure, codeLists: lists }, signal) {
  const params = {
    REF_AREA: (state.filters.REF_AREA || [])[0],
    TIME_PERIOD: state.timePeriod,
    startPeriod: state.startPeriod,
    endPeriod: state.endPeriod,
    lang: state.lang,
  };
  const url = apiUrl(`/api/v1/tables/${encodeURIComponent(state.id)}/data`, params);
  const [grid, definition] = await Promise.all([call(url, { signal }), tableDefinition(state.id, state.lang)]);
  const observations = gridObservations(grid);
  const dimensions = gridDimensions(grid, observations, structure, await lists);
  return {
    dimensions,
    observations,
    // The cells with a figure, or without one for a reason (confidential, incomplete…).
    total: observations.filter((one) => !one.empty && one.origin !== "notApplicable").length,
    apiUrl: url,
    params,
    title: grid.title,
    notes: definition.notes,
    layout: { cols: grid.columnDimensions },
  };
}

/** A table's cells as observations keyed by the row's and the column's headings. */
function gridObservations(grid) {
  const fixed = {};
  if (grid.refArea && !grid.rowDimensions.includes("REF_AREA")) {
    fixed.REF_AREA = grid.refArea.id;
  }
  if (grid.timePeriod && !grid.rowDimensions.includes(TIME)) {
    fixed[TIME] = grid.timePeriod;
  }
  const observations = [];
  for (const row of grid.rows) {
    // Every cell, empty ones too: the table keeps the rows and columns its definition has.
    row.cells.forEach((cell, index) => {
      const key = { ...fixed };
      for (const heading of [...row.heading, ...grid.columns[index]]) {
        key[heading.dimension] = heading.id;
      }
      observations.push(cellObservation(key, cell));
    });
  }
  return observations;
}

function cellObservation(key, cell) {
  if (cell.origin === "empty") {
    return { key, value: null, empty: true };
  }
  return {
    key,
    value: cell.value ?? null,
    status: cell.OBS_STATUS,
    conf: cell.CONF_STATUS,
    unit: cell.UNIT_MEASURE,
    mult: cell.UNIT_MULT,
    origin: cell.origin === "reported" ? null : cell.origin,
    comment: cell.reason || null,
  };
}

/** The dimensions a table's grid shows, labelled as the grid labels them (in `lang`). */
function gridDimensions(grid, observations, structure, codeLists) {
  const labels = new Map();
  const remember = (heading) => labels.set(`${heading.dimension}\u0000${heading.id}`, heading.name);
  grid.rows.forEach((row) => row.heading.forEach(remember));
  grid.columns.forEach((column) => column.forEach(remember));
  if (grid.refArea) {
    remember(grid.refArea);
  }
  const ids = [...new Set(observations.flatMap((observation) => Object.keys(observation.key)))];
  return ids.map((id) => {
    const component = structure.dimensions.find((dimension) => dimension.id === id) || { id, name: id };
    const coded = codedDimension(component, codeLists);
    // The grid's own order (regions after their area, totals first) is the table's.
    const order = [...new Set(observations.map((observation) => observation.key[id]))];
    return { ...coded, order, label: (code) => labels.get(`${id}\u0000${code}`) || coded.label(code) };
  });
}
