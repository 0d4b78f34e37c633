/**
 * The KIA table of art. 3.41 lid 2 Wet IB 2001 applied to a year's total investment amount, exactly.
 * A band is "meer dan X maar niet meer dan Y": the total I falls in the band where X < I <= Y.
 */
import { Decimal, ZERO } from "./decimal";
import { step, type Step } from "./explanation";
import { getYearTable, ref, rules, type Band, type BandKind, type YearTable } from "./law";
import { formatExactEuro, formatEuroShort, formatPercent, parseTotal } from "./money";
import { roundForReport } from "./rounding";
import { centsDecimal, centsOfDecimal, centsOfNumber, centsOfString, divRound } from "./cents";

/** The Dutch wording of a band, as the law writes it. */
export function bandText(band: Band): string {
  const over = band.over ? `meer dan ${formatEuroShort(band.over)}` : "";
  const upTo = band.upTo ? `niet meer dan ${formatEuroShort(band.upTo)}` : "";
  const range = over && upTo ? `${over} maar ${upTo}` : over || upTo;
  switch (band.kind) {
    case "percentage":
      return `${range}: ${formatPercent(band.rate!)} van het investeringsbedrag`;
    case "fixed":
      return `${range}: ${formatEuroShort(band.fixed!)}`;
    case "phase-out":
      return `${range}: ${formatEuroShort(band.fixed!)} verminderd met ${formatPercent(band.phaseoutRate!)} van het gedeelte van het investeringsbedrag dat ${formatEuroShort(band.phaseoutFrom!)} te boven gaat`;
    default:
      return `${range}: nihil`;
  }
}

export function findBand(table: YearTable, total: Decimal): Band {
  const bands = table.bands;
  for (let i = 0; i < bands.length; i++) {
    const upTo = bands[i].upTo;
    if (upTo === null || total.lte(upTo)) return bands[i];
  }
  return bands[bands.length - 1];
}

/** The exact KIA for a total within a band. */
export function bandAmount(band: Band, total: Decimal): Decimal {
  switch (band.kind) {
    case "percentage":
      return total.times(band.rate!);
    case "fixed":
      return band.fixed!;
    case "phase-out":
      return band.fixed!.minus(total.minus(band.phaseoutFrom!).times(band.phaseoutRate!));
    default:
      return ZERO;
  }
}

/**
 * The result of the table for one total. On the integer path (a whole number of cents, see cents.ts) the amounts
 * are held as integers and the Decimals are made only when asked for; on the Decimal path they are given.
 */
export class TableResult {
  private _total: Decimal | undefined;
  private _exact: Decimal | undefined;
  private _rounded: Decimal | undefined;
  private _rate?: Decimal;
  private _explanation?: Step[];

  constructor(
    readonly year: number,
    readonly table: YearTable,
    readonly bandInfo: Band,
    readonly isExact: boolean,
    /** integer path: the total in cents, the exact KIA in millionths of a euro, the rounded KIA in euros */
    private readonly fast: { cents: number; micro: number; euros: number } | null,
    slow: { total: Decimal; exact: Decimal; rounded: Decimal } | null,
  ) {
    if (slow) {
      this._total = slow.total;
      this._exact = slow.exact;
      this._rounded = slow.rounded;
    }
  }

  get band(): BandKind {
    return this.bandInfo.kind;
  }

  get total(): Decimal {
    return (this._total ??= centsDecimal(this.fast!.cents));
  }

  /** the KIA exactly as the table gives it */
  get exact(): Decimal {
    return (this._exact ??= new Decimal(this.fast!.micro).div(1e6));
  }

  /** the KIA after the rounding policy (whole euros up, unless exact) */
  get rounded(): Decimal {
    return (this._rounded ??= new Decimal(this.fast!.euros));
  }

  /** the rounded KIA as a number (what Excel receives), without making a Decimal on the integer path */
  get roundedNumber(): number {
    return this.fast ? this.fast.euros : this.rounded.toNumber();
  }

