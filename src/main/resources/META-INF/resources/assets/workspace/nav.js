// Moving between the workspace's views: each one is a URL (shareable, and back/forward work).

let renderView = () => {};

/** The function that draws the view the URL names. */
export function onNavigate(render) {
  renderView = render;
  window.addEventListener("popstate", () => renderView());
}

/** Goes to another view of the workspace, keeping it in the URL. */
export function go(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(name, value);
    }
  }
  const query = search.toString();
  window.history.pushState(null, "", `/workspace/${query ? `?${query}` : ""}`);
  renderView();
}
