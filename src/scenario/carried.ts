/** carriedIn: KIA of earlier years still open under art. 3.44, as their registers hand it on. */
import { Decimal, ZERO } from "../decimal";
import { formatEuro, parseAmount, parseYear } from "../money";
import type { NCarriedAsset, NCarriedYear } from "./contract";
import { expectObject, fail, idOf, MAX_ID_LENGTH, onlyKnownKeys, optBool, optString, rateOf } from "./read";

const CARRIED_YEAR_KEYS = new Set(["year", "open", "source", "assets", "partners"]);
const CARRIED_ASSET_KEYS = new Set(["asset", "description", "amount", "open", "paidBefore", "paid", "inUse", "basis", "partners"]);

/**
 * carriedIn: the parts of earlier years' KIA still open (art. 3.44). Each investment year once and before this year,
 * each asset once in its year; paid by the end of this year is not less than paid before it.
 */
export function validateCarriedIn(raw: unknown, year: number): NCarriedYear[] {
  if (!Array.isArray(raw)) fail("INVALID_TYPE", "carriedIn", raw, "verwacht een lijst met jaren");
  const years = new Set<number>();
  return raw.map((r, i): NCarriedYear => {
    const field = `carriedIn[${i}]`;
    const o = expectObject(r, field);
    onlyKnownKeys(o, CARRIED_YEAR_KEYS, field);
    if (o.year === undefined) fail("MISSING_FIELD", `${field}.year`, undefined, "het investeringsjaar ontbreekt");
    const y = parseYear(o.year, `${field}.year`);
    if (y >= year) fail("INVALID_YEAR", `${field}.year`, o.year, `een deel dat doorschuift komt uit een eerder jaar dan ${year}`);
    if (years.has(y)) fail("INVALID_COMBINATION", `${field}.year`, o.year, `${y} staat al eerder in carriedIn`);
    years.add(y);
    if (!Array.isArray(o.assets))
      fail(o.assets === undefined ? "MISSING_FIELD" : "INVALID_TYPE", `${field}.assets`, o.assets, "verwacht een lijst met bedrijfsmiddelen");
    const names = new Set<string>();
    const assets = (o.assets as unknown[]).map((a, j): NCarriedAsset => {
      const af = `${field}.assets[${j}]`;
      const x = expectObject(a, af);
      onlyKnownKeys(x, CARRIED_ASSET_KEYS, af);
      const asset = idOf(x.asset, af, "asset");
      if (names.has(asset)) fail("DUPLICATE_ID", `${af}.asset`, x.asset, `bedrijfsmiddel ${asset} staat al eerder in ${y}`);
      names.add(asset);
      const open = parseAmount(x.open, `${af}.open`);
      const paidBefore = x.paidBefore === undefined ? ZERO : parseAmount(x.paidBefore, `${af}.paidBefore`);
      const paid = x.paid === undefined ? paidBefore : parseAmount(x.paid, `${af}.paid`);
      if (paid.lt(paidBefore))
        fail(
          "INVALID_COMBINATION",
          `${af}.paid`,
          x.paid,
          `betaald tot het einde van ${year} is minder dan betaald tot het einde van ${year - 1} (${formatEuro(paidBefore)})`,
        );
      if (x.basis !== undefined && x.basis !== "ledger" && x.basis !== "user") fail("INVALID_TYPE", `${af}.basis`, x.basis, 'verwacht "ledger" of "user"');
      return {
        asset,
        ...(x.description === undefined ? {} : { description: optString(x, "description", af) }),
        ...(x.amount === undefined ? {} : { amount: parseAmount(x.amount, `${af}.amount`) }),
        open,
        paidBefore,
        paid,
        inUse: optBool(x, "inUse", af) ?? false,
        ...(x.basis === undefined ? {} : { basis: x.basis as "ledger" | "user" }),
        partners: carriedPartners(x.partners, `${af}.partners`, true).map((p) => ({ name: p.name, open: p.open, share: p.share! })),
      };
    });
    return {
      year: y,
      ...(o.open === undefined ? {} : { open: parseAmount(o.open, `${field}.open`) }),
      ...(o.source === undefined ? {} : { source: optString(o, "source", field) }),
      assets,
      partners: carriedPartners(o.partners, `${field}.partners`, false),
    };
  });
}

function carriedPartners(raw: unknown, field: string, withShare: boolean): { name: string; open: Decimal; share?: Decimal }[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail("INVALID_TYPE", field, raw, "verwacht een lijst met vennoten");
  const seen = new Set<string>();
  return raw.map((r, k) => {
    const pf = `${field}[${k}]`;
    const p = expectObject(r, pf);
    onlyKnownKeys(p, new Set(withShare ? ["name", "open", "share"] : ["name", "open"]), pf);
    const name = optString(p, "name", pf, MAX_ID_LENGTH)?.trim();
    if (!name) fail("MISSING_FIELD", `${pf}.name`, p.name, "de naam van de vennoot ontbreekt");
    if (seen.has(name)) fail("INVALID_COMBINATION", `${pf}.name`, name, "deze vennoot staat al eerder in de lijst");
    seen.add(name);
    return {
      name,
      open: parseAmount(p.open, `${pf}.open`),
      ...(withShare ? { share: rateOf(p.share, `${pf}.share`) } : {}),
    };
  });
}
