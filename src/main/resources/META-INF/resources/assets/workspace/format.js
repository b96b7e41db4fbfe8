// How the workspace shows times, states and numbers.
import { el } from "../api.js";

const STATES = {
  DRAFT: "Draft",
  SCHEDULED: "Scheduled",
  PUBLISHED: "Published",
  WITHDRAWN: "Withdrawn",
};

/** A moment in the reader's own time zone, with the zone named (releases are to the second). */
export function dateTime(text) {
  if (!text) {
    return "";
  }
  return new Date(text).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  });
}

export function statusBadge(status) {
  return el("span", { class: `badge badge-${(status || "").toLowerCase()}` }, STATES[status] || status);
}

export function number(value) {
  return value === null || value === undefined ? "" : Number(value).toLocaleString("en");
}
