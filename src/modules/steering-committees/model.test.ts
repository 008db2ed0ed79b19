import { describe, expect, it } from 'vitest';
import { checkClosing, checkCommittee, checkDeadline, checkMeeting, checkMember, dayBefore, membersAt, nextDay, overlaps, personKey, type MemberFacts } from './model.ts';

const committee = { span: { from: '2021-03-01', to: null } };
const head: MemberFacts = { id: '1', personName: 'Nguyễn Văn A', position: 'head', span: { from: '2021-03-01', to: '2023-06-30' } };
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('spans', () => {
  it('touching on one day overlaps; the day after does not', () => {
    expect(overlaps({ from: '2021-01-01', to: '2021-06-30' }, { from: '2021-06-30', to: null })).toBe(true);
    expect(overlaps({ from: '2021-01-01', to: '2021-06-30' }, { from: '2021-07-01', to: null })).toBe(false);
    expect(overlaps({ from: '2021-01-01', to: null }, { from: '2030-01-01', to: '2030-01-02' })).toBe(true);
  });
  it('next day and day before cross months and leap days', () => {
    expect(nextDay('2025-06-30')).toBe('2025-07-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
  });
  it('one person whatever the case, spacing or accent composition', () => {
    expect(personKey('  Nguyễn  Văn A ')).toBe(personKey('nguyễn văn a'));
    expect(personKey('Nguye\u0302\u0303n Văn A')).toBe(personKey('Nguyễn Văn A'));
    expect(personKey('Nguyễn Văn B')).not.toBe(personKey('Nguyễn Văn A'));
  });
});

describe('committee dates', () => {
  const province = { name: 'Tỉnh Tây Ninh', span: { from: null, to: '2025-06-30' } };
  it('a committee of a unit that ended must end by that day', () => {
    expect(checkCommittee({ span: { from: '2021-03-01', to: '2025-06-30' }, decisionDate: '2021-02-20' }, province)).toEqual([]);
    expect(fields(checkCommittee({ span: { from: '2021-03-01', to: null }, decisionDate: '2021-02-20' }, province))).toEqual(['validTo']);
    expect(fields(checkCommittee({ span: { from: '2021-03-01', to: '2025-07-01' }, decisionDate: '2021-02-20' }, province))).toEqual(['validTo']);
    expect(fields(checkCommittee({ span: { from: '2025-07-01', to: '2025-08-01' }, decisionDate: '2025-07-01' }, province))).toEqual(['validFrom']);
  });
  it('not before its unit existed, not before its decision, not ending before starting', () => {
    const commune = { name: 'Phường Tân Ninh', span: { from: '2025-07-01', to: null } };
    expect(checkCommittee({ span: { from: '2025-07-01', to: null }, decisionDate: '2025-07-01' }, commune)).toEqual([]);
    expect(fields(checkCommittee({ span: { from: '2025-06-30', to: null }, decisionDate: '2025-06-30' }, commune))).toEqual(['validFrom']);
    expect(fields(checkCommittee({ span: { from: '2025-07-01', to: null }, decisionDate: '2025-07-02' }, commune))).toEqual(['decisionDate']);
    expect(fields(checkCommittee({ span: { from: '2025-07-10', to: '2025-07-09' }, decisionDate: '2025-07-01' }, commune))).toEqual(['validTo']);
  });
});

describe('memberships', () => {
  it('one head at a time: a second head overlapping by one day is refused, the next day is fine', () => {
    const next = (from: string): MemberFacts => ({ personName: 'Trần Thị B', position: 'head', span: { from, to: null } });
    expect(fields(checkMember(committee, [head], next('2023-06-30')))).toEqual(['position']);
    expect(checkMember(committee, [head], next('2023-07-01'))).toEqual([]);
    // Another position may overlap.
    expect(checkMember(committee, [head], { ...next('2022-01-01'), position: 'deputy' })).toEqual([]);
  });
  it('a member ending before starting is refused with the end field', () => {
    expect(fields(checkMember(committee, [], { personName: 'Lê C', position: 'member', span: { from: '2022-05-02', to: '2022-05-01' } }))).toEqual(['validTo']);
    expect(checkMember(committee, [], { personName: 'Lê C', position: 'member', span: { from: '2022-05-01', to: '2022-05-01' } })).toEqual([]);
  });
  it('seats stay inside the committee life', () => {
    const closed = { span: { from: '2021-03-01', to: '2025-06-30' } };
    expect(fields(checkMember(closed, [], { personName: 'Lê C', position: 'member', span: { from: '2021-02-28', to: null } }))).toEqual(['validFrom']);
    expect(fields(checkMember(closed, [], { personName: 'Lê C', position: 'member', span: { from: '2021-03-01', to: null } }))).toEqual(['validTo']);
    expect(fields(checkMember(closed, [], { personName: 'Lê C', position: 'member', span: { from: '2025-07-01', to: '2025-07-02' } }))).toEqual(['validFrom']);
    expect(checkMember(closed, [], { personName: 'Lê C', position: 'member', span: { from: '2021-03-01', to: '2025-06-30' } })).toEqual([]);
  });
  it('one person holds one seat at a time, whatever the position', () => {
    const again: MemberFacts = { personName: 'nguyễn văn a', position: 'member', span: { from: '2023-06-30', to: null } };
    expect(fields(checkMember(committee, [head], again))).toEqual(['personName']);
    expect(checkMember(committee, [head], { ...again, span: { from: '2023-07-01', to: null } })).toEqual([]);
    // A membership is not compared with itself (editing it).
    expect(checkMember(committee, [head], { ...head, span: { from: '2021-03-01', to: '2024-01-01' } })).toEqual([]);
  });
  it('the seats of a day, head first', () => {
    const rows = [
      { personName: 'Z', position: 'member' as const, span: { from: '2021-03-01', to: null } },
      { personName: 'Y', position: 'secretary' as const, span: { from: '2021-03-01', to: null } },
      { ...head },
      { personName: 'X', position: 'head' as const, span: { from: '2023-07-01', to: null } },
    ];
    expect(membersAt(rows, '2023-06-30').map((m) => m.personName)).toEqual(['Nguyễn Văn A', 'Z', 'Y']);
    expect(membersAt(rows, '2023-07-01').map((m) => m.personName)).toEqual(['X', 'Z', 'Y']);
    expect(membersAt(rows, '2021-02-28')).toEqual([]);
  });
});

describe('meetings, closing, deadlines', () => {
  it('a meeting is held by today, while the committee works', () => {
    expect(checkMeeting(committee, '2026-11-23', '2026-11-23')).toEqual([]);
    expect(fields(checkMeeting(committee, '2026-11-24', '2026-11-23'))).toEqual(['heldOn']);
    expect(fields(checkMeeting(committee, '2021-02-28', '2026-11-23'))).toEqual(['heldOn']);
    expect(fields(checkMeeting({ span: { from: '2021-03-01', to: '2025-06-30' } }, '2025-07-01', '2026-11-23'))).toEqual(['heldOn']);
  });
  it('closing: not before the last meeting; a successor starts the next day', () => {
    expect(checkClosing(committee, '2025-06-30', { lastMeeting: '2025-06-30', latestMemberStart: '2024-01-01', successor: { name: 'Ban mới', from: '2025-07-01' } })).toEqual([]);
    expect(fields(checkClosing(committee, '2025-06-29', { lastMeeting: '2025-06-30', latestMemberStart: null }))).toEqual(['validTo']);
    expect(fields(checkClosing(committee, '2025-06-30', { lastMeeting: null, latestMemberStart: '2025-07-01' }))).toEqual(['validTo']);
    expect(fields(checkClosing(committee, '2025-06-30', { lastMeeting: null, latestMemberStart: null, successor: { name: 'Ban mới', from: '2025-07-02' } }))).toEqual(['successorId']);
    expect(fields(checkClosing({ span: { from: '2021-03-01', to: '2025-06-30' } }, '2025-06-30', { lastMeeting: null, latestMemberStart: null }))).toEqual(['validTo']);
  });
  it('a task is not due before the meeting that decided it', () => {
    expect(checkDeadline('2026-03-10', '2026-03-10')).toEqual([]);
    expect(fields(checkDeadline('2026-03-10', '2026-03-09'))).toEqual(['deadline']);
  });
});
