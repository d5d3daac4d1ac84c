// The phone workspace's service worker: it keeps the shell and its assets so that the app
// opens with no network. Data never passes through it: tasks, photos and the sync queue live
// in IndexedDB, and API calls go straight to the network.
"use strict";
const CACHE = "shejian-phone-{{.Version}}";
const SHELL = "/m/";
const URLS = {{.URLs}};
// A shell request waits this long for the network before the cached shell is shown: on a
// weak network the inspector should not stare at a blank page.
const SHELL_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

// install caches the assets and the shell. A shell that answers with a redirect (the
// session ended: the login page) is not the app: the previous version's copy is kept.
async function install() {
  const cache = await caches.open(CACHE);
  await cache.addAll(URLS.filter((u) => u !== SHELL));
  const res = await fetch(SHELL, { redirect: "manual", credentials: "same-origin" });
  if (res.ok) {
    await cache.put(SHELL, res);
    return;
  }
  const old = await caches.match(SHELL);
  if (!old) throw new Error("the phone workspace needs a login before it can work offline");
  await cache.put(SHELL, old);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shejian-phone-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (req.mode === "navigate" && url.pathname === SHELL) {
    event.respondWith(shellFirstFromNetwork(req));
    return;
  }
  if (URLS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(req)));
  }
});

// shellFirstFromNetwork answers a navigation to the shell from the network when it answers
// in time with the shell itself (not a login page it was redirected to), keeping that copy;
// otherwise from the cache.
async function shellFirstFromNetwork(req) {
  const cache = await caches.open(CACHE);
  const network = fetch(req).then(async (res) => {
    if (res.ok && !res.redirected) await cache.put(SHELL, res.clone());
    return res;
  });
  network.catch(() => {}); // a failure is handled below, by the cached shell
  const timeout = new Promise((resolve) => setTimeout(resolve, SHELL_TIMEOUT_MS));
  try {
    const res = await Promise.race([network, timeout]);
    if (res) return res;
  } catch (e) {
    // offline: fall through to the cached shell
  }
  const hit = await cache.match(SHELL);
  return hit || network;
}
