/** Eligibility, related parties, calamity, partnership, payment criterion and disinvestment through evaluate(). */
import { evaluate, Decimal } from "../src";

const inv = (id: string, category: string, amount: number | string, extra: Record<string, unknown> = {}) => ({ id, category, amount, ...extra });
const asset = (r: ReturnType<typeof evaluate>, id: string) => r.assets.find((a) => a.id === id)!;

describe("eligibility and the € 450 test", () => {
  it("€ 449,99 is excluded, exactly € 450 qualifies (art. 3.45: 'minder bedraagt dan € 450')", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", "449.99"), inv("b", "machine", "450"), inv("c", "machine", 5000)] });
    expect(asset(r, "a")).toMatchObject({ eligible: false, counted: false });
    expect(asset(r, "a").reasons.map((x) => x.code)).toContain("BELOW_MINIMUM");
    expect(asset(r, "b")).toMatchObject({ eligible: true, counted: true });
    expect(r.total).toBe("5450");
  });

  it("names the VAT basis and the article of the year", () => {
    const r2013 = evaluate({ year: 2013, investments: [inv("a", "machine", 400, { vatDeductible: false })] });
    const reason = asset(r2013, "a").reasons.find((x) => x.code === "BELOW_MINIMUM")!;
    expect(reason.text).toContain("incl. btw (btw niet aftrekbaar)");
    expect(reason.ref).toBe("art. 3.45 lid 1 onderdeel a Wet IB 2001");
    const r2014 = evaluate({ year: 2014, investments: [inv("a", "machine", 500)] });
    expect(asset(r2014, "a").reasons.find((x) => x.code === "MINIMUM_MET")!.text).toContain("excl. btw");
    expect(asset(r2014, "a").reasons.find((x) => x.code === "MINIMUM_MET")!.ref).toBe("art. 3.45 lid 2 onderdeel b Wet IB 2001");
  });

  it("rows of one asset are tested together; a later improvement on its own (besluit 2.2)", () => {
    const r = evaluate({
      year: 2024,
      investments: [
        inv("pc", "computer", 300, { group: "werkplek" }),
        inv("monitor", "computer", 200, { group: "werkplek" }),
        inv("spoiler-later", "vrachtauto", 375),
        inv("truck", "vrachtauto", 76000),
      ],
    });
    expect(asset(r, "pc")).toMatchObject({ eligible: true, counted: true });
    expect(asset(r, "monitor")).toMatchObject({ eligible: true, counted: true });
    expect(asset(r, "pc").reasons[1].text).toContain('Bedrijfsmiddel "werkplek" als geheel');
    expect(asset(r, "spoiler-later")).toMatchObject({ eligible: false });
    expect(r.total).toBe("76500");
  });

  it("the € 450 test is per asset, not per partner (besluit 4.1.2)", () => {
    const r = evaluate({
      year: 2024,
      investments: [inv("a", "machine", 600), inv("b", "machine", 3000)],
      partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }, { name: "C", profit: 1 }] },
    });
    expect(asset(r, "a").counted).toBe(true);
    expect(r.total).toBe("3600");
  });

  it("excluded categories do not count and give the article", () => {
    const r = evaluate({ year: 2024, investments: [inv("g", "grond", 50000), inv("w", "Woning", 90000), inv("v", "verhuur", 4000), inv("m", "machine", 4000)] });
    expect(r.total).toBe("4000");
    expect(asset(r, "v").reasons[0].ref).toBe("art. 3.45 lid 2 onderdeel a Wet IB 2001");
    expect(asset(r, "w").reasons[0].code).toBe("CATEGORY_EXCLUDED");
  });

  it("emission-free passenger car: counts in 2013, not in 2014, always with a warning", () => {
    const s = (year: number) => evaluate({ year, investments: [inv("e", "personenauto-emissieloos", 40000)] });
    expect(asset(s(2013), "e").counted).toBe(true);
    expect(asset(s(2014), "e").counted).toBe(false);
    expect(s(2013).warnings.map((w) => w.code)).toContain("EMISSIELOOS_CHECK");
    expect(s(2024).warnings.map((w) => w.code)).toContain("EMISSIELOOS_CHECK");
  });

  it("no table warning where the law text of the year was read (2022's edge, once single-source, is now confirmed)", () => {
    expect(evaluate({ year: 2022, investments: [] }).warnings.map((w) => w.code)).not.toContain("TABLE_CONFIDENCE");
    expect(evaluate({ year: 2022, investments: [] }).parameters.confidence).toBe("official");
  });
});

describe("related parties (art. 3.46)", () => {
  it("does not count without exemption, counts with exemption and warns", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 10000, { relatedParty: true }), inv("b", "machine", 5000, { relatedParty: true, exemption: true })] });
    expect(asset(r, "a")).toMatchObject({ eligible: true, counted: false });
    expect(asset(r, "a").reasons.map((x) => x.ref)).toContain("art. 3.46 lid 1 Wet IB 2001");
    expect(asset(r, "b").counted).toBe(true);
    expect(r.total).toBe("5000");
    expect(r.warnings.map((w) => w.code)).toContain("RELATED_PARTY_EXEMPTION");
  });
});

