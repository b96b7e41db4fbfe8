// The result as a chart (Chart.js, served by the app from its webjar): a line over time when
// periods vary, else bars across the first dimension that varies. Its text alternative says what
// is drawn; the table beside it holds every figure.

import { el } from "../api.js";
import { combinations, isConfidential } from "./pivot.js";
import { formatNumber, language, t } from "./i18n.js";

const TIME = "TIME_PERIOD";
const MAX_SERIES = 12;

// Colours with at least 3:1 contrast on white (WCAG 1.4.11), and a dash and point style each, so
// that series differ by more than colour alone.
const COLOURS = ["#0b5cad", "#a4161a", "#1d6b2f", "#7a4b00", "#6a1b9a", "#00695c", "#c2185b", "#37474f"];
const POINTS = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];

let drawn = null;

/** Which chart a view gets: the one asked for, or line over time / bars across categories. */
export function chartTypeOf(layout, wanted) {
  if (wanted === "none" || !layout.varying.length) {
    return "none";
  }
  if (wanted === "line" || wanted === "bar") {
    return wanted;
  }
  return layout.varying.some((dimension) => dimension.id === TIME) ? "line" : "bar";
}

/** The chart's figure and a function drawing it once in the page; null when nothing to draw. */
export function renderChart(view, layout, type, what) {
  if (drawn) {
    drawn.destroy();
    drawn = null;
  }
  if (type === "none" || typeof Chart === "undefined") {
    return null;
  }
  const axis = axisOf(layout, type);
  const seriesDimensions = layout.varying.filter((dimension) => dimension !== axis);
  const categories = combinations(view.observations, [axis]).map(([code]) => code);
  const allSeries = combinations(view.observations, seriesDimensions);
  const series = allSeries.slice(0, MAX_SERIES);
  const datasets = series.map((codes, i) => datasetOf(view, axis, seriesDimensions, codes, categories, type, i));
  if (datasets.every((dataset) => dataset.data.every((value) => value === null))) {
    return null; // no figure to draw (all confidential, not applicable or missing)
  }
  const description = describe(type, what, datasets, allSeries.length);
  const canvas = el("canvas", { role: "img", "aria-label": description }, description);
  const figure = el("figure", { class: "chart" }, el("div", { class: "chart-box" }, canvas));
  // Chart.js measures its container: the caller puts the figure in the page, then draws.
  const draw = () => {
    drawn = new Chart(canvas, configOf(type, categories.map((code) => axis.label(code)), datasets, view.decimals));
  };
  return { figure, draw };
}

function axisOf(layout, type) {
  if (type === "line") {
    return layout.varying.find((dimension) => dimension.id === TIME) || layout.varying[0];
  }
  const across = (dimension) => layout.varying.includes(dimension) && dimension.id !== TIME;
  return layout.rows.find(across) || layout.varying.find(across) || layout.varying[0];
}

function datasetOf(view, axis, seriesDimensions, codes, categories, type, i) {
  const byCategory = new Map();
  for (const observation of view.observations) {
    if (seriesDimensions.every((dimension, d) => observation.key[dimension.id] === codes[d])) {
      byCategory.set(observation.key[axis.id], observation);
    }
  }
  const colour = COLOURS[i % COLOURS.length];
  return {
    label: seriesDimensions.map((dimension, d) => dimension.label(codes[d])).join(" · ") || " ",
    // Confidential figures are not drawn either.
    data: categories.map((code) => {
      const observation = byCategory.get(code);
      return observation && !isConfidential(observation) && typeof observation.value === "number" ? observation.value : null;
    }),
    borderColor: colour,
    backgroundColor: colour,
    borderDash: type === "line" ? DASHES[i % DASHES.length] : [],
    pointStyle: POINTS[i % POINTS.length],
    pointRadius: 4,
    spanGaps: false,
  };
}

function configOf(type, labels, datasets, decimals) {
  const format = (value) => formatNumber(value, decimals);
  return {
    type,
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: language(),
      plugins: {
        legend: { display: datasets.length > 1, labels: { usePointStyle: true, color: "#1b1f24" } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(item.parsed.y)}` } },
      },
      scales: {
        x: { ticks: { color: "#1b1f24" } },
        y: { beginAtZero: type === "bar", ticks: { color: "#1b1f24", callback: format } },
      },
    },
  };
}

/** The chart's text alternative: its kind, what it shows, its series and the range of values. */
function describe(type, what, datasets, seriesCount) {
  const values = datasets.flatMap((dataset) => dataset.data).filter((value) => value !== null);
  const parts = [t("chartOf", { type: t(type === "line" ? "chartLineName" : "chartBarName"), what })];
  if (datasets.length > 1) {
    parts.push(t("chartSeries", { n: seriesCount, names: datasets.map((dataset) => dataset.label).join("; ") }));
  }
  if (values.length) {
    parts.push(t("chartRange", { min: formatNumber(Math.min(...values)), max: formatNumber(Math.max(...values)) }));
  }
  if (seriesCount > datasets.length) {
    parts.push(t("chartCut", { n: datasets.length }));
  }
  parts.push(t("chartTable"));
  return parts.join(" ");
}
