import { firstDay, lastDay } from "../model/dates";
import type { FilterSpec, RelatedSpec } from "../repository/filters";
import { badInput } from "./errors";

/**
 * Refuses a filter whose relationship conditions ask something that cannot hold or has no
 * meaning: a `count` with NONE or ALL, a `count` or date range with no end, or one whose
 * ends are the wrong way round. Sizes were held to the input bounds before; the walk is
 * bounded by them.
 */
export function checkFilter(filter: FilterSpec | null | undefined, path = "filter"): void {
  if (!filter) return;
  const date = filter.date;
  if (date?.from && date.to && firstDay(date.from) > lastDay(date.to)) {
    throw badInput(`\`${path}.date\`: \`from\` (${date.from}) is after \`to\` (${date.to}).`, "filter");
  }
  filter.AND?.forEach((f, i) => checkFilter(f, `${path}.AND[${i}]`));
  filter.OR?.forEach((f, i) => checkFilter(f, `${path}.OR[${i}]`));
  checkFilter(filter.NOT, `${path}.NOT`);
  filter.related?.forEach((spec, i) => checkRelated(spec, `${path}.related[${i}]`));
  filter.notRelated?.forEach((spec, i) => checkRelated(spec, `${path}.notRelated[${i}]`));
}

function checkRelated(spec: RelatedSpec, path: string): void {
  const quantifier = spec.quantifier ?? "SOME";
  if (spec.count) {
    if (quantifier !== "SOME") {
      throw badInput(`\`${path}.count\` goes with quantifier SOME, not ${quantifier}.`, "filter");
    }
    checkRange(spec.count.min, spec.count.max, `${path}.count`, "min", "max");
  }
  for (const property of ["since", "until", "year"] as const) {
    const range = spec[property];
    if (range) checkDates(range.from, range.to, `${path}.${property}`);
  }
  checkFilter(spec.where, `${path}.where`);
}

function checkDates(from: string | null | undefined, to: string | null | undefined, path: string): void {
  if (!from && !to) throw badInput(`\`${path}\` needs \`from\`, \`to\` or both.`, "filter");
  if (from && to && firstDay(from) > lastDay(to)) {
    throw badInput(`\`${path}\`: \`from\` (${from}) is after \`to\` (${to}).`, "filter");
  }
}

function checkRange(
  low: number | null | undefined,
  high: number | null | undefined,
  path: string,
  lowName: string,
  highName: string,
): void {
  const given = (value: number | null | undefined): value is number => value !== null && value !== undefined;
  if (!given(low) && !given(high)) {
    throw badInput(`\`${path}\` needs \`${lowName}\`, \`${highName}\` or both.`, "filter");
  }
  if (given(low) && given(high) && low > high) {
    throw badInput(`\`${path}\`: \`${lowName}\` (${low}) is above \`${highName}\` (${high}).`, "filter");
  }
}
