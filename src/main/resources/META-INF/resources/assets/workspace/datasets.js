// A provider's datasets: their states, paged, and a form to create one.
import { all, apiUrl, call, el, showProblem } from "../api.js";
import { go } from "./nav.js";
import { dateTime, statusBadge } from "./format.js";

const PAGE = 20;

export async function datasetList(view, me) {
  const state = { offset: 0, status: "", provider: me.providerId || "" };
  const providers = me.providerId ? [me.providerId] : (await all("/api/v1/providers")).map((p) => p.id);
  if (!state.provider && providers.length) {
    state.provider = providers[0];
  }
  const listing = el("div", { id: "datasets", "aria-live": "polite" });
  view.replaceChildren(
    el("h2", {}, "Datasets"),
    filters(state, providers, me, () => show(listing, state)),
    listing,
    me.roles.includes("submitter") || me.roles.includes("admin") ? await createForm(state) : null,
  );
  await show(listing, state);
}

function filters(state, providers, me, refresh) {
  const provider = el(
    "select",
    { id: "provider", disabled: Boolean(me.providerId) },
    providers.map((id) => el("option", { value: id, selected: id === state.provider }, id)),
  );
  provider.addEventListener("change", () => {
    state.provider = provider.value;
    state.offset = 0;
    refresh();
  });
  const status = el(
    "select",
    { id: "status-filter" },
    [
      ["", "Any state"],
      ["DRAFT", "Draft (scheduled included)"],
      ["PUBLISHED", "Published"],
      ["WITHDRAWN", "Withdrawn"],
    ].map(([value, label]) => el("option", { value }, label)),
  );
  status.addEventListener("change", () => {
    state.status = status.value;
    state.offset = 0;
    refresh();
  });
  return el(
    "div",
    { class: "filters" },
    el("div", { class: "field" }, el("label", { for: "provider" }, "Provider"), provider),
    el("div", { class: "field" }, el("label", { for: "status-filter" }, "State"), status),
  );
}

async function show(listing, state) {
  try {
    const page = await call(
      apiUrl("/api/v1/datasets", { provider: state.provider, status: state.status, offset: state.offset, limit: PAGE }),
    );
    listing.replaceChildren(table(page), pager(page, state, () => show(listing, state)));
  } catch (error) {
    showProblem(listing, error);
  }
}

function table(page) {
  if (!page.items.length) {
    return el("p", {}, "No datasets yet.");
  }
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "data", id: "dataset-table" },
      el("caption", {}, `Datasets (${page.total})`),
      el(
        "thead",
        {},
        el("tr", {}, ["Id", "Title", "Structure", "State", "Version", "Released", "Next release"].map((h) => el("th", { scope: "col" }, h))),
      ),
      el(
        "tbody",
        {},
        page.items.map((d) =>
          el(
            "tr",
            { "data-dataset": d.id },
            el("td", { class: "number" }, d.id),
            el("th", { scope: "row" }, el("a", { href: `/workspace/?dataset=${d.id}`, onclick: open(d.id) }, d.title)),
            el("td", {}, d.structure),
            el("td", {}, statusBadge(d.status)),
            el("td", { class: "number" }, d.version),
            el("td", {}, dateTime(d.releasedAt)),
            el("td", {}, d.pendingRelease ? `v${d.pendingRelease.version} at ${dateTime(d.pendingRelease.releaseAt)}` : ""),
          ),
        ),
      ),
    ),
  );
}

function open(id) {
  return (event) => {
    event.preventDefault();
    go({ dataset: id });
  };
}

function pager(page, state, refresh) {
  const last = page.offset + page.items.length;
  const previous = el("button", { type: "button", class: "secondary", disabled: page.offset === 0 }, "Previous");
  const next = el("button", { type: "button", class: "secondary", disabled: last >= page.total }, "Next");
  previous.addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE);
    refresh();
  });
  next.addEventListener("click", () => {
    state.offset += PAGE;
    refresh();
  });
  return el(
    "nav",
    { class: "pager", "aria-label": "Dataset pages" },
    previous,
    el("span", {}, page.total ? ` ${page.offset + 1}–${last} of ${page.total} ` : " "),
    next,
  );
}

/** A new draft dataset: its structure and how its figures were made (code lists of the service). */
async function createForm(state) {
  const [structures, sourceKinds, periodBases] = await Promise.all([
    call("/api/v1/structures"),
    codes("CL_SOURCE_KIND"),
    codes("CL_PERIOD_BASIS"),
  ]);
  const uploadable = structures.items.filter((s) => !s.derived);
  const message = el("div", { id: "create-message", "aria-live": "polite" });
  const field = (id, label, control) => el("div", { class: "field" }, el("label", { for: id }, label), control);
  const title = el("input", { type: "text", id: "new-title", required: true, maxlength: 300 });
  const structure = el(
    "select",
    { id: "new-structure" },
    uploadable.map((s) => el("option", { value: s.id }, `${s.id}: ${s.name || s.names?.en || ""}`)),
  );
  const sourceKind = el("select", { id: "new-source-kind" }, sourceKinds.map(option));
  const periodBasis = el("select", { id: "new-period-basis" }, periodBases.map(option));
  const source = el("input", { type: "text", id: "new-source", maxlength: 500 });
  const form = el(
    "form",
    { id: "create-dataset", class: "panel" },
    el("h3", {}, "New dataset"),
    field("new-title", "Title", title),
    field("new-structure", "Structure", structure),
    field("new-source-kind", "Kind of source", sourceKind),
    field("new-period-basis", "Reference period basis", periodBasis),
    field("new-source", "Source (who produced the figures; optional)", source),
    el("button", { type: "submit" }, "Create the draft"),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const created = await call("/api/v1/datasets", {
        method: "POST",
        type: "application/json",
        body: JSON.stringify({
          providerId: state.provider,
          structure: structure.value,
          title: title.value,
          sourceKind: sourceKind.value,
          periodBasis: periodBasis.value,
          source: source.value || undefined,
        }),
      });
      go({ dataset: created.id });
    } catch (error) {
      showProblem(message, error);
    }
  });
  return form;
}

async function codes(codeList) {
  const list = await call(apiUrl(`/api/v1/codelists/${codeList}`, { limit: 1000 }));
  return list.items;
}

function option(code) {
  return el("option", { value: code.id }, `${code.id}: ${code.names?.en || code.name || ""}`);
}
