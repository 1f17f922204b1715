/**
 * Calendar arithmetic in a named IANA time zone with the platform's Intl data: local midnight,
 * offsets, and times in words ("today 09:15 UTC").
 */

const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(zone, found);
  }
  return found;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(instant: Date, zone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: String(parts.weekday),
  };
}

/** Minutes the zone is ahead of UTC at that instant (America/Chicago in November: -360). */
export function offsetMinutes(instant: Date, zone: string): number {
  const local = localParts(instant, zone);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a local wall-clock time in the zone. */
export function zonedTime(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const guess = new Date(Date.UTC(year, month - 1, day, hour, minute));
  const first = new Date(guess.getTime() - offsetMinutes(guess, zone) * 60_000);
  // A second pass settles instants near a daylight-saving change.
  return new Date(guess.getTime() - offsetMinutes(first, zone) * 60_000);
}

/** Local midnight of the day `instant` falls on, `daysBack` days earlier. */
export function startOfLocalDay(instant: Date, zone: string, daysBack = 0): Date {
  const local = localParts(new Date(instant.getTime() - daysBack * dayMs), zone);
  return zonedTime(zone, local.year, local.month, local.day);
}

const weekdayIndex: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

export function localWeekday(instant: Date, zone: string): number {
  return weekdayIndex[localParts(instant, zone).weekday] ?? 0;
}

const monthNames = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const pad = (value: number) => String(value).padStart(2, "0");

/** "today 09:15 UTC", "yesterday 22:40 UTC", "Tue 17 Nov 08:00 UTC", "3 Oct 2026 08:00 UTC". */
export function timeInWords(value: unknown, now: Date | undefined, zone: string): string {
  if (typeof value !== "string" && !(value instanceof Date)) return "an unknown time";
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return "an unknown time";
  const local = localParts(instant, zone);
  const clock = `${pad(local.hour)}:${pad(local.minute)} ${zone}`;
  if (now) {
    const today = startOfLocalDay(now, zone).getTime();
    const time = instant.getTime();
    if (time >= today && time < today + dayMs) return `today ${clock}`;
    if (time >= today - dayMs && time < today) return `yesterday ${clock}`;
    if (time >= today - 6 * dayMs && time < today) {
      return `${local.weekday} ${local.day} ${monthNames[local.month - 1]} ${clock}`;
    }
  }
  return `${local.day} ${monthNames[local.month - 1]} ${local.year} ${clock}`;
}
