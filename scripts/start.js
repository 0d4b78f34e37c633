/**
 * npm start: on Windows and macOS, build and sideload into desktop Excel with office-addin-debugging.
 * Where no desktop Excel exists (Linux, CI) or with --standalone: build the standalone page (local office.js)
 * and serve it on http://127.0.0.1:3000 — the page's address is printed instead of failing.
 * npm stop ends either.
 */
const { spawnSync, spawn } = require("child_process");
const { writeFileSync, mkdirSync } = require("fs");
const path = require("path");
const { serve } = require("./serve");

const root = path.join(__dirname, "..");
const args = process.argv.slice(2);
const standalone = args.includes("--standalone") || !["win32", "darwin"].includes(process.platform);
const port = Number(process.env.PORT || 3000);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function run(cmd, cmdArgs, env) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status || 1);
}

if (standalone) {
  run(npx, ["webpack", "--mode", "development"], { KIA_STANDALONE: "1" });
  serve(path.join(root, "dist", "addin"), port).then((server) => {
    const url = `http://127.0.0.1:${server.address().port}/taskpane.html`;
    mkdirSync(path.join(root, "dist"), { recursive: true });
    writeFileSync(path.join(root, "dist", ".standalone.pid"), String(process.pid));
    console.log(`\nExcel is niet gevonden op deze machine: de add-in draait in losse browsermodus.\nOpen ${url}\n(stoppen: Ctrl+C of npm stop)\n`);
  });
} else {
  run(npx, ["webpack", "--mode", "development"], {});
  const child = spawn(npx, ["office-addin-debugging", "start", "manifest.xml", ...args], { cwd: root, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
}
