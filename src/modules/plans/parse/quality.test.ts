// Measured quality: the two seed texts must give exactly the hand-checked plan files the tracker loads
// (data/plans/*.yaml), field by field, and so must copies of them re-wrapped, renumbered, decomposed (NFD),
// with CRLF line ends or stray spacing. Precision and recall are printed for each text.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readReferenceData } from '../../org-units/reference.ts';
import { PlanFile, walkTasks } from '../model.ts';
import { Directory } from './directory.ts';
import { measureLayout, paragraphs, type Marker } from './layout.ts';
import { parsePlanText, requirePlan } from './parse.ts';
import { toPlanDraft, unresolvedParties } from './plan-file.ts';
import { formatScores, scorePlan, type PlanLike } from './quality.ts';
import { toLines } from './text.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');
const seedPlan = (name: string) => parseYaml(readFileSync(new URL(`../../../../data/plans/${name}.yaml`, import.meta.url), 'utf8'), { schema: 'core' });

let directory: Directory;
beforeAll(async () => { directory = new Directory((await readReferenceData()).units); });

const SEEDS = [
  { name: 'tay-ninh-2042-2020', text: () => fixture('tay-ninh-2042-2020.txt') },
  { name: 'binh-duong-1144-2022', text: () => fixture('binh-duong-1144-2022.txt') },
];

/** Paragraphs of a text re-emitted with their numbering (independent of how the copy wrapped them). */
function paragraphsOf(text: string): { marker: Marker | null; text: string }[] {
  const lines = toLines(text);
  return paragraphs(lines, 0, lines.length, measureLayout(lines));
}
const markerText = (m: Marker | null, style: 'as-is' | 'other') => {
  if (!m) return '';
  if (style === 'as-is') return { roman: `${m.label}.`, arabic: `${m.label}.`, letter: `${m.label})`, paren: `(${m.label})`, dash: '-', plus: '+' }[m.kind];
  return { roman: `${m.label} -`, arabic: `${m.label})`, letter: `${m.label}.`, paren: `(${m.label})`, dash: '•', plus: '+' }[m.kind];
};
function greedyWrap(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line && line.length + 1 + word.length > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

const VARIANTS: { name: string; make: (text: string) => string }[] = [
  { name: 'as given', make: (t) => t },
  { name: 'NFD (Unicode tổ hợp)', make: (t) => t.normalize('NFD') },
  { name: 'CRLF', make: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'spacing (tabs, NBSP, double spaces)', make: (t) => t.split('\n').map((l) => l.replace(/ /g, (_, i: number) => (i % 7 === 0 ? '\u00a0' : i % 5 === 0 ? '  ' : ' '))).join('\n') },
  {
    name: 'one line per paragraph, blank lines between (Word copy)',
    make: (t) => paragraphsOf(t).map((p) => `${markerText(p.marker, 'as-is')} ${p.text}`.trim()).join('\n\n'),
  },
  {
    name: 're-wrapped at 58 columns, blank lines between',
    make: (t) => paragraphsOf(t).map((p) => greedyWrap(`${markerText(p.marker, 'as-is')} ${p.text}`.trim(), 58).join('\n')).join('\n\n'),
  },
  {
    name: 're-wrapped at 72 columns, first lines indented, no blank lines',
    make: (t) => paragraphsOf(t).flatMap((p) => greedyWrap(`${markerText(p.marker, 'as-is')} ${p.text}`.trim(), 72).map((l, i) => (i === 0 ? `    ${l}` : l))).join('\n'),
  },
  {
    name: 'other numbering (I -, 1), a., •)',
    make: (t) => paragraphsOf(t).map((p) => `${markerText(p.marker, 'other')} ${p.text}`.trim()).join('\n\n'),
  },
];

describe.each(SEEDS)('seed $name', (seed) => {
  const expected = () => seedPlan(seed.name) as PlanLike & Record<string, unknown>;

  it.each(VARIANTS)('$name: 100 % precision and recall on every field, and exactly the tracker’s plan file', (variant) => {
    const parsed = parsePlanText(variant.make(seed.text()), directory);
    requirePlan(parsed);
    const draft = toPlanDraft(parsed);
    const scores = scorePlan(expected(), draft);
    console.log(formatScores(`${seed.name} — ${variant.name}`, scores));
    for (const s of scores) {
      expect({ field: s.field, precision: s.precision, recall: s.recall }).toEqual({ field: s.field, precision: 1, recall: 1 });
    }
    expect(PlanFile.parse(draft)).toEqual(PlanFile.parse(expected()));
    expect(unresolvedParties(draft)).toEqual([]);
  });

  it('reads every line of the text (nothing left over but the copy’s own stray marks)', () => {
    const parsed = parsePlanText(seed.text(), directory);
    // 000: "**Nơi nhận:** *th*" carries a stray "th" after the label; nothing else is left.
    expect(parsed.unparsed).toEqual(seed.name === 'tay-ninh-2042-2020' ? [{ line: 138, text: 'th' }] : []);
    expect(parsed.warnings.filter((w) => w.severity !== 'info')).toEqual([]);
  });

  it('links tasks to the lines they came from', () => {
    const text = seed.text().split(/\r?\n/);
    const draft = toPlanDraft(parsePlanText(seed.text(), directory));
    for (const { task } of walkTasks(draft.sections as PlanFile['sections'])) {
      const [from, to] = (task as unknown as { sourceLines: [number, number] }).sourceLines;
      const source = text.slice(from - 1, to).join(' ').normalize('NFC').replace(/\*\*|\[|\]\([^)]*\)/g, '').replace(/\s+/g, ' ');
      // the task's first and last words are on those lines
      expect(source, task.code).toContain(task.text.split(' ').slice(0, 3).join(' '));
      expect(source, task.code).toContain(task.text.replace(/[.;:]$/, '').split(' ').slice(-2).join(' '));
    }
  });
});

