/** Offline manifest checks (office-addin-manifest validate needs Microsoft's online service). */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { readFileSync } from "fs";
import { join } from "path";

const xml = readFileSync(join(__dirname, "..", "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: () => false });

type Node = Record<string, unknown>;
function walk(node: unknown, visit: (key: string, value: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => {
    if (n && typeof n === "object") visit("", n as Node);
    walk(n, visit);
  });
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Node)) {
      if (v && typeof v === "object") visit(k, v as Node);
      walk(v, visit);
    }
  }
}

describe("manifest.xml", () => {
  const doc = parser.parse(xml);
  const overrides = doc.OfficeApp.VersionOverrides;
  const resources = overrides.Resources;
  const ids = new Map<string, Node>();
  for (const group of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
    const items = Object.values(resources[group] as Node)[0];
    for (const item of Array.isArray(items) ? items : [items]) ids.set((item as Node)["@id"] as string, item as Node);
  }

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("every resid resolves", () => {
    const used: string[] = [];
    walk(doc, (_k, v) => {
      if (typeof v["@resid"] === "string") used.push(v["@resid"]);
    });
    expect(used.length).toBeGreaterThan(10);
    for (const r of used) expect(ids.has(r)).toBe(true);
  });

  it("the shared runtime resid is the same for the runtime, the functions page, the function file and the taskpane", () => {
    const host = overrides.Hosts.Host;
    const runtime = host.Runtimes.Runtime["@resid"];
    const cf = host.AllFormFactors.ExtensionPoint;
    expect(host.Runtimes.Runtime["@lifetime"]).toBe("long");
    expect(cf.Page.SourceLocation["@resid"]).toBe(runtime);
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe(runtime);
    expect(host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group.Control.Action.SourceLocation["@resid"]).toBe(runtime);
    expect(doc.OfficeApp.Requirements.Sets.Set["@Name"]).toBe("SharedRuntime");
  });

  it("custom functions extension point: script, page, metadata, namespace KIA (<= 32 characters)", () => {
    const cf = overrides.Hosts.Host.AllFormFactors.ExtensionPoint;
    expect(Object.keys(cf).filter((k) => !k.startsWith("@"))).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    const ns = ids.get(cf.Namespace["@resid"])!["@DefaultValue"] as string;
    expect(ns).toBe("KIA");
    expect(ns.length).toBeLessThanOrEqual(32);
  });

  it("all URLs are https on one host; the Dutch metadata is wired with bt:Override nl-NL", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith("https://localhost:3000/")).toBe(true);
    const meta = ids.get("Functions.Metadata.Url")!;
    expect(meta["bt:Override"]).toMatchObject({ "@Locale": "nl-NL", "@Value": "https://localhost:3000/functions-nl.json" });
  });

  it("asks for no more than document read/write and has Dutch strings", () => {
    expect(doc.OfficeApp.Permissions).toBe("ReadWriteDocument");
    expect(doc.OfficeApp.DisplayName.Override["@Locale"]).toBe("nl-NL");
    expect((ids.get("TaskpaneButton.Label")!["bt:Override"] as Node)["@Value"]).toBe("KIA-rekenhulp");
  });
});
