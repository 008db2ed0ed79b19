import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { forbidden, notAllowed, problem } from '../../http/problem.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import { loadPlan } from './load.ts';
import { GROUP_TOKENS, leadParties, PlanFile, walkTasks, type PlanSectionFile } from './model.ts';
import { Directory, type UnitRecord } from './parse/directory.ts';
import { checkText, InputError, MAX_INPUT_BYTES, readPlanFile, type PlanInput } from './parse/input.ts';
import { parsePlanText, requirePlan } from './parse/parse.ts';
import { planSlug, toPlanDraft, unresolvedParties } from './parse/plan-file.ts';
import { planJson } from './parse/view.ts';

/**
 * Plan import: the text of an official plan → a reviewed plan in the tracker. `parse` writes nothing; `import`
 * loads the reviewed plan file through the same loader as the seed plans (which audits it). Admins and
 * coordinators only; the issuer must be within the actor's scope.
 */
const ParseBody = z.strictObject({ text: z.string().describe('Nội dung văn bản kế hoạch (dán)') });
const ImportBody = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,79}$/, 'Mã kế hoạch chỉ gồm chữ thường không dấu, số và dấu gạch ngang').optional(),
  plan: z.unknown().describe('Kế hoạch đã rà soát, dạng tệp kế hoạch (data/plans/*.yaml)'),
});
const IMPORT_ROLES = new Set<Actor['role']>(['admin', 'coordinator']);
// The JSON body of a pasted 2 MB text, escaped, with room to spare; the text itself is checked against the limit.
const BODY_LIMIT = 3 * MAX_INPUT_BYTES;

export async function planImportRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const guard = async (req: FastifyRequest) => {
    if (!IMPORT_ROLES.has(req.actor.role)) throw notAllowed('plan.import');
  };

  app.post('/api/v1/plans/parse', {
    preHandler: guard, bodyLimit: BODY_LIMIT,
    // The body is a JSON text or a multipart file: both are read and checked in readInput.
    schema: { tags: ['plans'], summary: 'Đọc văn bản kế hoạch (JSON {"text"} hoặc tệp .txt/.docx, multipart trường "file"); không ghi gì', consumes: ['application/json', 'multipart/form-data'] },
  }, async (req) => {
    const input = await readInput(req);
    const parsed = parsePlanText(input.text, new Directory(await directoryUnits(deps.db)));
    inputProblem(() => requirePlan(parsed));
    for (const note of input.notes) parsed.warnings.push({ code: 'input.note', severity: 'info', message: note, lines: [1, 1] });
    const slug = parsed.issuerUnit && parsed.number && parsed.issuedOn ? planSlug(parsed.issuerUnit.name, parsed.number, parsed.issuedOn) : null;
    return {
      parse: planJson(parsed), draft: toPlanDraft(parsed), slug,
      lines: input.text.normalize('NFC').split(/\r\n|\r|\n/),
      exists: slug ? await planExists(deps.db, slug, parsed.number, parsed.issuerUnit?.code ?? null, parsed.issuedOn) : false,
      choices: parsed.issuerUnit && parsed.issuedOn ? await unitChoices(deps.db, parsed.issuerUnit.code, parsed.issuedOn) : [],
    };
  });

  app.post('/api/v1/plans/import', {
    preHandler: guard, bodyLimit: BODY_LIMIT,
    schema: { tags: ['plans'], summary: 'Đăng kế hoạch đã rà soát vào hệ thống theo dõi', body: ImportBody },
  }, async (req, reply) => {
    const parsed = PlanFile.safeParse(req.body.plan);
    if (!parsed.success) {
      throw problem(400, 'request.invalid', 'Kế hoạch gửi lên không hợp lệ', {
        errors: parsed.error.issues.slice(0, 50).map((i) => ({ field: ['plan', ...i.path].join('.'), message: i.message })),
      });
    }
    const plan = parsed.data;
    const unresolved = unresolvedParties(plan);
    if (unresolved.length) {
      throw problem(422, 'plan_import.unresolved_party', 'Còn cơ quan chưa chọn đơn vị trong danh mục: hãy chọn đơn vị hoặc ghi thành văn bản trước khi đăng', {
        errors: unresolved.map((u) => ({ field: `${u.code}.${u.field}`, message: `Chưa chọn đơn vị cho “${u.name}”` })),
      });
    }
    const duplicates = duplicateCodes(plan.sections);
    if (duplicates.length) {
      throw problem(422, 'plan_import.duplicate_code', 'Có mã mục hoặc nhiệm vụ bị trùng', { errors: duplicates.map((c) => ({ field: c, message: 'mã bị trùng' })) });
    }
    const issuer = await scopedIssuer(deps.db, req.actor, plan.issuer, plan.issuedOn);
    if (!issuer) throw forbidden('plan');
    const unknown = await unknownUnits(deps.db, plan);
    if (unknown.length) {
      throw problem(422, 'plan_import.unknown_unit', 'Có mã đơn vị không tồn tại tại ngày ban hành kế hoạch', { errors: unknown.map((c) => ({ field: c, message: 'không có trong danh mục' })) });
    }
    const slug = req.body.slug ?? planSlug(issuer.name, plan.number, plan.issuedOn);
    const exists = () => problem(409, 'plan_import.exists', `Kế hoạch số ${plan.number} của ${issuer.name} đã có trong hệ thống`, { slug });
    if (await planExists(deps.db, slug, plan.number, plan.issuer, plan.issuedOn)) throw exists();
    let result;
    try {
      result = await loadPlan(deps.db, req.actor, slug, plan);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw exists(); // another import won the race
      throw err;
    }
    if (!result.loaded) throw exists();
    const row = await deps.db.selectFrom('plan').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    return reply.code(201).send({ id: row.id, slug, tasks: result.tasks, assignments: result.assignments });
  });
}

