import { firstDay, lastDay, partialDateProblem, precisionOf } from "../../src/model/dates";
import { partialDate } from "../../src/model/contract";

describe("partial dates", () => {
  it.each([
    ["2018", "YEAR", "2018-01-01", "2018-12-31"],
    ["2018-08", "MONTH", "2018-08-01", "2018-08-31"],
    ["2024-02", "MONTH", "2024-02-01", "2024-02-29"],
    ["2023-02", "MONTH", "2023-02-01", "2023-02-28"],
    ["2018-08-06", "DAY", "2018-08-06", "2018-08-06"],
  ])("%s is a %s from %s to %s", (value, precision, first, last) => {
    expect(partialDateProblem(value)).toBeNull();
    expect(precisionOf(value)).toBe(precision);
    expect(firstDay(value)).toBe(first);
    expect(lastDay(value)).toBe(last);
  });

  it.each([
    "18",
    "2018-8",
    "2018-13",
    "2018-00",
    "2023-02-29",
    "2018-04-31",
    "2018-08-06T10:00",
    "August 2018",
  ])("%s is refused", (value) => {
    expect(partialDateProblem(value)).not.toBeNull();
    expect(partialDate.safeParse(value).success).toBe(false);
  });

  it("sorts as text by first day, a less precise date before the more precise ones it holds", () => {
    const dates = ["2018-08-06", "2018", "2017-12-31", "2018-08", "2018-01-01"];
    expect([...dates].sort()).toEqual(["2017-12-31", "2018", "2018-01-01", "2018-08", "2018-08-06"]);
  });
});
