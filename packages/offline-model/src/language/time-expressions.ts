/**
 * Time windows named in a request ("since midnight", "this morning", "the past 3 days", "last
 * Tuesday", "in the last hour"), resolved against the conversation's `Current time:` in the
 * account's time zone. Spans and parts of the day are read here; calendar dates, weekdays and
 * clock times are left to chrono-node (https://github.com/wanasit/chrono).
 */
import * as chrono from "chrono-node";
import {
  localParts,
  localWeekday,
  offsetMinutes,
  startOfLocalDay,
  timeInWords,
  zonedTime,
} from "./time-zones.ts";

export interface Period {
  since: Date;
  until: Date;
  /** How an answer names the window, in words. */
  label: string;
}

export interface TimeExpression {
  /** The words of the request that name the window. */
  text: string;
  start: number;
  end: number;
  resolve(now: Date, zone: string): Period;
}

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const unitMs: Record<string, number> = {
  minute: minuteMs,
  hour: hourMs,
  day: dayMs,
  week: 7 * dayMs,
};
const unitNames: Record<string, string> = {
  min: "minute",
  mins: "minute",
  minute: "minute",
  minutes: "minute",
  hr: "hour",
  hrs: "hour",
  hour: "hour",
  hours: "hour",
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
};
const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  couple: 2,
  "couple of": 2,
  few: 3,
  "few of": 3,
};

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

const earlier = (left: Date, right: Date) => (left.getTime() <= right.getTime() ? left : right);

function window(since: Date, until: Date, label: string): Period {
  return { since, until: until < since ? since : until, label };
}

/** "in the last 6 hours (since today 09:06 UTC)". */
function spanBack(now: Date, zone: string, amount: number, unit: string): Period {
  const since = new Date(now.getTime() - amount * (unitMs[unit] ?? hourMs));
  return window(
    since,
    now,
    `in the last ${amount === 1 ? unit : plural(amount, unit)} (since ${timeInWords(since, now, zone)})`,
  );
}

function localDay(now: Date, zone: string, daysBack: number, fromHour = 0, toHour = 24) {
  const midnight = startOfLocalDay(now, zone, daysBack);
  const local = localParts(midnight, zone);
  const since = zonedTime(zone, local.year, local.month, local.day, fromHour);
  const until =
    toHour >= 24
      ? startOfLocalDay(new Date(midnight.getTime() + 36 * hourMs), zone)
      : zonedTime(zone, local.year, local.month, local.day, toHour);
  return { since, until: earlier(until, now) };
}

const dayParts: Record<string, [number, number]> = {
  morning: [0, 12],
  afternoon: [12, 18],
  evening: [18, 24],
  night: [18, 24],
  tonight: [18, 24],
};

interface Matcher {
  pattern: RegExp;
  resolve(match: RegExpExecArray, now: Date, zone: string): Period;
}

const countWord =
  "(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|couple(?: of)?|few)";
const unitWord = "(minutes?|mins?|hours?|hrs?|days?|weeks?)";

