import { allTableErrors, checkShape, lawDataErrors, rulesShape, tablesShape, tableInvariantErrors } from "../src/law/schema";
import { rawLawData, rawTablesData, establishedYears, getYearTable, disposalYearTable, inWindow, ref, referenceKeys, allCategories, findCategory, categoryRule, rules } from "../src/law";
import { NoTableError, KiaValidationError } from "../src";
import type { TablesData } from "../src/law";

const clone = (): TablesData => JSON.parse(JSON.stringify(rawTablesData()));

describe("law data: year tables", () => {
  it("has an established table for every year 2010-2026", () => {
    expect(establishedYears()).toEqual(Array.from({ length: 17 }, (_, i) => 2010 + i));
  });

  it("passes the schema and the invariants for every year", () => {
    expect(allTableErrors(rawTablesData())).toEqual([]);
    // the other law files too (checked here, not at run time: the data is bundled and cannot change after the build)
    expect(lawDataErrors(rawLawData())).toEqual([]);
    expect(checkShape(rulesShape, { ...rawLawData().rules, calamty: {} }, "rules").join("\n")).toMatch(/calamty: unknown key/);
  });

  it("gives a clear error for years without an established table, never another year's", () => {
    for (const y of [2009, 2027, 2001, 1999, 2100]) {
      expect(() => getYearTable(y)).toThrow(NoTableError);
      expect(() => getYearTable(y)).toThrow(`Geen KIA-tabel voor ${y}`);
    }
    try {
      getYearTable(2027);
    } catch (e) {
      expect(e).toBeInstanceOf(KiaValidationError);
      expect((e as KiaValidationError).code).toBe("NO_TABLE");
      expect((e as KiaValidationError).field).toBe("year");
    }
  });

  it("a disposal needs its investment year's table inside the five-year window only (art. 3.47 lid 2), asked without a calculation", () => {
    expect([inWindow(2009, 2013), inWindow(2008, 2013), inWindow(2014, 2013)]).toEqual([true, false, false]);
    // outside the window: no table needed, also for a year the data does not know
    expect(disposalYearTable(2008, 2013, "disposals[0].investmentYear")).toBeUndefined();
    expect(disposalYearTable(2020, 2024, "disposals[0].investmentYear")).toBe(getYearTable(2020));
    let error: unknown;
    try {
      disposalYearTable(2009, 2012, "disposals[3].investmentYear");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoTableError);
    expect((error as NoTableError).field).toBe("disposals[3].investmentYear");
    expect((error as NoTableError).message).toBe(
      "disposals[3].investmentYear: Geen KIA-tabel voor 2009 (deze vervreemding valt binnen vijf jaar na het investeringsjaar, dus de tabel van dat jaar is nodig; de add-in kent de jaren 2010–2026)",
    );
  });

  it("marks each year with a confidence and sources", () => {
    const data = rawTablesData();
    for (const y of establishedYears()) {
      const e = data.years[String(y)];
      expect(e.sources!.length).toBeGreaterThan(0);
      expect(e.confidence).not.toBe("unknown");
    }
    // 2022's 28%-edge and fixed amount, once backed by one website only, are now read in the law text of 1-1-2022.
    expect(getYearTable(2022).confidence).toBe("official");
  });

  describe("a typo in a year fails the checks", () => {
    it.each([
      ["fixed amount off by a digit", (d: TablesData) => (d.years["2021"].bands![2].fixed = 16658)],
      ["28% edge typo", (d: TablesData) => (d.years["2019"].bands![1].upTo = 75321)],
      ["bands not contiguous", (d: TablesData) => (d.years["2024"].bands![3].over = 129195)],
      ["ceiling typo", (d: TablesData) => (d.years["2016"].bands![3].upTo = 331242)],
      ["phase-out base differs from band", (d: TablesData) => (d.years["2025"].bands![3].phaseoutFrom = 130745)],
      ["phase-out percentage typo", (d: TablesData) => (d.years["2012"].bands![3].phaseoutPercent = "75.6")],
      ["bands out of order", (d: TablesData) => d.years["2020"].bands!.reverse()],
      ["missing source", (d: TablesData) => (d.years["2018"].sources = [])],
      ["fixed on a percentage band", (d: TablesData) => (d.years["2017"].bands![1].fixed = 15734)],
    ])("%s", (_name, mutate) => {
      const d = clone();
      mutate(d);
      expect(allTableErrors(d).length).toBeGreaterThan(0);
    });

    it("a misspelled key is a schema error", () => {
      const d = clone() as unknown as { years: Record<string, { bands: Record<string, unknown>[] }> };
      d.years["2023"].bands[3].phaseoutPrecent = "7.56";
      expect(checkShape(tablesShape, d, "kia-tables").join("\n")).toMatch(/phaseoutPrecent: unknown key/);
    });

    it("a percentage written as a float is a schema error", () => {
      const d = clone() as unknown as { years: Record<string, { bands: Record<string, unknown>[] }> };
      d.years["2023"].bands[1].percent = 28;
      expect(checkShape(tablesShape, d, "kia-tables").join("\n")).toMatch(/decimal string/);
    });
  });

  it("2018's ceiling anomaly is declared with a note, is real, and a stale declaration is an error", () => {
    const d = clone();
    expect(d.years["2018"].knownAnomalies![0].check).toBe("ceiling");
    delete d.years["2018"].knownAnomalies;
    expect(tableInvariantErrors("2018", d.years["2018"]).join()).toMatch(/ceiling 314673 is 46.04 away/);
    const e = clone();
    e.years["2021"].knownAnomalies = [{ check: "ceiling", note: "x" }];
    expect(tableInvariantErrors("2021", e.years["2021"]).join()).toMatch(/declared but the check passes/);
  });

  it("a not-established year must not carry bands", () => {
    const d = clone();
    d.years["2027"].bands = d.years["2026"].bands;
    expect(tableInvariantErrors("2027", d.years["2027"]).length).toBeGreaterThan(0);
  });
});

