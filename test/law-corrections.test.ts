/**
 * The law corrections: refusals of impossible input, sources and citations an accountant can click, Dutch-only
 * output, and an explanation that names the assets behind each count. The wrong numbers themselves are
 * reproduced by the worked examples in test/scenarios (scenarios.test.ts).
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { evaluate, explainText } from "../src";
import { establishedYears, rawTablesData, ref, referenceKeys } from "../src/law";
import { highestConfidence, tableInvariantErrors } from "../src/law/schema";
import type { YearData } from "../src/law";
import { errorOf, inv } from "./support/evaluate";


describe("input the law makes impossible is refused, naming the field", () => {
  it.each([
    ["replacements that form a cycle", [inv("a", "machine", 1000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 1000, { lostByCalamity: { replacedBy: "a" } })], "INVALID_REPLACEMENT", "kring (a → b → a)"],
    ["a longer cycle", [inv("a", "machine", 1000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 1000, { lostByCalamity: { replacedBy: "c" } }), inv("c", "machine", 1000, { lostByCalamity: { replacedBy: "a" } })], "INVALID_REPLACEMENT", "kring"],
    ["an empty group", [inv("a", "machine", 1000, { group: "" })], "INVALID_TYPE", "niet-lege tekst"],
    ["a whitespace group", [inv("a", "machine", 1000, { group: "   " })], "INVALID_TYPE", "niet-lege tekst"],
    ["a null group", [inv("a", "machine", 1000, { group: null })], "INVALID_TYPE", "niet-lege tekst"],
    ["a numeric group", [inv("a", "machine", 1000, { group: 7 })], "INVALID_TYPE", "niet-lege tekst"],
    ["a group whose rows disagree on being in use", [inv("a", "machine", 1000, { group: "g" }), inv("b", "machine", 1000, { group: "g", inUse: false })], "INVALID_GROUP", "samen in gebruik"],
    ["an exemption without a related party", [inv("a", "machine", 1000, { exemption: true })], "INVALID_COMBINATION", "verbonden partij"],
    ["a market value without an exemption", [inv("a", "machine", 1000, { relatedParty: true, marketValue: 2000 })], "INVALID_COMBINATION", "ontheffing"],
    ["an override without a reason", [inv("a", "machine", 1000, { override: { eligible: false, reason: " " } })], "MISSING_FIELD", "geschreven reden"],
  ])("%s", (_n, investments, code, text) => {
    const e = errorOf({ year: 2024, investments });
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(e.field).toMatch(/^investments\[\d\]/);
  });

  it("a chain of replacements without a cycle is fine", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 1000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 1000, { lostByCalamity: { replacedBy: "c" } }), inv("c", "machine", 1000)] });
    expect(r.calamity!.items.map((i) => i.id)).toEqual(["a", "b"]);
  });

  it("rows whose group differs only in surrounding spaces are one asset", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "computer", 300, { group: "werkplek" }), inv("b", "computer", 200, { group: " werkplek " })] });
    expect(r.assets.every((a) => a.counted)).toBe(true);
  });

  it("a top-level description that is not text is refused", () => {
    expect(errorOf({ year: 2024, description: { x: 1 }, investments: [] }).field).toBe("scenario.description");
  });

  it("the partnership key accepts Dutch names, and Dutch texts name the key in Dutch", () => {
    const partners = [{ name: "A", kapitaal: 1 }];
    void partners;
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { key: "kapitaal", partners: [{ name: "A", capital: 3 }, { name: "B", capital: 1 }] } });
    expect(r.partnership!.keyApplied).toBe("capital");
    const w = r.warnings.find((x) => x.code === "PARTNERSHIP_REQUEST")!;
    expect(w.text).toContain("kapitaalsverhouding");
    expect(w.text).not.toContain("capital");
    expect(evaluate({ year: 2024, investments: [], partnership: { key: "Gelijke delen", partners: [{ name: "A" }, { name: "B" }] } }).partnership!.keyApplied).toBe("equal");
    expect(evaluate({ year: 2024, investments: [], partnership: { key: "stille reserves", partners: [{ name: "A", reserves: 1 }, { name: "B", reserves: 1 }] } }).partnership!.keyApplied).toBe("reserves");
  });
});

describe("sources an accountant can check", () => {
  const data = rawTablesData();

  it.each(establishedYears())("%i cites the law as it read that year, as structured data", (year) => {
    const e = data.years[String(year)];
    const wet = e.sources!.find((s) => s.kind === "wet")!;
    expect(wet.url).toBe(`https://wetten.overheid.nl/jci1.3:c:BWBR0011353&artikel=3.41&z=${year}-01-01&g=${year}-01-01`);
    expect(wet.covers).toContain("table");
    for (const s of e.sources!) {
      expect(["wet", "besluit", "belastingdienst", "rechtspraak", "secondary"]).toContain(s.kind);
      expect(s.url).toMatch(/^https?:\/\/[^\s]+$/);
      expect(s.url).not.toContain("...");
      expect(s.supports.length).toBeGreaterThan(5);
    }
    const report = evaluate({ year, investments: [] });
    expect(report.parameters.sources).toEqual(e.sources);
    expect(report.warnings.map((w) => w.code)).not.toContain("TABLE_CONFIDENCE");
  });

  it("a year backed only by non-authoritative websites cannot claim to be official, and warns in Dutch", () => {
    const y: YearData = JSON.parse(JSON.stringify(data.years["2024"]));
    y.sources = y.sources!.filter((s) => s.kind === "secondary" && s.covers.includes("table"));
    expect(y.sources).toHaveLength(1);
    expect(highestConfidence(y)).toBe("single-source");
    expect(tableInvariantErrors("2024", y).join("\n")).toContain("claims more than the sources allow");
    y.sources.push({ ...y.sources[0], title: "another adviser's website" });
    expect(highestConfidence(y)).toBe("corroborated");
    y.confidence = "corroborated";
    expect(tableInvariantErrors("2024", y)).toEqual([]);
  });

  it("every legal reference deep-links: an article as it read in the year, a ruling by ECLI, a besluit by its dated version", () => {
    for (const key of referenceKeys()) {
      for (const year of [2012, 2016, 2024]) {
        let r;
        try {
          r = ref(key, year);
        } catch {
          continue; // no version for that year
        }
        if (r.bwb === "BWBR0011353") {
          expect(r.url).toBe(`https://wetten.overheid.nl/jci1.3:c:BWBR0011353&artikel=${r.label.match(/art\. ([\d.a-z]+)/)![1]}&z=${year}-01-01&g=${year}-01-01`);
        } else if (r.label.startsWith("HR") && !r.label.includes("aangehaald in Besluit")) {
          // a ruling without an ECLI (HR 24 december 1975) is cited through the besluit that quotes it (next branch)
          expect(r.url).toMatch(/^https:\/\/deeplink\.rechtspraak\.nl\/uitspraak\?id=ECLI:NL:HR:\d{4}:\d+$/);
        } else if (r.bwb) {
          expect(r.url).toMatch(new RegExp(`^https://wetten\\.overheid\\.nl/${r.bwb}/\\d{4}-\\d{2}-\\d{2}$`));
        } else {
          expect(r.url).toBe("docs/rounding.md");
        }
        expect(r.url).not.toMatch(/overheid\.nl\/BWBR\d+\/?$/);
      }
    }
  });

  it("the rounding step cites the rounding policy, never besluit 4.4 as if it were the rule", () => {
    const r = evaluate({ year: 2014, investments: [inv("a", "vrachtauto", 204000)] });
    const stepRef = r.explanation.find((s) => s.text.startsWith("Afgerond"))!.ref!;
    expect(stepRef).toBe("afrondingsbeleid van de add-in");
    expect(r.parameters.references.find((x) => x.label === stepRef)!.url).toBe("docs/rounding.md");
  });

  it("art. 3.41 lid 3 from 2021 is in the law data verbatim, so no 'not verified' warning remains", () => {
    const lid3 = ref("wetib-3.41-3", 2024);
    expect(lid3.verified).toBe(true);
    expect(lid3.text).toContain("buitenvennootschappelijke investeringen samengeteld");
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }] } });
    expect(r.warnings.map((w) => w.code)).not.toContain("REFERENCE_UNVERIFIED");
  });

  it("the partners' rounding warning appears only when rounding changed the sum", () => {
    const even = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }] } });
    expect(even.warnings.map((w) => w.code)).not.toContain("PARTNERSHIP_ROUNDING");
    const odd = evaluate({ year: 2024, investments: [inv("a", "machine", 10001)], partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }] } });
    // 2.800,28 -> 2.801; halves 1.400,14 -> 1.401 each, together 2.802
    expect(odd.warnings.find((w) => w.code === "PARTNERSHIP_ROUNDING")!.text).toContain("€ 2.802");
  });
});

describe("Dutch output has no English", () => {
  const ENGLISH = /\b(the|and|of the|verified|source|sources|law text|capital|profit|reserves|equal|partner|partnership|investment|amount|threshold|inferred|single|only|not|with|from|years?)\b/i;
  const scenarios = readdirSync(join(__dirname, "scenarios"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(__dirname, "scenarios", f), "utf8")).scenario);
  const more = [
    { year: 2020, investments: [inv("a", "machine", 50000, { paid: 10, inUse: false }), inv("b", "personenauto", 30000), inv("c", "machine", 300)], partnership: { key: "kapitaal", jointRequest: false, partners: [{ name: "A", profit: 1, capital: 2, outsideInvestments: 1000 }, { name: "B", profit: 1, capital: 1 }] } },
    { year: 2024, investments: [inv("a", "personenauto-emissieloos", 40000, { relatedParty: true, exemption: true, date: "2023-12-31" }), inv("b", "machine", 1000, { override: { eligible: false, reason: "privé gebruikt" } })] },
  ];

  it.each([...scenarios, ...more].map((s, i) => [i, s]))("scenario %i", (_i, s) => {
    const r = evaluate(s);
    const texts = [
      ...r.warnings.map((w) => w.text),
      ...r.explanation.map((x) => x.text),
      ...r.assets.flatMap((a) => a.reasons.map((x) => x.text)),
      ...(r.partnership?.conditions.map((c) => c.text) ?? []),
      ...(r.calamity?.items.flatMap((i) => i.conditions.map((c) => c.text)) ?? []),
      r.parameters.confidenceDetail,
      r.parameters.notes,
      r.parameters.contradictions,
      r.parameters.rounding,
      ...r.parameters.sources.map((x) => x.supports),
    ];
    for (const t of texts) {
      // Names of people and assets come from the scenario; strip the ids before looking for English words.
      const cleaned = t.replace(/"[^"]*"/g, "").replace(/\b(Broer [AB]|Maat \d|Dierenarts|[A-Z])\b/g, "");
      expect(cleaned).not.toMatch(ENGLISH);
    }
  });
});

describe("the explanation names the assets behind each count", () => {
  const r = evaluate({
    year: 2024,
    investments: [
      inv("auto-1", "personenauto", 30000),
      inv("grond-1", "grond", 50000),
      inv("muis", "computer", 30),
      inv("pers", "machine", 40000, { paid: 1000, inUse: false }),
      inv("oom", "machine", 5000, { relatedParty: true }),
      inv("m", "machine", 60000),
    ],
    partnership: { key: "capital", jointRequest: true, partners: [{ name: "A", capital: 1 }, { name: "B", capital: 1 }] },
  });
  const text = explainText(r);

  it("which asset was excluded and why", () => {
    expect(text).toMatch(/Uitgesloten bedrijfsmiddel \(personenauto\): auto-1\. \[art\. 3\.45 lid 1 Wet IB 2001\]/);
    expect(text).toMatch(/Uitgesloten bedrijfsmiddel \(grond\): grond-1\./);
  });
  it("which fell under € 450, and which obligation was with a related party", () => {
    expect(text).toContain("minder dan € 450: muis (€ 30,00)");
    expect(text).toContain("verbonden partij zonder ontheffing, telt niet mee: oom");
  });
  it("which was not paid and not in use, in the payment-criterion step", () => {
    expect(text).toMatch(/Betalingscriterium: niet in gebruik genomen en niet volledig betaald: pers: .*\[art\. 3\.44 lid 1 Wet IB 2001\]/);
  });
  it("the partnership conditions a-f once each", () => {
    for (const c of ["a", "b", "c", "d", "e", "f"]) expect(text.split(`Voorwaarde ${c} (`).length - 1).toBe(1);
  });
  it("lists stay bounded for large ledgers", () => {
    const many = evaluate({ year: 2024, investments: Array.from({ length: 1208 }, (_, i) => inv(`auto-${i}`, "personenauto", 20000)) });
    const step = many.explanation.find((s) => s.text.startsWith("Uitgesloten"))!.text;
    expect(step).toContain("auto-0, auto-1, auto-2, auto-3, auto-4 en 1.203 andere");
    expect(step.length).toBeLessThan(200);
  });
});
