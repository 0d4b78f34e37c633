/**
 * npm start. On Windows and macOS: build the add-in with https://localhost:<port>/ in its manifest, serve it
 * over https (office-addin-dev-certs) and sideload it into desktop Excel with office-addin-debugging.
 * Where no desktop Excel exists (Linux, CI) or with --standalone: build the standalone page (no office.js, no
 * network) and serve it on http://127.0.0.1:<port>/taskpane.html — the address is printed instead of failing.
 *
 * Its own build folder: npm start builds into and serves dist/dev/<port>/, never dist/addin/ (npm run build's
 * production add-in, with office.js from Microsoft's CDN), so a production build while npm start runs cannot
 * change the page it serves; and two npm starts on different ports (one standalone, one for Excel) do not share
 * a folder either. The standalone folder is removed when the server ends; the desktop one stays, because npm stop
 * unregisters the add-in by its manifest there (the next npm start on that port rebuilds it from scratch).
 *
 * Port: PORT (environment), default package.json "config.dev_server_port" (3000). The port is taken before the
 * build, so a port in use is reported at once, in one line, with the setting to change it (exit code 1).
 * PORT=0 (any free port) is allowed in standalone mode only: the manifest needs a fixed address.
 *
 * The server runs in this process until Ctrl+C or npm stop. This process writes one state file,
 * dist/.kia-start/<pid>.json (KIA_START_DIR overrides the folder, for tests), with its pid, port, address,
 * the token the server answers at /.kia-server.json, and the pids of the child processes it is running
 * (the webpack build, office-addin-debugging). npm stop reads these files; on SIGTERM/SIGINT this process
 * ends its children, closes the server and removes its file.
 */
const { spawn } = require("child_process");
const { writeFileSync, mkdirSync, rmSync } = require("fs");
const net = require("net");
const path = require("path");
const crypto = require("crypto");
const { serve } = require("./serve");

const root = path.join(__dirname, "..");
const pkg = require("../package.json");
const DEFAULT_PORT = Number(pkg.config.dev_server_port);
const stateDir = process.env.KIA_START_DIR ? path.resolve(process.env.KIA_START_DIR) : path.join(root, "dist", ".kia-start");
const stateFile = path.join(stateDir, `${process.pid}.json`);

const args = process.argv.slice(2);
const standalone = args.includes("--standalone") || !["win32", "darwin"].includes(process.platform);
const passThrough = args.filter((a) => a !== "--standalone");

/** Print one line and exit: for expected failures (no stack trace). */
function fail(message, code = 1) {
  console.error(message);
  cleanup();
  process.exit(code);
}

/** How to run npm start with another port, in the syntax of the user's shell. */
function withPort(p) {
  return process.platform === "win32" ? `$env:PORT=${p}; npm start` : `PORT=${p} npm start`;
}

function readPort() {
  const raw = process.env.PORT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PORT;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n > 65535) fail(`PORT moet een poortnummer zijn (1-65535), niet "${raw}". Bijvoorbeeld: ${withPort(DEFAULT_PORT)}`);
  if (n === 0 && !standalone) fail(`PORT=0 (een willekeurige poort) kan alleen in losse browsermodus: Excel laadt de add-in van een vast adres. Kies een poort, bijvoorbeeld: ${withPort(DEFAULT_PORT)}`);
  return n;
}

/** Resolves null when nothing listens on host:port (a bind test; the port is released at once), else the error code. */
function bindError(port, host) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (err) => resolve(["EADDRINUSE", "EACCES"].includes(err.code) ? err.code : null)); // no IPv6: not in use
    probe.listen(port, host, () => probe.close(() => resolve(null)));
  });
}

async function suggestPort(port) {
  const first = port >= 1024 && port < 65535 ? port + 1 : DEFAULT_PORT + 1;
  for (let p = first; p < first + 50 && p <= 65535; p++) if ((await bindError(p, "127.0.0.1")) === null) return p;
  return first;
}

/** One line naming the setting, then exit 1. Names an earlier npm start of this project if that holds the port. */
async function portInUse(port, code) {
  const other = await suggestPort(port);
  if (code === "EACCES") fail(`Poort ${port} mag deze gebruiker niet openen. Kies een andere poort: ${withPort(other)}`);
  const { readState, isOurs } = require("./stop");
  const own = readState(stateDir).find((s) => s.port === port);
  if (own && (await isOurs(own))) fail(`Poort ${port} is al in gebruik door een eerdere npm start (proces ${own.pid}). Stop die met npm stop, of kies een andere poort: ${withPort(other)}`);
  fail(`Poort ${port} is al in gebruik. Kies een andere poort: ${withPort(other)}`);
}

// --- state file and child processes -------------------------------------------------------------------------

