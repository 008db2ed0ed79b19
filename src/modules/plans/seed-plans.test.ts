// Mechanical check of the seed-plan encoding (data/plans/*.yaml, data/org-units/agencies.yaml)
// against the seed texts in ../shared/seeds (beside the repository).
//
//  (a) nothing invented  — every task / section / target text occurs verbatim in the normalised seed
//  (b) nothing missing   — removing every encoded text from the seed body leaves only numbering/punctuation
//  (c) every lead / coordinating reference resolves (agency code, group token, district GSO code)
//  (d) codes are unique
//  (e) deadlines: phrase verbatim in the task text, real calendar dates, spot checks
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

// ---------------------------------------------------------------- types

type Due =
  | { kind: 'none' }
  | { kind: 'date'; date: string; phrase: string }
  | { kind: 'quarter'; year: number; quarter: number; phrase: string }
  | { kind: 'year'; year: number; phrase: string }
  | { kind: 'yearly'; month: number; day: number; phrase: string };

interface Task {
  code: string;
  text: string;
  lead: string | string[];
  coordinating?: string[];
  coordinatingText?: string;
  due: Due;
}

interface Section {
  code: string;
  title?: string;
  text?: string;
  sections?: Section[];
  tasks?: Task[];
}

interface Target {
  code: string;
  year: number;
  group?: string;
  percent?: number;
  text: string;
}

interface Plan {
  number: string;
  issuedOn: string;
  issuer: string;
  title: string;
  legalBasis: string[];
  period?: { from: number; to: number };
  sections: Section[];
  closing?: string;
  targets?: Target[];
}

interface Agency {
  code: string;
  kind: 'agency' | 'association';
  name: string;
  shortName: string;
  aliases?: string[];
  parent: string;
  validFrom?: string;
  validTo?: string;
  groups: string[];
  successor?: string;
}

// ---------------------------------------------------------------- helpers

const readText = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');

