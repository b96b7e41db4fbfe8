// What there is to look at (structures, indicators, tables) and the code lists that label it, each
// asked from the API once and kept for the page's life: code lists carry all three languages, so a
// change of language needs no new request for them.

import { apiUrl, call } from "../api.js";

const kept = new Map();

/** Calls the API once per URL; later calls get the same answer (or the same refusal). */
function once(url, options) {
  if (!kept.has(url)) {
    const answer = call(url, options);
    // A failed call is forgotten, so that the next view tries again.
    answer.catch(() => kept.delete(url));
    kept.set(url, answer);
  }
  return kept.get(url);
}

export async function structures() {
  const page = await once("/api/v1/structures");
  return page.items;
}

/**
 * A derived structure (COOP_INDICATORS) is computed from others: the observation query refuses
 * it and its figures come from the indicator API instead.
 */
export function isDerived(structure) {
  return structure.derived;
}

export async function indicators(lang) {
  const page = await once(apiUrl("/api/v1/indicators", { lang, limit: 1000 }));
  return page.items;
}

export async function tables(lang) {
  const page = await once(apiUrl("/api/v1/tables", { lang, limit: 1000 }));
  return page.items;
}

export function table(id, lang) {
  return once(apiUrl(`/api/v1/tables/${encodeURIComponent(id)}`, { lang }));
}

/** An API URL as people write it: commas between codes, not %2C. */
export function readable(url) {
  return url.replace(/%2C/gi, ",");
}

/** A code list as `{id, names, order: [code], items: Map code → {names, parent}}`. */
export async function codeList(id) {
  const list = await once(apiUrl(`/api/v1/codelists/${encodeURIComponent(id)}`, { limit: 5000 }));
  const items = new Map(list.items.map((item) => [item.id, item]));
  return { id: list.id, names: list.names, order: list.items.map((item) => item.id), items };
}

/** Every code list of a structure's dimensions and coded attributes, by code list id. */
export async function codeListsOf(structure) {
  const ids = [...structure.dimensions, ...structure.attributes]
    .map((component) => component.codeList)
    .filter(Boolean);
  const lists = await Promise.all([...new Set(ids)].map(codeList));
  return new Map(lists.map((list) => [list.id, list]));
}

const SDMX_STRUCTURE = "application/vnd.sdmx.structure+xml;version=2.1";
const COMMON = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";

/**
 * The codes that have released data in a dataflow, by dimension, and its time range, from SDMX's
 * actual content constraint (offered as SDMX-ML only). Null when the service does not compute it
 * (derived dataflows): then every code is offered.
 */
export async function availability(flow) {
  let xml;
  try {
    xml = await once(`/sdmx/v2.1/availableconstraint/${encodeURIComponent(flow)}/all/all/all`, {
      accept: SDMX_STRUCTURE,
    });
  } catch (error) {
    return null;
  }
  const document = new DOMParser().parseFromString(xml, "application/xml");
  const codes = {};
  for (const keyValue of document.getElementsByTagNameNS(COMMON, "KeyValue")) {
    const values = [...keyValue.getElementsByTagNameNS(COMMON, "Value")].map((value) => value.textContent);
    codes[keyValue.getAttribute("id")] = new Set(values);
  }
  const start = document.getElementsByTagNameNS(COMMON, "StartPeriod")[0];
  const end = document.getElementsByTagNameNS(COMMON, "EndPeriod")[0];
  return {
    codes,
    firstYear: start ? start.textContent.slice(0, 4) : "",
    lastYear: end ? end.textContent.slice(0, 4) : "",
  };
}
