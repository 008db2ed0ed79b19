import { describe, expect, it } from 'vitest';
import { figureBound, plausibilityBound } from '../learning-centres/population.ts';
import { checkActivity, type ActivityFigures } from './activity.ts';

const week = { startsOn: '2025-10-01', endsOn: '2025-10-07' };
const ok: ActivityFigures = { startsOn: '2025-10-01', endsOn: '2025-10-07', status: 'reported', sessions: 3, participants: 120, mediaPieces: 2 };
const fields = (a: Partial<ActivityFigures>, bound = plausibilityBound('commune'), today = '2025-11-01') =>
  checkActivity(week, { ...ok, ...a }, bound, today).map((e) => e.field);

describe('an activity under an event', () => {
  it('inside the event, with its figures, is accepted', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ startsOn: '2025-10-07', endsOn: '2025-10-07' })).toEqual([]);
  });

  it('a day outside the event names the date field', () => {
    expect(fields({ startsOn: '2025-09-30' })).toEqual(['startsOn']);
    expect(fields({ endsOn: '2025-10-08' })).toEqual(['endsOn']);
    expect(fields({ startsOn: '2025-10-05', endsOn: '2025-10-03' })).toEqual(['endsOn']);
  });

  it('results are reported only once the activity has started', () => {
    expect(fields({}, undefined, '2025-09-30')).toEqual(['status']);
    expect(fields({}, undefined, '2025-10-01')).toEqual([]);
    expect(fields({ status: 'planned' }, undefined, '2025-09-30')).toEqual([]);
  });

  it('people taking part need at least one session', () => {
    expect(fields({ sessions: 0 })).toEqual(['sessions']);
    expect(fields({ sessions: 0, participants: 0 })).toEqual([]);
  });

  it('participants may equal the population figure but not exceed it, and the message says which bound', () => {
    const bound = figureBound(5000, '2025');
    expect(fields({ participants: 5000 }, bound)).toEqual([]);
    const errors = checkActivity(week, { ...ok, participants: 5001 }, bound, '2025-11-01');
    expect(errors).toEqual([{ field: 'participants', message: expect.stringContaining('POP15') }]);
    expect(checkActivity(week, { ...ok, participants: 500_001 }, plausibilityBound('commune'), '2025-11-01')[0]!.message).toContain('giới hạn hợp lý 500.000');
  });
});
