import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { describeDueRule } from '../modules/plans/deadlines.ts';
import { readReferenceData } from '../modules/org-units/reference.ts';
import { Directory } from '../modules/plans/parse/directory.ts';
import { InputError, readPlanFile } from '../modules/plans/parse/input.ts';
import { parsePlanText, requirePlan, type ParsedPlan, type ParsedSection } from '../modules/plans/parse/parse.ts';
import { toPlanDraft } from '../modules/plans/parse/plan-file.ts';
import { partyJson, planJson } from '../modules/plans/parse/view.ts';

const USAGE = 'Cách dùng: xhht plan parse TỆP [--json | --yaml]   (TỆP: .txt hoặc .docx)';

/**
 * `xhht plan parse FILE`: reads a plan's text without any database — the units come from data/org-units/ — and
 * prints what was understood: a summary, `--json` (everything, with source lines), or `--yaml` (a plan file in the
 * shape of data/plans/*.yaml, for review and loading).
 */
export async function planCommand(args: string[]): Promise<void> {
  const [sub, file] = args;
  if (sub !== 'parse' || !file || file.startsWith('--')) throw new Error(USAGE);
  const json = args.includes('--json');
  let plan: ParsedPlan;
  try {
    const input = await readPlanFile(path.basename(file), new Uint8Array(await fs.readFile(file)));
    plan = parsePlanText(input.text, new Directory((await readReferenceData()).units));
    requirePlan(plan);
    for (const note of input.notes) plan.warnings.push({ code: 'input.note', severity: 'info', message: note, lines: [1, 1] });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (json) console.log(JSON.stringify({ error: { code: err.code, message: err.message } }));
    else console.error(`Lỗi (${err.code}): ${err.message}`);
    process.exit(1);
  }
  if (json) console.log(JSON.stringify(planJson(plan), null, 2));
  else if (args.includes('--yaml')) console.log(stringify(toPlanDraft(plan), { lineWidth: 0 }));
  else console.log(summary(plan));
}

function summary(plan: ParsedPlan): string {
  const out: string[] = [
    `${plan.documentType ?? 'Văn bản'} số ${plan.number ?? '?'} ngày ${plan.issuedOn ? plan.issuedOn.split('-').reverse().join('/') : '?'} — ${plan.issuer ?? '?'}`,
    plan.title ?? '(không thấy tên kế hoạch)',
    ...plan.legalBasis.map((b) => `  Căn cứ: ${b}`),
    '',
  ];
  const walk = (s: ParsedSection, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}${s.code}. ${s.title ?? s.text ?? ''}`.slice(0, 140));
    for (const t of s.tasks) {
      const lead = t.lead.map((p) => partyJson(p).name).join('; ') || '(không nêu chủ trì)';
      const co = t.coordinating.map((p) => partyJson(p).name).join('; ');
      out.push(`${pad}  • ${t.code} [dòng ${t.sourceLines[0]}] ${lead}${co ? ` ← ${co}` : ''} · ${describeDueRule(t.due)}`);
    }
    for (const c of s.sections) walk(c, depth + 1);
  };
  for (const s of plan.sections) walk(s, 0);
  if (plan.targets.length) out.push('', `Chỉ tiêu: ${plan.targets.length}`);
  for (const t of plan.targets) out.push(`  ${t.code} (${t.year ?? '?'}) ${t.value ?? ''}${t.unit ?? ''} ${t.text}`.slice(0, 140));
  const tasks = plan.sections.reduce((n, s) => n + count(s), 0);
  out.push('', `${tasks} nhiệm vụ, ${plan.targets.length} chỉ tiêu, ${plan.warnings.length} lưu ý, ${plan.unparsed.length} dòng chưa đọc được.`);
  for (const w of plan.warnings) out.push(`  [${w.severity}] dòng ${w.lines[0]}: ${w.message}`);
  for (const u of plan.unparsed) out.push(`  chưa đọc được, dòng ${u.line}: ${u.text}`);
  return out.join('\n');
}

const count = (s: ParsedSection): number => s.tasks.length + s.sections.reduce((n, c) => n + count(c), 0);
