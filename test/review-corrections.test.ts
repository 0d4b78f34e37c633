/**
 * Corrections after a legal review of the core: the HR 2019 exception, related-party obligations above the
 * market value, the partner's part of a deduction base, exact pro rata and exact splits, groups that must agree,
 * the calamity choice with a disposals total, the payment criterion per partner, and the Excel functions' shares
 * and disposals. Each expected figure is worked out by hand in the comment next to it.
 */
import * as fn from "../functions/functions";
import { evaluate, NoTableError, type Report } from "../src";
import { readPartners } from "../src/workbook/ledger";
import { splitExactly } from "../src/partnership";
import { Decimal } from "../src";
import { errorOf, inv } from "./support/evaluate";



const partner = (r: Report, name: string) => r.partners!.find((p) => p.name === name)!;

describe("HR 24 mei 2019: the whole fixed amount when the partnership's total plus the partner's own and his own amount both fall in that band", () => {
  const y2013 = (partnership: number, partners: unknown[]) =>
    evaluate({ year: 2013, investments: [inv("maatschap", "machine", partnership)], partnership: { partners } });

  it("a partner with € 1 of his own and a combined total in the phase-out gets the pro rata amount", () => {
    // row on 120.001: 15.470 - 7,56% x (120.001 - 102.311) = 14.132,636; his part 60.000 + 1 = 60.001;
    // 14.132,636 x 60.001 / 120.001 = 7.066,3768854926..., rounded up to 10 decimals and to the euro: 7.067
    const r = y2013(120000, [{ name: "A", profit: 1, outsideInvestments: 1 }, { name: "B", profit: 1 }]);
    expect(partner(r, "A")).toMatchObject({ method: "hr-2020-pro-rata", kiaExact: "7066.3768854927", kia: "7067", combinedTotal: "120001" });
  });

  it("a combined total beyond the fixed band: pro rata (here nil above the ceiling)", () => {
    // 400.000 + 60.000 = 460.000 > 306.931: the row gives nil, and so does his proportion
    const r = y2013(400000, [{ name: "A", profit: 1, outsideInvestments: 60000 }, { name: "B", profit: 9 }]);
    expect(partner(r, "A")).toMatchObject({ method: "hr-2020-pro-rata", kia: "0" });
  });

  it("a combined total and his own amount in the fixed band: the whole fixed amount, not 15.470 x 60.000 / 90.000 = 10.314", () => {
    // 60.000 + 30.000 = 90.000 and his 30.000 + 30.000 = 60.000 lie in the fixed band (55.248-102.311): no proportion
    const r = y2013(60000, [{ name: "A", profit: 1, outsideInvestments: 30000 }, { name: "B", profit: 1 }]);
    expect(partner(r, "A")).toMatchObject({ method: "hr-2019-fixed", kia: "15470" });
    const r2 = y2013(80000, [{ name: "A", profit: 1, outsideInvestments: 20000 }, { name: "B", profit: 1 }]);
    expect(partner(r2, "A")).toMatchObject({ method: "hr-2019-fixed", kia: "15470" });
    // B has no own investments: half the partnership's 15.470 (80.000 is in the fixed band too)
    expect(partner(r2, "B").kia).toBe("7735");
  });

  it("a combined total below the fixed band: pro rata at 28%", () => {
    // 20.000 + 10.000 = 30.000: 8.400; part 10.000 + 10.000: 8.400 x 20.000 / 30.000 = 5.600
    const r = y2013(20000, [{ name: "A", profit: 1, outsideInvestments: 10000 }, { name: "B", profit: 1 }]);
    expect(partner(r, "A")).toMatchObject({ method: "hr-2020-pro-rata", kia: "5600" });
  });

  it("the dierenarts: 40.517 + 56.515 = 97.032 in the fixed band, € 15.470", () => {
    const r = y2013(40517, [{ name: "A", profit: 1, outsideInvestments: 56515 }, { name: "B", profit: 5 }]);
    expect(partner(r, "A")).toMatchObject({ method: "hr-2019-fixed", kia: "15470", kiaExact: "15470" });
    expect(r.explanation.map((e) => e.text).join("\n")).toContain("het eigen investeringsbedrag (aandeel plus eigen) is € 63.267,83: beide vallen in de schijf met het vaste bedrag, dus het hele vaste bedrag € 15.470");
  });
});