/** Strip markdown (bold, headings, links), NFC, collapse whitespace. */
function normalise(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/#/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const GROUP_TOKENS = new Set(['@agencies', '@districts', '@mass-orgs']);
const GROUP_OF_TOKEN: Record<string, string> = { '@agencies': 'agencies', '@mass-orgs': 'mass-orgs' };
// district-level units (GSO codes) of the two old provinces, addressed only as "@districts" or by name
const DISTRICTS: Record<string, string[]> = {
  '72': ['703', '705', '706', '707', '708', '709', '710', '711', '712'],
  '74': ['718', '719', '720', '721', '722', '723', '724', '725', '726'],
};

interface Walked {
  sections: Section[];
  tasks: Task[];
  /** task code → titles of the enclosing sections (a bullet inherits the parties named in its intro) */
  context: Map<string, string[]>;
}

function walk(sections: Section[], out: Walked = { sections: [], tasks: [], context: new Map() }, titles: string[] = []) {
  for (const s of sections) {
    out.sections.push(s);
    const inner = s.title ? [...titles, s.title] : titles;
    for (const t of s.tasks ?? []) {
      out.tasks.push(t);
      out.context.set(t.code, inner);
    }
    walk(s.sections ?? [], out, inner);
  }
  return out;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

// ---------------------------------------------------------------- fixtures

const agencies = parse(readText('../../../data/org-units/agencies.yaml')) as Agency[];
const agencyByCode = new Map(agencies.map((a) => [a.code, a]));

interface Case {
  file: string;
  seed: string;
  province: string;
  bodyStart: string;
  bodyEnd: string;
}

const CASES: Case[] = [
  {
    file: 'tay-ninh-2042-2020.yaml',
    seed: '000_474c2da9f5b1b4bc.txt',
    province: '72',
    bodyStart: 'I. Mục đích, yêu cầu',
    bodyEnd: 'Nơi nhận',
  },
  {
    file: 'binh-duong-1144-2022.yaml',
    seed: '001_f2c5cef53557606c.txt',
    province: '74',
    bodyStart: 'I. QUAN ĐIỂM CHỈ ĐẠO',
    bodyEnd: 'Nơi nhận',
  },
];

function load(c: Case) {
  const raw = readText(`../../../data/plans/${c.file}`);
  const plan = parse(raw) as Plan;
  const seed = normalise(readText(`../../../../shared/seeds/${c.seed}`));
  const { sections, tasks, context } = walk(plan.sections);
  const targets = plan.targets ?? [];
  return { raw, plan, seed, sections, tasks, context, targets };
}

const loaded = new Map(CASES.map((c) => [c.file, load(c)]));
const get = (file: string) => {
  const l = loaded.get(file);
  if (!l) throw new Error(`no plan ${file}`);
  return l;
};

// ---------------------------------------------------------------- per-plan checks

describe.each(CASES)('seed plan $file', (c) => {
  const { raw, plan, seed, sections, tasks, context, targets } = get(c.file);

  it('header matches the seed', () => {
    expect(seed).toContain(`Số: ${plan.number}`);
    expect(plan.issuer).toBe(c.province);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(plan.issuedOn));
    expect(m, `issuedOn ${plan.issuedOn}`).not.toBeNull();
    const [, y, mo, d] = m!;
    expect(isRealDate(+y!, +mo!, +d!)).toBe(true);
    expect(seed).toContain(`ngày ${+d!} tháng ${+mo!} năm ${y}`);
    expect(seed.toLocaleLowerCase('vi')).toContain(plan.title.toLocaleLowerCase('vi'));
    expect(plan.legalBasis.length).toBeGreaterThan(0);
    for (const lb of plan.legalBasis) expect(seed, 'legalBasis').toContain(lb);
    if (plan.period) {
      expect(seed).toMatch(new RegExp(`${plan.period.from}\\s*-\\s*${plan.period.to}`));
    }
  });

  it('(a) nothing invented: every encoded text occurs verbatim in the seed', () => {
    const missing: string[] = [];
    const check = (what: string, s: string | undefined) => {
      if (s === undefined) return;
      if (s !== normalise(s)) missing.push(`${what}: not normalised`);
      if (!seed.includes(s)) missing.push(`${what}: ${s}`);
    };
    for (const s of sections) {
      check(`section ${s.code} title`, s.title);
      check(`section ${s.code} text`, s.text);
      expect(s.title ?? s.text, `section ${s.code} has neither title nor text`).toBeTruthy();
    }
    for (const t of tasks) {
      expect(t.text, `task ${t.code}`).toBeTruthy();
      check(`task ${t.code}`, t.text);
      check(`task ${t.code} coordinatingText`, t.coordinatingText);
      if (t.coordinatingText) {
        const where = [t.text, ...(context.get(t.code) ?? [])].join(' ¦ ');
        expect(where, `coordinatingText of ${t.code}`).toContain(t.coordinatingText);
      }
    }
    for (const t of targets) {
      check(`target ${t.code}`, t.text);
      check(`target ${t.code} group`, t.group);
    }
    check('closing', plan.closing);
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('(b) nothing missing: the seed body minus the encoded texts is only numbering and punctuation', () => {
    const start = seed.indexOf(c.bodyStart);
    const end = seed.indexOf(c.bodyEnd, start);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    let body = seed.slice(start, end);

    const pieces: string[] = [];
    for (const s of sections) {
      if (s.title) pieces.push(s.title);
      if (s.text) pieces.push(s.text);
    }
    for (const t of tasks) pieces.push(t.text);
    const groups = new Set<string>();
    for (const t of targets) {
      pieces.push(t.text);
      if (t.group) groups.add(`${t.year}\u0000${t.group}`);
    }
    for (const g of groups) pieces.push(g.split('\u0000')[1]!);
    if (plan.closing) pieces.push(plan.closing);

    // longest first, so that a short title is never cut out of a longer sentence
    pieces.sort((x, y) => y.length - x.length);
    for (const p of pieces) {
      const i = body.indexOf(p);
      if (i >= 0) body = `${body.slice(0, i)} ¦ ${body.slice(i + p.length)}`;
    }
    const leftover = body
      .replace(/(^|\s)([IVX]+|\d+|[a-zđ])[.)](?=\s|$)/g, '$1') // "II.", "3.", "a)"
      .replace(/\s+/g, ' ')
      .trim();
    const letters = (leftover.match(/\p{L}/gu) ?? []).length;
    if (process.env.SHOW_LEFTOVER) console.log(`${c.file} leftover: ${leftover}`);
    expect(letters, `leftover after removing encoded texts:\n${leftover}`).toBeLessThan(3);
  });

  it('(c) every lead / coordinating reference resolves', () => {
    const problems: string[] = [];
    const districts = new Set(DISTRICTS[c.province]);
    const resolve = (code: string, where: string, allowAgency: boolean) => {
      if (GROUP_TOKENS.has(code)) {
        const g = GROUP_OF_TOKEN[code];
        if (g && !agencies.some((a) => a.parent === c.province && a.groups.includes(g))) {
          problems.push(`${where}: group ${code} has no member in province ${c.province}`);
        }
        return;
      }
      if (districts.has(code)) return;
      const a = agencyByCode.get(code);
      if (!a || !allowAgency) problems.push(`${where}: unknown reference ${code}`);
      else if (a.parent !== c.province) problems.push(`${where}: ${code} belongs to another province`);
    };
    for (const t of tasks) {
      if (typeof t.lead === 'string') resolve(t.lead, `${t.code} lead`, true);
      else if (Array.isArray(t.lead)) for (const l of t.lead) resolve(l, `${t.code} lead`, false);
      else problems.push(`${t.code}: lead missing`);
      expect(Array.isArray(t.coordinating ?? []), `${t.code} coordinating`).toBe(true);
      for (const co of t.coordinating ?? []) resolve(co, `${t.code} coordinating`, true);
      if (typeof t.lead === 'string' && (t.coordinating ?? []).includes(t.lead)) {
        problems.push(`${t.code}: lead also listed as coordinating`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);

    // "lead: []" must be explained by a YAML comment on the same line
    const emptyLeads = tasks.filter((t) => Array.isArray(t.lead) && t.lead.length === 0).length;
    const commented = (raw.match(/^\s*lead: \[\]\s*#.+$/gm) ?? []).length;
    const bare = (raw.match(/^\s*lead: \[\]\s*$/gm) ?? []).length;
    expect(bare).toBe(0);
    expect(commented).toBe(emptyLeads);

    // every agency of this province is actually used by this plan
    const used = new Set(tasks.flatMap((t) => [...[t.lead].flat(), ...(t.coordinating ?? [])]));
    const unused = agencies.filter((a) => a.parent === c.province && !used.has(a.code)).map((a) => a.code);
    expect(unused, 'agencies listed but never referenced').toEqual([]);
  });

  it('(d) codes are unique', () => {
    const codes = [...sections.map((s) => s.code), ...tasks.map((t) => t.code), ...targets.map((t) => t.code)];
    const dup = codes.filter((x, i) => codes.indexOf(x) !== i);
    expect(dup).toEqual([]);
    for (const code of codes) expect(code).toMatch(/^[IVX]+(\.[0-9a-zp]+)*$/);
  });

  it('(e) deadlines are verbatim, real, and only where the text states one', () => {
    const problems: string[] = [];
    for (const t of tasks) {
      const d = t.due;
      if (!d) {
        problems.push(`${t.code}: due missing`);
        continue;
      }
      if (d.kind === 'none') {
        if (/trước ngày \d|quý [IV]+ năm|hoàn thành .*năm \d{4}/.test(t.text)) {
          problems.push(`${t.code}: text states a deadline but due is none`);
        }
        continue;
      }
      if (!t.text.includes(d.phrase)) problems.push(`${t.code}: phrase "${d.phrase}" not in text`);
      switch (d.kind) {
        case 'date': {
          const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(d.date));
          if (!m || !isRealDate(+m[1]!, +m[2]!, +m[3]!)) problems.push(`${t.code}: bad date ${d.date}`);
          else if (!d.phrase.includes(`${+m[3]!}/${+m[2]!}/${m[1]}`)) problems.push(`${t.code}: phrase/date mismatch`);
          break;
        }
        case 'quarter':
          if (!(d.quarter >= 1 && d.quarter <= 4)) problems.push(`${t.code}: bad quarter`);
          else if (!d.phrase.includes(`quý ${ROMAN[d.quarter]} năm ${d.year}`)) problems.push(`${t.code}: phrase/quarter mismatch`);
          break;
        case 'year':
          if (!Number.isInteger(d.year) || !d.phrase.includes(String(d.year))) problems.push(`${t.code}: phrase/year mismatch`);
          break;
        case 'yearly': {
          if (!isRealDate(2000, d.month, d.day)) problems.push(`${t.code}: bad yearly date ${d.day}/${d.month}`);
          const dd = String(d.day).padStart(2, '0');
          const ok =
            d.phrase.includes(`${d.day}/${d.month}`) ||
            d.phrase.includes(`${dd} tháng ${d.month}`) ||
            d.phrase.includes(`${d.day} tháng ${d.month}`);
          if (!ok) problems.push(`${t.code}: phrase/yearly mismatch`);
          break;
        }
        default:
          problems.push(`${t.code}: unknown due kind ${(d as { kind: string }).kind}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

// ---------------------------------------------------------------- spot checks

describe('Tây Ninh 2042/KH-UBND spot checks', () => {
  const { tasks, plan } = get('tay-ninh-2042-2020.yaml');
  const byCode = new Map(tasks.map((t) => [t.code, t]));

  it('II.1.a: quarter III/2020, led by the agencies and the districts', () => {
    const t = byCode.get('II.1.a');
    expect(t?.due).toEqual({ kind: 'quarter', year: 2020, quarter: 3, phrase: 'hoàn thành trong quý III năm 2020' });
    expect(t?.lead).toEqual(['@agencies', '@districts']);
  });

  it('the section-III task stating "trước ngày 30/9/2020" is due 2020-09-30, and only it', () => {
    const withDate = tasks.filter((t) => t.text.includes('trước ngày 30/9/2020'));
    expect(withDate).toHaveLength(1);
    expect(withDate[0]!.code.startsWith('III')).toBe(true);
    expect(withDate[0]!.due).toMatchObject({ kind: 'date', date: '2020-09-30' });
    expect(tasks.filter((t) => t.due.kind === 'date')).toHaveLength(1);
  });

  it('"trước ngày 15/10" is a yearly deadline on the task that states it', () => {
    const t = tasks.filter((x) => x.text.includes('trước ngày 15/10'));
    expect(t).toHaveLength(1);
    expect(t[0]!.due).toMatchObject({ kind: 'yearly', month: 10, day: 15 });
  });

  it('has no targets and no stated period', () => {
    expect(plan.targets ?? []).toEqual([]);
    expect(plan.period).toBeUndefined();
  });
});

describe('Bình Dương 1144/KH-UBND spot checks', () => {
  const { tasks, targets, seed, plan } = get('binh-duong-1144-2022.yaml');
  const target = (year: number, needle: string) => {
    const found = targets.filter((t) => t.year === year && t.text.includes(needle));
    expect(found, `target ${year} "${needle}"`).toHaveLength(1);
    return found[0]!;
  };

  it('yearly report before 01 December', () => {
    expect(seed).toContain('trước ngày 01 tháng 12');
    const yearly = tasks.filter((t) => t.text.includes('trước ngày 01 tháng 12'));
    expect(yearly.length).toBe(2);
    for (const t of yearly) expect(t.due).toMatchObject({ kind: 'yearly', month: 12, day: 1 });
  });

  it('mid-term review 2025 is a year deadline', () => {
    const t = tasks.filter((x) => x.text.includes('sơ kết vào năm 2025'));
    expect(t).toHaveLength(1);
    expect(t[0]!.due).toMatchObject({ kind: 'year', year: 2025 });
  });

  it('period 2021–2030', () => {
    expect(plan.period).toEqual({ from: 2021, to: 2030 });
  });

  it('targets: literacy level 2 and the 2025 / 2030 percentages', () => {
    expect(targets).toHaveLength(31);
    expect(targets.filter((t) => t.year === 2025)).toHaveLength(15);
    expect(targets.filter((t) => t.year === 2030)).toHaveLength(16);
    for (const t of targets) {
      expect([2025, 2030]).toContain(t.year);
      expect(t.code.startsWith(t.year === 2025 ? 'II.2.a.' : 'II.2.b.')).toBe(true);
      const pct = /(\d+)%/.exec(t.text);
      expect(t.percent, `percent of ${t.code}`).toBe(pct ? Number(pct[1]) : undefined);
    }
    expect(target(2025, 'xóa mù chữ cấp tỉnh').text).toBe('Phấn đấu đạt chuẩn xóa mù chữ cấp tỉnh ở mức độ 2');
    expect(target(2030, 'xóa mù chữ cấp tỉnh').text).toBe('Duy trì đạt chuẩn xóa mù chữ cấp tỉnh ở mức độ 2');
    expect(target(2025, 'trung học cơ sở mức độ 3').percent).toBe(40);
    expect(target(2030, 'trung học cơ sở mức độ 3').percent).toBe(50);
    expect(target(2025, 'năng lực thông tin').percent).toBe(50);
    expect(target(2030, 'năng lực thông tin').percent).toBe(70);
    expect(target(2025, 'trình độ đại học').percent).toBe(12);
    expect(target(2030, 'trình độ đại học').percent).toBe(15);
    expect(target(2025, 'danh hiệu công dân học tập').percent).toBe(40);
    expect(target(2030, 'danh hiệu công dân học tập').percent).toBe(60);
    expect(target(2025, 'huyện học tập').percent).toBe(25);
    expect(target(2030, 'huyện học tập').percent).toBe(50);
    expect(target(2030, 'tỉnh học tập').text).toBe('Tỉnh được công nhận danh hiệu tỉnh học tập');
  });
});

// ---------------------------------------------------------------- agencies.yaml

describe('agencies.yaml', () => {
  const seedOf: Record<string, string> = Object.fromEntries(
    CASES.map((c) => [c.province, get(c.file).seed]),
  );

  it('is well-formed', () => {
    const codes = agencies.map((a) => a.code);
    expect(codes.filter((x, i) => codes.indexOf(x) !== i)).toEqual([]);
    for (const a of agencies) {
      expect(a.code).toMatch(/^\d{2}\.[A-Z0-9]+$/);
      expect(a.code.split('.')[0]).toBe(a.parent);
      expect(['agency', 'association']).toContain(a.kind);
      expect(a.name).toBeTruthy();
      expect(a.shortName).toBeTruthy();
      for (const g of a.groups) expect(['agencies', 'mass-orgs']).toContain(g);
      if (a.parent === '72' || a.parent === '74') {
        expect(String(a.validTo)).toBe('2025-06-30');
      } else {
        // successor units of the new provinces
        expect(['79', '80']).toContain(a.parent);
        expect(String(a.validFrom)).toBe('2025-07-01');
      }
      if (a.successor) {
        const s = agencyByCode.get(a.successor);
        expect(s, `successor of ${a.code}`).toBeDefined();
        expect(String(s?.validFrom)).toBe('2025-07-01');
      }
    }
  });

  it('every old-province agency is named in its seed', () => {
    for (const a of agencies.filter((x) => seedOf[x.parent] !== undefined)) {
      const seed = seedOf[a.parent]!;
      const names = a.aliases ?? [];
      expect(names.length, `aliases of ${a.code}`).toBeGreaterThan(0);
      for (const n of names) expect(seed, `${a.code} alias "${n}"`).toContain(n);
    }
  });
});