describe("calamity approval (besluit 4.4)", () => {
  it("an approval the taxpayer chooses is applied even when unfavourable, with a warning; without a choice it is not taken", () => {
    const forced = evaluate({ year: 2024, investments: [inv("a", "machine", 10000, { lostByCalamity: { replacedBy: "b", approval: true } }), inv("b", "machine", 10000)] });
    expect(forced.calamity).toMatchObject({ kiaWithout: "5600", kiaWith: "2800", applied: true, choice: "taxpayer" });
    expect(forced.kia).toBe("2800");
    expect(forced.warnings.map((w) => w.code)).toContain("CALAMITY_UNFAVOURABLE");
    const best = evaluate({ year: 2024, investments: [inv("a", "machine", 10000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 10000)] });
    expect(best.calamity).toMatchObject({ applied: false, choice: "best", kiaWithout: "5600", kiaWith: "2800", differenceExact: "-2800" });
    expect(best.kia).toBe("5600");
  });

  it("does not apply when the lost asset would not count anyway, and says why", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "personenauto", 30000, { lostByCalamity: { replacedBy: "b" } }), inv("b", "machine", 10000)] });
    expect(r.calamity!.applied).toBe(false);
    expect(r.calamity!.items[0].conditions.find((c) => c.code === "LOST_COUNTS")!.met).toBe(false);
    expect(r.warnings.find((w) => w.code === "CALAMITY_NOT_APPLIED")!.text).toContain("telt ook zonder de goedkeuring niet mee");
    expect(r.kia).toBe("2800");
  });
});

describe("partnership", () => {
  it("default key is the profit share; reports conditions as not needed", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { partners: [{ name: "A", profit: 75 }, { name: "B", profit: 25 }] } });
    expect(r.partners).toMatchObject([{ name: "A", share: "0.75", kiaExact: "2100", kia: "2100" }, { name: "B", share: "0.25", kiaExact: "700" }]);
    expect(r.partnership!.conditions.every((c) => c.status === "not-applicable")).toBe(true);
  });

  it("an agreed key without a confirmed joint request warns; with jointRequest false it falls back to the profit share", () => {
    const partners = [{ name: "A", profit: 50, capital: 90 }, { name: "B", profit: 50, capital: 10 }];
    const pending = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { key: "capital", partners } });
    expect(pending.partners![0].kiaExact).toBe("2520");
    expect(pending.partnership!.conditions.find((c) => c.code === "f")!.status).toBe("to-confirm");
    expect(pending.warnings.map((w) => w.code)).toContain("PARTNERSHIP_REQUEST");
    const refused = evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { key: "capital", jointRequest: false, partners } });
    expect(refused.partnership!.keyApplied).toBe("profit");
    expect(refused.partners![0].kiaExact).toBe("1400");
    expect(refused.partnership!.conditions.find((c) => c.code === "f")!.status).toBe("not-met");
  });

  it("conditions c and e are confirmed (met), not met (the key is not applied, the profit share is) or left to confirm", () => {
    const partners = [{ name: "A", profit: 50, capital: 90 }, { name: "B", profit: 50, capital: 10 }];
    const run = (extra: Record<string, boolean>) =>
      evaluate({ year: 2024, investments: [inv("a", "machine", 10000)], partnership: { key: "capital", jointRequest: true, partners, ...extra } });
    const status = (r: ReturnType<typeof run>, code: string) => r.partnership!.conditions.find((c) => c.code === code)!;
    const open = run({});
    expect([status(open, "c").status, status(open, "e").status]).toEqual(["to-confirm", "to-confirm"]);
    expect(open.partnership!.keyApplied).toBe("capital");
    const yes = run({ allDeductions: true, sameForDisinvestment: true });
    expect([status(yes, "c").status, status(yes, "e").status]).toEqual(["met", "met"]);
    expect(status(yes, "c").text).toMatch(/: bevestigd\.$/);
    expect(yes.partners![0].kiaExact).toBe("2520");
    const noC = run({ allDeductions: false });
    expect(status(noC, "c").status).toBe("not-met");
    expect(noC.partnership!.keyApplied).toBe("profit");
    expect(noC.partners![0].kiaExact).toBe("1400");
    expect(noC.warnings.find((w) => w.code === "PARTNERSHIP_KEY_NOT_APPLIED")!.text).toContain("niet voor alle vormen van investeringsaftrek (voorwaarde c)");
    const noE = run({ sameForDisinvestment: false });
    expect(noE.partnership!.keyApplied).toBe("profit");
    expect(noE.warnings.find((w) => w.code === "PARTNERSHIP_KEY_NOT_APPLIED")!.text).toContain("(voorwaarde e)");
    // not a boolean: refused with the field's name
    expect(() => run({ allDeductions: "ja" as unknown as boolean })).toThrow(/allDeductions/);
  });

  it("outside investments: own KIA per enterprise from 2021, the HR 2019/2020 method before", () => {
    const p = (year: number) =>
      evaluate({ year, investments: [inv("a", "machine", 50000)], partnership: { partners: [{ name: "A", profit: 1, outsideInvestments: 10000 }, { name: "B", profit: 1 }] } });
    expect(p(2021).partners![0]).toMatchObject({ method: "share", kiaExact: "7000", outsideKia: "2800" });
    // 2020: row on 50.000 + 10.000 = 60.000 -> above 58.238: the band with the fixed amount, 16.307. HR 24 mei 2019
    // gives the whole fixed amount only when his own amount is in that band too; 25.000 + 10.000 = 35.000 is not:
    // HR 1 mei 2020's proportion, 16.307 x 35.000 / 60.000 = 9.512,58 -> 9.513.
    const old = p(2020).partners![0];
    expect(old).toMatchObject({ method: "hr-2020-pro-rata", combinedTotal: "60000", part: "35000", kia: "9513" });
    expect(old.outsideKia).toBeUndefined();
    // Below the band: HR 1 mei 2020's proportion. 40.000 + 10.000 = 50.000 -> 28% = 14.000; x 30.000 / 50.000 = 8.400
    const below = evaluate({ year: 2020, investments: [inv("a", "machine", 40000)], partnership: { partners: [{ name: "A", profit: 1, outsideInvestments: 10000 }, { name: "B", profit: 1 }] } });
    expect(below.partners![0]).toMatchObject({ method: "hr-2020-pro-rata", combinedTotal: "50000", part: "30000", kia: "8400" });
    expect(below.parameters.references.map((r) => r.label)).toContain("HR 1 mei 2020, ECLI:NL:HR:2020:825");
  });

  it("uses the 2009 besluit numbering for years before 2014", () => {
    const r = evaluate({ year: 2012, investments: [inv("a", "machine", 10000)], partnership: { partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }] } });
    expect(r.partnership!.allocationRef).toBe("Besluit investeringsaftrek 2009, onderdeel 4.1.3");
  });
});

