/* global document */
/**
 * The taskpane (and the page of the shared runtime). Finds out where it runs (workbook/host.ts: inside Excel with
 * the Office.js workbook, or standalone), then renders the pane (app/App.tsx). In the standalone page an uploaded
 * ledger is opened by workbook/file.ts, imported dynamically so the file adapter (JSZip) is a lazy chunk that Excel never loads, and
 * read in a Web Worker (read-worker.js) so the page stays responsive and the user can stop it.
 */
import { render } from "preact";
import { App, type UploadedFile } from "./app/App";
import { STANDALONE_BUILD, VERSION } from "./app/version";
import { connect } from "./workbook/host";
import type { ReadProgress } from "./workbook/types";

/** The sample ledger, copied next to the standalone page by the build (examples/). */
const SAMPLE = "examples/voorbeeld-staat-2025.xlsx";

/** The Web Worker that reads an uploaded file (workbook/read-worker.ts, an entry of its own beside the page). */
const READER = "read-worker.js";

async function openFile(file: UploadedFile, reading: { signal: AbortSignal; onProgress: (p: ReadProgress) => void }) {
  const { openFileWorkbook } = await import(/* webpackChunkName: "file-workbook" */ "./workbook/file");
  return openFileWorkbook(file, { ...reading, ...(typeof Worker === "undefined" ? {} : { readerUrl: READER }) });
}

function start(): void {
  const root = document.getElementById("app")!;
  connect()
    .then(async (host) => {
      // English words only for an English pane: a chunk of their own (app/i18n-en.ts)
      if (host.language === "en") await import(/* webpackChunkName: "i18n-en" */ "./app/text/i18n-en");
      return host;
    })
    .then((host) => {
      render(
        <App
          host={host}
          version={VERSION}
          openFile={host.kind === "standalone" ? openFile : undefined}
          sampleUrl={host.kind === "standalone" && STANDALONE_BUILD ? SAMPLE : undefined}
        />,
        root,
      );
      document.documentElement.lang = host.language;
      document.body.dataset.ready = "true";
    })
    .catch((e: unknown) => {
      root.textContent = `De KIA-rekenhulp kon niet starten: ${e instanceof Error ? e.message : String(e)}`;
      document.body.dataset.ready = "error";
    });
}

start();
