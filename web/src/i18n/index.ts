import vi from './vi.json';

export type MessageKey = keyof typeof vi;

/** The UI speaks Vietnamese; en.json carries the same keys for a later language switch. */
export function t(key: MessageKey): string {
  return vi[key];
}

/** Looks up a dynamic key (a status, a unit kind) and falls back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return (vi as Record<string, string>)[key] ?? fallback;
}
