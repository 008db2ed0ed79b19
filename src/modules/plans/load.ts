import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { Db, Tx } from '../../db/schema.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inForce } from '../org-units/store.ts';
import { compareSiblingCodes, GROUP_TOKENS, leadParties, PlanFile, type GroupToken, type PlanSectionFile, type PlanTaskFile } from './model.ts';

const PLANS = new URL('../../../data/plans/', import.meta.url);

export async function readPlanFiles(dir: URL = PLANS): Promise<{ slug: string; plan: PlanFile }[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (f) => {
    const parsed = PlanFile.safeParse(parseYaml(await fs.readFile(new URL(f, dir), 'utf8'), { schema: 'core' }));
    if (!parsed.success) throw new Error(`data/plans/${f}: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { slug: path.basename(f, '.yaml'), plan: parsed.data };
  }));
}

interface Party { id: string; code: string; name: string }

/**
 * Loads a plan with its sections, tasks and one assignment per answerable unit. Parties are resolved as the
 * administrative map stood on the issue date (the plan speaks of the districts that existed then).
 * A plan already loaded (same slug) is left untouched so that reported progress is never disturbed.
 */
export async function loadPlan(db: Db, actor: Actor | null, slug: string, plan: PlanFile): Promise<{ loaded: boolean; tasks: number; assignments: number }> {
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('plan').select('id').where('slug', '=', slug).executeTakeFirst()) return { loaded: false, tasks: 0, assignments: 0 };
    const at = plan.issuedOn;
    const issuer = await unitAt(tx, plan.issuer, at);
    const planRow = await tx.insertInto('plan').values({
      slug, number: plan.number, issued_on: at, issuer_id: issuer.id, title: plan.title,
      legal_basis: JSON.stringify(plan.legalBasis), period_from: plan.period?.from ?? null, period_to: plan.period?.to ?? null,
      targets: JSON.stringify(plan.targets), source: `data/plans/${slug}.yaml`,
    }).returning('id').executeTakeFirstOrThrow();

    const resolveParty = async (party: string): Promise<{ label: Party; members: Party[] }> => {
      if (party.startsWith('@')) {
        const label = GROUP_TOKENS[party as GroupToken];
        if (!label) throw new Error(`${slug}: nhóm không xác định ${party}`);
        return { label: { id: '', code: party, name: label }, members: await groupMembers(tx, issuer.id, party as GroupToken, at) };
      }
      const unit = await unitAt(tx, party, at);
      return { label: unit, members: [unit] };
    };

    let position = 0, tasks = 0, assignments = 0;
    const insertTask = async (sectionId: string, t: PlanTaskFile) => {
      const leads = await Promise.all(leadParties(t.lead).map(resolveParty));
      const coordinating = await Promise.all(t.coordinating.map(resolveParty));
      const task = await tx.insertInto('task').values({
        plan_id: planRow.id, section_id: sectionId, code: t.code, text: t.text,
        lead_code: leads.map((l) => l.label.code).join(',') || '-',
        lead_label: leads.map((l) => l.label.name).join('; ') || 'Văn bản không nêu cơ quan chủ trì',
        coordinating: JSON.stringify(coordinating.map((c) => ({ code: c.label.code, name: c.label.name }))),
        coordinating_text: t.coordinatingText ?? null, due_rule: JSON.stringify(t.due), position: position++,
      }).returning('id').executeTakeFirstOrThrow();
      const unitIds = [...new Set(leads.flatMap((l) => l.members.map((m) => m.id)))];
      if (unitIds.length) await tx.insertInto('task_assignment').values(unitIds.map((unit_id) => ({ task_id: task.id, unit_id }))).execute();
      tasks++;
      assignments += unitIds.length;
    };
    const insertSections = async (sections: PlanSectionFile[], parentId: string | null) => {
      for (const s of sections) {
        const row = await tx.insertInto('plan_section').values({ plan_id: planRow.id, parent_id: parentId, code: s.code, title: s.title ?? null, text: s.text ?? null, position: position++ })
          .returning('id').executeTakeFirstOrThrow();
        const children = [...(s.tasks ?? []).map((task) => ({ code: task.code, task })), ...(s.sections ?? []).map((section) => ({ code: section.code, section }))]
          .sort((a, b) => compareSiblingCodes(a.code, b.code));
        for (const c of children) {
          if ('task' in c) await insertTask(row.id, c.task);
          else await insertSections([c.section], row.id);
        }
      }
    };
    await insertSections(plan.sections, null);
    await audit(tx, actor, 'plan.load', 'plan', planRow.id, null, { slug, number: plan.number, tasks, assignments });
    return { loaded: true, tasks, assignments };
  });
}

async function unitAt(tx: Tx, code: string, at: string): Promise<Party> {
  const u = await tx.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name']).where('u.code', '=', code).where(inForce(at)).executeTakeFirst();
  if (!u) throw new Error(`Không có đơn vị mã ${code} hiệu lực ngày ${at}`);
  return u;
}

async function groupMembers(tx: Tx, issuerId: string, token: GroupToken, at: string): Promise<Party[]> {
  let q = tx.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name']).where('u.parent_id', '=', issuerId).where(inForce(at));
  q = token === '@districts' ? q.where('u.kind', '=', 'district') : q.where(sql<boolean>`${token.slice(1)} = ANY(u.groups)`);
  return q.orderBy('u.code').execute();
}