describe("payment criterion (art. 3.44)", () => {
  it("attributes by the effective rate and carries forward the unpaid part", () => {
    // 2024: 100.000 -> fixed 19.535, rate 0,19535. Asset b 40.000 -> 7.814 attributed, 2.000 paid -> 5.814 carried.
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 60000), inv("b", "machine", 40000, { paid: 2000, inUse: false })] });
    expect(asset(r, "b").kiaAttributed).toBe("7814");
    expect(r.carriedForwardExact).toBe("5814");
    expect(r.deductibleThisYear).toBe("13721");
    expect(r.carriedForward).toBe("5814");
    expect(new Decimal(r.deductibleThisYear).plus(r.carriedForward).toString()).toBe(r.kia);
  });

  it("an unused asset that is fully paid carries nothing forward", () => {
    const r = evaluate({ year: 2024, investments: [inv("a", "machine", 6000, { inUse: false })] });
    expect(r.carriedForward).toBe("0");
    expect(r.deductibleThisYear).toBe(r.kia);
  });
});

describe("disinvestment addition (art. 3.47)", () => {
  const d = (price: number, investmentYear: number, amount: number, total: number, id = "d") => ({ id, price, investmentYear, investmentAmount: amount, investmentYearTotal: total });

  it("applies above the year's threshold, at the investment year's effective rate, on min(price, amount), rounded down", () => {
    // 2021 investments 100.000 -> fixed 16.568 -> rate 16,568%. Sold in 2024 for 5.000 (cost 8.000): 5.000 x 16,568% = 828,40 -> 828.
    const r = evaluate({ year: 2024, investments: [], disposals: [d(5000, 2021, 8000, 100000)] });
    expect(r.disinvestment).toMatchObject({ applies: true, threshold: "2800", total: "828", items: [{ id: "d", amountExact: "828.4", amount: "828.4", base: "5000", inWindow: true }] });
  });

  it("uses the investment amount when the price is higher", () => {
    const r = evaluate({ year: 2024, investments: [], disposals: [d(9000, 2021, 8000, 100000)] });
    expect(r.disinvestment!.items[0].amountExact).toBe("1325.44");
  });

  it("is 0 at or below the threshold, and outside the five-year window", () => {
    expect(evaluate({ year: 2024, investments: [], disposals: [d(2800, 2021, 8000, 100000)] }).disinvestment).toMatchObject({ applies: false, total: "0" });
    const late = evaluate({ year: 2026, investments: [], disposals: [d(5000, 2021, 8000, 100000)] });
    expect(late.disinvestment!.items[0]).toMatchObject({ inWindow: false, counted: false, amount: "0" });
    const last = evaluate({ year: 2025, investments: [], disposals: [d(5000, 2021, 8000, 100000)] });
    expect(last.disinvestment!.items[0].inWindow).toBe(true);
  });

  it("counts unlisted disposals through disposalsTotal", () => {
    const r = evaluate({ year: 2024, investments: [], disposals: [d(1000, 2022, 1000, 10000)], disposalsTotal: 3000 });
    expect(r.disinvestment).toMatchObject({ applies: true, total: "280" });
  });
});
