import { z } from 'zod';

/**
 * How far a rule or a piece of reference data was checked against its source (../shared/domain: [V] read, [P] partly
 * read, [I] inferred). Unverified parts are settings, and the data and the UI show the mark.
 */
export const MARKS = ['V', 'P', 'I'] as const;
export const Mark = z.enum(MARKS);
export type Mark = z.infer<typeof Mark>;
export const MARK_LABELS: Record<Mark, string> = { V: 'Đã xác minh', P: 'Xác minh một phần', I: 'Suy luận, chưa xác minh' };
