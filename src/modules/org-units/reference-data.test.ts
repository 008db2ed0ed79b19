// Integrity checks for the administrative-unit reference data in data/org-units/.
// A unit is identified by (code, validity), never by code alone: GSO codes are
// reused across the 01/7/2025 reform (provinces 79 and 80, many commune codes).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

const UNIT_COLUMNS = ['code', 'kind', 'name', 'parent_code', 'valid_from', 'valid_to', 'source'] as const;
const EDGE_COLUMNS = ['from_code', 'to_code', 'effective', 'kind', 'share', 'source'] as const;
type Unit = Record<(typeof UNIT_COLUMNS)[number], string>;
type Edge = Record<(typeof EDGE_COLUMNS)[number], string>;

const REFORM_END = '2025-06-30';
const REFORM_START = '2025-07-01';

/** Minimal RFC 4180 parser: quoted fields, doubled quotes, CRLF/LF. Returns raw records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

function load<C extends string>(name: string, columns: readonly C[]): { header: string; rows: Record<C, string>[] } {
  const text = readFileSync(new URL(`../../../data/org-units/${name}`, import.meta.url), 'utf8');
  const [header = [], ...body] = parseCsv(text);
  if (header.join(',') !== columns.join(',')) throw new Error(`${name}: unexpected header ${header.join(',')}`);
  const rows = body.map((r, n) => {
    if (r.length !== columns.length) throw new Error(`${name} line ${n + 2}: ${r.length} columns`);
    const row = {} as Record<C, string>;
    columns.forEach((c, i) => (row[c] = r[i] ?? ''));
    return row;
  });
  return { header: header.join(','), rows };
}

const unitsFile = load('units.csv', UNIT_COLUMNS);
const succFile = load('succession.csv', EDGE_COLUMNS);
const units: Unit[] = unitsFile.rows;
const succession: Edge[] = succFile.rows;

// Empty valid_from = unknown start (open towards the past); empty valid_to = still valid.
const from = (u: Unit) => (u.valid_from === '' ? '0000-01-01' : u.valid_from);
const to = (u: Unit) => (u.valid_to === '' ? '9999-12-31' : u.valid_to);
const validOn = (u: Unit, day: string) => from(u) <= day && day <= to(u);
const covers = (outer: Unit, inner: Unit) => from(outer) <= from(inner) && to(inner) <= to(outer);
const versions = (code: string) => units.filter((u) => u.code === code);
const resolveOn = (code: string, day: string) => versions(code).filter((u) => validOn(u, day));
/** The single unit with this code valid on that day (throws otherwise). */
const one = (code: string, day: string): Unit => {
  const found = resolveOn(code, day);
  if (found.length !== 1 || !found[0]) throw new Error(`${code} on ${day}: ${found.length} units`);
  return found[0];
};

const oldCommunesOf = (province: string) =>
  units.filter(
    (u) =>
      u.kind === 'commune' &&
      u.valid_to === REFORM_END &&
      resolveOn(u.parent_code, REFORM_END).some((d) => d.kind === 'district' && d.parent_code === province),
  );
const districtsOf = (province: string) =>
  units.filter((u) => u.kind === 'district' && u.parent_code === province && u.valid_to === REFORM_END);
const newCommunesOf = (province: string) =>
  units.filter((u) => u.kind === 'commune' && u.parent_code === province && u.valid_from === REFORM_START);

describe('org-units reference data: shape', () => {
  it('has the expected headers', () => {
    expect(unitsFile.header).toBe('code,kind,name,parent_code,valid_from,valid_to,source');
    expect(succFile.header).toBe('from_code,to_code,effective,kind,share,source');
  });

  it('uses only known kinds, ISO dates, GSO-looking codes, names with a unit-type prefix, a source', () => {
    for (const u of units) {
      expect(['province', 'district', 'commune']).toContain(u.kind);
      const codePattern: Record<string, RegExp> = { province: /^\d{2}$/, district: /^\d{3}$/, commune: /^\d{5}$/ };
      expect(u.code).toMatch(codePattern[u.kind] ?? /^$/);
      for (const d of [u.valid_from, u.valid_to]) expect(d).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(from(u) <= to(u)).toBe(true);
      expect(u.name).toMatch(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Phường|Xã|Thị trấn|Đặc khu) \S/);
      expect(u.source.length).toBeGreaterThan(0);
    }
    for (const s of succession) {
      expect(s.effective).toBe(REFORM_START);
      expect(['split', 'merge', 'rename']).toContain(s.kind);
      expect(s.share).toBe(''); // no population shares in the sources
      expect(s.source.length).toBeGreaterThan(0);
    }
  });

  it('has no duplicate unit versions or duplicate edges', () => {
    const unitKeys = units.map((u) => `${u.code}|${u.valid_from}|${u.valid_to}`);
    expect(new Set(unitKeys).size).toBe(unitKeys.length);
    const edgeKeys = succession.map((s) => `${s.from_code}|${s.to_code}|${s.effective}`);
    expect(new Set(edgeKeys).size).toBe(edgeKeys.length);
  });
});

