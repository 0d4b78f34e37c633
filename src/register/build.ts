/**
 * registerOf(report, scenario): the register of a year (./format.ts) from its report and the scenario it was
 * evaluated from; registerRows(register): the same as the table's rows of text, header first, for the report builder.
 */
import { plain } from "../context";
import { Decimal, ZERO } from "../decimal";
import { parseAmount } from "../money";
import type { Report } from "../report";
import type { Scenario, ScenarioInvestment } from "../scenario";
import { REGISTER_COLUMNS, REGISTER_VERSION, type Register, type RegisterAsset, type RegisterColumn, type RegisterOpenYear, type RowKind } from "./format";

const RATE_DP = 20;

/** The amount art. 3.47 lid 2 caps a disposal at: the lower of the amount and a market value, less a reserve without the declaration. */
function deductionAmount(inv: ScenarioInvestment, amount: Decimal): Decimal {
  let v = amount;
  if (inv.marketValue !== undefined) {
    const mv = parseAmount(inv.marketValue, "marketValue");
    if (mv.lt(v)) v = mv;
  }
  const r = inv.reinvestmentReserve;
  if (r && r.declaration !== true) v = v.minus(parseAmount(r.amount, "reinvestmentReserve.amount"));
  return v;
}

const ratio = (a: string, b: string): string => {
  const d = new Decimal(b);
  return d.isZero() ? "0" : plain(new Decimal(a).div(d).toDecimalPlaces(RATE_DP));
};

/**
 * The register of the year `report` is the report of. `scenario` is the scenario evaluated (the rows kept: the
 * report's assets are its investments). The parts of earlier years still open come from report.carriedIn.
 */
