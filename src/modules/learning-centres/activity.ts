import type { FieldError } from '../../http/problem.ts';
import { CATEGORIES } from '../indicators/categories.ts';
import type { PopulationBound } from './population.ts';
import type { Topic } from './topics.ts';

/** The categories a centre's participants are broken down by: those of the indicators, so the figures add up there. */
export const PARTICIPANT_CATEGORIES = ['sex', 'ageBand', 'ethnicity'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];
export type Breakdown = Partial<Record<ParticipantCategory, Partial<Record<string, number>>>>;

export interface ActivityInput {
  topic: Topic;
  classes: number;
  sessions: number;
  participants: number;
  breakdown?: Breakdown | undefined;
}

const vn = (n: number) => n.toLocaleString('vi-VN');

/**
 * The errors of a centre's yearly activities, each naming its field (`activities.<i>.<field>`); none means the year
 * can be written. Counts are whole and non-negative, options those of the categories, by the request schema; here
 * are the rules across fields.
 */
export function checkActivities(activities: readonly ActivityInput[], bound: PopulationBound): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  activities.forEach((a, i) => {
    const at = (f: string) => `activities.${i}.${f}`;
    if (seen.has(a.topic)) errors.push({ field: at('topic'), message: 'Chủ đề này đã có ở dòng khác' });
    seen.add(a.topic);
    if (a.sessions < a.classes) errors.push({ field: at('sessions'), message: `Số buổi (${vn(a.sessions)}) ít hơn số lớp (${vn(a.classes)}): mỗi lớp có ít nhất một buổi` });
    if (a.participants > bound.value) errors.push({ field: at('participants'), message: `Số người tham gia ${vn(a.participants)} vượt quá ${vn(bound.value)}: ${bound.note}` });
    for (const c of PARTICIPANT_CATEGORIES) {
      const parts = a.breakdown?.[c];
      if (!parts) continue;
      const sum = Object.values(parts).reduce<number>((s, n) => s + (n ?? 0), 0);
      if (sum !== a.participants) {
        errors.push({ field: at(`breakdown.${c}`), message: `Tổng theo ${CATEGORIES[c].label.toLowerCase()} là ${vn(sum)}, khác số người tham gia ${vn(a.participants)}` });
      }
    }
  });
  return errors;
}
