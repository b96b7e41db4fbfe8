// Sending a file into a dataset's draft: dropped or chosen, sent as an upload job so that a large
// file shows its progress (bytes sent, then rows read, checked and stored), cancellable.
import { ApiProblem, call, el, session } from "../api.js";
import { number } from "./format.js";

const TYPES = {
  csv: "text/csv",
  txt: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json",
};

/** The media type the API reads a file as, from its name (SDMX-CSV is CSV). */
export function mediaType(file) {
  const extension = file.name.split(".").pop().toLowerCase();
  return TYPES[extension];
}

/**
 * The upload panel. {@code done(outcome)} is called with {result} or {problem} once the job ends.
 */
export function uploadPanel(datasetId, done) {
  const input = el("input", { type: "file", id: "upload-file", accept: ".csv,.txt,.xlsx,.json" });
  const mode = el(
    "select",
    { id: "upload-mode" },
    el("option", { value: "merge" }, "merge: add to the draft, replace the keys it repeats"),
    el("option", { value: "replace" }, "replace: the file is the whole next version"),
  );
  const dryRun = el("input", { type: "checkbox", id: "upload-dry-run" });
  const progress = el("div", { id: "upload-progress", "aria-live": "polite" });
  const zone = el(
    "div",
    { class: "drop-zone", id: "drop-zone" },
    el("p", {}, el("strong", {}, "Drop a file here"), " (CSV, SDMX-CSV, Excel .xlsx or JSON), or choose one:"),
    el("label", { for: "upload-file" }, "File to upload"),
    input,
  );
  const start = (file) => send(datasetId, file, mode.value, dryRun.checked, progress).then(done);
  input.addEventListener("change", () => input.files.length && start(input.files[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer.files.length) {
      start(event.dataTransfer.files[0]);
    }
  });
  return el(
    "section",
    { class: "panel", "aria-labelledby": "upload-title" },
    el("h3", { id: "upload-title" }, "Upload"),
    zone,
    el("div", { class: "field" }, el("label", { for: "upload-mode" }, "Mode"), mode),
    el("div", { class: "field checkbox" }, dryRun, el("label", { for: "upload-dry-run" }, "Dry run: check only, store nothing")),
    progress,
  );
}

async function send(datasetId, file, mode, dryRun, progress) {
  const type = mediaType(file);
  if (!type) {
    return { problem: new ApiProblem(415, { title: "Unknown kind of file", detail: `${file.name}: use .csv, .xlsx or .json.` }) };
  }
  const bar = el("progress", { id: "upload-bar", max: file.size || 1, value: 0 });
  const status = el("p", { id: "upload-status" }, `Sending ${file.name} (${number(file.size)} bytes)…`);
  progress.replaceChildren(el("label", { for: "upload-bar" }, "Progress"), bar, status);
  try {
    const query = new URLSearchParams({ mode, ...(dryRun ? { dryRun: "true" } : {}) });
    const answer = await post(`/api/v1/datasets/${datasetId}/observations?${query}`, file, type, (sent) => {
      bar.value = sent;
    });
    if (answer.status === 202) {
      return await follow(answer.location, bar, status, progress);
    }
    status.textContent = `${file.name}: checked.`;
    return { result: answer.body };
  } catch (error) {
    status.textContent = `${file.name}: not stored.`;
    return { problem: error };
  }
}

/** POSTs the file with XMLHttpRequest, the one browser API that reports upload progress. */
function post(url, file, type, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", type);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("Prefer", "respond-async");
    request.setRequestHeader("Authorization", `Basic ${session.get()}`);
    request.upload.addEventListener("progress", (event) => onProgress(event.loaded));
    request.addEventListener("load", () => {
      const body = request.responseText ? JSON.parse(request.responseText) : null;
      if (request.status >= 400) {
        reject(new ApiProblem(request.status, body));
      } else {
        resolve({ status: request.status, body, location: request.getResponseHeader("Location") });
      }
    });
    request.addEventListener("error", () => reject(new ApiProblem(0, { title: "The service could not be reached" })));
    request.send(file);
  });
}

/** Follows the job until it ends, showing its phase and rows; it can be cancelled meanwhile. */
async function follow(location, bar, status, progress) {
  const cancel = el("button", { type: "button", class: "secondary", id: "upload-cancel" }, "Cancel the upload");
  cancel.addEventListener("click", () => call(location, { method: "DELETE" }).catch(() => {}));
  progress.append(cancel);
  bar.removeAttribute("value"); // indeterminate until rows are counted
  for (;;) {
    const job = await call(location);
    status.textContent =
      `${job.status}${job.phase ? ` (${job.phase})` : ""}: ` +
      `${number(job.rowsRead)} rows read, ${number(job.rowsChecked)} checked, ${number(job.rowsStored)} stored.`;
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(job.status)) {
      cancel.remove();
      if (job.status === "SUCCEEDED") {
        return { result: job.result };
      }
      const problem = job.result || { title: `The upload ended ${job.status}` };
      return { problem: new ApiProblem(problem.status || 422, problem) };
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}
