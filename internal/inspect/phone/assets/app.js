// The phone workspace (移动执法): the day's inspections, worked offline and synced later.
// Every action is written to IndexedDB with the API call that repeats it on the server, in
// one transaction, before the screen says it is done; the queue is sent in order when there
// is a network. See the Go package doc of internal/inspect/phone.
"use strict";
(() => {
  const cfg = JSON.parse(document.getElementById("phone-config").textContent);
  const t = (key, params) => {
    let s = cfg.messages[key] || key;
    for (const [k, v] of Object.entries(params || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  };
  const API = "/api/v1/inspections/";
  const RETRY_MS = 30000;
  const UPLOADS = 3; // photos sent at once

  // ---------- storage: IndexedDB ----------

  let dbPromise;
  function db() {
    dbPromise ??= new Promise((resolve, reject) => {
      const req = indexedDB.open("shejian-phone", 1);
      req.onupgradeneeded = () => {
        const d = req.result;
        d.createObjectStore("meta");
        d.createObjectStore("tasks", { keyPath: "uuid" });
        d.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
        d.createObjectStore("files");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return dbPromise;
  }

  const done = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

  async function read(store, key) {
    const d = await db();
    const s = d.transaction(store).objectStore(store);
    return done(key === undefined ? s.getAll() : s.get(key));
  }

  // write applies steps — ["put", store, value, key?] or ["delete", store, key] — in one
  // transaction and resolves once it is committed; the results are the keys put. What the
  // inspector did is written "strict" (on disk before the screen says so); what the server
  // has already acknowledged may be "relaxed": lost in a crash, it is only sent again, and
  // the server answers a repeat as it did the first time.
  async function write(steps, durability = "strict") {
    const d = await db();
    const stores = [...new Set(steps.map((s) => s[1]))];
    return new Promise((resolve, reject) => {
      const tx = d.transaction(stores, "readwrite", { durability });
      const keys = [];
      steps.forEach(([op, store, value, key], i) => {
        const s = tx.objectStore(store);
        const r = op === "put" ? (key === undefined ? s.put(value) : s.put(value, key)) : s.delete(value);
        r.onsuccess = () => { keys[i] = r.result; };
      });
      tx.oncomplete = () => resolve(keys);
      tx.onerror = tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    });
  }

  // ---------- state ----------

  const S = {
    ws: null,          // the workspace: user, csrf, templates, businesses, areas, limits
    tasks: new Map(),  // uuid → task {uuid, server, local, conflict, error}
    queue: [],         // queued calls in order
    inflight: 0,       // seq of the call being sent
    online: navigator.onLine,
    needLogin: false,
    syncing: false,
    lastSync: null,    // {calls, bytes, ms}
    notice: "",
  };

  async function load() {
    S.ws = (await read("meta", "workspace")) || null;
    S.lastSync = (await read("meta", "lastSync")) || null;
    for (const task of await read("tasks")) S.tasks.set(task.uuid, task);
    S.queue = await read("queue");
  }

  const pendingOf = (uuid) => S.queue.filter((op) => op.task === uuid);

  // localFrom is a task's local state as the server has it.
  function localFrom(server) {
    const answers = {};
    for (const a of server.answers || []) answers[a.item] = { uuid: a.uuid, answer: a.answer, note: a.note || "" };
    const signatures = {};
    for (const g of server.signatures || []) {
      signatures[g.signer] = { uuid: g.uuid, name: g.name, refused: g.refused, witness: g.witness || "", at: g.signed_at };
    }
    const photos = (server.evidence || []).filter((e) => e.kind === "photo").map((e) => ({ uuid: e.uuid, item: e.item || "", synced: true }));
    const preview = server.result ? { outcome: server.result.outcome, explanation: server.explanation } : null;
    return { checkIn: server.check_in || null, answers, photos, completed: !!server.result, preview, signatures, signed: !!server.signed_at };
  }

  // ---------- workspace download ----------

  async function refresh() {
    let res;
    try {
      res = await fetch("/api/v1/inspect/workspace", { credentials: "same-origin", headers: { Accept: "application/json" }, redirect: "manual" });
    } catch (e) {
      setOnline(false);
      return;
    }
    setOnline(true);
    if (res.status === 401 || res.type === "opaqueredirect") {
      S.needLogin = true;
      render();
      return;
    }
    if (!res.ok) {
      notify(await problemText(res));
      return;
    }
    S.needLogin = false;
    const ws = await res.json();
    if (S.ws && S.ws.user.login !== ws.user.login) {
      if (S.queue.length) {
        notify(t("phone.other_login", { login: S.ws.user.login }));
        return;
      }
      S.tasks.clear();
      const steps = (await read("tasks")).map((task) => ["delete", "tasks", task.uuid]);
      if (steps.length) await write(steps);
    }
    await merge(ws);
    render();
    sync();
  }

  // merge takes the server's tasks: a task with nothing queued becomes what the server has;
  // one with queued work keeps the phone's state; a task the server no longer lists stays
  // only while it has queued work or was finished today on this phone.
  async function merge(ws) {
    const { tasks, ...meta } = ws;
    // Templates and businesses of tasks the server no longer lists stay for those kept.
    for (const k of ["templates", "businesses", "areas"]) meta[k] = { ...(S.ws?.[k] || {}), ...meta[k] };
    const steps = [["put", "meta", meta, "workspace"]];
    const listed = new Set();
    for (const server of tasks) {
      listed.add(server.uuid);
      let task = S.tasks.get(server.uuid);
      if (!task) task = { uuid: server.uuid, conflict: "", error: null };
      task.server = server;
      if (!pendingOf(server.uuid).length) task.local = localFrom(server);
      S.tasks.set(task.uuid, task);
      steps.push(["put", "tasks", task]);
    }
    for (const task of S.tasks.values()) {
      if (listed.has(task.uuid) || pendingOf(task.uuid).length || task.local.signed || task.conflict) continue;
      S.tasks.delete(task.uuid);
      steps.push(["delete", "tasks", task.uuid]);
    }
    await write(steps);
    S.ws = meta;
  }

  // ---------- recording what the inspector does ----------

  // record stores the task and queues call in one transaction. Answers to one task are
  // merged into a queued answers call not yet being sent, so that a long checklist walked
  // offline is one upload. A quiet record leaves the page as it is (the control the
  // inspector touched already shows the change) rather than drawing it again.
  async function record(task, call, quiet) {
    const steps = [["put", "tasks", task]];
    let op = null;
    if (call) {
      const last = pendingOf(task.uuid).at(-1);
      if (call.kind === "answers" && last && last.kind === "answers" && last.seq !== S.inflight && !last.failed) {
        const byItem = new Map(last.json.answers.map((a) => [a.item, a]));
        for (const a of call.json.answers) byItem.set(a.item, a);
        last.json.answers = [...byItem.values()];
        steps.push(["put", "queue", last]);
      } else {
        op = { ...call, task: task.uuid, queuedAt: new Date().toISOString() };
        steps.push(["put", "queue", op]);
      }
    }
    const keys = await write(steps);
    if (op) {
      op.seq = keys[1];
      S.queue.push(op);
    }
    if (quiet) showPending(); else render();
    sync();
  }

  function distanceM(lat1, lng1, lat2, lng2) {
    const rad = Math.PI / 180, r = 6371008.8;
    const dLat = (lat2 - lat1) * rad, dLng = (lng2 - lng1) * rad;
    const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
    return 2 * r * Math.asin(Math.sqrt(a));
  }

  function position(maxAgeMs, timeoutMs) {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) return reject(new Error(t("phone.no_gps")));
      navigator.geolocation.getCurrentPosition((p) => resolve(p.coords), () => reject(new Error(t("phone.no_gps"))),
        { enableHighAccuracy: true, maximumAge: maxAgeMs, timeout: timeoutMs });
    });
  }

  async function checkInByGPS(task) {
    const c = await position(0, 15000);
    const b = business(task);
    const d = Math.round(distanceM(c.latitude, c.longitude, b.lat, b.lng));
    if (d > S.ws.limits.checkin_max_distance_m) {
      throw new Error(t("phone.too_far", { distance: d, max: S.ws.limits.checkin_max_distance_m }));
    }
    const at = new Date().toISOString();
    task.local.checkIn = { method: "gps", at, lat: c.latitude, lng: c.longitude, distance_m: d };
    await record(task, { kind: "check-in", method: "POST", path: API + task.uuid + "/check-in",
      json: { method: "gps", lat: c.latitude, lng: c.longitude, at } });
  }

  async function checkInByCode(task, code) {
    code = code.trim();
    if (!code) throw new Error(t("phone.code_required"));
    const at = new Date().toISOString();
    task.local.checkIn = { method: "qr", at };
    await record(task, { kind: "check-in", method: "POST", path: API + task.uuid + "/check-in", json: { method: "qr", code, at } });
  }

  // readCode reads a QR code from a photo of it where the browser can (BarcodeDetector).
  async function readCode(file) {
    if (!("BarcodeDetector" in window)) throw new Error(t("phone.no_scanner"));
    const found = await new window.BarcodeDetector({ formats: ["qr_code"] }).detect(await createImageBitmap(file));
    if (!found.length) throw new Error(t("phone.no_code_found"));
    return found[0].rawValue;
  }

  async function answer(task, item, value, note) {
    if (task.local.signed || Object.keys(task.local.signatures).length) throw new Error(t("phone.locked"));
    const old = task.local.answers[item] || { uuid: crypto.randomUUID(), answer: "", note: "" };
    const a = { uuid: old.uuid, answer: value ?? old.answer, note: note ?? old.note };
    if (!a.answer) return; // a note before the answer waits for the answer
    task.local.answers[item] = a;
    const wasCompleted = task.local.completed;
    task.local.completed = false;
    task.local.preview = null;
    await record(task, { kind: "answers", method: "PUT", path: API + task.uuid + "/answers",
      json: { answers: [{ uuid: a.uuid, item, answer: a.answer, note: a.note }] } }, !wasCompleted);
    const count = document.getElementById("answered");
    if (count) count.textContent = answeredCount(task);
  }

  function answeredCount(task) {
    const items = templateOf(task).items;
    return items.filter((it) => task.local.answers[it.code]).length + "/" + items.length;
  }

  async function addPhoto(task, item, file) {
    const limits = S.ws.limits;
    if (!["image/jpeg", "image/png"].includes(file.type)) throw new Error(t("phone.photo_type", { type: file.type || "?" }));
    if (file.size > limits.evidence_max_bytes) {
      throw new Error(t("phone.photo_too_large", { size: mb(file.size), max: mb(limits.evidence_max_bytes) }));
    }
    let coords = null;
    try { coords = await position(60000, 3000); } catch (e) { /* a photo without a position is still evidence */ }
    const uuid = crypto.randomUUID();
    const capturedAt = new Date(file.lastModified || Date.now()).toISOString();
    const photo = { uuid, item, captured_at: capturedAt, name: file.name, size: file.size, thumb: await thumbnail(file), synced: false };
    const q = new URLSearchParams({ kind: "photo", file_name: file.name || uuid + ".jpg", captured_at: capturedAt });
    if (item) q.set("item", item);
    if (coords) { q.set("lat", coords.latitude); q.set("lng", coords.longitude); }
    await write([["put", "files", file, uuid]]);
    task.local.photos.push(photo);
    await record(task, { kind: "evidence", method: "PUT", path: API + task.uuid + "/evidence/" + uuid + "?" + q, file: uuid, contentType: file.type, evidence: uuid });
  }

  async function thumbnail(file) {
    try {
      const img = await createImageBitmap(file);
      const side = 112, c = document.createElement("canvas");
      const k = Math.max(side / img.width, side / img.height);
      c.width = c.height = side;
      c.getContext("2d").drawImage(img, (side - img.width * k) / 2, (side - img.height * k) / 2, img.width * k, img.height * k);
      return c.toDataURL("image/jpeg", 0.7);
    } catch (e) {
      return "";
    }
  }

  // judge mirrors the server's rule (inspect.ResultRule.decide) to show the result before the
  // sync; the server judges again on upload and its result is the one signed.
  function judge(template, answers) {
    let key = 0, general = 0;
    for (const it of template.items) {
      if (answers[it.code]?.answer !== "fail") continue;
      if (it.key) key++; else general++;
    }
    const r = template.rule;
    const keyOver = key > r.max_key_failures, generalOver = general > r.max_general_failures;
    const params = { key, general, max_key: r.max_key_failures, max_general: r.max_general_failures };
    let outcome = "compliant", reason = "no_failure";
    if (keyOver && generalOver) [outcome, reason] = ["non_compliant", "key_failed_and_too_many_general"];
    else if (keyOver) [outcome, reason] = ["non_compliant", "key_failed"];
    else if (generalOver) [outcome, reason] = ["non_compliant", "too_many_general"];
    else if (key + general > 0) [outcome, reason] = ["basically_compliant", "within_limits"];
    return { outcome, explanation: t("inspect.reason." + reason, params) };
  }

  async function complete(task) {
    const template = templateOf(task);
    const missing = template.items.filter((it) => !task.local.answers[it.code]);
    if (missing.length && task.server.kind !== "flying") {
      throw new Error(t("phone.unanswered", { n: missing.length, items: missing.map((it) => it.code).join("、") }));
    }
    task.local.completed = true;
    task.local.preview = judge(template, task.local.answers);
    await record(task, { kind: "complete", method: "POST", path: API + task.uuid + "/complete" });
  }

  async function signature(task, signer, name, png, refusal) {
    if (!task.local.completed) throw new Error(t("phone.complete_first"));
    if (!name.trim()) throw new Error(t("phone.name_required"));
    const uuid = crypto.randomUUID(), at = new Date().toISOString();
    const body = { signer, name: name.trim(), at };
    if (refusal) {
      if (!refusal.witness.trim()) throw new Error(t("phone.witness_required"));
      Object.assign(body, { refused: true, witness: refusal.witness.trim() });
    } else {
      if (!png) throw new Error(t("phone.draw_first"));
      body.image_png = png.slice(png.indexOf(",") + 1);
    }
    task.local.signatures[signer] = { uuid, name: body.name, refused: !!refusal, witness: body.witness || "", at, image: png || "" };
    await record(task, { kind: "signature", method: "PUT", path: API + task.uuid + "/signatures/" + uuid, json: body });
  }

  async function sign(task) {
    const missing = signers(task).filter((s) => !task.local.signatures[s.signer]);
    if (missing.length) throw new Error(t("phone.signatures_missing", { names: missing.map((s) => s.name).join("、") }));
    task.local.signed = true;
    await record(task, { kind: "sign", method: "POST", path: API + task.uuid + "/sign" });
  }

  // ---------- sync ----------

  function setOnline(on) {
    S.online = on;
    const net = document.getElementById("net");
    net.dataset.state = on ? "online" : "offline";
    net.textContent = t(on ? "phone.online" : "phone.offline");
  }

  // send makes one queued call and returns the response and the bytes it sent.
  async function send(op) {
    const headers = { Accept: "application/json", "X-CSRF-Token": S.ws.csrf };
    let body;
    if (op.json !== undefined) {
      body = JSON.stringify(op.json);
      headers["Content-Type"] = "application/json";
    } else if (op.file) {
      body = await read("files", op.file);
      if (!body) throw new Error("missing file " + op.file);
      headers["Content-Type"] = op.contentType;
    }
    const res = await fetch(op.path, { method: op.method, headers, body, credentials: "same-origin", redirect: "manual" });
    const bytes = body === undefined ? 0 : typeof body === "string" ? new TextEncoder().encode(body).length : body.size;
    return { res, bytes };
  }

  // sync sends the queue in order until it is empty or the network fails. A refused call
  // holds back the rest of its task, not the other tasks.
  async function sync() {
    if (S.syncing || !S.ws || S.needLogin) return;
    S.syncing = true;
    const started = performance.now();
    let calls = 0, bytes = 0;
    // redraw is set when the sync changed what the page shows; otherwise the page stays as
    // it is, so that a sync never takes a note being typed or a signature being drawn.
    let redraw = false;
    try {
      queue: for (;;) {
        const batch = nextBatch();
        if (!batch.length) break;
        S.inflight = batch[0].seq;
        let sent;
        try {
          sent = await Promise.all(batch.map(send));
        } catch (e) {
          // The network went; whatever of the batch arrived answers the same when sent again.
          setOnline(false);
          break;
        }
        setOnline(true);
        for (const [i, op] of batch.entries()) {
          const { res } = sent[i];
          calls++;
          bytes += sent[i].bytes;
          redraw = redraw || !res.ok || op.kind === "sign";
          if (res.ok) await succeeded(op, await res.json());
          else if (res.status === 401 || res.type === "opaqueredirect") { S.needLogin = true; break queue; }
          else if (res.status === 403) await forbidden(op, res);
          else if (res.status === 409) await conflicted(op, res);
          else if (res.status >= 500) { notify(await problemText(res)); break queue; }
          else await refused(op, await problemText(res));
        }
        showPending();
      }
    } finally {
      S.syncing = false;
      S.inflight = 0;
      if (calls) {
        S.lastSync = { calls, bytes, ms: Math.round(performance.now() - started), at: new Date().toISOString() };
        await write([["put", "meta", S.lastSync, "lastSync"]], "relaxed");
      }
      if (redraw) render(); else showPending();
      clearTimeout(retryTimer);
      if (S.queue.length && S.online) retryTimer = setTimeout(sync, RETRY_MS);
    }
  }
  let retryTimer = 0;

  // nextBatch is the next call of a task not held back, with the photos queued right after
  // it when it is a photo: photos go up UPLOADS at a time, since the server orders nothing
  // among them (the signing that pins them comes later in the queue); every other call
  // goes alone, in order.
  function nextBatch() {
    const held = new Set(S.queue.filter((op) => op.failed).map((op) => op.task));
    const ready = S.queue.filter((op) => !held.has(op.task));
    let n = Math.min(ready.length, 1);
    while (n && n < ready.length && n < UPLOADS && ready[0].kind === "evidence" && ready[n].kind === "evidence") n++;
    return ready.slice(0, n);
  }

  // forbidden handles a 403: after a new login the session's CSRF token changed, so the
  // workspace is downloaded again for it and the call goes again; any other 403 is a refusal.
  async function forbidden(op, res) {
    const problem = await problemText(res);
    const before = S.ws.csrf;
    await refresh();
    if (S.ws.csrf === before) await refused(op, problem);
  }

  function dequeue(op) {
    S.queue = S.queue.filter((o) => o.seq !== op.seq);
  }

  async function succeeded(op, body) {
    const task = S.tasks.get(op.task);
    const steps = [["delete", "queue", op.seq]];
    if (op.kind === "evidence") {
      const p = task.local.photos.find((x) => x.uuid === op.evidence);
      if (p) p.synced = true;
      steps.push(["delete", "files", op.file]);
    } else {
      task.server = body;
    }
    if (op.kind === "complete" && body.result) task.local.preview = { outcome: body.result.outcome, explanation: body.explanation };
    task.error = null;
    steps.push(["put", "tasks", task]);
    await write(steps, "relaxed");
    dequeue(op);
  }

  // conflicted handles a 409. When the server has the inspection signed, the server wins: our
  // own sign that arrived before (its answer lost) counts as done; a signing by anyone else
  // drops what this phone still had queued for it and shows the server's record.
  async function conflicted(op, res) {
    const problem = await problemText(res);
    const got = await fetch(API + op.task, { credentials: "same-origin", headers: { Accept: "application/json" } }).catch(() => null);
    if (!got || !got.ok) {
      await refused(op, problem);
      return;
    }
    const server = await got.json();
    const task = S.tasks.get(op.task);
    if (!server.signed_at) {
      await refused(op, problem);
      return;
    }
    const ours = Object.values(task.local.signatures).map((g) => g.uuid);
    const mine = (server.signatures || []).some((g) => ours.includes(g.uuid));
    const steps = pendingOf(op.task).map((o) => ["delete", "queue", o.seq]);
    for (const o of pendingOf(op.task)) if (o.file) steps.push(["delete", "files", o.file]);
    task.server = server;
    task.local = localFrom(server);
    task.conflict = mine ? "" : "signed_elsewhere";
    task.error = null;
    steps.push(["put", "tasks", task]);
    await write(steps);
    S.queue = S.queue.filter((o) => o.task !== op.task);
    if (!mine) notify(t("phone.signed_elsewhere", { business: server.business_name }));
  }

  async function refused(op, problem) {
    const task = S.tasks.get(op.task);
    op.failed = problem;
    task.error = problem;
    await write([["put", "queue", op], ["put", "tasks", task]]);
    notify(t("phone.refused", { business: task.server.business_name, reason: problem }));
  }

  async function problemText(res) {
    try {
      const p = await res.json();
      const fields = (p.errors || []).map((e) => e.field + ": " + e.message);
      return [p.title, p.detail, ...fields].filter(Boolean).join("；");
    } catch (e) {
      return res.status + " " + res.statusText;
    }
  }

  // retry lets a refused task's calls go again (after, say, a login that fixes a 403).
  async function retry(task) {
    const steps = [];
    for (const op of pendingOf(task.uuid)) {
      delete op.failed;
      steps.push(["put", "queue", op]);
    }
    task.error = null;
    steps.push(["put", "tasks", task]);
    await write(steps);
    render();
    sync();
  }

  // discard drops a refused task's queued work and takes the server's record again.
  async function discard(task) {
    if (!confirm(t("phone.discard_confirm"))) return;
    const steps = [];
    for (const op of pendingOf(task.uuid)) {
      steps.push(["delete", "queue", op.seq]);
      if (op.file) steps.push(["delete", "files", op.file]);
    }
    task.local = localFrom(task.server);
    task.error = null;
    steps.push(["put", "tasks", task]);
    await write(steps);
    S.queue = S.queue.filter((o) => o.task !== task.uuid);
    render();
  }

  // ---------- views ----------

  const mb = (n) => (n / 1048576).toFixed(1) + " MB";
  const business = (task) => S.ws.businesses[task.server.business_id] ||
    { name: task.server.business_name, address: "", licence_no: "", legal_rep: "", lat: 0, lng: 0 };
  const templateOf = (task) => S.ws.templates[task.server.template_id];
  const signers = (task) => [
    ...task.server.inspectors.map((p) => ({ signer: "inspector:" + p.person_id, name: p.name, operator: false })),
    { signer: "operator", name: business(task).legal_rep, operator: true },
  ];

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c != null && c !== false) el.append(c);
    return el;
  }

  function notify(text) {
    S.notice = text;
    const n = document.getElementById("notice");
    n.textContent = text;
    n.hidden = !text;
  }

  function showPending() {
    document.getElementById("pending-count").textContent = String(S.queue.length);
  }

  // act runs an action of the inspector and shows its refusal instead of losing it.
  const act = (fn) => async (ev) => {
    ev?.preventDefault?.();
    try {
      notify("");
      await fn(ev);
    } catch (e) {
      notify(e.message);
    }
  };

  function render() {
    showPending();
    const view = document.getElementById("view");
    if (S.needLogin) {
      view.replaceChildren(h("div", { class: "card", id: "login-needed" }, h("p", {}, t("phone.login_needed")),
        h("a", { href: "/login?next=/m/", class: "button" }, t("phone.login"))));
      return;
    }
    if (!S.ws) {
      view.replaceChildren(h("p", { class: "muted" }, t(S.online ? "phone.loading" : "phone.no_workspace")));
      return;
    }
    const m = location.hash.match(/^#\/t\/([0-9a-f-]+)$/);
    const task = m && S.tasks.get(m[1]);
    view.replaceChildren(task ? taskView(task) : listView());
  }

  function listView() {
    const tasks = [...S.tasks.values()];
    const last = S.lastSync;
    return h("section", { id: "tasks" },
      h("div", { class: "card" },
        h("h2", {}, t("phone.today", { day: S.ws.day })),
        h("p", { class: "muted" }, t("phone.signed_in_as", { name: S.ws.user.name || S.ws.user.login })),
        last && h("p", { class: "muted", id: "last-sync" }, t("phone.last_sync", { calls: last.calls, kb: (last.bytes / 1024).toFixed(0), s: (last.ms / 1000).toFixed(1) })),
        h("div", { class: "row" }, h("button", { type: "button", id: "refresh", disabled: !S.online, onclick: act(refresh) }, t("phone.refresh")))),
      tasks.length ? tasks.map(taskCard) : h("p", { class: "muted" }, t("phone.no_tasks")));
  }

  function stageOf(task) {
    const l = task.local;
    if (l.signed) return "signed";
    if (l.completed) return "answered";
    if (l.checkIn) return "checked_in";
    return task.server.status;
  }

  function taskCard(task) {
    const b = business(task), pending = pendingOf(task.uuid).length;
    return h("a", { class: "card task", href: "#/t/" + task.uuid, "data-uuid": task.uuid },
      h("h3", {}, b.name),
      h("p", { class: "muted" }, b.address),
      h("span", { class: "badge" }, t("inspect.kind." + task.server.kind)),
      h("span", { class: "badge" }, t("inspect.source." + task.server.source)),
      h("span", { class: "badge " + (task.local.signed ? "ok" : "") }, t("inspect.stage." + stageOf(task))),
      pending ? h("span", { class: "badge warn" }, t("phone.task_pending", { n: pending })) : null,
      task.conflict ? h("span", { class: "badge bad" }, t("phone.conflict")) : null,
      task.error ? h("span", { class: "badge bad" }, t("phone.task_refused")) : null);
  }

  function taskView(task) {
    const b = business(task);
    return h("section", { id: "task", "data-uuid": task.uuid },
      h("p", {}, h("a", { href: "#/" }, t("phone.back"))),
      h("div", { class: "card" },
        h("h2", {}, b.name),
        h("p", { class: "muted" }, b.address, " · ", b.licence_no),
        h("p", {}, t("inspect.kind." + task.server.kind), " · ", task.server.inspectors.map((p) => p.name).join("、")),
        task.conflict && h("p", { class: "error", id: "conflict" }, t("phone.signed_elsewhere", { business: b.name })),
        task.error && h("div", { class: "error", id: "refusal" }, h("p", {}, task.error),
          h("div", { class: "row" }, h("button", { type: "button", onclick: act(() => retry(task)) }, t("phone.retry")),
            h("button", { type: "button", onclick: act(() => discard(task)) }, t("phone.discard"))))),
      checkInCard(task),
      task.local.checkIn && checklistCard(task),
      task.local.checkIn && photoCard(task, "", "photo-general", t("phone.site_photos")),
      task.local.completed && signatureCard(task));
  }

  function checkInCard(task) {
    const c = task.local.checkIn;
    if (c) {
      return h("div", { class: "card", id: "checked-in" }, h("h3", {}, t("phone.checked_in")),
        h("p", { class: "muted" }, new Date(c.at).toLocaleString(), " · ", t("phone.method_" + c.method),
          c.distance_m != null ? " · " + t("phone.distance", { m: c.distance_m }) : ""));
    }
    const code = h("input", { type: "text", id: "checkin-code", placeholder: t("phone.code_placeholder"), autocomplete: "off" });
    const scan = h("input", { type: "file", accept: "image/*", capture: "environment", id: "checkin-scan", hidden: true,
      onchange: act(async (ev) => { code.value = await readCode(ev.target.files[0]); }) });
    return h("div", { class: "card" }, h("h3", {}, t("phone.check_in")),
      h("div", { class: "row" }, h("button", { type: "button", class: "primary", id: "checkin-gps", onclick: act(() => checkInByGPS(task)) }, t("phone.check_in_gps"))),
      h("div", { class: "row" }, code,
        "BarcodeDetector" in window ? h("button", { type: "button", onclick: () => scan.click() }, t("phone.scan")) : null, scan,
        h("button", { type: "button", id: "checkin-qr", onclick: act(() => checkInByCode(task, code.value)) }, t("phone.check_in_code"))));
  }

  function checklistCard(task) {
    const template = templateOf(task), locked = task.local.signed || Object.keys(task.local.signatures).length > 0;
    const areas = S.ws.areas[template.sector] || [];
    const areaName = (code) => { const a = areas.find((x) => x.code === code); return a ? (cfg.lang === "en" ? a.en : a.zh) : code; };
    const groups = new Map();
    template.items.forEach((it, i) => {
      if (!groups.has(it.area)) groups.set(it.area, []);
      groups.get(it.area).push([it, i]);
    });
    return h("div", { class: "card", id: "checklist" },
      h("h3", {}, t("phone.checklist"), " ", h("span", { class: "muted", id: "answered" }, answeredCount(task))),
      [...groups].map(([area, items]) => h("div", {}, h("h4", {}, areaName(area)), items.map(([it, i]) => itemRow(task, it, i, locked)))),
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", id: "complete", disabled: locked, onclick: act(() => complete(task)) }, t("phone.complete"))),
      task.local.preview && h("p", { class: "result", id: "result" }, t("inspect.outcome." + task.local.preview.outcome)),
      task.local.preview && h("p", { class: "muted" }, task.local.preview.explanation));
  }

  function itemRow(task, it, i, locked) {
    const a = task.local.answers[it.code];
    const choice = (value) => h("label", {},
      h("input", { type: "radio", name: "answer-" + i, value, id: "a" + i + "-" + value, "data-item": it.code, checked: a?.answer === value, disabled: locked,
        onchange: act(() => answer(task, it.code, value)) }),
      h("span", {}, t("inspect.answer." + value)));
    return h("div", { class: "item", id: "item-" + i },
      h("p", { class: "text" }, it.key ? h("span", { class: "key" }, "★" + t("inspect.key")) : null, it.code + " " + (cfg.lang === "en" && it.text_en ? it.text_en : it.text)),
      h("div", { class: "choices" }, choice("pass"), choice("fail"), it.allow_na ? choice("na") : null),
      h("input", { type: "text", class: "note", placeholder: t("phone.note"), value: a?.note || "", disabled: locked,
        onchange: act((ev) => answer(task, it.code, undefined, ev.target.value)) }),
      photoInput(task, it.code, "photo-i" + i));
  }

  function photoInput(task, item, id) {
    const photos = task.local.photos.filter((p) => p.item === item);
    return h("div", {},
      h("label", { class: "button" }, "📷 " + t("phone.photo"), " ", photos.length ? "(" + photos.length + ")" : "",
        h("input", { type: "file", id, accept: "image/jpeg,image/png", capture: "environment", multiple: true, hidden: true,
          disabled: task.local.signed, onchange: act(async (ev) => { for (const f of ev.target.files) await addPhoto(task, item, f); }) })),
      photos.length ? h("div", { class: "thumbs" }, photos.map((p) => p.thumb ? h("img", { src: p.thumb, alt: p.name || "" }) : h("span", { class: "badge" }, "✓"))) : null);
  }

  function photoCard(task, item, id, title) {
    return h("div", { class: "card" }, h("h3", {}, title), photoInput(task, item, id));
  }

  function signatureCard(task) {
    const list = signers(task);
    return h("div", { class: "card", id: "signatures" }, h("h3", {}, t("phone.signatures")),
      list.map((s) => signerBlock(task, s)),
      task.local.signed
        ? h("p", { class: "badge ok", id: "signed" }, t(pendingOf(task.uuid).length ? "phone.signed_waiting" : "phone.signed_synced"))
        : h("div", { class: "row" }, h("button", { type: "button", class: "primary", id: "submit-sign", onclick: act(() => sign(task)) }, t("phone.sign"))));
  }

  function signerBlock(task, s) {
    const id = s.signer.replace(":", "-");
    const done = task.local.signatures[s.signer];
    const label = h("p", {}, s.operator ? t("phone.operator") : t("phone.inspector"), "：", s.name || "");
    if (done) {
      return h("div", { class: "item", id: "signed-" + id }, label,
        done.refused ? h("p", { class: "muted" }, t("phone.refused_with_witness", { witness: done.witness }))
          : done.image ? h("img", { class: "signed-image", src: done.image, alt: done.name }) : h("span", { class: "badge ok" }, "✓"));
    }
    const pad = signaturePad(id);
    const name = h("input", { type: "text", id: "name-" + id, value: s.name || "", placeholder: t("phone.name") });
    const witness = h("input", { type: "text", id: "witness-" + id, placeholder: t("phone.witness") });
    return h("div", { class: "item" }, label, s.operator ? name : null, pad,
      h("div", { class: "row" },
        h("button", { type: "button", onclick: () => pad.clear() }, t("phone.clear")),
        h("button", { type: "button", class: "primary", id: "sign-" + id,
          onclick: act(() => signature(task, s.signer, s.operator ? name.value : s.name, pad.inked ? pad.toDataURL("image/png") : "")) }, t("phone.confirm_signature"))),
      s.operator ? h("div", { class: "row" }, witness,
        h("button", { type: "button", id: "refuse-" + id, onclick: act(() => signature(task, s.signer, name.value, "", { witness: witness.value })) }, t("phone.refuse"))) : null);
  }

  // signaturePad is a canvas to sign on with a finger or a pen.
  function signaturePad(id) {
    const c = h("canvas", { class: "pad", id: "pad-" + id, width: 600, height: 200 });
    const g = c.getContext("2d");
    g.lineWidth = 3;
    g.lineCap = g.lineJoin = "round";
    let drawing = false;
    const at = (e) => { const r = c.getBoundingClientRect(); return [(e.clientX - r.left) * c.width / r.width, (e.clientY - r.top) * c.height / r.height]; };
    c.addEventListener("pointerdown", (e) => { drawing = true; c.setPointerCapture(e.pointerId); g.beginPath(); g.moveTo(...at(e)); });
    c.addEventListener("pointermove", (e) => { if (!drawing) return; g.lineTo(...at(e)); g.stroke(); c.inked = true; });
    c.addEventListener("pointerup", () => { drawing = false; });
    c.inked = false;
    c.clear = () => { g.clearRect(0, 0, c.width, c.height); c.inked = false; };
    return c;
  }

  // ---------- start ----------

  async function start() {
    document.getElementById("pending-label").textContent = t("phone.pending");
    document.getElementById("home").textContent = t("phone.short_name");
    setOnline(navigator.onLine);
    await load();
    render();
    window.addEventListener("hashchange", render);
    window.addEventListener("online", () => { setOnline(true); sync(); });
    window.addEventListener("offline", () => setOnline(false));
    document.getElementById("sync-now").addEventListener("click", act(async () => { await refresh(); await sync(); }));
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/m/sw.js", { scope: "/m/" }).catch((e) => notify(e.message));
    if (navigator.onLine) await refresh();
    else render();
  }

  // The test hook: a page may ask how the queue stands (the browser test and the figures).
  window.shejianPhone = { state: () => ({ pending: S.queue.length, syncing: S.syncing, online: S.online, lastSync: S.lastSync,
    tasks: [...S.tasks.values()].map((x) => ({ uuid: x.uuid, signed: x.local.signed, conflict: x.conflict, error: x.error })) }), sync };

  start().catch((e) => notify(e.message));
})();
