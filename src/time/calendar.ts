/** Day arithmetic on UTC calendar days, counted as whole days since 1970-01-01. */

const DAY_MS = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dayOfDate(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function isoOfDay(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(dayNum: number): number {
  return new Date(dayNum * DAY_MS).getUTCFullYear();
}

export function isValidDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** First and last day of an ISO value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `a/b`), or null. */
export function valueInterval(value: string): [number, number] | null {
  const slash = value.indexOf('/');
  if (slash > 0) {
    const a = valueInterval(value.slice(0, slash));
    const b = valueInterval(value.slice(slash + 1));
    return a && b ? [a[0], b[1]] : null;
  }
  let m = /^(\d{4})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return [dayNumber(y, mo, 1), dayNumber(y, mo + 1, 1) - 1];
  }
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    return [d, d];
  }
  return null;
}
