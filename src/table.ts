/**
 * The KIA table of art. 3.41 lid 2 Wet IB 2001 applied to a year's total investment amount, exactly.
 * A band is "meer dan X maar niet meer dan Y": the total I falls in the band where X < I <= Y.
 */
import { Decimal, ZERO } from "./decimal";
import { step, type Step } from "./explanation";
import {
  getYearTable,
  ref,
  rules,
  type Band,
  type BandKind,
  type YearTable,
} from "./law";
import {
  formatEuro,
  formatEuroShort,
  formatPercent,
  parseAmount,
} from "./money";
import { roundForReport } from "./rounding";

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
      return band.fixed!.minus(
        total.minus(band.phaseoutFrom!).times(band.phaseoutRate!),
      );
    default:
      return ZERO;
  }
}

export class TableResult {
  private _rate?: Decimal;
  private _explanation?: Step[];

  constructor(
    readonly year: number,
    readonly total: Decimal,
    readonly table: YearTable,
    readonly bandInfo: Band,
    /** the KIA exactly as the table gives it */
    readonly exact: Decimal,
    /** the KIA after the rounding policy (whole euros up, unless exact) */
    readonly rounded: Decimal,
    readonly isExact: boolean,
  ) {}

  get band(): BandKind {
    return this.bandInfo.kind;
  }

  /** Effective rate: exact KIA / total (0 when the total is 0). Computed on first use. */
  get rate(): Decimal {
    if (this._rate === undefined)
      this._rate = this.total.isZero() ? ZERO : this.exact.div(this.total);
    return this._rate;
  }

  get explanation(): Step[] {
    if (this._explanation === undefined) this._explanation = explainTable(this);
    return this._explanation;
  }
}

/**
 * kia(total, year): the KIA for a year's total of qualifying investments.
 * Throws KiaValidationError for a negative or non-numeric total and NoTableError for a year without a table.
 */
export function kia(
  total: Decimal | number | string,
  year: number,
  options?: { exact?: boolean } | null,
): TableResult {
  const table = getYearTable(year);
  const t =
    total instanceof Decimal
      ? total.isNegative()
        ? parseAmount(total, "total")
        : total
      : parseAmount(total, "total");
  const band = findBand(table, t);
  const exact = bandAmount(band, t);
  const isExact = options?.exact === true;
  return new TableResult(
    year,
    t,
    table,
    band,
    exact,
    roundForReport(exact, "deduction", isExact),
    isExact,
  );
}

function explainTable(r: TableResult): Step[] {
  const tableRef = ref("wetib-3.41-2", r.year);
  const steps: Step[] = [
    step(
      `Totaal investeringsbedrag ${r.year}: ${formatEuro(r.total)}.`,
      ref("wetib-3.41-1", r.year),
    ),
    step(`Schijf van de tabel ${r.year}: ${bandText(r.bandInfo)}.`, tableRef),
  ];
  const b = r.bandInfo;
  if (b.kind === "percentage") {
    steps.push(
      step(
        `${formatPercent(b.rate!)} x ${formatEuro(r.total)} = ${formatEuro(r.exact, Math.max(2, r.exact.decimalPlaces()))}.`,
        tableRef,
      ),
    );
  } else if (b.kind === "phase-out") {
    const excess = r.total.minus(b.phaseoutFrom!);
    const reduction = excess.times(b.phaseoutRate!);
    steps.push(
      step(
        `${formatEuroShort(b.fixed!)} - ${formatPercent(b.phaseoutRate!)} x (${formatEuro(r.total)} - ${formatEuroShort(b.phaseoutFrom!)}) = ${formatEuroShort(b.fixed!)} - ${formatEuro(reduction, Math.max(2, reduction.decimalPlaces()))} = ${formatEuro(r.exact, Math.max(2, r.exact.decimalPlaces()))}.`,
        tableRef,
      ),
    );
  } else if (b.kind === "fixed") {
    steps.push(step(`Vast bedrag: ${formatEuroShort(b.fixed!)}.`, tableRef));
  } else if (b.kind === "none") {
    steps.push(
      step(
        `Het totaal is niet meer dan ${formatEuroShort(b.upTo!)}: geen KIA.`,
        tableRef,
      ),
    );
  } else {
    steps.push(
      step(
        `Het totaal is meer dan ${formatEuroShort(b.over!)}: geen KIA.`,
        tableRef,
      ),
    );
  }
  if (!r.isExact && !r.exact.eq(r.rounded)) {
    steps.push(
      step(
        `Afgerond op hele euro's in het voordeel van de belastingplichtige: ${formatEuro(r.exact, Math.max(2, r.exact.decimalPlaces()))} wordt ${formatEuroShort(r.rounded)}.`,
        ref(rules.rounding.ref, r.year),
      ),
    );
  }
  return steps;
}
