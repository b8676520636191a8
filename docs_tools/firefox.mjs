// Firefox for docs_tools/browser.py, which has no Firefox of its own
// (Playwright's needs a patched build, Debian's firefox-esr speaks WebDriver
// BiDi): puppeteer-core starts it, and this process answers one JSON command
// per line on stdin with one JSON line on stdout. What the page reports by
// itself (console errors, uncaught errors, failed requests, HTTP errors) is
// sent as {"event": ...} lines as it happens.
//
//   node docs_tools/firefox.mjs /usr/bin/firefox-esr [--service-workers]
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const executablePath = process.argv[2] ?? "/usr/bin/firefox-esr";
// Off unless asked for, as in the Chromium tests (tests/browser/conftest.py):
// a service worker precaching the whole site in the background would make
// every test's network and timing depend on how far it got.
const serviceWorkers = process.argv.includes("--service-workers");

/** @param {object} message */
function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  // No background calls to outside hosts: the network is closed, and they
  // would be noise.
  extraPrefsFirefox: {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "dom.serviceWorkers.enabled": serviceWorkers,
    // Firefox fetches Material's <link rel="next"> page ahead when idle, and
    // cancels that fetch as soon as the page gets busy: a "failed" request
    // (NS_BINDING_ABORTED) of the next chapter, which no reader sees.
    "network.prefetch-next": false,
  },
});
let page = await browser.newPage();

/** @param {import("puppeteer-core").Page} page */
function watch(page) {
  page.on("console", (message) => {
    if (message.type() === "error") send({ event: "console", text: message.text() });
  });
  page.on("pageerror", (error) =>
    send({ event: "pageerror", text: `${error}${error instanceof Error && error.stack ? ` at ${error.stack}` : ""}` }),
  );
  page.on("requestfailed", (request) =>
    send({ event: "requestfailed", text: `${request.url()} (${request.failure()?.errorText ?? "no reason given"})` }),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) {
      send({ event: "http", text: `${response.status()} ${response.url()}` });
    }
  });
}
watch(page);

/** Keys as Playwright writes them: "Control+Enter". @param {string} combo */
async function press(combo) {
  const keys = /** @type {import("puppeteer-core").KeyInput[]} */ (combo.split("+"));
  const last = /** @type {import("puppeteer-core").KeyInput} */ (keys.pop());
  for (const key of keys) await page.keyboard.down(key);
  await page.keyboard.press(last);
  for (const key of keys.reverse()) await page.keyboard.up(key);
}

/** @type {Record<string, (...args: any[]) => Promise<unknown>>} */
const commands = {
  async goto(url) {
    await page.goto(url, { waitUntil: "load" });
  },
  // A function's source and its one argument, awaited in the page.
  async evaluate(source, arg) {
    return page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`);
  },
  async click(selector) {
    await page.click(selector);
  },
  async type(text) {
    await page.keyboard.type(text);
  },
  press,
  async viewport(width, height) {
    await page.setViewport({ width, height });
  },
  async screenshot(path) {
    await page.screenshot({ path });
  },
  async newPage() {
    await page.close();
    page = await browser.newPage();
    watch(page);
  },
  async close() {
    await browser.close();
    process.exit(0);
  },
};

send({ event: "ready", text: await browser.version() });
for await (const line of createInterface({ input: process.stdin })) {
  const { id, op, args } = JSON.parse(line);
  try {
    send({ id, result: (await commands[op](...args)) ?? null });
  } catch (error) {
    send({ id, error: String(error) });
  }
}
await browser.close();