describe("a related-party obligation counts at most up to the market value (besluit 5)", () => {
  it("an obligation above the market value: the market value for the total and for the deduction", () => {
    // total 20.000 (market value) + 10.000 = 30.000: 28% = 8.400; the deduction base is the same 30.000, so 8.400
    const r = evaluate({
      year: 2024,
      investments: [
        inv("pand", "machine", 30000, { relatedParty: true, exemption: true, marketValue: 20000, inUse: false, paid: 0 }),
        inv("m", "machine", 10000),
      ],
    });
    expect(r.total).toBe("30000");
    expect(r.kiaExact).toBe("8400");
    expect(r.deductionBase).toBeUndefined();
    expect(r.assets[0].kiaAttributed).toBe("5600");
    // not in use and nothing paid: its 28% x 20.000 = 5.600 moves on, not 28% x 30.000
    expect(r.carriedForwardExact).toBe("5600");
    expect(r.explanation.map((e) => e.text).join("\n")).toContain("hoger dan de waarde in het economische verkeer");
  });

  it("a disposal of such an asset is capped at the counted obligation", () => {
    // total 30.000 -> 8.400; the insurance pays 25.000, capped at 20.000; threshold exceeded: 20.000 x 8.400 / 30.000 = 5.600
    const r = evaluate({
      year: 2024,
      investments: [inv("pand", "machine", 30000, { relatedParty: true, exemption: true, marketValue: 20000 }), inv("m", "machine", 10000)],
      disposals: [{ id: "v", price: 25000, investment: "pand" }],
    });
    expect(r.disinvestment!.items[0].base).toBe("20000");
    expect(r.disinvestment!.totalExact).toBe("5600");
  });
});

describe("a partner's part follows the deduction base, in one exact division", () => {
  it("with a market value in the total, his part of the partnership is his share of the actual obligations", () => {
    // total 20.000 + 40.000 (market value) = 60.000; deduction base 20.000 + 20.000 = 40.000; KIA 16.800 x 40/60 = 11.200
    // A: row on 60.000 + own 10.000 = 70.000: fixed 19.535; part 1/2 x 40.000 + 10.000 = 30.000;
    // 19.535 x 30.000 / 70.000 = 8.372,142857142857..., up to 10 decimals: 8.372,1428571429
    const r = evaluate({
      year: 2024,
      investments: [inv("m", "machine", 20000), inv("pand", "machine", 20000, { relatedParty: true, exemption: true, marketValue: 40000 })],
      partnership: { partners: [{ name: "A", profit: 1, ownAssetsInPartnership: 10000 }, { name: "B", profit: 1 }] },
    });
    expect(r.kiaExact).toBe("11200");
    expect(partner(r, "A")).toMatchObject({ part: "30000", kiaExact: "8372.1428571429", kia: "8373" });
    expect(partner(r, "B").kiaExact).toBe("5600");
  });

  it("a one-third key is applied unrounded", () => {
    // 30.000 + own 1.000 = 31.000: 8.680; part 10.000 + 1.000 = 11.000; 8.680 x 11.000 / 31.000 = 3.080 exactly
    const r = evaluate({
      year: 2024,
      investments: [inv("m", "machine", 30000)],
      partnership: { partners: [{ name: "A", profit: 1, ownAssetsInPartnership: 1000 }, { name: "B", profit: 1 }, { name: "C", profit: 1 }] },
    });
    expect(partner(r, "A").kiaExact).toBe("3080");
  });

  it("partners' shares are split to 10 decimals and add up exactly", () => {
    const parts = splitExactly(new Decimal(15470), [new Decimal(1), new Decimal(1), new Decimal(1)]);
    expect(parts.map(String)).toEqual(["5156.6666666667", "5156.6666666667", "5156.6666666666"]);
    expect(parts.reduce((s, p) => s.plus(p), new Decimal(0)).toString()).toBe("15470");
    const r = evaluate({ year: 2013, investments: [inv("m", "machine", 60000)], partnership: { key: "equal", jointRequest: true, partners: [{ name: "A" }, { name: "B" }, { name: "C" }] } });
    expect(r.partners!.map((p) => p.kiaExact)).toEqual(["5156.6666666667", "5156.6666666667", "5156.6666666666"]);
  });
});

