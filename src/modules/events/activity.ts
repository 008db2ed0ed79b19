import type { FieldError } from '../../http/problem.ts';
import type { PopulationBound } from '../learning-centres/population.ts';
import { formatVnDate } from '../plans/deadlines.ts';

export const ACTIVITY_STATUSES = ['planned', 'reported'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const STATUS_LABELS: Record<ActivityStatus, string> = { planned: 'Kế hoạch', reported: 'Đã báo cáo kết quả' };

export interface ActivityFigures {
  startsOn: string;
  endsOn: string;
  status: ActivityStatus;
  sessions: number;
  participants: number;
  mediaPieces: number;
}

const vn = (n: number) => n.toLocaleString('vi-VN');

/**
 * The errors of a unit's activity under an event, each naming its field; none means it can be written. The activity
 * lies within the event's days; results are reported once it has started; people taking part need a session; and
 * the participants (people, not attendances) are no more than the unit's population bound.
 */
export function checkActivity(event: { startsOn: string; endsOn: string }, a: ActivityFigures, bound: PopulationBound, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const span = `${formatVnDate(event.startsOn)}–${formatVnDate(event.endsOn)}`;
  if (a.startsOn < event.startsOn || a.startsOn > event.endsOn) errors.push({ field: 'startsOn', message: `Ngày bắt đầu ${formatVnDate(a.startsOn)} nằm ngoài thời gian của sự kiện (${span})` });
  if (a.endsOn < event.startsOn || a.endsOn > event.endsOn) errors.push({ field: 'endsOn', message: `Ngày kết thúc ${formatVnDate(a.endsOn)} nằm ngoài thời gian của sự kiện (${span})` });
  if (a.endsOn < a.startsOn) errors.push({ field: 'endsOn', message: 'Ngày kết thúc trước ngày bắt đầu' });
  if (a.status === 'reported' && a.startsOn > today) errors.push({ field: 'status', message: `Hoạt động bắt đầu ngày ${formatVnDate(a.startsOn)}: chưa thể báo cáo kết quả` });
  if (a.participants > 0 && a.sessions === 0) errors.push({ field: 'sessions', message: 'Có người tham gia thì phải có ít nhất một buổi' });
  if (a.participants > bound.value) errors.push({ field: 'participants', message: `Số người tham gia ${vn(a.participants)} vượt quá ${vn(bound.value)}: ${bound.note}` });
  return errors;
}
