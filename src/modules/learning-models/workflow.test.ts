import { describe, expect, it } from 'vitest';
import { availableActions, competentUnit, MODEL_TYPES, routeFor, transition, turnOf, type Route, type UnitNode } from './workflow.ts';
import { workflowConfig } from './workflow-config.ts';

const withProposer: Route = { proposer: 'commune', recogniser: 'commune', verified: 'I', source: 'test' };
const direct: Route = { proposer: null, recogniser: 'parent', verified: 'I', source: 'test' };

describe('transition', () => {
  it('goes draft → submitted → proposed → recognised when a proposer is configured', () => {
    expect(transition('draft', 'submit', withProposer)).toMatchObject({ ok: true, to: 'submitted', party: 'registrant' });
    expect(transition('submitted', 'propose', withProposer)).toMatchObject({ ok: true, to: 'proposed', party: 'proposer', level: 'commune' });
    expect(transition('proposed', 'recognise', withProposer)).toMatchObject({ ok: true, to: 'recognised', party: 'recogniser', level: 'commune' });
  });

  it('refuses recognition before the proposal, and a proposal where there is no proposer', () => {
    expect(transition('submitted', 'recognise', withProposer)).toMatchObject({ ok: false, code: 'registration.nothing_to_recognise' });
    expect(transition('submitted', 'propose', direct)).toMatchObject({ ok: false, code: 'registration.nothing_to_propose' });
    expect(transition('submitted', 'recognise', direct)).toMatchObject({ ok: true, to: 'recognised', level: 'parent' });
  });

  it('lets the level whose turn it is return or reject, and nobody act on a closed registration', () => {
    expect(transition('submitted', 'return', withProposer)).toMatchObject({ ok: true, to: 'returned', party: 'proposer' });
    expect(transition('proposed', 'return', withProposer)).toMatchObject({ ok: true, to: 'returned', party: 'recogniser' });
    expect(transition('proposed', 'reject', withProposer)).toMatchObject({ ok: true, to: 'rejected', party: 'recogniser' });
    expect(transition('draft', 'return', withProposer)).toMatchObject({ ok: false, code: 'registration.not_under_review' });
    for (const status of ['rejected', 'revoked'] as const) {
      expect(availableActions(status, withProposer)).toEqual([]);
      expect(turnOf(status, withProposer)).toBeNull();
    }
    expect(turnOf('recognised', withProposer)).toBeNull();
  });

  it('lets the recognising level revoke a recognition once, and nothing else be revoked', () => {
    expect(transition('recognised', 'revoke', withProposer)).toMatchObject({ ok: true, to: 'revoked', party: 'recogniser', level: 'commune' });
    expect(transition('recognised', 'revoke', direct)).toMatchObject({ ok: true, level: 'parent' });
    expect(availableActions('recognised', withProposer)).toEqual(['revoke']);
    expect(transition('revoked', 'revoke', withProposer)).toMatchObject({ ok: false, code: 'recognition.already_revoked' });
    for (const status of ['draft', 'submitted', 'returned', 'proposed', 'rejected'] as const) {
      expect(transition(status, 'revoke', withProposer)).toMatchObject({ ok: false, code: 'registration.not_recognised' });
    }
    expect(transition('revoked', 'submit', withProposer).ok).toBe(false);
  });

  it('lets a returned dossier be submitted again but not a submitted one twice', () => {
    expect(transition('returned', 'submit', withProposer)).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'submit', withProposer)).toMatchObject({ ok: false, code: 'registration.not_editable' });
    expect(availableActions('submitted', withProposer)).toEqual(['propose', 'return', 'reject']);
    expect(availableActions('submitted', direct)).toEqual(['recognise', 'return', 'reject']);
  });
});

describe('competent unit', () => {
  // A 2024 commune under its district under the province; a learning unit under the commune.
  const commune: UnitNode = { id: 'c', kind: 'commune', parentId: 'd' };
  const chain: UnitNode[] = [{ id: 's', kind: 'school', parentId: 'c' }, commune, { id: 'd', kind: 'district', parentId: 'p' }, { id: 'p', kind: 'province', parentId: null }];
  it('resolves self, parent and the nearest unit of a kind', () => {
    expect(competentUnit('self', chain)?.id).toBe('s');
    expect(competentUnit('parent', chain)?.id).toBe('c');
    expect(competentUnit('commune', chain)?.id).toBe('c');
    expect(competentUnit('district', chain)?.id).toBe('d');
    expect(competentUnit('province', chain)?.id).toBe('p');
  });
  it('finds no district for a commune after the 2025 reform', () => {
    expect(competentUnit('district', [{ id: 'c2', kind: 'commune', parentId: 'p' }, { id: 'p', kind: 'province', parentId: null }])).toBeNull();
  });
});

describe('shipped routes', () => {
  const config = workflowConfig();
  it('configures a route and a calendar for every model type', () => {
    for (const m of MODEL_TYPES) expect(config.calendar[m]).toBeDefined();
    expect(routeFor(config, 'learning_family', 'commune', 2026)).toMatchObject({ proposer: 'commune', recogniser: 'commune' });
  });
  it('sends a 2024 commune learning community to the district and a 2025 one to the province', () => {
    expect(routeFor(config, 'learning_community_commune', 'commune', 2024)?.recogniser).toBe('district');
    expect(routeFor(config, 'learning_community_commune', 'commune', 2025)?.recogniser).toBe('province');
  });
  it('lets a unit head recognise its staff but sends residents to the commune', () => {
    expect(routeFor(config, 'learning_citizen', 'school', 2026)).toMatchObject({ proposer: null, recogniser: 'self' });
    expect(routeFor(config, 'learning_citizen', 'commune', 2026)).toMatchObject({ proposer: 'commune', recogniser: 'commune' });
  });
  it('has no route for a district learning community after the districts ended', () => {
    expect(routeFor(config, 'learning_community_district', 'district', 2024)?.recogniser).toBe('province');
    expect(routeFor(config, 'learning_community_district', 'district', 2025)).toBeNull();
  });
});