describe("the payment criterion per partner", () => {
  it("is tested at the partner's own rate even when the partnership carries nothing forward", () => {
    // partnership 2.000 (below the 2.800 threshold): KIA nil, nothing to carry. A's row: 2.000 + own 5.000 = 7.000 -> 1.960;
    // part 1.000 + 5.000 = 6.000: 1.960 x 6.000 / 7.000 = 1.680, rate 28%. The unpaid asset: 2.000 x 28% - 0 = 560,
    // his half 280 moves on; 1.400 this year.
    const r = evaluate({
      year: 2024,
      investments: [inv("m", "machine", 2000, { inUse: false, paid: 0 })],
      partnership: { partners: [{ name: "A", profit: 1, ownAssetsInPartnership: 5000 }, { name: "B", profit: 1 }] },
    });
    expect(r.carriedForwardExact).toBe("0");
    expect(partner(r, "A")).toMatchObject({ kiaExact: "1680", carriedForwardExact: "280", deductibleThisYearExact: "1400" });
  });
});

describe("the rows of one group agree on what is said about the asset", () => {
  it.each([
    ["the loss by calamity", { lostByCalamity: { replacedBy: "n" } }, "lostByCalamity", "samen verloren"],
    ["the manual assessment", { override: { eligible: true, reason: "beoordeeld door de accountant" } }, "override", "samen beoordeeld"],
    ["being in use", { inUse: false }, "inUse", "samen in gebruik"],
  ])("%s", (_n, extra, field, text) => {
    const e = errorOf({ year: 2024, investments: [inv("a", "machine", 1000, { group: "g" }), inv("b", "machine", 1000, { group: "g", ...extra }), inv("n", "machine", 5000)] });
    expect(e.code).toBe("INVALID_GROUP");
    expect(e.field).toBe(`investments[1].${field}`);
    expect(e.message).toContain(text);
    expect(e.reason).not.toMatch(/inUse|vatDeductible|approval|lostByCalamity/);
  });

  it("a related party, an exemption or EIA/MIA may differ between the rows of a group (they belong to an obligation or a part)", () => {
    // unit 8.000 from a supplier, montage 2.000 by a related party without exemption: 8.000 counts, 28% = 2.240
    const r = evaluate({ year: 2024, investments: [inv("unit", "machine", 8000, { group: "g" }), inv("montage", "machine", 2000, { group: "g", relatedParty: true, eiaMia: true })] });
    expect(r.kia).toBe("2240");
  });

  it("a lost asset cannot be replaced by a row of its own group", () => {
    const e = errorOf({ year: 2024, investments: [inv("a", "machine", 1000, { group: "g", lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 1000, { group: "g", lostByCalamity: { replacedBy: "b" } })] });
    expect(e.code).toBe("INVALID_REPLACEMENT");
  });

  it("a lost group is one calamity item: the approval leaves all its rows out together", () => {
    // with: 50.000 + 6.000 = 56.000 -> 15.680; without: 61.000 -> 17.080; no disposals: the statute (without) is higher,
    // so forced approval shows both rows excluded
    const r = evaluate({
      year: 2024,
      investments: [
        inv("a", "machine", 3000, { group: "pers", lostByCalamity: { replacedBy: "n", approval: true } }),
        inv("b", "machine", 2000, { group: "pers", lostByCalamity: { replacedBy: "n", approval: true } }),
        inv("n", "machine", 6000),
        inv("x", "machine", 50000),
      ],
    });
    expect(r.calamity!.items).toHaveLength(1);
    expect(r.calamity!.items[0]).toMatchObject({ id: "a", group: "pers", rows: ["a", "b"], applied: true });
    expect(r.calamity!.excluded).toEqual(["a", "b"]);
    expect(r.total).toBe("56000");
  });
});

describe("a disposals total next to this year's insurance money", () => {
  const scenario = (disposalsTotal: number) => ({
    year: 2024,
    investments: [inv("a", "machine", 10000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 12000)],
    disposals: [{ id: "verzekering", price: 8000, investment: "a" }],
    disposalsTotal,
  });

  it("counts the earlier years' disposals; this year's linked disposal is added per outcome", () => {
    // without approval: 22.000 -> 6.160; threshold base 1.000 + 8.000 > 2.800: 8.000 x 6.160 / 22.000 = 2.240; net 3.920
    // with approval: 12.000 -> 3.360, the insurance money adds nothing: net 3.360. Without is better.
    const r = evaluate(scenario(1000));
    expect(r.calamity!.netWithoutExact).toBe("3920");
    expect(r.calamity!.netWithExact).toBe("3360");
    expect(r.calamity!.applied).toBe(false);
    expect(r.disinvestment!.disposalsTotal).toBe("9000");
    expect(r.disinvestment!.totalExact).toBe("2240");
  });

  it("is checked against the listed disposals of earlier years only", () => {
    const e = errorOf({ year: 2024, investments: [], disposals: [{ id: "v", price: 5000, investmentYear: 2022, investmentAmount: 8000, investmentYearTotal: 100000 }], disposalsTotal: 4000 });
    expect(e.field).toBe("disposalsTotal");
    expect(e.message).toContain("eerdere jaren");
  });
});

describe("disposals: tables and EIA/MIA", () => {
  it("a disposal inside the window of a year without a table is a NoTableError on its field", () => {
    let err: unknown;
    try {
      evaluate({ year: 2012, investments: [], disposals: [{ id: "v", price: 5000, investmentYear: 2009, investmentAmount: 8000, investmentYearTotal: 100000 }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NoTableError);
    expect((err as NoTableError).field).toBe("disposals[0].investmentYear");
  });

  it("warns that the addition covers the KIA only when the asset had EIA or MIA", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 10000, { eiaMia: true })], disposals: [{ id: "v", price: 5000, investment: "a" }] });
    expect(r.warnings.map((w) => w.code)).toContain("DISPOSAL_EIA_MIA");
  });
});

