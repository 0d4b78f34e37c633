/**
 * A static file server for npm start and the browser tests. It listens on 127.0.0.1 only (no network beyond
 * loopback); http for the standalone browser mode, https (options.https = { key, cert }) for desktop Excel.
 *
 * serve(dir, port, options) resolves with the listening server, or rejects with the listen error
 * (EADDRINUSE, EACCES …) so callers can report it instead of crashing. dir may be a function giving the folder
 * at each request (npm start names its folder after the port it got; null until then: nothing is served).
 * options.identity: an object served as JSON at IDENTITY_PATH, so npm stop can check that the process on a
 * port is really the server npm start wrote down (and not a later process that reused its pid or port).
 */
const http = require("http");
const https = require("https");
const fs = require("fs");
const path = require("path");

const IDENTITY_PATH = "/.kia-server.json";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".png": "image/png", ".xml": "application/xml", ".css": "text/css", ".map": "application/json" };

function serve(dir, port = 0, options = {}) {
  const folder = typeof dir === "function" ? dir : () => dir;
  const handler = (req, res) => {
    let url;
    try {
      url = decodeURIComponent((req.url || "/").split("?")[0]);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Ongeldig adres");
      return;
    }
    if (options.identity && url === IDENTITY_PATH) {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(options.identity));
      return;
    }
    const current = folder();
    if (!current) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Niet gevonden");
      return;
    }
    const root = path.resolve(current);
    const file = path.resolve(root, "." + (url === "/" ? "/taskpane.html" : url));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Niet gevonden");
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Access-Control-Allow-Origin": "*" }).end(data);
    });
  };
  const server = options.https ? https.createServer(options.https, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

module.exports = { serve, IDENTITY_PATH };