  /** The effective rate as a number: on the integer path one correctly rounded division of two exact integers. */
  get rateNumber(): number {
    if (this.fast) return this.fast.cents === 0 ? 0 : this.fast.micro / (this.fast.cents * 10000);
    return this.rate.toNumber();
  }

  /** Effective rate: exact KIA / total (0 when the total is 0). Computed on first use. */
  get rate(): Decimal {
    if (this._rate === undefined) this._rate = this.total.isZero() ? ZERO : this.exact.div(this.total);
    return this._rate;
  }

  get explanation(): Step[] {
    if (this._explanation === undefined) this._explanation = explainTable(this);
    return this._explanation;
  }
}

/**
 * A year's table in integers: edges and fixed amounts in cents, percentages in basis points (28% = 2800,
 * 7,56% = 756). Null when a percentage is not a whole number of basis points (then only the Decimal path).
 */
interface IntBand {
  kind: BandKind;
  upToCents: number; // Infinity for the last band
  bp: number;
  fixedCents: number;
  phaseoutBp: number;
  phaseoutFromCents: number;
}
const intTables = new Map<YearTable, IntBand[] | null>();

function intTable(table: YearTable): IntBand[] | null {
  let t = intTables.get(table);
  if (t !== undefined) return t;
  const bp = (d: Decimal | undefined) => (d ? d.times(10000).toNumber() : 0);
  t = table.bands.map((b) => ({
    kind: b.kind,
    upToCents: b.upTo ? b.upTo.times(100).toNumber() : Infinity,
    bp: bp(b.rate),
    fixedCents: b.fixed ? b.fixed.times(100).toNumber() : 0,
    phaseoutBp: bp(b.phaseoutRate),
    phaseoutFromCents: b.phaseoutFrom ? b.phaseoutFrom.times(100).toNumber() : 0,
  }));
  if (t.some((b) => !Number.isInteger(b.bp) || !Number.isInteger(b.phaseoutBp))) t = null;
  intTables.set(table, t);
  return t;
}

/**
 * The integer path: the KIA for a total of whole cents, exactly, in millionths of a euro. Scaling: cents (10^-2)
 * times basis points (10^-4) is 10^-6 euro, so 28% x total is cents x 2800 and the phase-out is
 * fixed x 10^6 - (total - start) in cents x 756: integers, and within the bands where they apply far below
 * 2^53 (the 28% band ends below € 10^5, the phase-out below € 10^6), so no step rounds. Returns the band index.
 */
export function kiaMicro(cents: number, bands: readonly IntBand[]): { micro: number; band: number } {
  let i = 0;
  while (cents > bands[i].upToCents) i++;
  const b = bands[i];
  switch (b.kind) {
    case "percentage":
      return { micro: cents * b.bp, band: i };
    case "fixed":
      return { micro: b.fixedCents * 10000, band: i };
    case "phase-out":
      return {
        micro: b.fixedCents * 10000 - (cents - b.phaseoutFromCents) * b.phaseoutBp,
        band: i,
      };
    default:
      return { micro: 0, band: i };
  }
}

/** Per year from 1900 (index year - 1900): its table and integer table, looked up once (kia() is called per cell). */
const byYear: ({ table: YearTable; ints: IntBand[] | null } | undefined)[] = [];

function yearTables(year: number): { table: YearTable; ints: IntBand[] | null } {
  // an integer year in int32 range only (a string "2024" or 2024.5 is not one: getYearTable refuses it by name)
  const k = typeof year === "number" && (year | 0) === year ? year - 1900 : -1;
  let entry = k >= 0 && k <= 300 ? byYear[k] : undefined;
  if (entry === undefined) {
    const table = getYearTable(year);
    entry = { table, ints: intTable(table) };
    if (k >= 0 && k <= 300) byYear[k] = entry;
  }
  return entry;
}