describe("the Excel functions", () => {
  it("KIA.VENNOOT reads a share from a formula (=1/30) and ignores binary noise (=0,1*7)", () => {
    // 28% x 10.000 = 2.800; x 1/30 = 93,33 -> 94; x 0,7 = 1.960 exactly, not 1.961
    expect(fn.partner(10000, 1 / 30, 2024)).toBe(94);
    expect(0.1 * 7).not.toBe(0.7);
    expect(fn.partner(10000, 0.1 * 7, 2024)).toBe(1960);
    // a real digit in the 7th decimal still counts: 10% of 17.830,000004 = 1.783,0000004 -> 1.784, as the core
    expect(fn.partner(151746.91, 0.1, 2024)).toBe(1784);
  });

  it("KIA.DESINVESTERING outside the window needs no table of the investment year and checks nothing more", () => {
    expect(fn.disinvestment(5000, 8000, 2009, 100000, 2016)).toBe(0);
    // wrong input is refused whatever the years
    expect(() => fn.disinvestment(5000, 800000, 2009, 100000, 2016)).toThrow();
  });

  it("a key from a formula is read from the partners sheet", () => {
    const r = readPartners(["Naam", "Winstaandeel"], [["A", 1 / 30], ["B", 29 / 30]]);
    expect(r.problems).toEqual([]);
    expect(r.items[0]).toEqual({ name: "A", profit: "3.3333333333333" }); // as a percentage (the partners step's scale)
  });
});

