import { z } from 'zod';

export const UNIT_KINDS = ['province', 'district', 'commune', 'hamlet', 'agency', 'school', 'clc', 'university', 'enterprise', 'association'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const SUCCESSION_KINDS = ['merge', 'split', 'rename'] as const;

export interface UnitVersion {
  code: string;
  kind: UnitKind;
  name: string;
  shortName?: string;
  parentCode?: string;
  validFrom?: string; // absent: the start is not recorded
  validTo?: string; // absent: still in force
  groups?: string[];
  /** e.g. `{ verified: false, note }` for a unit whose existence or succession is inferred [I]. */
  attributes?: Record<string, unknown>;
  source?: string;
}

export interface SuccessionEdge {
  fromCode: string;
  toCode: string;
  effective: string;
  kind: (typeof SUCCESSION_KINDS)[number];
  share?: number;
  source?: string;
}

/** Whether a unit version is in force on a date (both ends inclusive; an open end is unbounded). */
export function validOn(u: Pick<UnitVersion, 'validFrom' | 'validTo'>, date: string): boolean {
  return (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo);
}

/** The day before an ISO date: a successor takes effect the day after its predecessor's last day. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Finds the version of `code` meant by a reference at `date`. Codes are reused across reorganisations
 * (79, 80, many commune codes), so a code alone is ambiguous: the date decides.
 */
export function resolveVersion<T extends UnitVersion>(versions: Map<string, T[]>, code: string, date: string): T | undefined {
  return versions.get(code)?.find((v) => validOn(v, date));
}

/** The date a child's reference to its parent is read at: its first day, or its last if the first is unknown. */
export function referenceDate(u: Pick<UnitVersion, 'validFrom' | 'validTo'>): string {
  return u.validFrom ?? u.validTo ?? '9999-12-31';
}

export const OrgUnitQuery = z.strictObject({
  at: z.iso.date().optional().describe('Ngày tham chiếu (mặc định: hôm nay)'),
  kind: z.enum(UNIT_KINDS).optional(),
  within: z.string().max(32).optional().describe('Mã đơn vị cha (tại ngày tham chiếu)'),
  q: z.string().max(100).optional().describe('Tìm theo tên, không phân biệt dấu'),
  group: z.string().max(32).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const OrgUnit = z.object({
  id: z.string(), code: z.string(), kind: z.string(), name: z.string(), shortName: z.string().nullable(),
  parentCode: z.string().nullable(), validFrom: z.string().nullable(), validTo: z.string().nullable(),
  verified: z.boolean().describe('false: đơn vị/kế thừa suy luận [I], chưa đối chiếu văn bản'),
});
