// The result as a statistician's table: the dimensions that vary go to rows or columns (the
// user's choice), the ones with a single value go to the caption; flags as footnote marks with a
// legend, confidential cells without their value, the unit once where it is the same.

import { el } from "../api.js";
import { formatNumber, t } from "./i18n.js";

const TIME = "TIME_PERIOD";

/**
 * Where each dimension goes: `{fixed, varying, rows, cols}` (arrays of dimensions). The ones that
 * vary go to the columns asked for (periods by default) or to the rows; a single-valued one
 * heads the rows or the columns when nothing varies there, so that every figure has both.
 */
export function layoutOf(view, wantedCols) {
  const varying = [];
  const fixed = [];
  for (const dimension of view.dimensions) {
    const codes = new Set(view.observations.map((observation) => observation.key[dimension.id]));
    (codes.size > 1 ? varying : fixed).push(dimension);
  }
  const wanted = wantedCols || (view.layout && view.layout.cols) || [TIME];
  let colIds = wanted.filter((id) => varying.some((dimension) => dimension.id === id));
  if (!colIds.length && varying.length > 1) {
    colIds = [varying[varying.length - 1].id];
  }
  const rows = varying.filter((dimension) => !colIds.includes(dimension.id));
  const cols = varying.filter((dimension) => colIds.includes(dimension.id));
  if (!rows.length) {
    rows.push(...takeFixed(fixed, ["REF_AREA", "INDICATOR", "MEASURE"]));
  }
  if (!cols.length) {
    cols.push(...takeFixed(fixed, [...wanted, "MEASURE", "INDICATOR", TIME, "REF_AREA"]));
  }
  return { fixed, varying, rows, cols };
}

/** Takes out of `fixed` the first dimension named in `preferred` (else the first), as a list. */
function takeFixed(fixed, preferred) {
  const id = preferred.find((one) => fixed.some((dimension) => dimension.id === one));
  const index = id ? fixed.findIndex((dimension) => dimension.id === id) : fixed.length ? 0 : -1;
  return index < 0 ? [] : fixed.splice(index, 1);
}

/** The distinct combinations of the given dimensions' codes, in code-list (or time) order. */
export function combinations(observations, dimensions) {
  const seen = new Map();
  for (const observation of observations) {
    const codes = dimensions.map((dimension) => observation.key[dimension.id]);
    seen.set(codes.join("\u0000"), codes);
  }
  const rank = dimensions.map((dimension) => new Map(dimension.order.map((code, index) => [code, index])));
  return [...seen.values()].sort((a, b) => {
    for (let i = 0; i < a.length; i++) {
      const order = compareCodes(rank[i], a[i], b[i]);
      if (order) {
        return order;
      }
    }
    return 0;
  });
}

function compareCodes(rank, a, b) {
  const ra = rank.has(a) ? rank.get(a) : Infinity;
  const rb = rank.has(b) ? rank.get(b) : Infinity;
  return ra !== rb ? ra - rb : `${a}`.localeCompare(`${b}`);
}

/** The observations by the codes of the varying dimensions, rows' then columns'. */
function cellIndex(observations, rows, cols) {
  const index = new Map();
  for (const observation of observations) {
    const codes = [...rows, ...cols].map((dimension) => observation.key[dimension.id]);
    index.set(codes.join("\u0000"), observation);
  }
  return index;
}

/** The table element, with its legend of flags and notes. */
export function renderTable(view, layout, labels) {
  const rowKeys = combinations(view.observations, layout.rows);
  const colKeys = combinations(view.observations, layout.cols);
  const index = cellIndex(view.observations, layout.rows, layout.cols);
  const units = unitPlacement(view.observations, rowKeys, colKeys, index, labels);
  const marks = new Marks(labels);
  const table = el(
    "table",
    { class: "data explorer-table" },
    el("caption", {}, captionOf(view, layout, units)),
    headOf(layout, colKeys, units),
    bodyOf(layout, rowKeys, colKeys, index, units, marks, view.decimals),
  );
  return { table, legend: marks.legend() };
}