export function registerOf(
  report: Report,
  given: { investments: readonly unknown[]; disposals?: readonly unknown[]; year?: number; carriedIn?: unknown },
): Register {
  const scenario = given as unknown as Scenario;
  const invById = new Map<string, ScenarioInvestment>();
  for (const inv of scenario.investments) invById.set(String(inv.id), inv);
  const assets: RegisterAsset[] = report.assets.map((a) => {
    const inv = invById.get(a.id);
    const amount = new Decimal(a.amount);
    const paid = inv?.paid === undefined ? amount : parseAmount(inv.paid, "paid");
    return {
      id: a.id,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(inv?.date !== undefined ? { date: inv.date } : {}),
      category: a.category,
      ...(a.group !== undefined ? { group: a.group } : {}),
      amount: a.amount,
      deductionAmount: plain(inv ? deductionAmount(inv, amount) : amount),
      counted: a.counted,
      countedAmount: a.countedAmount,
      kiaAttributed: a.kiaAttributed,
      paid: plain(paid),
      inUse: inv?.inUse !== false,
    };
  });
  const partners = (report.partners ?? []).map((p) => ({
    name: p.name,
    share: p.share,
    part: p.part,
    kia: p.kia,
    kiaExact: p.kiaExact,
    rate: ratio(p.kiaExact, p.part),
    method: p.method,
    deductible: p.deductibleThisYear,
    deductibleExact: p.deductibleThisYearExact,
    carried: p.carriedForward,
    carriedExact: p.carriedForwardExact,
  }));
  const shareOf = new Map(partners.map((p) => [p.name, p.share]));

  // What is open at the year's end: this year's own parts, then the earlier years' parts still open.
  const open: RegisterOpenYear[] = [];
  const items = report.payment?.items ?? [];
  if (items.length) {
    const first = (ids: string[]) => assets.find((x) => x.id === ids[0]);
    open.push({
      year: report.year,
      open: report.carriedForward,
      openExact: report.carriedForwardExact,
      partners: (report.partners ?? []).map((p) => ({ name: p.name, open: p.carriedForward, openExact: p.carriedForwardExact })),
      assets: items.map((it) => {
        const a = first(it.ids);
        let amount = ZERO;
        for (const id of it.ids) amount = amount.plus(assets.find((x) => x.id === id)?.amount ?? "0");
        const group = a?.group !== undefined && it.asset === a.group ? a.group : undefined;
        return {
          asset: it.asset,
          ...(group !== undefined ? { group } : {}),
          ...(a?.description !== undefined ? { description: a.description } : {}),
          ...(a?.date !== undefined ? { date: a.date } : {}),
          amount: plain(amount),
          paid: it.paid,
          open: it.carriedForward,
          reason: `niet in gebruik genomen aan het einde van ${report.year} en niet volledig betaald: KIA ${it.attributed}, betaald ${it.paid} (art. 3.44 lid 1)`,
          partners: (it.partners ?? []).map((p) => ({ name: p.name, share: shareOf.get(p.name) ?? "0", open: p.carriedForward })),
        };
      }),
    });
  }
  const released: Register["released"] = [];
  for (const y of report.carriedIn?.years ?? []) {
    for (const a of y.assets)
      if (!new Decimal(a.deductibleExact).isZero())
        released.push({
          year: y.year,
          asset: a.asset,
          ...(a.description !== undefined ? { description: a.description } : {}),
          deductibleExact: a.deductibleExact,
          basis: a.basis,
          ...(y.source !== undefined ? { source: y.source } : {}),
          partners: (a.partners ?? []).map((p) => ({ name: p.name, deductibleExact: p.deductibleExact })),
        });
    const still = y.assets.filter((a) => !new Decimal(a.openExact).isZero());
    if (!still.length) continue;
    open.push({
      year: y.year,
      open: y.open,
      openExact: y.openExact,
      partners: (y.partners ?? []).map((p) => ({ name: p.name, open: p.open, openExact: p.openExact })),
      assets: still.map((a) => {
        return {
          asset: a.asset,
          ...(a.description !== undefined ? { description: a.description } : {}),
          ...(a.amount !== undefined ? { amount: a.amount } : {}),
          paid: a.paid,
          open: a.openExact,
          reason: a.inUse ? "in gebruik genomen" : `nog niet in gebruik genomen aan het einde van ${report.year} en niet volledig betaald (art. 3.44 lid 1)`,
          ...(y.source !== undefined ? { source: y.source } : {}),
          partners: (a.partners ?? []).map((p) => ({ name: p.name, share: p.share, open: p.openExact })),
        };
      }),
    });
  }
  open.sort((a, b) => a.year - b.year);

  const disposals: Register["disposals"] = (report.disinvestment?.items ?? [])
    .filter((d) => d.investment === undefined)
    .map((d) => {
      const sd = scenario.disposals?.find((x) => String(x.id) === d.id);
      const investment = sd?.source !== undefined ? investmentOfSource(sd.source) : undefined;
      return {
        id: d.id,
        ...(d.description !== undefined ? { description: d.description } : {}),
        investmentYear: d.investmentYear,
        ...(investment !== undefined ? { investment } : {}),
        price: d.price,
        additionExact: d.amountExact,
        ...(d.source !== undefined ? { source: d.source } : {}),
      };
    });

  return {
    version: REGISTER_VERSION,
    year: report.year,
    exact: report.exact,
    ...(report.description !== undefined ? { description: report.description } : {}),
    total: report.total,
    kia: report.kia,
    kiaExact: report.kiaExact,
    rate: ratio(report.tableKiaExact ?? report.kiaExact, report.total),
    deductible: report.deductibleThisYear,
    deductibleExact: report.deductibleThisYearExact,
    carried: report.carriedForward,
    carriedExact: report.carriedForwardExact,
    partners,
    assets,
    open,
    released,
    disposals,
  };
}

/** The asset a disposal's source names ("KIA_REGISTER_2023 in 2023.xlsx: M3 (Bestelbus)" -> "M3"). */
export function investmentOfSource(source: string): string | undefined {
  if (!/^KIA_REGISTER_\d{4} in /i.test(source)) return undefined;
  // the file's name has no ": " (a drive letter is "C:\"); the asset is what follows it, before its description
  const at = source.indexOf(": ");
  if (at < 0) return undefined;
  const rest = source.slice(at + 2);
  const paren = rest.indexOf(" (");
  return (paren < 0 ? rest : rest.slice(0, paren)).trim() || undefined;
}

