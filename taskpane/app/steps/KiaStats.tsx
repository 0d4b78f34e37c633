/**
 * The KIA of the year and how it is spread: deductible this year and carried forward (only when there is any).
 * Rows of a `<dl class="stats">`, shared by the review (step 1) and the report (step 5).
 */
import type { Report } from "../../../src";
import { usePane } from "../context";
import { Money, Stat } from "../ui";

export function KiaStats({ report }: { report: Pick<Report, "kia" | "deductibleThisYear" | "carriedForward"> }) {
  const { t } = usePane();
  return (
    <>
      <Stat label={t.kia} strong>
        <Money value={report.kia} />
      </Stat>
      <Stat label={t.deductibleThisYear}>
        <Money value={report.deductibleThisYear} />
      </Stat>
      {report.carriedForward !== "0" ? (
        <Stat label={t.carriedForward}>
          <Money value={report.carriedForward} />
        </Stat>
      ) : null}
    </>
  );
}