describe('org-units reference data: counts match the sources', () => {
  it('has the province versions before and after the merger', () => {
    const provinces = units.filter((u) => u.kind === 'province');
    const before = provinces.filter((u) => u.valid_to === REFORM_END).map((u) => u.code).sort();
    const after = provinces.filter((u) => u.valid_from === REFORM_START && u.valid_to === '').map((u) => u.code).sort();
    expect(before).toEqual(['72', '74', '77', '79', '80']);
    expect(after).toEqual(['79', '80']);
    expect(provinces).toHaveLength(7);
  });

  it('Bình Dương (74): 9 districts, 91 communes (47 phường, 39 xã, 5 thị trấn)', () => {
    expect(districtsOf('74')).toHaveLength(9);
    const c = oldCommunesOf('74');
    expect(c).toHaveLength(91);
    expect(c.filter((u) => u.name.startsWith('Phường '))).toHaveLength(47);
    expect(c.filter((u) => u.name.startsWith('Xã '))).toHaveLength(39);
    expect(c.filter((u) => u.name.startsWith('Thị trấn '))).toHaveLength(5);
  });

  it('Tây Ninh (72): 9 districts, 94 communes (17 phường, 71 xã, 6 thị trấn)', () => {
    expect(districtsOf('72')).toHaveLength(9);
    const c = oldCommunesOf('72');
    expect(c).toHaveLength(94);
    expect(c.filter((u) => u.name.startsWith('Phường '))).toHaveLength(17);
    expect(c.filter((u) => u.name.startsWith('Xã '))).toHaveLength(71);
    expect(c.filter((u) => u.name.startsWith('Thị trấn '))).toHaveLength(6);
  });

  it('new HCMC (79): 168 communes = 113 phường + 54 xã + 1 đặc khu (NQ 1685 k.164)', () => {
    const c = newCommunesOf('79');
    expect(c).toHaveLength(168);
    expect(c.filter((u) => u.name.startsWith('Phường '))).toHaveLength(113);
    expect(c.filter((u) => u.name.startsWith('Xã '))).toHaveLength(54);
    expect(c.filter((u) => u.name.startsWith('Đặc khu '))).toHaveLength(1);
  });

  it('new Tây Ninh (80): 96 communes = 82 xã + 14 phường (NQ 1682 k.97)', () => {
    const c = newCommunesOf('80');
    expect(c).toHaveLength(96);
    expect(c.filter((u) => u.name.startsWith('Xã '))).toHaveLength(82);
    expect(c.filter((u) => u.name.startsWith('Phường '))).toHaveLength(14);
  });

  it('old Bình Dương area gives 36 new communes of 79, old Tây Ninh area 36 of 80', () => {
    for (const [oldProv, newProv] of [
      ['74', '79'],
      ['72', '80'],
    ] as const) {
      const oldCodes = new Set(oldCommunesOf(oldProv).map((u) => u.code));
      const targets = new Set(succession.filter((s) => oldCodes.has(s.from_code)).map((s) => s.to_code));
      expect(targets.size).toBe(36);
      for (const t of targets) {
        expect(one(t, REFORM_START).parent_code).toBe(newProv);
      }
    }
  });

  it('has 216 succession edges: 5 province edges + 107 (Bình Dương) + 104 (Tây Ninh)', () => {
    expect(succession).toHaveLength(216);
    expect(succession.filter((s) => s.from_code.length === 2)).toHaveLength(5);
  });
});

