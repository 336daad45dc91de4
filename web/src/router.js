// Client-side routes that are also server routes, so every view has a URL to share:
// /?q=text (a search), /entity/<id> (an entity), /paths?from=a&to=b (paths between two).

const listeners = [];

export function onRoute(listener) {
  listeners.push(listener);
}

export function navigate(url, replace = false) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  route();
}

export function route() {
  for (const listener of listeners) listener(new URL(window.location.href));
}

window.addEventListener("popstate", route);
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href]");
  if (!link || link.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const url = new URL(link.href);
  const internal = url.origin === window.location.origin &&
    (url.pathname === "/" || url.pathname === "/paths" || url.pathname.startsWith("/entity/"));
  if (!internal) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