const matchers: Matcher[] = [
  {
    pattern: new RegExp(
      `\\b(?:(?:in|over|during|within|for|from)\\s+)?(?:the\\s+)?(?:last|past|previous|prior)\\s+${countWord}\\s+${unitWord}\\b`,
      "i",
    ),
    resolve: (match, now, zone) => {
      const raw = (match[1] ?? "1").toLowerCase();
      const amount = Number.isNaN(Number(raw)) ? (numberWords[raw] ?? 1) : Number(raw);
      return spanBack(now, zone, amount, unitNames[(match[2] ?? "hour").toLowerCase()] ?? "hour");
    },
  },
  {
    pattern: new RegExp(`\\b${countWord}\\s+${unitWord}\\s+ago\\b`, "i"),
    resolve: (match, now, zone) => {
      const raw = (match[1] ?? "1").toLowerCase();
      const amount = Number.isNaN(Number(raw)) ? (numberWords[raw] ?? 1) : Number(raw);
      return spanBack(now, zone, amount, unitNames[(match[2] ?? "hour").toLowerCase()] ?? "hour");
    },
  },
  {
    pattern:
      /\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?(?:last|past|previous)\s+(minute|hour|day|week|month)\b/i,
    resolve: (match, now, zone) => {
      const unit = (match[1] ?? "hour").toLowerCase();
      if (unit === "month") return spanBack(now, zone, 30, "day");
      if (unit === "week") return spanBack(now, zone, 7, "day");
      if (unit === "day") return spanBack(now, zone, 24, "hour");
      return spanBack(now, zone, 1, unit);
    },
  },
  {
    pattern: /\b(?:the\s+)?day before yesterday\b/i,
    resolve: (_match, now, zone) => {
      const day = localDay(now, zone, 2);
      return window(
        day.since,
        day.until,
        `the day before yesterday (${dayLabel(day.since, now, zone)})`,
      );
    },
  },
  {
    pattern: /\byesterday(?:\s+(morning|afternoon|evening|night))?\b/i,
    resolve: (match, now, zone) => {
      const part = match[1]?.toLowerCase();
      const [from, to] = part ? (dayParts[part] ?? [0, 24]) : [0, 24];
      const day = localDay(now, zone, 1, from, to);
      return window(day.since, day.until, part ? `yesterday ${part}` : "yesterday");
    },
  },
  {
    pattern: /\b(?:last night|overnight)\b/i,
    resolve: (_match, now, zone) => {
      const evening = localDay(now, zone, 1, 18, 24).since;
      const morning = localDay(now, zone, 0, 0, 6).until;
      return window(
        evening,
        morning,
        `overnight (${timeInWords(evening, now, zone)} to ${timeInWords(morning, now, zone)})`,
      );
    },
  },
  {
    pattern: /\b(?:this|today'?s?)\s+(morning|afternoon|evening)\b|\btonight\b/i,
    resolve: (match, now, zone) => {
      const part = (match[1] ?? "tonight").toLowerCase();
      const [from, to] = dayParts[part] ?? [0, 24];
      const day = localDay(now, zone, 0, from, to);
      return window(
        day.since,
        day.until,
        `this ${part === "tonight" ? "evening" : part} (since ${timeInWords(day.since, now, zone)})`,
      );
    },
  },
  {
    pattern: /\b(?:since|after|from)\s+midnight\b|\b(?:so far|earlier)\s+today\b|\btoday'?s?\b/i,
    resolve: (_match, now, zone) => {
      const since = startOfLocalDay(now, zone);
      return window(
        since,
        now,
        `today (since ${timeInWords(since, now, zone).replace(/^today /, "")})`,
      );
    },
  },
  {
    pattern: /\b(?:over|during|on|at)?\s*(?:the|this|last)\s+weekend\b/i,
    resolve: (_match, now, zone) => {
      const weekday = localWeekday(now, zone);
      const back = weekday === 6 ? 0 : weekday === 0 ? 1 : weekday + 1;
      const saturday = startOfLocalDay(now, zone, back);
      const monday = startOfLocalDay(now, zone, back - 2);
      return window(
        saturday,
        earlier(monday, now),
        `over the weekend (since ${timeInWords(saturday, now, zone)})`,
      );
    },
  },
  {
    pattern: /\bthis week\b/i,
    resolve: (_match, now, zone) => {
      const weekday = localWeekday(now, zone);
      const monday = startOfLocalDay(now, zone, (weekday + 6) % 7);
      return window(monday, now, `this week (since ${timeInWords(monday, now, zone)})`);
    },
  },
  {
    pattern: /\blast week\b/i,
    resolve: (_match, now, zone) => spanBack(now, zone, 7, "day"),
  },
];

/** Words chrono reads as a date that operators use for "at present". */
const presentWords = /^(now|right now|at the moment|currently|today)$/i;

function dayLabel(since: Date, now: Date, zone: string): string {
  return timeInWords(since, now, zone).replace(/ 00:00 /, " ");
}

/** A chrono date (possibly in the future: chrono reads "Monday" forward) moved into the past. */
function pastDate(result: chrono.ParsedResult, now: Date): Date {
  const date = result.start.date();
  if (date <= now) return date;
  if (!result.start.isCertain("day") && result.start.isCertain("weekday"))
    return new Date(date.getTime() - 7 * dayMs);
  if (!result.start.isCertain("day")) return new Date(date.getTime() - dayMs);
  if (!result.start.isCertain("year")) {
    const moved = new Date(date);
    moved.setUTCFullYear(moved.getUTCFullYear() - 1);
    return moved;
  }
  return date;
}

function chronoExpression(text: string): TimeExpression | undefined {
  // chrono needs the reference for parsing; offsets are recomputed in resolve().
  const results = chrono
    .parse(text, new Date(0), { forwardDate: false })
    .filter(
      (result) =>
        result.text.trim().length >= 3 &&
        !presentWords.test(result.text.trim()) &&
        !/^\d+$/.test(result.text.trim()),
    );
  const result = results[0];
  if (!result) return undefined;
  const before = text.slice(0, result.index);
  const since = /\b(since|after|from)\s+$/i.exec(before);
  const start = since ? since.index : result.index;
  return {
    text: text.slice(start, result.index + result.text.length),
    start,
    end: result.index + result.text.length,
    resolve(now, zone) {
      const reparsed =
        chrono.parse(
          result.text,
          { instant: now, timezone: offsetMinutes(now, zone) },
          { forwardDate: false },
        )[0] ?? result;
      const date = pastDate(reparsed, now);
      const hasClock = reparsed.start.isCertain("hour");
      if (hasClock) return window(date, now, `since ${timeInWords(date, now, zone)}`);
      const local = localParts(date, zone);
      const dayStart = zonedTime(zone, local.year, local.month, local.day);
      if (since) return window(dayStart, now, `since ${timeInWords(dayStart, now, zone)}`);
      const dayEnd = startOfLocalDay(new Date(dayStart.getTime() + 36 * hourMs), zone);
      return window(dayStart, earlier(dayEnd, now), `on ${dayLabel(dayStart, now, zone)}`);
    },
  };
}

/** The first time window the text names, if any. */
export function findTimeExpression(text: string): TimeExpression | undefined {
  let best: TimeExpression | undefined;
  for (const matcher of matchers) {
    const match = matcher.pattern.exec(text);
    if (!match) continue;
    const start = match.index + (match[0].length - match[0].trimStart().length);
    if (best && best.start <= start) continue;
    // "since this morning" runs from the start of the morning until now.
    const since = /\bsince\s+$/i.test(text.slice(0, start));
    best = {
      text: match[0].trim(),
      start,
      end: match.index + match[0].length,
      resolve: (now, zone) => {
        const period = matcher.resolve(match, now, zone);
        return since
          ? window(period.since, now, `since ${timeInWords(period.since, now, zone)}`)
          : period;
      },
    };
  }
  if (best) return best;
  return chronoExpression(text);
}

/** The window the text names; `fallbackHours` back from now when it names none. */
export function resolvePeriod(text: string, now: Date, zone: string, fallbackHours = 24): Period {
  const expression = findTimeExpression(text);
  if (expression) return expression.resolve(now, zone);
  return spanBack(now, zone, fallbackHours, "hour");
}

export function within(timestamp: unknown, period: Period): boolean {
  if (typeof timestamp !== "string") return false;
  const time = new Date(timestamp).getTime();
  return time >= period.since.getTime() && time <= period.until.getTime();
}