function captionOf(view, layout, units) {
  // "Not applicable" (_Z) says nothing about the figures: left out of the caption.
  const said = layout.fixed.filter((dimension) => view.observations[0].key[dimension.id] !== "_Z");
  const fixed = said.map((dimension) =>
    el("span", { class: "fixed" }, `${dimension.name()}: `, el("strong", {}, dimension.label(view.observations[0].key[dimension.id]))),
  );
  return [
    view.title ? el("span", { class: "table-title" }, view.title) : null,
    el("span", { class: "fixed-dimensions" }, fixed),
    units.global ? el("span", { class: "unit" }, t("unitOf", { unit: units.global })) : null,
  ];
}

function headOf(layout, colKeys, units) {
  const corner = Math.max(1, layout.rows.length) + (units.byRow ? 1 : 0);
  const rows = layout.cols.map((dimension, level) => {
    const cells = [el("th", { scope: "row", colspan: corner, class: "dimension-name" }, dimension.name())];
    for (const span of spansAt(colKeys, level)) {
      const scope = span.count > 1 ? "colgroup" : "col";
      cells.push(el("th", { scope, colspan: span.count > 1 ? span.count : null }, dimension.label(span.code)));
    }
    return el("tr", {}, cells);
  });
  const names = layout.rows.map((dimension) => el("th", { scope: "col", class: "dimension-name" }, dimension.name()));
  if (!names.length) {
    names.push(el("td", {}));
  }
  if (units.byRow) {
    names.push(el("th", { scope: "col", class: "dimension-name" }, t("unit")));
  }
  const unitCells = colKeys.map((key) => el("td", { class: "unit" }, units.byCol ? units.byCol.get(key.join("\u0000")) : ""));
  rows.push(el("tr", {}, names, unitCells));
  return el("thead", {}, rows);
}

/** Runs of equal codes at one level of the column headings (outer levels span inner ones). */
function spansAt(colKeys, level) {
  const spans = [];
  for (const key of colKeys) {
    const prefix = key.slice(0, level + 1).join("\u0000");
    const last = spans[spans.length - 1];
    if (last && last.prefix === prefix) {
      last.count++;
    } else {
      spans.push({ prefix, code: key[level], count: 1 });
    }
  }
  return spans;
}

function bodyOf(layout, rowKeys, colKeys, index, units, marks, decimals) {
  const keys = rowKeys.length ? rowKeys : [[]];
  return el(
    "tbody",
    {},
    keys.map((rowKey) => {
      const headings = layout.rows.map((dimension, i) => el("th", { scope: "row" }, dimension.label(rowKey[i])));
      if (units.byRow) {
        headings.push(el("td", { class: "unit" }, units.byRow.get(rowKey.join("\u0000"))));
      }
      const cells = colKeys.map((colKey) => {
        const observation = index.get([...rowKey, ...colKey].join("\u0000"));
        return cellOf(observation, marks, units.perCell, decimals);
      });
      return el("tr", {}, headings, cells);
    }),
  );
}

/** Whether a cell's value may be shown: only figures free for publication are. */
export function isConfidential(observation) {
  return Boolean(observation.conf) && observation.conf !== "F";
}

function cellOf(observation, marks, perCell, decimals) {
  if (!observation || observation.empty) {
    return el("td", { class: "number empty" });
  }
  const flags = marks.of(observation);
  let content;
  if (isConfidential(observation)) {
    content = el("abbr", { title: t("confidentialLong"), class: "confidential" }, t("confidential"));
  } else if (observation.origin === "notApplicable") {
    content = el("abbr", { title: t("notApplicable") }, NOT_APPLICABLE);
  } else if (observation.value === null || observation.value === undefined) {
    content = el("abbr", { title: t("noValueLong") }, t("noValue"));
  } else {
    content = el("span", { class: "value" }, formatNumber(observation.value, decimals));
  }
  const unit = perCell ? el("span", { class: "cell-unit" }, perCell(observation)) : null;
  const inputs = observation.inputs;
  const title = inputs
    ? `${t("numerator")} ${formatNumber(inputs.numerator)}, ${t("denominator")} ${formatNumber(inputs.denominator)}`
    : null;
  return el("td", { class: "number", title }, content, flags, unit);
}