describe("texts for people", () => {
  const texts = (r: Report) => r.explanation.map((e) => e.text).join("\n");

  it("a misspelt category gets a suggestion, without a path into the repository", () => {
    const e = errorOf({ year: 2024, investments: [inv("a", "machne", 1000)] });
    expect(e.message).toContain('bedoelt u "machine"');
    expect(e.message).not.toContain("docs/");
    expect(errorOf({ year: 2024, investments: [inv("a", "ruimteschip", 1000)] }).message).toContain("gebruik een categorie zoals machine");
  });

  it("a year after the last table says the add-in does not have it yet, and which years it knows", () => {
    const e = errorOf({ year: 2027, investments: [] });
    expect(e.reason).toBe("Geen KIA-tabel voor 2027 (de bedragen voor 2027 zijn nog niet in de add-in opgenomen; de add-in kent de jaren 2010–2026)");
    expect(e.message).toBe(`year: ${e.reason}`);
  });

  it("counts are in good Dutch, and say they come before the calamity choice", () => {
    expect(texts(evaluate({ year: 2024, investments: [inv("a", "machine", 1000)] }))).toContain("1 investering in 2024; die telt mee voor de KIA.");
    expect(texts(evaluate({ year: 2024, investments: [inv("a", "machine", 1000), inv("b", "grond", 1000), inv("c", "machine", 1000)] }))).toContain("3 investeringen in 2024; 2 tellen mee voor de KIA.");
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 1000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 1000)] });
    expect(texts(r)).toContain("2 investeringen in 2024; beide tellen mee voor de KIA volgens de wet, vóór de keuze voor de calamiteitsgoedkeuring");
  });

  it("a quotient in an explanation is shown in cents; the report keeps every digit", () => {
    const r = evaluate({ year: 2013, investments: [inv("m", "machine", 120000)], partnership: { partners: [{ name: "A", profit: 1, outsideInvestments: 1 }, { name: "B", profit: 1 }] } });
    expect(partner(r, "A").kiaExact).toBe("7066.3768854927");
    expect(texts(r)).toContain("= € 7.066,38, afgerond € 7.067.");
    expect(texts(r)).not.toMatch(/\d,\d{7,}/);
  });

  it("a table amount keeps its decimals, and a quotient just above whole cents shows why it is rounded up", () => {
    // 2024, 151.746,91: 19.535 - 7,56% x 22.552,91 = 19.535 - 1.704,999996 = 17.830,000004; 10% of it 1.783,0000004
    const r = evaluate({ year: 2024, investments: [inv("m", "machine", 151746.91)], partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 9 }] } });
    expect(texts(r)).toContain("€ 1.704,999996 = € 17.830,000004");
    expect(texts(r)).toContain("= € 1.783,0000004, afgerond € 1.784.");
    expect(partner(r, "A").kia).toBe("1784");
  });

  it("an empty year says so", () => {
    expect(texts(evaluate({ year: 2024, investments: [] }))).toContain("Geen investeringen in 2024.");
  });

  it("solar panels cite onderdeel 2.1 of the besluit, the paragraph their reason quotes", () => {
    const r = evaluate({ year: 2024, investments: [inv("z", "zonnepanelen", 5000)] });
    expect(r.assets[0].reasons[0].ref).toBe("Besluit investeringsaftrek 2014, onderdeel 2.1");
  });
});

describe("the report lists what it cites", () => {
  it("every reference in an asset's reasons or a step is in parameters.references, with its link", () => {
    const r = evaluate({
      year: 2024,
      investments: [inv("a", "machine", 1000), inv("b", "computer", 300, { group: "pc" }), inv("c", "computer", 300, { group: "pc" }), inv("d", "personenauto", 30000), inv("z", "zonnepanelen", 5000)],
    });
    const listed = new Set(r.parameters.references.map((x) => x.label));
    const cited = new Set([...r.assets.flatMap((a) => a.reasons.map((x) => x.ref)), ...r.explanation.flatMap((e) => (e.ref ? [e.ref] : []))]);
    cited.delete("handmatige beoordeling door u");
    for (const label of cited) expect(listed).toContain(label);
    expect(listed).toContain("Besluit investeringsaftrek 2014, onderdeel 2.1");
  });

  it("a disposal is named by its id and description, and the report carries the description", () => {
    const r = evaluate({
      year: 2024,
      investments: [],
      disposals: [{ id: "V1", description: "Heftruck (verkocht)", price: 5000, investmentYear: 2022, investmentAmount: 8000, investmentYearTotal: 100000 }],
    });
    expect(r.disinvestment!.items[0].description).toBe("Heftruck (verkocht)");
    expect(r.explanation.map((e) => e.text).join("\n")).toContain("V1 (Heftruck (verkocht)): ");
  });
});

