// tightrope dashboard. Plain JS, no build step. Every value from the API is inserted as text
// (textContent / createElementNS), never as HTML.
"use strict";

const KEY = "tightrope.token";
const PAGE = 50;
const SEV_ORDER = ["critical", "high", "medium", "low", "info"];
const state = { offset: 0, total: 0, alertSeq: null };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function sevBadge(s) {
  return el("span", { class: "sev sev-" + s }, s);
}

async function api(path, options) {
  const token = sessionStorage.getItem(KEY);
  const res = await fetch(path, {
    ...(options || {}),
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
  });
  if (res.status === 401) {
    logout("Your token was not accepted.");
    throw new Error("unauthorized");
  }
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function logout(message) {
  sessionStorage.removeItem(KEY);
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = true));
  $("tabs").hidden = true;
  $("logout").hidden = true;
  $("who").textContent = "";
  $("login").hidden = false;
  $("login-error").textContent = message || "";
}

async function login(token) {
  sessionStorage.setItem(KEY, token);
  try {
    const me = await api("/api/me");
    $("who").textContent = me.name + " (" + me.role + ")";
    $("login").hidden = true;
    $("tabs").hidden = false;
    $("logout").hidden = false;
    document.body.dataset.role = me.role;
    show("readiness");
  } catch (e) {
    if (e.message !== "unauthorized") logout(e.message);
  }
}

const loaders = {
  readiness: loadReadiness,
  findings: loadFindings,
  drift: loadDrift,
  alerts: loadAlerts,
  paths: loadPaths,
  inventory: loadInventory,
};

function show(tab) {
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = t.id !== tab));
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === tab));
  loaders[tab]().catch((e) => console.error(e));
}

async function loadReadiness() {
  const s = await api("/api/summary");
  const latest = s.latest || {};
  $("env").textContent = latest.environment || "";
  const v = $("verdict");
  v.textContent = latest.verdict ? latest.verdict.replace("_", " ") : "no scan yet";
  v.className = "badge r-" + (latest.verdict || "not_run");
  $("scan-line").textContent = s.scan
    ? `Scan ${s.scan.id} at ${s.scan.created_at}: ${s.scan.resources} resources` +
      (s.scanning ? " — a new scan is running" : "") +
      (s.schedule_seconds ? ` — rescans every ${s.schedule_seconds} s` : "")
    : "No scan recorded yet.";
  const steps = $("steps");
  steps.replaceChildren();
  for (const st of latest.steps || []) {
    const c = st.counts || [];
    steps.append(
      el("div", { class: "card r-" + st.readiness, "data-step": st.step },
        el("h3", {}, st.step),
        el("div", { class: "readiness" }, st.readiness.replace("_", " ") + (st.score != null ? ` · ${st.score}/100` : "")),
        el("div", { class: "muted" }, st.not_run || st.summary),
        el("div", { class: "counts" },
          ...SEV_ORDER.map((sv, i) => (c[i] ? el("span", { class: "sev sev-" + sv }, `${c[i]} ${sv}`) : null))),
        st.error_count ? el("div", { class: "error" }, `${st.error_count} input errors`) : null));
  }
  const bl = $("blockers");
  bl.replaceChildren(...(latest.blockers || []).map((b) => el("li", {}, b.title || b.message || JSON.stringify(b))));
}

function filterParams() {
  const p = new URLSearchParams();
  const add = (k, v) => v && p.set(k, v);
  add("severity", $("f-severity").value);
  add("step", $("f-step").value);
  add("rule", $("f-rule").value.trim());
  add("q", $("f-q").value.trim());
  if ($("f-ai").checked) p.set("ai", "true");
  add("sort", $("f-sort").value);
  p.set("offset", state.offset);
  p.set("limit", PAGE);
  return p;
}

async function loadFindings() {
  const page = await api("/api/findings?" + filterParams());
  state.total = page.total;
  $("f-count").textContent = `${page.total.toLocaleString()} findings match` + (page.scan_id ? ` (scan ${page.scan_id})` : "");
  const rows = $("f-rows");
  rows.replaceChildren(
    ...page.findings.map((f) =>
      el("tr", { class: f.suppressed ? "suppressed" : "", onclick: () => showFinding(f) },
        el("td", {}, sevBadge(f.severity)),
        el("td", { class: "mono" }, f.rule_id),
        el("td", { class: "mono" }, f.resource),
        el("td", {}, f.title),
        el("td", {}, f.step))));
  const last = Math.min(state.offset + PAGE, page.total);
  $("f-page").textContent = page.total ? `${state.offset + 1}–${last} of ${page.total.toLocaleString()}` : "";
  $("f-prev").disabled = state.offset === 0;
  $("f-next").disabled = last >= page.total;
}

