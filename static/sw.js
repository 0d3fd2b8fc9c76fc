// dealscope service worker: makes the app work offline once it has loaded.
// The shell (index.html) is fetched network-first so a new release is picked up; every other
// same-origin file (Trunk's hashed .js, .wasm, .css, the icons) is cache-first. Install
// pre-caches the shell and the assets index.html names. Nothing ever goes to another origin.
// Only a navigation to the app's own address (the scope, or index.html in it) is ever stored
// as the shell, and only when it is HTML: opening /icon.svg must never replace the app.
const CACHE = "dealscope-v2";
const SHELL = new URL("./", self.registration.scope).pathname;

function isShell(url) {
  return url.pathname === SHELL || url.pathname === SHELL + "index.html";
}

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch("./", { cache: "no-cache" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put("./", response);
  const assets = new Set(["./manifest.webmanifest", "./icon.svg", "./icon-192.png", "./icon-512.png"]);
  for (const match of html.matchAll(/(?:href|src)="\/?([^"#?]+\.(?:js|wasm|css))"/g)) {
    assets.add("./" + match[1]);
  }
  await Promise.all([...assets].map(async (url) => {
    try {
      const r = await fetch(url, { cache: "no-cache" });
      if (r.ok) await cache.put(url, r);
    } catch (_) { /* an optional asset: fetched again on use */ }
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (!isShell(url)) {
      // Any other page in scope: the network, else what was cached under its own address.
      event.respondWith(fetch(request).catch(async () => (await caches.match(request)) || Response.error()));
      return;
    }
    event.respondWith((async () => {
      try {
        const fresh = await fetch(request);
        const html = (fresh.headers.get("content-type") || "").startsWith("text/html");
        if (fresh.ok && html) (await caches.open(CACHE)).put("./", fresh.clone());
        return fresh;
      } catch (_) {
        return (await caches.match("./")) || Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request);
    if (cached) return cached;
    const fresh = await fetch(request);
    if (fresh.ok) (await caches.open(CACHE)).put(request, fresh.clone());
    return fresh;
  })());
});