/** The parser's refusals as problem+json, keeping their codes and Vietnamese messages. */
function inputProblem<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InputError) throw problem(err.status, err.code, err.message);
    throw err;
  }
}

/** The text of the request: a JSON `text` field or a multipart `file` (.txt, .docx). */
async function readInput(req: FastifyRequest): Promise<PlanInput> {
  try {
    if (req.isMultipart()) {
      const part = await req.file({ limits: { fileSize: MAX_INPUT_BYTES + 1, files: 1 } });
      if (!part) throw problem(400, 'plan_import.file_missing', 'Chưa chọn tệp', { errors: [{ field: 'file', message: 'thiếu tệp' }] });
      const bytes = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw err;
      });
      if (!bytes || part.file.truncated) throw new InputError('plan_import.too_large', `Tệp quá lớn; giới hạn là ${MAX_INPUT_BYTES / 1024 / 1024} MB.`, 413);
      return await readPlanFile(part.filename, new Uint8Array(bytes));
    }
    const body = ParseBody.safeParse(req.body);
    if (!body.success) throw problem(400, 'request.invalid', 'Hãy dán nội dung văn bản (trường "text") hoặc gửi tệp (multipart, trường "file")', { errors: [{ field: 'text', message: 'thiếu' }] });
    return { text: checkText(body.data.text), notes: [] };
  } catch (err) {
    if (err instanceof InputError) throw problem(err.status, err.code, err.message);
    throw err;
  }
}

function duplicateCodes(sections: PlanSectionFile[]): string[] {
  const seen = new Set<string>(), dup = new Set<string>();
  const visit = (ss: PlanSectionFile[]) => {
    for (const s of ss) {
      for (const code of [s.code, ...(s.tasks ?? []).map((t) => t.code)]) (seen.has(code) ? dup : seen).add(code);
      visit(s.sections ?? []);
    }
  };
  visit(sections);
  return [...dup];
}

// ---- SQL of the import (read-only checks; the write is loadPlan's) ----

/** Units in the shape the parser reads, every version (the parser picks the one in force on the plan's date). */
async function directoryUnits(db: Db): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('org_unit as u').leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .select(['u.code', 'u.kind', 'u.name', 'u.short_name', 'p.code as parent_code', 'u.valid_from', 'u.valid_to', 'u.groups'])
    .where('u.kind', '!=', 'hamlet').execute();
  return rows.map((r) => ({
    code: r.code, kind: r.kind as UnitRecord['kind'], name: r.name, shortName: r.short_name ?? undefined, parentCode: r.parent_code ?? undefined,
    validFrom: r.valid_from ?? undefined, validTo: r.valid_to ?? undefined, groups: r.groups,
  }));
}

/** What a reviewer may assign a task to: the groups, and the issuer's bodies and districts on the plan's date. */
async function unitChoices(db: Db, issuer: string, at: string) {
  const rows = await db.selectFrom('org_unit as u').innerJoin('org_unit as p', 'p.id', 'u.parent_id')
    .select(['u.code', 'u.name', 'u.kind']).where('p.code', '=', issuer).where(inForce(at, 'p')).where(inForce(at)).where('u.kind', 'not in', ['commune', 'hamlet'])
    .orderBy('u.kind').orderBy('u.code').execute();
  return [...Object.entries(GROUP_TOKENS).map(([code, name]) => ({ code, name, kind: 'group' })), ...rows];
}

async function planExists(db: Db, slug: string, number: string | null, issuer: string | null, at: string | null): Promise<boolean> {
  const bySlug = await db.selectFrom('plan').select('id').where('slug', '=', slug).executeTakeFirst();
  if (bySlug || !number || !issuer || !at) return !!bySlug;
  const byNumber = await db.selectFrom('plan as p').innerJoin('org_unit as u', 'u.id', 'p.issuer_id').select('p.id')
    .where('p.number', '=', number).where('u.code', '=', issuer).where(inForce(at)).executeTakeFirst();
  return !!byNumber;
}

/** The issuing unit on the plan's date, if the actor's scope covers it. */
async function scopedIssuer(db: Db, actor: Actor, code: string, at: string) {
  return db.selectFrom('org_unit as u').select(['u.id', 'u.name']).where('u.code', '=', code).where(inForce(at)).where(inScope(actor, 'u.id')).executeTakeFirst();
}

/** Party codes of the plan that name no unit in force on its date, or no group the tracker knows. */
async function unknownUnits(db: Db, plan: PlanFile): Promise<string[]> {
  const parties = new Set([...walkTasks(plan.sections)].flatMap(({ task }) => [...leadParties(task.lead), ...task.coordinating]));
  const unknownGroups = [...parties].filter((p) => p.startsWith('@') && !(p in GROUP_TOKENS));
  const codes = [...parties].filter((p) => !p.startsWith('@'));
  if (!codes.length) return unknownGroups;
  const found = await db.selectFrom('org_unit as u').select('u.code').where('u.code', 'in', codes).where(inForce(plan.issuedOn)).execute();
  const known = new Set(found.map((r) => r.code));
  return [...unknownGroups, ...codes.filter((c) => !known.has(c))];
}