function showFinding(f) {
  const d = $("f-detail");
  d.hidden = false;
  d.replaceChildren(
    el("h3", {}, sevBadge(f.severity), " ", f.title),
    el("p", { class: "mono" }, f.rule_id + " · " + f.resource + " (" + f.kind + ")"),
    el("p", {}, f.message),
    f.evidence ? el("p", { class: "mono" }, "Evidence (redacted): " + f.evidence) : null);
}

function barChart(scans) {
  const w = 720, h = 180, pad = 30;
  const s = svg("svg", { viewBox: `0 0 ${w} ${h}`, class: "chart", role: "img", "aria-label": "findings per scan" });
  const data = scans.slice(-60);
  const total = (c) => SEV_ORDER.reduce((a, k) => a + (c[k] || 0), 0);
  const max = Math.max(1, ...data.map((d) => total(d.counts)));
  const bw = (w - pad) / Math.max(1, data.length);
  data.forEach((d, i) => {
    let y = h - pad;
    for (const k of [...SEV_ORDER].reverse()) {
      const v = d.counts[k] || 0;
      const bh = ((h - 2 * pad) * v) / max;
      y -= bh;
      if (v) {
        const r = svg("rect", { x: pad + i * bw + 1, y, width: Math.max(1, bw - 2), height: bh, class: "bar-" + k });
        r.append(svg("title", {}, `scan ${d.id}: ${v} ${k}`));
        s.append(r);
      }
    }
  });
  s.append(svg("text", { x: 2, y: 14, class: "axis" }, String(max)));
  s.append(svg("text", { x: 2, y: h - pad, class: "axis" }, "0"));
  return s;
}

async function loadDrift() {
  const [d, scans] = await Promise.all([api("/api/drift"), api("/api/scans")]);
  $("drift-chart").replaceChildren(barChart(scans.scans));
  $("drift-rows").replaceChildren(
    ...d.timeline.slice().reverse().map((t) =>
      el("tr", {},
        el("td", {}, t.scan_id), el("td", {}, t.at), el("td", {}, t.against),
        el("td", {}, t.highest ? sevBadge(t.highest) : "none"),
        el("td", {}, t.ai_exposure), el("td", {}, t.findings_new), el("td", {}, t.findings_resolved),
        el("td", {}, `+${t.resources_added} −${t.resources_removed} ~${t.resources_changed}`))));
  const ai = (d.latest && d.latest.ai_exposure) || [];
  $("drift-ai").replaceChildren(
    ...(ai.length ? ai.map((a) => el("li", {}, sevBadge(a.severity), " ", el("span", { class: "mono" }, a.address), " — " + a.reason))
      : [el("li", { class: "muted" }, "none")]));
}

async function loadAlerts() {
  loadIngested().catch((e) => console.error(e));
  const status = $("a-status").value;
  const q = await api("/api/alerts" + (status ? "?status=" + status : ""));
  $("a-list").replaceChildren(
    ...(q.alerts.length ? q.alerts.map((a) =>
      el("li", { class: "alert-item s-" + a.status, "data-seq": a.seq, onclick: () => openAlert(a.seq) },
        sevBadge(a.severity), " ", el("strong", {}, a.title),
        el("div", { class: "muted" }, a.reasons[0] || ""),
        el("div", { class: "status" }, a.status)))
      : [el("li", { class: "muted" }, "No alerts.")]));
}

async function loadIngested() {
  const d = await api("/api/ingest?limit=100");
  const t = d.totals;
  const lag = t.last_lag_seconds == null ? "" : `, delivery lag ${t.last_lag_seconds.toFixed(1)} s`;
  $("q-totals").textContent = t.objects
    ? `${t.objects} log objects, ${t.events} events, ${t.alerts} alerts; last at ${t.last_ingested_at}${lag}`
    : "No queue worker has ingested anything yet.";
  $("q-list").replaceChildren(
    ...d.alerts.map((a) =>
      el("li", { class: "alert-item", onclick: () => openIngested(a) },
        sevBadge(a.severity), " ", el("strong", { class: "mono" }, a.identity),
        el("div", { class: "muted" }, (a.alert.reasons || [])[0] || ""),
        el("div", { class: "status" }, a.start))));
}

function openIngested(a) {
  const x = a.alert;
  $("a-detail").replaceChildren(
    el("h3", {}, sevBadge(a.severity), " risk " + Math.round(a.risk) + " — " + a.identity),
    el("p", { class: "muted" }, a.start + " → " + a.end),
    el("h4", {}, "Why"),
    el("ul", { class: "reasons" }, ...(x.reasons || []).map((r) => el("li", {}, r))),
    el("p", { class: "mono" }, a.object));
}