describe("more corrections after the second review", () => {
  it("insurance money for a lost group is capped at the group's investment amount, not one row's", () => {
    // m1 10.000 + m2 5.000 lost (one asset), replaced by n 20.000; insurance 14.000 linked to m1.
    // without approval: total 35.000 -> 9.800; threshold 14.000 > 2.800; cap 15.000: 14.000 x 9.800 / 35.000 = 3.920
    const r = evaluate({
      year: 2024,
      investments: [
        inv("m1", "machine", 10000, { group: "g", lostByCalamity: { replacedBy: "n", approval: false } }),
        inv("m2", "machine", 5000, { group: "g", lostByCalamity: { replacedBy: "n", approval: false } }),
        inv("n", "machine", 20000),
      ],
      disposals: [{ id: "verzekering", price: 14000, investment: "m1" }],
    });
    expect(r.disinvestment!.items[0].base).toBe("14000");
    expect(r.disinvestment!.totalExact).toBe("3920");
  });

  it("a disposals total next to a linked disposal: a warning, and the explanation shows both parts", () => {
    const r = evaluate({
      year: 2024,
      investments: [inv("a", "machine", 10000), inv("b", "machine", 12000)],
      disposals: [{ id: "verzekering", price: 1000, investment: "a" }],
      disposalsTotal: 2000,
    });
    expect(r.warnings.map((w) => w.code)).toContain("DISPOSALS_TOTAL_LINKED");
    expect(texts2(r)).toContain("opgegeven totaal van eerdere jaren € 2.000,00 plus vervreemdingen van investeringen van dit jaar € 1.000,00 = € 3.000,00");
  });

  it("an asset's counted amount is what it adds to the total (its market value where one is given)", () => {
    const r = evaluate({
      year: 2024,
      investments: [inv("p", "machine", 10000, { relatedParty: true, exemption: true, marketValue: 8000 }), inv("m", "machine", 20000)],
    });
    expect(r.total).toBe("28000");
    expect(r.assets.map((a) => a.countedAmount)).toEqual(["8000", "20000"]);
  });
});

function texts2(r: Report): string {
  return r.explanation.map((e) => e.text).join("\n");
}

describe("profit shares that look like percentages but do not make 100", () => {
  const run = (profits: number[]) =>
    evaluate({
      year: 2024,
      investments: [inv("m", "machine", 40000)],
      partnership: { partners: profits.map((profit, i) => ({ name: `V${i + 1}`, profit })) },
    });
  const warned = (r: Report) => r.warnings.find((w) => w.code === "PROFIT_SHARES_NOT_100");

  it("50 and 30 (a partner forgotten) are split 62,5% / 37,5% and said so", () => {
    const r = run([50, 30]);
    expect(r.partners!.map((p) => p.kia)).toEqual(["7000", "4200"]);
    expect(warned(r)?.text).toBe(
      "De winstaandelen tellen op tot 80, niet tot 100% (of 1): de KIA is naar verhouding verdeeld (V1 62,5% en V2 37,5%). Zijn het percentages of breuken, controleer dan of er een vennoot ontbreekt of een aandeel verkeerd staat.",
    );
  });

  it.each([[[0.5, 0.3]], [[60, 60]], [[40, 40, 40]]])("%j: warned", (profits) => expect(warned(run(profits))).toBeDefined());
  it.each([[[60, 40]], [[0.6, 0.4]], [[1, 1]], [[3, 2]], [[40000, 35000]]])("%j: no warning", (profits) =>
    expect(warned(run(profits))).toBeUndefined(),
  );
});

describe("an amount with a fraction of a cent is shown as it is, never rounded into a sum that does not add up", () => {
  it("a total of € 53.849,995 reads so in the explanation, and 28% of it is € 15.077,9986", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 48850), inv("b", "machine", "4999.995")] });
    const texts = r.explanation.map((s) => s.text).join("\n");
    expect(texts).toContain("Totaal investeringsbedrag 2024: € 53.849,995.");
    expect(texts).toContain("28% x € 53.849,995 = € 15.077,9986.");
    expect(texts).not.toContain("€ 53.850,00");
  });

  it("a group of € 449,995 is below € 450 and its reason says € 449,995", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 40000), { ...inv("b", "machine", "400"), group: "g" }, { ...inv("c", "machine", "49.995"), group: "g" }] });
    const b = r.assets.find((a) => a.id === "b")!;
    expect(b.eligible).toBe(false);
    expect(b.reasons.map((x) => x.text).join(" ")).toContain("€ 449,995");
  });
});