/** The total as integer cents when it may take the integer path, else -1. This is the one place that decides. */
function integerPathCents(total: Decimal | number | string): number {
  if (typeof total === "number") return centsOfNumber(total);
  if (typeof total === "string") return centsOfString(total.trim());
  // anything else (null, an array, an object) goes to the Decimal path, whose parseAmount refuses it by name
  return total instanceof Decimal ? centsOfDecimal(total) : -1;
}

/**
 * kia(total, year): the KIA for a year's total of qualifying investments.
 * Throws KiaValidationError for a negative or non-numeric total and NoTableError for a year without a table.
 * A total of whole cents takes the integer path (kiaMicro); anything else, or the `exact` option, takes the
 * Decimal path; both give the same answer (test/fastpath.test.ts).
 */
export function kia(total: Decimal | number | string, year: number, options?: { exact?: boolean } | null): TableResult {
  const { table, ints } = yearTables(year);
  const isExact = options?.exact === true;
  if (!isExact) {
    const cents = ints ? integerPathCents(total) : -1;
    if (cents >= 0) {
      const { micro, band } = kiaMicro(cents, ints!);
      return new TableResult(year, table, table.bands[band], false, { cents, micro, euros: divRound(micro, 1e6, "ceil") }, null);
    }
  }
  return kiaDecimal(total, year, isExact);
}

/** The Decimal path, for any amount the scenario contract allows. */
export function kiaDecimal(total: Decimal | number | string, year: number, isExact = false): TableResult {
  const table = getYearTable(year);
  // A Decimal total may be a sum above the single-amount range; it must still be a finite, non-negative number.
  // A total is a sum: it may be above the single-amount range (a report's own `total`, as a Decimal or a string).
  const t = total instanceof Decimal && !total.isNegative() && total.isFinite() ? total : parseTotal(total, "total");
  const band = findBand(table, t);
  const exact = bandAmount(band, t);
  return new TableResult(year, table, band, isExact, null, {
    total: t,
    exact,
    rounded: roundForReport(exact, "deduction", isExact),
  });
}

function explainTable(r: TableResult): Step[] {
  const tableRef = ref("wetib-3.41-2", r.year);
  const steps: Step[] = [
    step(`Totaal investeringsbedrag ${r.year}: ${formatExactEuro(r.total)}.`, ref("wetib-3.41-1", r.year)),
    step(`Schijf van de tabel ${r.year}: ${bandText(r.bandInfo)}.`, tableRef),
  ];
  const b = r.bandInfo;
  if (b.kind === "percentage") {
    steps.push(step(`${formatPercent(b.rate!)} x ${formatExactEuro(r.total)} = ${formatExactEuro(r.exact)}.`, tableRef));
  } else if (b.kind === "phase-out") {
    const excess = r.total.minus(b.phaseoutFrom!);
    const reduction = excess.times(b.phaseoutRate!);
    steps.push(
      step(
        `${formatEuroShort(b.fixed!)} - ${formatPercent(b.phaseoutRate!)} x (${formatExactEuro(r.total)} - ${formatEuroShort(b.phaseoutFrom!)}) = ${formatEuroShort(b.fixed!)} - ${formatExactEuro(reduction)} = ${formatExactEuro(r.exact)}.`,
        tableRef,
      ),
    );
  } else if (b.kind === "fixed") {
    steps.push(step(`Vast bedrag: ${formatEuroShort(b.fixed!)}.`, tableRef));
  } else if (b.kind === "none") {
    steps.push(step(`Het totaal is niet meer dan ${formatEuroShort(b.upTo!)}: geen KIA.`, tableRef));
  } else {
    steps.push(step(`Het totaal is meer dan ${formatEuroShort(b.over!)}: geen KIA.`, tableRef));
  }
  if (!r.isExact && !r.exact.eq(r.rounded)) {
    steps.push(
      step(
        `Afgerond op hele euro's in het voordeel van de belastingplichtige: ${formatExactEuro(r.exact)} wordt ${formatEuroShort(r.rounded)}.`,
        ref(rules.rounding.ref, r.year),
      ),
    );
  }
  return steps;
}