/**
 * Where the unit (and its multiplier) is said: once in the caption when every figure has the
 * same, else once per row or per column when that suffices, else in each cell.
 */
function unitPlacement(observations, rowKeys, colKeys, index, labels) {
  const unitOf = (observation) => {
    const unit = labels("UNIT_MEASURE", observation.unit);
    return observation.mult && `${observation.mult}` !== "0" ? `${unit}, ${labels("UNIT_MULT", observation.mult)}` : unit;
  };
  const all = new Set(observations.filter((o) => o.unit).map(unitOf));
  if (all.size <= 1) {
    return { global: [...all][0] || "" };
  }
  const byRow = uniformUnits(rowKeys, colKeys, (row, col) => index.get([...row, ...col].join("\u0000")), unitOf);
  if (byRow) {
    return { byRow };
  }
  const byCol = uniformUnits(colKeys, rowKeys, (col, row) => index.get([...row, ...col].join("\u0000")), unitOf);
  return byCol ? { byCol } : { perCell: unitOf };
}

/** The one unit of each line (row or column), or null when some line mixes units. */
function uniformUnits(lines, across, lookup, unitOf) {
  const units = new Map();
  for (const line of lines) {
    const found = new Set();
    for (const other of across) {
      const observation = lookup(line, other);
      if (observation && observation.unit) {
        found.add(unitOf(observation));
      }
    }
    if (found.size > 1) {
      return null;
    }
    units.set(line.join("\u0000"), [...found][0] || "");
  }
  return units;
}

/** Footnote marks: the OBS_STATUS letter, how a table's cell was obtained, numbered notes. */
class Marks {
  constructor(labels) {
    this.labels = labels;
    this.statuses = new Map();
    this.origins = new Map();
    this.notes = new Map();
    this.confidential = new Set();
  }

  of(observation) {
    const marks = [];
    if (observation.status && observation.status !== "A") {
      this.statuses.set(observation.status, this.labels("OBS_STATUS", observation.status));
      marks.push(observation.status);
    }
    if (isConfidential(observation)) {
      this.confidential.add(observation.conf);
    }
    if (observation.origin === "notApplicable") {
      this.origins.set(observation.origin, t("notApplicable"));
    } else if (observation.origin) {
      this.origins.set(observation.origin, t(originWord(observation.origin)));
      marks.push(originMark(observation.origin));
    }
    if (observation.comment) {
      if (!this.notes.has(observation.comment)) {
        this.notes.set(observation.comment, this.notes.size + 1);
      }
      marks.push(`${this.notes.get(observation.comment)}`);
    }
    // Said as "notes: E 1" by a screen reader; seen as a superscript, explained in the legend.
    if (!marks.length) {
      return null;
    }
    return el("sup", { class: "flag" }, el("span", { class: "visually-hidden" }, ` ${t("flags")}: `), marks.join(" "));
  }

  legend() {
    const entries = [];
    for (const [code, name] of this.statuses) {
      entries.push([code, name]);
    }
    for (const code of this.confidential) {
      entries.push([t("confidential"), `${t("confidentialLong")} (CONF_STATUS ${code}: ${this.labels("CONF_STATUS", code)})`]);
    }
    for (const [origin, word] of this.origins) {
      entries.push([originMark(origin), word]);
    }
    for (const [note, number] of this.notes) {
      entries.push([`${number}`, note]);
    }
    if (!entries.length) {
      return null;
    }
    return el(
      "div",
      { class: "legend" },
      el("h3", {}, t("legend")),
      el("dl", {}, entries.flatMap(([term, meaning]) => [el("dt", {}, term), el("dd", {}, meaning)])),
    );
  }
}

function originWord(origin) {
  return { computed: "computed", incomplete: "incomplete", refused: "refused", notApplicable: "notApplicable" }[origin] || origin;
}

/** A cell that cannot have a figure shows a dash, as in printed tables. */
const NOT_APPLICABLE = "–";

function originMark(origin) {
  return { computed: "c", incomplete: "i", refused: "r", notApplicable: NOT_APPLICABLE }[origin] || origin;
}
