import { describe, expect, it } from 'vitest';
import { checkReorganisation, type ReorganisationFacts } from './reorganisation.ts';

const facts: ReorganisationFacts = {
  centre: { validFrom: '2012-05-01', validTo: null },
  commune: { name: 'Phường 1', validTo: '2025-06-30' },
  target: { name: 'Phường Tân Ninh', validFrom: '2025-07-01', validTo: null, isSuccessor: true },
  effective: '2025-07-01',
};
const fields = (f: Partial<ReorganisationFacts>) => checkReorganisation({ ...facts, ...f }, 'successor.communeId').map((e) => e.field);

describe('re-organising a centre after its commune was merged', () => {
  it('on the first day of the successor commune, or later, is allowed', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ effective: '2025-09-15' })).toEqual([]);
  });

  it('not on or before the last day of the old commune', () => {
    expect(fields({ effective: '2025-06-30' })).toEqual(['effective', 'successor.communeId']);
  });

  it('not while the commune is still in force, nor twice', () => {
    expect(fields({ commune: { name: 'Phường Tân Ninh', validTo: null } })).toEqual(['effective']);
    expect(fields({ centre: { validFrom: '2012-05-01', validTo: '2025-06-30' } })).toEqual(['effective']);
  });

  it('only into a successor of the old commune, and into a centre open that day', () => {
    expect(fields({ target: { ...facts.target, isSuccessor: false } })).toEqual(['successor.communeId']);
    expect(fields({ targetCentre: { validFrom: '2025-08-01', validTo: null } })).toEqual(['successor.communeId']);
    expect(fields({ targetCentre: { validFrom: '2025-07-01', validTo: null } })).toEqual([]);
  });
});
