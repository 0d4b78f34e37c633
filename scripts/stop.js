/** npm stop: ends the standalone server if one runs; otherwise unregisters the sideloaded add-in. */
const { readFileSync, unlinkSync, existsSync } = require("fs");
const { spawnSync } = require("child_process");
const path = require("path");

const pidFile = path.join(__dirname, "..", "dist", ".standalone.pid");
if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid);
    console.log(`Losse browsermodus gestopt (proces ${pid}).`);
  } catch {
    console.log("Losse browsermodus draaide niet meer.");
  }
  unlinkSync(pidFile);
} else if (["win32", "darwin"].includes(process.platform)) {
  const r = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["office-addin-debugging", "stop", "manifest.xml"], { stdio: "inherit" });
  process.exit(r.status ?? 0);
} else {
  console.log("Er draait niets om te stoppen.");
}