type Row = Partial<Record<RegisterColumn, string>>;

const yesNo = (b: boolean) => (b ? "ja" : "nee");

/** The register as the table's rows of text: the header keys first, then one row per fact (./format.ts). */
export function registerRows(r: Register): string[][] {
  const rows: Row[] = [];
  const add = (soort: RowKind, row: Row) => rows.push({ soort, ...row });
  add("register", {
    versie: String(r.version),
    jaar: String(r.year),
    ...(r.description !== undefined ? { omschrijving: r.description } : {}),
    totaal: r.total,
    kia: r.kia,
    kia_exact: r.kiaExact,
    percentage: r.rate,
    aftrekbaar: r.deductible,
    aftrekbaar_exact: r.deductibleExact,
    open: r.carried,
    open_exact: r.carriedExact,
    reden: r.exact ? "exact" : "afgerond",
  });
  for (const p of r.partners)
    add("vennoot", {
      jaar: String(r.year),
      vennoot: p.name,
      aandeel: p.share,
      bedrag: p.part,
      kia: p.kia,
      kia_exact: p.kiaExact,
      percentage: p.rate,
      aftrekbaar: p.deductible,
      aftrekbaar_exact: p.deductibleExact,
      open: p.carried,
      open_exact: p.carriedExact,
      reden: p.method,
    });
  for (const a of r.assets)
    add("investering", {
      jaar: String(r.year),
      id: a.id,
      ...(a.description !== undefined ? { omschrijving: a.description } : {}),
      ...(a.date !== undefined ? { datum: a.date } : {}),
      categorie: a.category,
      ...(a.group !== undefined ? { groep: a.group } : {}),
      bedrag: a.amount,
      investering: a.deductionAmount,
      bedrag_meegeteld: a.countedAmount,
      telt_mee: yesNo(a.counted),
      kia_exact: a.kiaAttributed,
      betaald: a.paid,
      in_gebruik: yesNo(a.inUse),
    });
  for (const y of r.open) {
    add("open_jaar", { jaar: String(y.year), open: y.open, open_exact: y.openExact });
    for (const p of y.partners) add("open_jaar", { jaar: String(y.year), vennoot: p.name, open: p.open, open_exact: p.openExact });
    for (const a of y.assets) {
      const common: Row = {
        jaar: String(y.year),
        id: a.asset,
        ...(a.group !== undefined ? { groep: a.group } : {}),
        ...(a.description !== undefined ? { omschrijving: a.description } : {}),
        ...(a.date !== undefined ? { datum: a.date } : {}),
      };
      add("open", {
        ...common,
        ...(a.amount !== undefined ? { bedrag: a.amount } : {}),
        betaald: a.paid,
        open_exact: a.open,
        reden: a.reason,
        ...(a.source !== undefined ? { bron: a.source } : {}),
      });
      for (const p of a.partners) add("open", { ...common, vennoot: p.name, aandeel: p.share, open_exact: p.open });
    }
  }
  for (const x of r.released) {
    const common: Row = { jaar: String(x.year), id: x.asset, ...(x.description !== undefined ? { omschrijving: x.description } : {}) };
    add("aftrek", { ...common, aftrekbaar_exact: x.deductibleExact, reden: x.basis, ...(x.source !== undefined ? { bron: x.source } : {}) });
    for (const p of x.partners) add("aftrek", { ...common, vennoot: p.name, aftrekbaar_exact: p.deductibleExact });
  }
  for (const d of r.disposals)
    add("vervreemding", {
      jaar: String(d.investmentYear),
      id: d.id,
      ...(d.investment !== undefined ? { investering: d.investment } : {}),
      ...(d.description !== undefined ? { omschrijving: d.description } : {}),
      bedrag: d.price,
      kia_exact: d.additionExact,
      ...(d.source !== undefined ? { bron: d.source } : {}),
    });
  return [[...REGISTER_COLUMNS], ...rows.map((row) => REGISTER_COLUMNS.map((c) => row[c] ?? ""))];
}