describe("law data: references", () => {
  it("every reference resolves for every supported year, with a BWB id for statute and besluit", () => {
    for (const y of establishedYears()) {
      for (const k of referenceKeys()) {
        if (k.startsWith("hr-") && y >= 2021) continue;
        const r = ref(k, y);
        expect(r.label.length).toBeGreaterThan(5);
        if (k.startsWith("wetib") || k.startsWith("besluit")) expect(r.bwb).toMatch(/^BWBR\d{7}$/);
      }
    }
  });

  it("uses the 2009 besluit numbering before 2014 and the 2014 besluit from 2014", () => {
    expect(ref("besluit-verdeelsleutel", 2013).label).toBe("Besluit investeringsaftrek 2009, onderdeel 4.1.3");
    expect(ref("besluit-verdeelsleutel", 2014).label).toBe("Besluit investeringsaftrek 2014, onderdeel 4.1.4");
    expect(ref("besluit-verdeelsleutel", 2014).bwb).toBe("BWBR0034987");
    expect(ref("besluit-calamiteit", 2012).bwb).toBe("BWBR0026423");
    expect(ref("wetib-3.45-minimum", 2013).label).toBe("art. 3.45 lid 1 onderdeel a Wet IB 2001");
    expect(ref("wetib-3.45-minimum", 2014).label).toBe("art. 3.45 lid 2 onderdeel b Wet IB 2001");
  });

  it("every rule and category names a reference that exists for all its years", () => {
    for (const c of allCategories()) {
      for (const r of c.rules) {
        for (let y = r.from; y <= (r.to ?? 2026); y++) expect(() => ref(r.ref, y)).not.toThrow();
      }
    }
    const keys = [
      rules.minimumAssetAmount.ref, rules.minimumAssetAmount.componentRef, rules.minimumAssetAmount.perAssetRef,
      rules.partnership.ref, rules.partnership.allocationRef, rules.calamity.ref, rules.relatedParty.ref,
      rules.relatedParty.exemptionRef, rules.paymentCriterion.ref, rules.disinvestment.ref, rules.disinvestment.windowRef,
      rules.disinvestment.yearRulesRef, rules.rounding.ref,
    ];
    for (const k of keys) for (const y of establishedYears()) expect(() => ref(k, y)).not.toThrow();
  });
});

describe("law data: category catalogue", () => {
  const eligible = ["machine", "inventaris", "computer", "software", "gereedschap", "bestelauto", "vrachtauto", "bedrijfsgebouw", "verbouwing", "zonnepanelen", "overig", "personenauto-beroepsvervoer"];
  const excluded = ["grond", "woonhuis", "personenauto", "dieren", "vaartuig-representatie", "effecten", "vorderingen", "goodwill", "vergunning", "verhuur", "buitenland"];

  it.each(establishedYears())("has a rule for every required code in %i", (y) => {
    for (const code of eligible) expect(categoryRule(findCategory(code)!, y)!.eligible).toBe(true);
    for (const code of excluded) expect(categoryRule(findCategory(code)!, y)!.eligible).toBe(false);
  });

  it("personenauto-emissieloos: eligible 2010-2013 by the law text, excluded from 2014", () => {
    const c = findCategory("personenauto-emissieloos")!;
    expect([2010, 2011, 2012, 2013].map((y) => categoryRule(c, y)!.eligible)).toEqual([true, true, true, true]);
    expect([2014, 2017, 2026].map((y) => categoryRule(c, y)!.eligible)).toEqual([false, false, false]);
    expect(c.warning).toBe("EMISSIELOOS_CHECK");
  });

  it("finds categories by code, Dutch label or English alias, case-insensitively", () => {
    expect(findCategory("MACHINE")!.code).toBe("machine");
    expect(findCategory("Machinery")!.code).toBe("machine");
    expect(findCategory("  Vrachtwagen ")!.code).toBe("vrachtauto");
    expect(findCategory("Passenger car")!.code).toBe("personenauto");
    expect(findCategory("taxi")!.code).toBe("personenauto-beroepsvervoer");
    expect(findCategory("Grond")!.code).toBe("grond");
    expect(findCategory("spaceship")).toBeUndefined();
  });

  it("has unique codes", () => {
    const codes = allCategories().map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