const state = { app: pkg.name, pid: process.pid, token: crypto.randomBytes(16).toString("hex"), mode: standalone ? "standalone" : "desktop", port: null, url: null, dir: null, https: !standalone, manifest: null, children: [] };
let server = null;
const children = new Set();

function saveState() {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  children.clear();
  if (server) {
    server.close();
    server.closeAllConnections();
    server = null;
  }
  if (state.port !== null) rmSync(stateFile, { force: true });
  removeStandaloneBuild();
}

/** The standalone build is of no use once its server ends (the desktop one keeps the manifest npm stop needs). */
function removeStandaloneBuild() {
  if (standalone && state.dir) rmSync(state.dir, { recursive: true, force: true });
}

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nnpm start gestopt (${signal}).`);
  cleanup();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
process.on("exit", () => {
  if (state.port !== null) rmSync(stateFile, { force: true });
  removeStandaloneBuild();
});

/** Run a child process (node script), noted in the state file while it runs; resolves with its exit code. */
function runChild(name, script, scriptArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...scriptArgs], { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    children.add(child);
    state.children.push({ name, pid: child.pid });
    saveState();
    const done = (code) => {
      children.delete(child);
      state.children = state.children.filter((c) => c.pid !== child.pid);
      if (!stopping) saveState();
      resolve(code);
    };
    child.on("error", (err) => {
      console.error(`${name} kon niet starten: ${err.message}`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function bin(pkgName, rel) {
  return path.join(path.dirname(require.resolve(`${pkgName}/package.json`, { paths: [root] })), rel);
}

// --- main ---------------------------------------------------------------------------------------------------

async function main() {
  const port = readPort();
  // The port first: before the (slow) build and before asking for certificates.
  if (port !== 0) {
    const code = await bindError(port, "127.0.0.1");
    if (code) await portInUse(port, code);
    // Excel resolves "localhost" and may try ::1 first: a server there would receive the add-in's requests.
    const code6 = standalone ? null : await bindError(port, "::1");
    if (code6) await portInUse(port, code6);
  }

  let tls;
  if (!standalone) {
    const devCerts = require("office-addin-dev-certs");
    tls = await devCerts.getHttpsServerOptions();
  }

  // The folder is named after the port, known once the server listens (PORT=0: the port it got); until then no
  // folder is this process's own (a port in use may be another npm start's, serving dist/dev/<port>).
  let dir = null;
  try {
    server = await serve(() => dir, port, { https: tls, identity: { app: state.app, pid: process.pid, token: state.token } });
  } catch (err) {
    if (err.code === "EADDRINUSE" || err.code === "EACCES") await portInUse(port, err.code);
    throw err;
  }
  state.port = server.address().port;
  dir = state.dir = path.join(root, "dist", "dev", String(state.port));
  state.url = standalone ? `http://127.0.0.1:${state.port}/taskpane.html` : `https://localhost:${state.port}/taskpane.html`;
  saveState();

  const addinUrl = `https://localhost:${state.port}/`;
  const buildEnv = standalone ? { KIA_STANDALONE: "1" } : { KIA_STANDALONE: "", KIA_ADDIN_URL: addinUrl };
  const built = await runChild("webpack", bin("webpack", "bin/webpack.js"), ["--mode", "development", "--output-path", state.dir], buildEnv);
  if (built !== 0) fail(`De build is mislukt (zie hierboven); npm start stopt.`, built || 1);

  if (standalone) {
    console.log(`\nExcel is niet gevonden op deze machine: de add-in draait in losse browsermodus.\nOpen ${state.url}\n(stoppen: Ctrl+C of npm stop)\n`);
    return;
  }

  // Desktop: the built manifest carries https://localhost:<port>/; office-addin-debugging registers it and opens
  // Excel. Its own port setting (--dev-server-port, config.dev_server_port) only applies to a dev server it
  // starts itself; here this process is the server, so the port is passed through the manifest.
  state.manifest = path.join(state.dir, "manifest.xml");
  saveState();
  const hasPlatform = passThrough.some((a) => ["desktop", "web", "win32", "macos"].includes(a));
  const sideloaded = await runChild(
    "office-addin-debugging",
    bin("office-addin-debugging", "cli.js"),
    ["start", state.manifest, ...(hasPlatform ? [] : ["desktop"]), ...passThrough],
    { npm_package_config_dev_server_port: String(state.port), npm_package_config_app_to_debug: "excel" },
  );
  if (sideloaded !== 0) fail(`Laden in Excel is mislukt (zie hierboven); npm start stopt.`, sideloaded);
  console.log(`\nDe add-in draait op ${addinUrl} en is in Excel geladen.\n(stoppen: Ctrl+C of npm stop)\n`);
}

main().catch((err) => {
  console.error(`npm start is mislukt: ${err && err.message ? err.message : err}`);
  cleanup();
  process.exit(1);
});