async function openAlert(seq) {
  state.alertSeq = seq;
  const a = await api("/api/alerts/" + seq);
  const admin = document.body.dataset.role === "admin";
  const actions = admin
    ? el("div", { class: "actions" },
        ...["acknowledged", "resolved", "open"].map((s) =>
          el("button", { onclick: () => setStatus(seq, s), disabled: a.status === s ? "" : null }, "Mark " + s)))
    : el("p", { class: "muted" }, "Read-only token: triage needs an admin token.");
  $("a-detail").replaceChildren(
    el("h3", {}, sevBadge(a.severity), " ", a.title),
    el("p", { class: "mono" }, a.identity + " (" + a.principal_type + ")"),
    el("h4", {}, "Why"),
    el("ul", { class: "reasons" }, ...a.reasons.map((r) => el("li", {}, r))),
    a.evidence ? el("p", { class: "mono" }, a.evidence) : null,
    el("p", {}, "Status: ", el("strong", { id: "a-status-now" }, a.status),
      a.updated_by ? ` (by ${a.updated_by} at ${a.updated_at})` : ""),
    actions);
}

async function setStatus(seq, status) {
  await api(`/api/alerts/${seq}/status`, { method: "POST", body: JSON.stringify({ status }) });
  await Promise.all([openAlert(seq), loadAlerts()]);
}

function pathsGraph(paths) {
  // One row per path: exposure → identity → target, nodes shared by address across rows.
  const cols = { exposure: 0, identity: 1, target: 2 };
  const nodes = new Map();
  const edges = [];
  const rowOf = [0, 0, 0];
  for (const p of paths.slice(0, 40)) {
    let prev = null;
    for (const hop of p.hops) {
      const key = hop.kind + "|" + hop.resource.address;
      if (!nodes.has(key)) {
        const c = cols[hop.kind] ?? 1;
        nodes.set(key, { c, r: rowOf[c]++, label: hop.resource.address, kind: hop.kind });
      }
      if (prev) edges.push([prev, key, p.severity]);
      prev = key;
    }
  }
  const rows = Math.max(1, ...rowOf);
  const w = 900, rh = 34, h = rows * rh + 40;
  const s = svg("svg", { viewBox: `0 0 ${w} ${h}`, class: "graph", role: "img", "aria-label": "attack paths" });
  const pos = (n) => [20 + n.c * 300, 30 + n.r * rh];
  for (const [a, b, sev] of edges) {
    const [x1, y1] = pos(nodes.get(a));
    const [x2, y2] = pos(nodes.get(b));
    s.append(svg("line", { x1: x1 + 250, y1, x2, y2, class: "edge sev-line-" + sev }));
  }
  for (const n of nodes.values()) {
    const [x, y] = pos(n);
    s.append(svg("rect", { x, y: y - 12, width: 250, height: 24, rx: 5, class: "node node-" + n.kind }));
    const t = svg("text", { x: x + 6, y: y + 4, class: "node-label" }, n.label.length > 36 ? n.label.slice(0, 35) + "…" : n.label);
    t.append(svg("title", {}, n.label));
    s.append(t);
  }
  ["Exposure", "Identity", "Target"].forEach((l, i) => s.append(svg("text", { x: 20 + i * 300, y: 12, class: "axis" }, l)));
  return s;
}

async function loadPaths() {
  const d = await api("/api/attack-paths");
  $("p-graph").replaceChildren(d.attack_paths.length ? pathsGraph(d.attack_paths) : el("p", { class: "muted" }, "No attack paths."));
  $("p-list").replaceChildren(
    ...d.attack_paths.map((p) =>
      el("li", {}, sevBadge(p.severity), " ", p.title,
        el("div", { class: "mono" }, p.hops.map((h) => h.resource.address).join(" → ")),
        el("div", { class: "muted" }, "Cheapest cut: " + (p.hops[p.cheapest_cut]?.cut || "")))));
}

async function loadInventory() {
  const d = await api("/api/inventory");
  const dash = (v) => v ?? "—";
  $("i-rows").replaceChildren(
    ...d.assets.map((a) =>
      el("tr", {}, el("td", {}, a.kind), el("td", {}, a.provider), el("td", { class: "mono" }, a.address),
        el("td", {}, dash(a.encryption)), el("td", {}, dash(a.network)), el("td", {}, dash(a.logging)), el("td", { class: "mono" }, dash(a.identity)))));
  $("d-rows").replaceChildren(
    ...d.data.map((x) =>
      el("tr", {}, el("td", { class: "mono" }, x.path), el("td", { class: "mono" }, dash(x.location)),
        el("td", {}, typeof x.label === "string" ? x.label : JSON.stringify(x.label)), el("td", {}, (x.detectors || []).join(", ")))));
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    login($("token").value.trim());
    $("token").value = "";
  });
  $("logout").addEventListener("click", () => logout());
  document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => show(b.dataset.tab)));
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.offset = 0;
    loadFindings();
  });
  $("f-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadFindings(); });
  $("f-next").addEventListener("click", () => { state.offset += PAGE; loadFindings(); });
  $("a-status").addEventListener("change", loadAlerts);
  if (sessionStorage.getItem(KEY)) login(sessionStorage.getItem(KEY));
});
