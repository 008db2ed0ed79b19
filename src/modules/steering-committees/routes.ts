import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { sendStoredFile } from '../../http/download.ts';
import { notAllowed } from '../../http/problem.ts';
import { readUpload } from '../../http/upload.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import {
  AssignmentBody, CommitteeBody, CommitteePatchBody, CommitteeQuery, DetailQuery, EndBody, ExportQuery, IdParams, MeetingBody, MeetingPatchBody, MemberBody,
  ReplaceBody, VersionBody,
} from './model.ts';
import {
  addMember, assignTasks, attachMinutes, committeeMeetings, committeeMembers, createCommittee, createMeeting, deleteMeeting, endMember, getCommittee, getMeeting,
  getMinutes, listCommittees, replaceMember, updateCommittee, updateMeeting, type CommitteeListRow, type MemberRow,
} from './store.ts';

/** Who keeps the committees' records: the coordinating level (and admins); everyone signed in reads within scope. */
export const STEERING_WRITERS = ['admin', 'coordinator'] as const;
async function requireWriter(req: FastifyRequest) {
  if (!(STEERING_WRITERS as readonly string[]).includes(req.actor.role)) throw notAllowed('steering.write');
}

export async function steeringCommitteeRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('plan.read') };
  const write = { preHandler: requireWriter };
  const tags = ['steering-committees'];
  const P = '/api/v1/steering-committees';

  app.get(P, { ...read, schema: { tags, summary: 'Ban Chỉ đạo hoạt động tại một ngày (format=xlsx: tệp Excel)', querystring: CommitteeQuery } }, async (req, reply) => {
    const { format, ...f } = req.query;
    const at = f.at ?? deps.today();
    const rows = await listCommittees(deps.db, req.actor, { at, within: f.within });
    if (format === 'json') return rows;
    const body = await xlsxBuffer<CommitteeListRow>('Ban Chỉ đạo', `Ban Chỉ đạo XMC-PCGD-XDXHHT hoạt động ngày ${formatVnDate(at)}`, [
      { header: 'Ban Chỉ đạo', value: (r) => r.name, width: 44 },
      { header: 'Đơn vị', value: (r) => r.unit.name, width: 26 },
      { header: 'Quyết định thành lập', value: (r) => r.decisionNumber, width: 18 },
      { header: 'Ngày quyết định', value: (r) => excelDate(r.decisionDate), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Hoạt động từ', value: (r) => excelDate(r.validFrom), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Đến', value: (r) => excelDate(r.validTo), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Trưởng ban', value: (r) => r.head, width: 24 },
      { header: 'Số thành viên', value: (r) => r.members, format: '#,##0', width: 10 },
      { header: 'Số cuộc họp', value: (r) => r.meetings, format: '#,##0', width: 10 },
      { header: 'Họp gần nhất', value: (r) => excelDate(r.lastMeeting), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Nhiệm vụ đã giao', value: (r) => r.tasks, format: '#,##0', width: 10 },
    ], rows);
    return sendXlsx(reply, `ban-chi-dao-${at}.xlsx`, body);
  });

  app.post(P, { ...write, schema: { tags, summary: 'Thành lập (kiện toàn) Ban Chỉ đạo', body: CommitteeBody } },
    async (req, reply) => reply.code(201).send(await createCommittee(deps.db, req.actor, req.body, deps.today())));
  app.get(`${P}/:id`, { ...read, schema: { tags, summary: 'Một Ban Chỉ đạo: thành viên tại ngày, lịch sử thành viên, các cuộc họp', params: IdParams, querystring: DetailQuery } },
    async (req) => getCommittee(deps.db, req.actor, req.params.id, req.query.at, deps.today()));
  app.patch(`${P}/:id`, { ...write, schema: { tags, summary: 'Sửa tên, quyết định; kết thúc Ban và nối Ban kế tiếp', params: IdParams, body: CommitteePatchBody } },
    async (req) => updateCommittee(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.get(`${P}/:id/members`, { ...read, schema: { tags, summary: 'Toàn bộ lịch sử thành viên (format=xlsx: tệp Excel)', params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
    const { committee, members } = await committeeMembers(deps.db, req.actor, req.params.id);
    if (req.query.format === 'json') return members;
    const body = await xlsxBuffer<MemberRow>('Thành viên', `Thành viên ${committee.name} (toàn bộ lịch sử)`, [
      { header: 'Họ và tên', value: (m) => m.personName, width: 26 },
      { header: 'Chức vụ trong Ban', value: (m) => m.positionLabel, width: 24 },
      { header: 'Chức vụ, cơ quan', value: (m) => [m.jobTitle, m.agency].filter(Boolean).join(', '), width: 44 },
      { header: 'Quyết định phân công', value: (m) => m.decisionNumber, width: 18 },
      { header: 'Ngày quyết định', value: (m) => excelDate(m.decisionDate), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Từ ngày', value: (m) => excelDate(m.validFrom), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Đến ngày', value: (m) => excelDate(m.validTo), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Thay cho', value: (m) => m.replaces?.personName ?? null, width: 24 },
    ], members);
    return sendXlsx(reply, `thanh-vien-ban-chi-dao-${committee.id}.xlsx`, body);
  });
  app.post(`${P}/:id/members`, { ...write, schema: { tags, summary: 'Thêm thành viên', params: IdParams, body: MemberBody } },
    async (req, reply) => reply.code(201).send(await addMember(deps.db, req.actor, req.params.id, req.body, deps.today())));
  app.post(`${P}/members/:id/replace`, { ...write, schema: { tags, summary: 'Thay thành viên: người cũ thôi ngày hôm trước, người mới giữ chức vụ', params: IdParams, body: ReplaceBody } },
    async (req, reply) => reply.code(201).send(await replaceMember(deps.db, req.actor, req.params.id, req.body, deps.today())));
  app.post(`${P}/members/:id/end`, { ...write, schema: { tags, summary: 'Thành viên thôi giữ chức vụ', params: IdParams, body: EndBody } },
    async (req) => endMember(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.get(`${P}/:id/meetings`, { ...read, schema: { tags, summary: 'Các cuộc họp (format=xlsx: tệp Excel)', params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
    const { committee, meetings } = await committeeMeetings(deps.db, req.actor, req.params.id);
    if (req.query.format === 'json') return meetings;
    const body = await xlsxBuffer<(typeof meetings)[number]>('Cuộc họp', `Các cuộc họp của ${committee.name}`, [
      { header: 'Ngày họp', value: (g) => excelDate(g.held_on), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Loại', value: (g) => g.kindLabel, width: 12 },
      { header: 'Chủ trì', value: (g) => g.chair, width: 24 },
      { header: 'Số người dự', value: (g) => g.attendee_count, format: '#,##0', width: 10 },
      { header: 'Nội dung', value: (g) => g.agenda, width: 50 },
      { header: 'Kết luận', value: (g) => g.conclusions, width: 60 },
      { header: 'Biên bản', value: (g) => g.minutes_file_name, width: 24 },
      { header: 'Nhiệm vụ đã giao', value: (g) => g.tasks, format: '#,##0', width: 10 },
    ], meetings);
    return sendXlsx(reply, `cuoc-hop-ban-chi-dao-${committee.id}.xlsx`, body);
  });
  app.post(`${P}/:id/meetings`, { ...write, schema: { tags, summary: 'Ghi cuộc họp đã diễn ra', params: IdParams, body: MeetingBody } },
    async (req, reply) => reply.code(201).send(await createMeeting(deps.db, req.actor, req.params.id, req.body, deps.today())));
  app.get(`${P}/meetings/:id`, { ...read, schema: { tags, summary: 'Một cuộc họp: biên bản, kết luận, nhiệm vụ đã giao và tiến độ', params: IdParams } },
    async (req) => getMeeting(deps.db, req.actor, req.params.id, deps.today()));
  app.patch(`${P}/meetings/:id`, { ...write, schema: { tags, summary: 'Sửa cuộc họp', params: IdParams, body: MeetingPatchBody } },
    async (req) => updateMeeting(deps.db, req.actor, req.params.id, req.body, deps.today()));
  app.delete(`${P}/meetings/:id`, { ...write, schema: { tags, summary: 'Xóa cuộc họp ghi nhầm (chưa giao nhiệm vụ)', params: IdParams, body: VersionBody } }, async (req, reply) => {
    await deleteMeeting(deps.db, req.actor, req.params.id, req.body.version);
    return reply.code(204).send();
  });
  app.post(`${P}/meetings/:id/minutes`, { ...write, schema: { tags, summary: 'Tải lên biên bản (multipart, trường "file"; PDF hoặc DOCX)', params: IdParams, consumes: ['multipart/form-data'] } },
    async (req) => attachMinutes(deps.db, req.actor, req.params.id, await readUpload(req, 'minutes'), deps.today()));
  app.get(`${P}/meetings/:id/minutes`, { ...read, schema: { tags, summary: 'Tải tệp biên bản', params: IdParams } },
    async (req, reply) => sendStoredFile(reply, await getMinutes(deps.db, req.actor, req.params.id)));
  app.post(`${P}/meetings/:id/tasks`, { ...write, schema: { tags, summary: 'Giao nhiệm vụ từ cuộc họp: tạo nhiệm vụ trong kế hoạch, theo dõi như mọi nhiệm vụ', params: IdParams, body: AssignmentBody } },
    async (req, reply) => reply.code(201).send(await assignTasks(deps.db, req.actor, req.params.id, req.body, deps.today())));
}
