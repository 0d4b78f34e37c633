/**
 * npm stop: ends every server that npm start started in this project, with the child processes noted in its
 * state file (webpack build, office-addin-debugging), and says what it stopped. State files whose server no
 * longer answers (process ended, pid or port reused by something else) are stale: removed, nothing is killed.
 * A server counts as ours only when it answers /.kia-server.json with the token from its state file.
 * On Windows and macOS it then unregisters the sideloaded add-in (office-addin-debugging stop).
 *
 * State files: dist/.kia-start/<pid>.json, written by scripts/start.js (KIA_START_DIR overrides the folder).
 * A standalone server's build folder (dist/dev/<port>, "dir") goes with it.
 */
const { readFileSync, readdirSync, rmSync, existsSync } = require("fs");
const { spawnSync } = require("child_process");
const http = require("http");
const https = require("https");
const net = require("net");
const path = require("path");
const { IDENTITY_PATH } = require("./serve");

const root = path.join(__dirname, "..");
const defaultDir = () => (process.env.KIA_START_DIR ? path.resolve(process.env.KIA_START_DIR) : path.join(root, "dist", ".kia-start"));

/** The state files in dir, parsed; unreadable ones come back with broken: true. */
function readState(dir = defaultDir()) {
  let names = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.map((n) => {
    const file = path.join(dir, n);
    try {
      return { ...JSON.parse(readFileSync(file, "utf8")), file };
    } catch {
      return { file, broken: true };
    }
  });
}

/** Resolves true when the server on entry.port answers with entry's token and pid. */
function isOurs(entry) {
  if (!entry || entry.broken || !entry.port) return Promise.resolve(false);
  const client = entry.https ? https : http;
  return new Promise((resolve) => {
    const req = client.get({ host: "127.0.0.1", port: entry.port, path: IDENTITY_PATH, timeout: 2000, rejectUnauthorized: false, servername: "localhost" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        try {
          const id = JSON.parse(body);
          resolve(id.token === entry.token && id.pid === entry.pid);
        } catch {
          resolve(false);
        }
      });
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A build folder of npm start (dist/dev/<port>), so a state file never makes stop remove anything else. */
function ownBuild(dir) {
  return typeof dir === "string" && path.dirname(path.resolve(dir)) === path.join(root, "dist", "dev");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function kill(pid, force) {
  try {
    if (process.platform === "win32") spawnSync("taskkill", ["/PID", String(pid), "/T", ...(force ? ["/F"] : [])], { stdio: "ignore" });
    else process.kill(pid, force ? "SIGKILL" : "SIGTERM");
  } catch {
    /* already gone */
  }
}

/** Ends the process and waits (up to 5 s, then forcefully) until it is gone. Windows: at once with its tree
 * (taskkill /T /F; a console process cannot be asked to close), so start.js cannot clean up: that is done here. */
async function end(pid) {
  kill(pid, process.platform === "win32");
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    kill(pid, true);
    for (let i = 0; i < 20 && alive(pid); i++) await sleep(100);
  }
  return !alive(pid);
}

/** Stops everything in dir; returns the lines it printed (for the tests) and whether all ended. */
async function stopAll(dir = defaultDir(), log = console.log) {
  const lines = [];
  const say = (s) => {
    lines.push(s);
    log(s);
  };
  let ok = true;
  const entries = readState(dir);
  const desktop = [];
  for (const entry of entries) {
    if (!(await isOurs(entry))) {
      rmSync(entry.file, { force: true });
      say(entry.broken ? `Onleesbaar statusbestand ${entry.file} verwijderd.` : `Verouderd statusbestand verwijderd: de server van npm start (proces ${entry.pid}, poort ${entry.port}) draaide niet meer.`);
      continue;
    }
    const kids = (entry.children || []).filter((c) => alive(c.pid));
    const mode = entry.mode === "desktop" ? "Excel-add-in" : "losse browsermodus";
    const ended = await end(entry.pid);
    // Children were ended by start.js itself on SIGTERM; any left over (start.js killed hard) are ended here.
    for (const c of kids) if (alive(c.pid)) await end(c.pid);
    const free = await portFree(entry.port);
    if (ended) rmSync(entry.file, { force: true });
    // start.js removes its standalone build as it ends; not when it was ended at once (Windows): done here
    if (ended && entry.mode === "standalone" && ownBuild(entry.dir)) rmSync(entry.dir, { recursive: true, force: true });
    const also = kids.length ? `, met ${kids.map((c) => `${c.name} (proces ${c.pid})`).join(" en ")}` : "";
    if (ended && free) say(`Gestopt: server van npm start (${mode}, ${entry.url}, proces ${entry.pid})${also}. Poort ${entry.port} is weer vrij.`);
    else {
      ok = false;
      say(ended ? `Gestopt: server van npm start (proces ${entry.pid})${also}, maar poort ${entry.port} is nog bezet.` : `Kon npm start (proces ${entry.pid}) niet stoppen.`);
    }
    if (entry.mode === "desktop") desktop.push(entry);
  }
  if (entries.length === 0) say("Er draaide geen server van npm start.");

  // Unregister the sideloaded add-in (also after a desktop start whose state file is gone).
  if (["win32", "darwin"].includes(process.platform) && (desktop.length > 0 || entries.length === 0)) {
    const manifest = desktop.map((e) => e.manifest).find((m) => m && existsSync(m)) || path.join(root, "manifest.xml");
    const cli = path.join(path.dirname(require.resolve("office-addin-debugging/package.json", { paths: [root] })), "cli.js");
    const r = spawnSync(process.execPath, [cli, "stop", manifest], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) ok = false;
  }
  return { ok, lines };
}

if (require.main === module) {
  stopAll().then(({ ok }) => process.exit(ok ? 0 : 1));
}

module.exports = { readState, isOurs, stopAll };
