/** Besluit 4.2's declaration (bijlage 1) as text: the year, the assets with cost and reserve, conditions a and b. */
import { evaluate } from "../src";
import { declarationText } from "../taskpane/app/report/declaration";

describe("declaration of besluit 4.2 (bijlage 1)", () => {
  const report = evaluate({ year: 2024, investments: [{ id: "kraan", description: "Kraan", category: "machine", amount: 80000, reinvestmentReserve: { amount: 30000 } }] });
  const a = report.assets[0];
  const text = declarationText({
    taxpayer: "Bouwbedrijf Jansen",
    year: report.year,
    assets: [{ id: a.id, description: a.description, amount: a.amount, reserve: a.reinvestmentReserve!.amount, kind: a.reinvestmentReserve!.kind }],
    reference: "Besluit investeringsaftrek 2014, onderdeel 4.2",
  });
  it("names the taxpayer, the year, the asset with its cost and reserve", () => {
    const flat = text.replace(/[ \n]+/g, " ").replace(/\u00a0/g, " ");
    expect(flat).toContain("De ondergetekende, Bouwbedrijf Jansen, BSN/RSIN");
    expect(flat).toContain("over het jaar 2024 toepassing van Besluit investeringsaftrek 2014, onderdeel 4.2");
    expect(flat).toContain("1. kraan (Kraan): kostprijs € 80.000,00, daarop afgeboekte herinvesteringsreserve € 30.000,00.");
    // an amount is never split from its euro sign at a line break
    expect(text).not.toMatch(/€\n/);
  });
  it("carries the statements and conditions a and b of the model", () => {
    expect(text).toMatch(/reële waarde van zowel het vervangende als het\s+afgestane bedrijfsmiddel/);
    expect(text).toMatch(/a\. Is investeringsaftrek genoten/);
    expect(text).toMatch(/24 december 1975, nr\. 17 795/);
    expect(text.split("\n").every((l) => l.length <= 92)).toBe(true);
  });
});
