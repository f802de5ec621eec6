// Dates shown and sent in the workspace's time zone, built from calendar parts (never toISOString of a local midnight).

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock parts of an instant in a time zone. */
export function partsIn(instant: Date, timeZone: string): LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Value for an <input type="datetime-local"> meaning "now" in the workspace zone. */
export function nowForInput(timeZone: string, now = new Date()): string {
  const p = partsIn(now, timeZone);
  return `${isoDay(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** An API date-time (with offset) as a datetime-local value in the workspace zone. */
export function apiToInput(value: string, timeZone: string): string {
  return nowForInput(timeZone, new Date(value));
}

/** A datetime-local value as the API's local form, read by the server in the workspace zone. */
export function inputToApi(value: string): string {
  return value.replace('T', ' ');
}

export interface DayRange {
  start: string;
  end: string;
}

/** The calendar month containing now, in the workspace zone, as inclusive days. */
export function monthRange(timeZone: string, now = new Date(), offsetMonths = 0): DayRange {
  const p = partsIn(now, timeZone);
  const index = p.year * 12 + (p.month - 1) + offsetMonths;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { start: isoDay(year, month, 1), end: isoDay(year, month, daysInMonth(year, month)) };
}

/** The last n calendar months, oldest first. */
export function lastMonths(timeZone: string, count: number, now = new Date()): DayRange[] {
  const ranges: DayRange[] = [];
  for (let i = count - 1; i >= 0; i--) {
    ranges.push(monthRange(timeZone, now, -i));
  }
  return ranges;
}

export function formatDateTime(value: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDay(value: string, locale: string, timeZone: string): string {
  // A plain day (yyyy-MM-dd) is a calendar date, not an instant: format it at UTC noon in UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${value}T12:00:00Z`));
  }
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' }).format(new Date(value));
}

export function monthLabel(range: DayRange, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short' }).format(new Date(`${range.start}T12:00:00Z`));
}

/**
 * The instant (ISO 8601, UTC) of a wall-clock time in a time zone: "2026-03-29 02:30" as the server reads a
 * date sent without an offset. A value that already has an offset is only normalised.
 */
export function localToInstant(value: string, timeZone: string): string {
  const wall = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!wall) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
  }
  const [year, month, day, hour, minute, second = 0] = wall.slice(1).map((p) => Number(p ?? 0));
  const target = Date.UTC(year, month - 1, day, hour, minute, second);
  // Move the guess by the zone's offset until the zone shows the wanted wall time (twice covers DST edges).
  let instant = target;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(instant), timeZone);
    instant += target - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, second);
  }
  return new Date(instant).toISOString();
}
