import { describe, expect, it } from 'vitest';
import { checkActivities, type ActivityInput } from './activity.ts';
import { figureBound, plausibilityBound } from './population.ts';

const it_: ActivityInput = {
  topic: 'it', classes: 2, sessions: 10, participants: 40,
  breakdown: { sex: { male: 15, female: 25 }, ageBand: { '15-35': 20, '36-60': 15, '61+': 5 }, ethnicity: { kinh: 38, minority: 2 } },
};
const fields = (list: ActivityInput[], bound = plausibilityBound('commune')) => checkActivities(list, bound).map((e) => e.field);

describe("a centre's yearly activities", () => {
  it('consistent figures by topic are accepted, a breakdown may be left out', () => {
    expect(fields([it_, { topic: 'law', classes: 0, sessions: 4, participants: 300 }])).toEqual([]);
  });

  it('a topic appears once', () => {
    expect(fields([it_, { ...it_ }])).toEqual(['activities.1.topic']);
  });

  it('every class has at least one session', () => {
    expect(fields([{ ...it_, sessions: 1 }])).toEqual(['activities.0.sessions']);
    expect(fields([{ ...it_, sessions: 2 }])).toEqual([]);
  });

  it('each category of the breakdown adds up to the participants', () => {
    expect(fields([{ ...it_, breakdown: { ...it_.breakdown, sex: { male: 15, female: 24 } } }])).toEqual(['activities.0.breakdown.sex']);
    expect(fields([{ ...it_, participants: 41 }])).toEqual(['activities.0.breakdown.sex', 'activities.0.breakdown.ageBand', 'activities.0.breakdown.ethnicity']);
  });

  it("participants of a topic may reach the commune's population aged 15+ but not exceed it", () => {
    const plain = { topic: 'culture' as const, classes: 1, sessions: 1, participants: 800 };
    expect(fields([plain], figureBound(800, '2025'))).toEqual([]);
    expect(fields([{ ...plain, participants: 801 }], figureBound(800, '2025'))).toEqual(['activities.0.participants']);
    expect(fields([{ ...plain, participants: 500_001 }])).toEqual(['activities.0.participants']);
  });
});
