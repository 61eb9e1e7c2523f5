/**
 * Partial dates: "2018" (a year), "2018-08" (a month) or "2018-08-06" (a day), as the
 * sources give them. A partial date stands for every day it may be: its first and last
 * possible days bound it, and comparing those compares dates of any precision.
 */

export type DatePrecision = "YEAR" | "MONTH" | "DAY";

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of a year (month 1–12), by the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a partial date, or null when it is one (a real calendar day, month or year). */
export function partialDateProblem(value: string): string | null {
  const match = FORM.exec(value);
  if (!match) return 'a date is "YYYY", "YYYY-MM" or "YYYY-MM-DD"';
  const [, , monthText, dayText] = match;
  const year = Number(match[1]);
  if (monthText === undefined) return null;
  const month = Number(monthText);
  if (month < 1 || month > 12) return `${value} has no month ${monthText}`;
  if (dayText === undefined) return null;
  const day = Number(dayText);
  if (day < 1 || day > daysIn(year, month)) return `${value} is not a day of ${match[1]}-${monthText}`;
  return null;
}

export function precisionOf(value: string): DatePrecision {
  return value.length === 4 ? "YEAR" : value.length === 7 ? "MONTH" : "DAY";
}

/** The first day a partial date may be, as YYYY-MM-DD. */
export function firstDay(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** The last day a partial date may be, as YYYY-MM-DD. */
export function lastDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const days = daysIn(Number(value.slice(0, 4)), Number(value.slice(5, 7)));
    return `${value}-${String(days).padStart(2, "0")}`;
  }
  return value;
}
