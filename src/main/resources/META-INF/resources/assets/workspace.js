// The statistician's workspace: sign in, then a provider's datasets and one dataset's lifecycle.
// Everything goes through the public API with the user's own credentials (HTTP Basic).
import { ApiProblem, call, el, session, showProblem } from "./api.js";
import { datasetList } from "./workspace/datasets.js";
import { datasetPage } from "./workspace/dataset.js";
import { go, onNavigate } from "./workspace/nav.js";

const root = document.getElementById("workspace");

/** The view the page's URL names: a dataset (?dataset=12) or the list. */
function route() {
  const dataset = new URLSearchParams(window.location.search).get("dataset");
  return dataset && /^\d+$/.test(dataset) ? { dataset: Number(dataset) } : {};
}

async function render() {
  if (!session.get()) {
    signInForm();
    return;
  }
  let me;
  try {
    me = await call("/api/v1/me");
  } catch (error) {
    session.clear();
    signInForm(error);
    return;
  }
  const view = el("div", { id: "view" });
  root.replaceChildren(signedIn(me), view);
  const where = route();
  if (where.dataset) {
    await datasetPage(view, me, where.dataset);
  } else {
    await datasetList(view, me);
  }
  const heading = view.querySelector("h2");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
  }
}

function signedIn(me) {
  const roles = me.roles.length ? me.roles.join(", ") : "no role";
  return el(
    "div",
    { class: "signed-in" },
    el(
      "p",
      {},
      "Signed in as ",
      el("strong", { id: "signed-in-user" }, me.username),
      ` (${roles})`,
      me.providerId ? ` for provider ${me.providerId}` : "",
      ". ",
    ),
    el(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () => {
          session.clear();
          go({});
        },
      },
      "Sign out",
    ),
  );
}

function signInForm(error) {
  const message = el("div", { id: "sign-in-message", "aria-live": "assertive" });
  const username = el("input", { type: "text", id: "username", name: "username", autocomplete: "username", required: true });
  const password = el("input", {
    type: "password",
    id: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = el(
    "form",
    { class: "sign-in", id: "sign-in" },
    el("h2", {}, "Sign in"),
    el("p", { class: "muted" }, "With the user name and password your administrator gave you (the same as for the API)."),
    el("div", { class: "field" }, el("label", { for: "username" }, "User name"), username),
    el("div", { class: "field" }, el("label", { for: "password" }, "Password"), password),
    el("button", { type: "submit" }, "Sign in"),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    session.set(username.value.trim(), password.value);
    try {
      await call("/api/v1/me");
      render();
    } catch (failure) {
      session.clear();
      showProblem(message, explainSignIn(failure));
    }
  });
  root.replaceChildren(form);
  if (error) {
    showProblem(message, explainSignIn(error));
  }
  username.focus();
}

function explainSignIn(error) {
  if (error instanceof ApiProblem && error.status === 401) {
    return new ApiProblem(401, { title: "Not signed in", detail: "The user name or the password is wrong." });
  }
  return error;
}

onNavigate(render);
render();
