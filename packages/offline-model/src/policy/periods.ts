/** Time windows named in a request, resolved against the conversation's "Current time". */

export interface Period {
  since: Date;
  until: Date;
  /** How the answer names the window, with its exact bounds. */
  label: string;
}

const dayMs = 86_400_000;
const unitMs: Record<string, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: dayMs,
  week: 7 * dayMs,
};

/** The last `Current time: <ISO 8601>` line in the system text, if any. */
export function currentTime(systemText: string): Date | undefined {
  const matches = [...systemText.matchAll(/Current time:\s*(\S+)/gi)];
  const value = matches.at(-1)?.[1];
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function window(since: Date, until: Date, name: string): Period {
  return { since, until, label: `${name} (${since.toISOString()} to ${until.toISOString()})` };
}

/** The period the request names; `fallbackHours` when it names none. */
export function requestedPeriod(request: string, now: Date, fallbackHours = 24): Period {
  const text = request.toLowerCase();
  const today = startOfUtcDay(now);
  if (/\byesterday\b/.test(text)) {
    return window(new Date(today.getTime() - dayMs), today, "yesterday");
  }
  if (/\btoday\b|\bthis morning\b/.test(text)) return window(today, now, "today");
  const counted = text.match(/\b(?:last|past|previous)\s+(\d+)\s*(minute|hour|day|week)s?\b/);
  if (counted) {
    const amount = Number(counted[1]);
    const unit = counted[2] ?? "hour";
    const span = amount * (unitMs[unit] ?? unitMs.hour ?? 0);
    return window(
      new Date(now.getTime() - span),
      now,
      `in the last ${amount} ${unit}${amount === 1 ? "" : "s"}`,
    );
  }
  const single = text.match(/\b(?:last|past|this)\s+(minute|hour|day|week)\b/);
  if (single) {
    const unit = single[1] ?? "day";
    return window(new Date(now.getTime() - (unitMs[unit] ?? dayMs)), now, `in the last ${unit}`);
  }
  return window(
    new Date(now.getTime() - fallbackHours * 3_600_000),
    now,
    `in the last ${fallbackHours} hours`,
  );
}

export function within(timestamp: unknown, period: Period): boolean {
  if (typeof timestamp !== "string") return false;
  const time = new Date(timestamp).getTime();
  return time >= period.since.getTime() && time <= period.until.getTime();
}
