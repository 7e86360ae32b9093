// Drives the dashboard in headless Chromium with playwright-core: log in with a token, filter the
// findings, open an alert and triage it, visit every view, and take screenshots.
//
//   node dashboard.cjs BASE_URL TOKEN SCREENSHOT_DIR
//
// PLAYWRIGHT_CORE names the playwright-core package directory; CHROMIUM the browser binary.
// Prints one JSON line of what it saw; exits non-zero on the first failed expectation.
"use strict";
const path = require("path");
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");

const [base, token, outDir] = process.argv.slice(2);
const seen = {};

function expect(cond, what) {
  if (!cond) throw new Error("expectation failed: " + what);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const shot = (name) => page.screenshot({ path: path.join(outDir, name + ".png"), fullPage: true });

  await page.goto(base + "/");
  await page.waitForSelector("#login-form");
  await shot("01-login");

  // A wrong token is refused.
  await page.fill("#token", "trs_wrong");
  await page.click("#login-form button");
  await page.waitForFunction(() => document.getElementById("login-error").textContent.length > 0);
  seen.bad_token_message = await page.textContent("#login-error");

  await page.fill("#token", token);
  await page.click("#login-form button");
  await page.waitForSelector("#steps .card");
  seen.steps = await page.$$eval("#steps .card", (cs) => cs.map((c) => c.dataset.step + ":" + c.querySelector(".readiness").textContent));
  seen.verdict = await page.textContent("#verdict");
  seen.token_in_session_storage = await page.evaluate(() => sessionStorage.getItem("tightrope.token") !== null);
  seen.token_in_local_storage = await page.evaluate(() => Object.keys(localStorage).length > 0);
  expect(seen.steps.length === 7, "7 readiness cards");
  await shot("02-readiness");

  await page.click("button[data-tab=findings]");
  await page.waitForSelector("#f-rows tr");
  const all = await page.textContent("#f-count");
  await page.selectOption("#f-severity", "critical,high");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction((before) => document.getElementById("f-count").textContent !== before, all);
  seen.findings_all = all;
  seen.findings_filtered = await page.textContent("#f-count");
  const sevs = await page.$$eval("#f-rows tr td:first-child", (tds) => tds.map((t) => t.textContent));
  expect(sevs.length > 0, "filtered findings shown");
  expect(sevs.every((s) => s === "critical" || s === "high"), "only critical and high after the filter: " + sevs);
  seen.filtered_severities = [...new Set(sevs)];
  await page.click("#f-rows tr");
  await page.waitForSelector("#f-detail h3");
  await shot("03-findings-filtered");

  await page.click("button[data-tab=alerts]");
  await page.waitForSelector("#a-list .alert-item");
  seen.alerts = await page.$$eval("#a-list .alert-item", (as) => as.length);
  await page.click("#a-list .alert-item");
  await page.waitForSelector("#a-detail .reasons li");
  seen.alert_title = await page.textContent("#a-detail h3");
  seen.alert_reasons = await page.$$eval("#a-detail .reasons li", (ls) => ls.map((l) => l.textContent));
  expect(seen.alert_reasons.length > 0, "the alert explains itself");
  await shot("04-alert");
  await page.click("#a-detail .actions button:first-child");
  await page.waitForFunction(() => document.getElementById("a-status-now")?.textContent === "acknowledged");
  seen.alert_status_after = await page.textContent("#a-status-now");
  await shot("05-alert-acknowledged");

  await page.click("button[data-tab=paths]");
  await page.waitForSelector("#p-graph svg, #p-graph p");
  seen.attack_path_nodes = await page.$$eval("#p-graph svg rect", (r) => r.length);
  await shot("06-attack-paths");
  await page.click("button[data-tab=drift]");
  await page.waitForSelector("#drift-chart svg");
  await shot("07-drift");
  await page.click("button[data-tab=inventory]");
  await page.waitForSelector("#i-rows tr");
  seen.ai_assets = await page.$$eval("#i-rows tr", (r) => r.length);
  await shot("08-inventory");

  seen.page_errors = errors;
  expect(errors.length === 0 || errors.every((e) => e.includes("401")), "no script errors: " + errors);
  await browser.close();
  console.log(JSON.stringify(seen));
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
