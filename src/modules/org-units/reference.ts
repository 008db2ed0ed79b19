import fs from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SUCCESSION_KINDS, UNIT_KINDS, type SuccessionEdge, type UnitVersion } from './model.ts';

/** The administrative units and agencies shipped in `data/org-units/` (see its README for sources). */
const DATA = new URL('../../../data/org-units/', import.meta.url);

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
const isoDate = z.iso.date();

const UnitRow = z.object({
  code: z.string().min(1), kind: z.enum(UNIT_KINDS), name: z.string().min(1),
  parent_code: z.string(), valid_from: z.string(), valid_to: z.string(), source: z.string(),
});
const SuccessionRow = z.object({
  from_code: z.string().min(1), to_code: z.string().min(1), effective: isoDate,
  kind: z.enum(SUCCESSION_KINDS), share: z.string(), source: z.string(),
});
const Agency = z.object({
  code: z.string().min(1), kind: z.enum(UNIT_KINDS), name: z.string().min(1), shortName: z.string().optional(),
  parent: z.string().min(1), validFrom: isoDate.optional(), validTo: isoDate.optional(),
  groups: z.array(z.string()).default([]), successor: z.string().optional(), aliases: z.array(z.string()).optional(),
  verified: z.boolean().default(true), note: z.string().optional(),
});

export interface ReferenceData {
  units: UnitVersion[];
  succession: SuccessionEdge[];
}

export async function readReferenceData(dir: URL = DATA): Promise<ReferenceData> {
  const csv = async (name: string) => parseCsv(await fs.readFile(new URL(name, dir), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  const units: UnitVersion[] = (await csv('units.csv')).map((raw, i) => {
    const r = parseRow(UnitRow, raw, `units.csv dòng ${i + 2}`);
    return {
      code: r.code, kind: r.kind, name: r.name, parentCode: optional(r.parent_code),
      validFrom: optional(r.valid_from), validTo: optional(r.valid_to), source: optional(r.source),
    };
  });
  const succession: SuccessionEdge[] = (await csv('succession.csv')).map((raw, i) => {
    const r = parseRow(SuccessionRow, raw, `succession.csv dòng ${i + 2}`);
    return { fromCode: r.from_code, toCode: r.to_code, effective: r.effective, kind: r.kind, share: optional(r.share) ? Number(r.share) : undefined, source: optional(r.source) };
  });
  const agencies = z.array(Agency).parse(parseYaml(await fs.readFile(new URL('agencies.yaml', dir), 'utf8'), { schema: 'core' }));
  for (const a of agencies) {
    const attributes = a.verified ? undefined : { verified: false, note: a.note };
    units.push({ code: a.code, kind: a.kind, name: a.name, shortName: a.shortName, parentCode: a.parent, validFrom: a.validFrom, validTo: a.validTo, groups: a.groups, attributes, source: 'data/org-units/agencies.yaml' });
    if (a.successor && a.validTo) {
      succession.push({ fromCode: a.code, toCode: a.successor, effective: nextDay(a.validTo), kind: 'merge', source: 'data/org-units/agencies.yaml' });
    }
  }
  return { units, succession };
}

function parseRow<T>(schema: z.ZodType<T>, raw: unknown, where: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`${where}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
