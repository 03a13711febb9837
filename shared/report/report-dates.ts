const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

interface DateParts {
  day: number;
  month: string;
  year: number;
}

/** Reads the YYYY-MM-DD start of an ISO date or date-time without time-zone arithmetic. */
function parts(iso: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const month = MONTHS[Number(match[2]) - 1];
  if (month === undefined) return null;
  return { day: Number(match[3]), month, year: Number(match[1]) };
}

/** "6 July 2015", the Commission's date style; an unreadable date is shown as given. */
export function formatDate(iso: string): string {
  const date = parts(iso);
  return date ? `${date.day} ${date.month} ${date.year}` : iso;
}

/**
 * "from 6 to 10 July 2015", "from 30 June to 3 July 2015", "from 30 December 2015 to 2 January
 * 2016", or "on 6 July 2015" for a one-day mission: only what differs is repeated.
 */
export function formatDateRange(startIso: string, endIso: string): string {
  const start = parts(startIso);
  const end = parts(endIso);
  if (!start || !end) return `from ${startIso} to ${endIso}`;
  if (startIso.slice(0, 10) === endIso.slice(0, 10)) return `on ${formatDate(startIso)}`;
  if (start.year !== end.year) return `from ${formatDate(startIso)} to ${formatDate(endIso)}`;
  if (start.month !== end.month) return `from ${start.day} ${start.month} to ${formatDate(endIso)}`;
  return `from ${start.day} to ${formatDate(endIso)}`;
}