describe('an unseen plan (Hồ Chí Minh City, after the 2025 reform) imports with a short review', () => {
  it('reads header, tasks, deadlines and targets, and flags only the bodies the directory lacks', () => {
    const parsed = parsePlanText(fixture('ho-chi-minh-4187-2025.txt'), directory);
    requirePlan(parsed);
    expect(parsed).toMatchObject({
      number: '4187/KH-UBND', issuedOn: '2025-09-22', issuerUnit: { code: '79' }, documentType: 'Kế hoạch',
      title: 'Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025 trên địa bàn Thành phố',
      signer: { name: 'Nguyễn Văn Minh', position: 'Phó Chủ tịch', capacity: 'KT. Chủ tịch' },
    });
    expect(parsed.legalBasis).toHaveLength(2);
    const draft = toPlanDraft(parsed);
    const tasks = [...walkTasks(draft.sections as PlanFile['sections'])].map((x) => x.task);
    expect(tasks.map((t) => t.code)).toEqual(['III.1', 'III.2', 'III.3', 'IV.1.1', 'IV.1.2', 'IV.2.1', 'IV.2.2']);
    const byCode = Object.fromEntries(tasks.map((t) => [t.code, t]));
    expect(byCode['III.1']).toMatchObject({ lead: '79.SGDDT', coordinating: ['?Sở Văn hóa và Thể thao', '?Hội Khuyến học Thành phố'], due: { kind: 'date', date: '2025-10-01' } });
    expect(byCode['III.3']!.lead).toEqual(['@agencies']);
    // "Ủy ban nhân dân các xã, phường, đặc khu": every commune of the city on 22/09/2025 (168 after the reform).
    expect(byCode['IV.2.1']!.lead).toHaveLength(168);
    expect(byCode['IV.2.1']!.due).toEqual({ kind: 'quarter', year: 2025, quarter: 4, phrase: 'hoàn thành trong quý IV năm 2025' });
    expect(byCode['IV.2.2']!.due).toMatchObject({ kind: 'yearly', month: 12, day: 15 });
    expect(draft.targets.map((t) => [t.year, t.value, t.unit])).toEqual([[2025, 100, '%'], [2025, 90, '%']]);
    // The review: two bodies not in data/org-units (three mentions), nothing unread.
    expect(unresolvedParties(draft)).toEqual([
      { code: 'III.1', field: 'coordinating', name: 'Sở Văn hóa và Thể thao' },
      { code: 'III.1', field: 'coordinating', name: 'Hội Khuyến học Thành phố' },
      { code: 'III.2', field: 'lead', name: 'Sở Văn hóa và Thể thao' },
    ]);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.warnings.filter((w) => w.severity !== 'info').map((w) => w.code)).toEqual(['party.unresolved', 'party.unresolved', 'party.unresolved']);
  });
});
