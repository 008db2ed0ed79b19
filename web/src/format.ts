import dayjs from 'dayjs';
import 'dayjs/locale/vi';

dayjs.locale('vi');

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

const numberFormats = new Map<number, Intl.NumberFormat>();

/**
 * 1.234,56 — up to `maxDigits` decimals (2 by default: an entered 12,75 must not read back as 12,8; ratios such as
 * 50,97 % keep the precision the server computed).
 */
export function formatNumber(n: number | null | undefined, maxDigits = 2): string {
  if (n === null || n === undefined) return '—';
  let f = numberFormats.get(maxDigits);
  if (!f) numberFormats.set(maxDigits, (f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxDigits })));
  return f.format(n);
}

/** An ISO date (YYYY-MM-DD) as dd/mm/yyyy, read as a calendar date (no time zone shift). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** A timestamp in the browser's local time, dd/mm/yyyy HH:mm. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_TIME_FORMAT) : '—';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / 1024 / 1024, 1)} MB`;
}

export function trimText(s: string, max = 140): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export const todayIso = () => dayjs().format('YYYY-MM-DD');