describe('org-units reference data: temporal integrity', () => {
  it('every parent_code resolves to exactly one unit whose validity covers the child', () => {
    const expectedParentKind: Record<string, string[]> = {
      province: [],
      district: ['province'],
      commune: ['district', 'province'],
    };
    for (const u of units) {
      if (u.kind === 'province') {
        expect(u.parent_code).toBe('');
        continue;
      }
      const parents = versions(u.parent_code).filter((p) => covers(p, u));
      expect(parents, `${u.code} ${u.name} -> ${u.parent_code}`).toHaveLength(1);
      expect(expectedParentKind[u.kind]).toContain(parents[0]?.kind);
    }
  });

  it('no two versions of the same code overlap in validity', () => {
    const byCode = new Map<string, Unit[]>();
    for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    for (const [code, vs] of byCode) {
      vs.forEach((a, i) =>
        vs.slice(i + 1).forEach((b) => {
          const overlap = from(a) <= to(b) && from(b) <= to(a);
          expect(overlap, `code ${code} overlaps`).toBe(false);
        }),
      );
    }
  });

  it('codes are reused across the reform (why code alone is not an identifier)', () => {
    expect(versions('79')).toHaveLength(2);
    expect(versions('80').map((u) => u.name).sort()).toEqual(['Tỉnh Long An', 'Tỉnh Tây Ninh']);
    // 25549 was Xã Tân Hưng before; since 01/7/2025 it is Xã Tân Phú (old Xã Tân Phú was 25546).
    expect(one('25549', REFORM_END).name).toBe('Xã Tân Hưng');
    expect(one('25549', REFORM_START).name).toBe('Xã Tân Phú');
  });

  it('every succession endpoint resolves: from on 2025-06-30, to on 2025-07-01, same level', () => {
    for (const s of succession) {
      expect(resolveOn(s.from_code, REFORM_END), `from ${s.from_code}`).toHaveLength(1);
      expect(resolveOn(s.to_code, REFORM_START), `to ${s.to_code}`).toHaveLength(1);
      const f = one(s.from_code, REFORM_END);
      const t = one(s.to_code, REFORM_START);
      expect(f.valid_to).toBe(REFORM_END); // the old unit ends with the reform
      expect(t.kind).toBe(f.kind);
      expect(f.kind).not.toBe('district'); // districts were abolished: no edges
    }
  });

  it('every old Bình Dương / Tây Ninh commune has at least one successor', () => {
    const sources = new Set(succession.map((s) => s.from_code));
    for (const u of [...oldCommunesOf('74'), ...oldCommunesOf('72')]) {
      expect(sources.has(u.code), `${u.code} ${u.name}`).toBe(true);
    }
  });

  it('every new commune in the old Bình Dương / Tây Ninh areas has a predecessor from that area only', () => {
    for (const [oldProv, newProv] of [
      ['74', '79'],
      ['72', '80'],
    ] as const) {
      const oldCodes = new Set(oldCommunesOf(oldProv).map((u) => u.code));
      const targets = new Set(succession.filter((s) => oldCodes.has(s.from_code)).map((s) => s.to_code));
      for (const t of targets) {
        const preds = succession.filter((s) => s.to_code === t).map((s) => s.from_code);
        expect(preds.every((p) => oldCodes.has(p)), `${newProv}/${t}`).toBe(true);
      }
    }
  });

  it('kind is consistent with fan-out / fan-in', () => {
    const fanOut = new Map<string, number>();
    const fanIn = new Map<string, number>();
    for (const s of succession) {
      fanOut.set(s.from_code, (fanOut.get(s.from_code) ?? 0) + 1);
      fanIn.set(s.to_code, (fanIn.get(s.to_code) ?? 0) + 1);
    }
    for (const s of succession) {
      const expected =
        (fanOut.get(s.from_code) ?? 0) > 1 ? 'split' : (fanIn.get(s.to_code) ?? 0) > 1 ? 'merge' : 'rename';
      expect(s.kind, `${s.from_code}->${s.to_code}`).toBe(expected);
    }
    // Only Phường Thới Hòa (NQ 1685 k.164: không sắp xếp) is 1:1.
    expect(succession.filter((s) => s.kind === 'rename').map((s) => s.from_code)).toEqual(['25846']);
    expect(succession.filter((s) => s.kind === 'split')).toHaveLength(52);
  });
});
