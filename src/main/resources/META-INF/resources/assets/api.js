// The pages' only way to the service: its public HTTP API, as any client would call it.

/** An answer the service refused, with its problem+json document (RFC 9457) when there is one. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

const CREDENTIALS = "coopstats.credentials";

/** The signed-in user's HTTP Basic credentials, kept for this browser tab only. */
export const session = {
  get() {
    return sessionStorage.getItem(CREDENTIALS);
  },
  set(username, password) {
    sessionStorage.setItem(CREDENTIALS, btoa(unescape(encodeURIComponent(`${username}:${password}`))));
  },
  clear() {
    sessionStorage.removeItem(CREDENTIALS);
  },
};

/** A URL of the API: the path with the parameters whose value is not empty, in the given order. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && `${one}` !== "") {
        url.searchParams.append(name, one);
      }
    }
  }
  return url.pathname + url.search;
}

/**
 * Calls the API and returns the parsed body (JSON, or text for other media types); a refusal is
 * thrown as an ApiProblem. Credentials go along when someone is signed in.
 */
export async function call(path, { method = "GET", accept = "application/json", body, type, signal } = {}) {
  const headers = { Accept: accept };
  const credentials = session.get();
  if (credentials) {
    headers.Authorization = `Basic ${credentials}`;
  }
  if (type) {
    headers["Content-Type"] = type;
  }
  const response = await fetch(path, { method, headers, body, signal, credentials: "omit" });
  const mediaType = response.headers.get("Content-Type") || "";
  const parsed =
    response.status === 204 ? null : mediaType.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiProblem(response.status, typeof parsed === "object" ? parsed : { detail: parsed });
  }
  return parsed;
}

/** Every item of a paged list (`items`, `total`), fetched page by page. */
export async function all(path, params = {}, pageSize = 500) {
  const items = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await call(apiUrl(path, { ...params, offset, limit: pageSize }));
    items.push(...page.items);
    if (page.items.length < pageSize || items.length >= page.total) {
      return items;
    }
  }
}

/** Makes an element with attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(`${child}`));
    }
  }
  return element;
}

/** Shows a problem in a container, as the service worded it, with what to fix. */
export function showProblem(container, error) {
  const problem = error instanceof ApiProblem ? error.problem : { detail: `${error}` };
  container.replaceChildren(
    el(
      "div",
      { class: "problem", role: "alert" },
      el("strong", {}, problem.title || "Something went wrong"),
      problem.detail ? el("p", {}, problem.detail) : null,
    ),
  );
}
