import { CronExpressionParser } from "cron-parser";

/** Celigo schedules are 6-field crons whose seconds field is `?`; cron-parser wants a number there. */
export function toCronExpression(schedule: string): string {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new RangeError(
      `A flow schedule has 6 fields ("? minutes hours day-of-month month day-of-week", e.g. "? 0,30 * ? * *"); got ${JSON.stringify(schedule)}.`,
    );
  }
  if (fields[0] === "?") fields[0] = "0";
  return fields.join(" ");
}

/** Returns true when cron-parser accepts the schedule. */
export function isValidSchedule(schedule: string): boolean {
  try {
    CronExpressionParser.parse(toCronExpression(schedule), { tz: "UTC" });
    return true;
  } catch {
    return false;
  }
}

/** Occurrences of a schedule in (fromMs, toMs], oldest first, at most `limit` (the latest ones). */
export function occurrencesBetween(
  schedule: string,
  timezone: string | undefined,
  fromMs: number,
  toMs: number,
  limit = 500,
): number[] {
  if (toMs <= fromMs) return [];
  const expression = CronExpressionParser.parse(toCronExpression(schedule), {
    currentDate: new Date(fromMs),
    tz: timezone ?? "UTC",
  });
  const times: number[] = [];
  for (;;) {
    const time = expression.next().getTime();
    if (time > toMs) break;
    times.push(time);
    // Keep only the latest ones when a long clock jump would start too many runs.
    if (times.length > limit) times.shift();
  }
  return times;
}

/** The first occurrence of a schedule strictly after `afterMs`. */
export function nextOccurrence(
  schedule: string,
  timezone: string | undefined,
  afterMs: number,
): number {
  const expression = CronExpressionParser.parse(toCronExpression(schedule), {
    currentDate: new Date(afterMs),
    tz: timezone ?? "UTC",
  });
  return expression.next().getTime();
}
