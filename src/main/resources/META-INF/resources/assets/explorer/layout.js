// The pivot's controls: for each dimension that varies, rows or columns; and the kind of chart.
// A change here re-draws what was fetched, without a new request.

import { el } from "../api.js";
import { t } from "./i18n.js";

export function layoutControls(layout, chart, change) {
  // Only what varies is placed by the user (a single-valued heading is the page's choice).
  const placed = (dimensions) => dimensions.filter((one) => layout.varying.includes(one)).map((one) => one.id);
  const colIds = placed(layout.cols);
  const place = (dimension) => {
    const id = `place-${dimension.id}`;
    const select = el(
      "select",
      {
        id,
        onchange: (event) => {
          const others = colIds.filter((one) => one !== dimension.id);
          change({ cols: event.target.value === "cols" ? [...others, dimension.id] : others });
        },
      },
      el("option", { value: "rows", selected: !colIds.includes(dimension.id) }, t("rows")),
      el("option", { value: "cols", selected: colIds.includes(dimension.id) }, t("columns")),
    );
    return el("div", { class: "control" }, el("label", { for: id }, dimension.name()), select);
  };
  const swap = el(
    "button",
    { type: "button", class: "secondary", id: "swap", onclick: () => change({ cols: placed(layout.rows) }) },
    t("swap"),
  );
  return el(
    "div",
    { class: "view-options" },
    layout.varying.length
      ? el(
          "fieldset",
          { class: "layout" },
          el("legend", {}, t("layout")),
          layout.varying.map(place),
          layout.varying.length > 1 ? swap : null,
        )
      : null,
    chartControl(chart, change),
  );
}

function chartControl(chart, change) {
  const options = { auto: "chartAuto", line: "chartLine", bar: "chartBar", none: "chartNone" };
  const select = el(
    "select",
    { id: "chart-type", onchange: (event) => change({ chart: event.target.value }) },
    Object.entries(options).map(([value, word]) => el("option", { value, selected: chart === value }, t(word))),
  );
  return el("div", { class: "control chart-control" }, el("label", { for: "chart-type" }, t("chartType")), select);
}
