import { z } from 'zod';
import type { FileKind } from '../../http/file-types.ts';
import { FORMATS } from './formats.ts';

/** Files a resource may carry (by magic bytes and extension). */
export const RESOURCE_FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'pptx', 'mp4', 'jpg', 'png'];

/** Only web links: `javascript:`, `data:`, `file:` and the like would run or leak something in the reader's browser. */
export function isSafeLink(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const Text = (max: number) => z.string().trim().max(max);
export const ResourceBody = z.strictObject({
  title: Text(300).min(3, 'Tiêu đề tối thiểu 3 ký tự'),
  description: Text(4000).default(''),
  subject: Text(200).min(1, 'Cần nêu chủ đề'),
  audience: Text(200).min(1, 'Cần nêu đối tượng người học'),
  format: z.enum(FORMATS),
  url: Text(2000).refine(isSafeLink, 'Chỉ nhận liên kết http:// hoặc https://').nullable().optional(),
  licence: Text(100).min(1, 'Cần nêu giấy phép (ví dụ CC BY 4.0)'),
  language: z.string().regex(/^[a-z]{2,3}$/, 'Mã ngôn ngữ ISO, ví dụ vi, en').default('vi'),
  publisherUnitId: z.string().regex(/^\d{1,18}$/).optional().describe('Đơn vị xuất bản; mặc định là đơn vị đầu tiên trong phạm vi của người nhập'),
});
export type ResourceBody = z.infer<typeof ResourceBody>;
const Version = z.number().int().min(1);
export const ResourceUpdateBody = ResourceBody.extend({ version: Version });
export type ResourceUpdateBody = z.infer<typeof ResourceUpdateBody>;
/** Deleting something says why (kept in the audit log with what was deleted). */
export const Reason = z.string().trim().min(3, 'Cần nêu lý do (tối thiểu 3 ký tự)').max(1000);
export const ResourceDeleteBody = z.strictObject({ version: Version, reason: Reason });
export type ResourceDeleteBody = z.infer<typeof ResourceDeleteBody>;

export const SearchQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Từ khóa, có dấu hoặc không dấu'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const StatsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), format: z.enum(['json', 'xlsx']).default('json') });

/** What a resource is found by (before folding): its words, its subject and audience, its publisher's name. */
export function searchSource(r: Pick<ResourceBody, 'title' | 'description' | 'subject' | 'audience'>, publisherName: string): string {
  return [r.title, r.subject, r.audience, r.description, publisherName].join(' ');
}
