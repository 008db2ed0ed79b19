import { expect } from 'vitest';
import type { Client } from './server.ts';

/** The ten indicators of the learning-citizen criteria set (data/criteria). */
export const CITIZEN_INDICATORS = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];

export const registrationDetail = async (c: Client, id: string) => (await c.get(`/api/v1/model-registrations/${id}`)).body;

/**
 * Files a dossier through the API as an officer would: registers the subject for the year, self-assesses, moves it
 * along its route (submit, propose) and recognises it when a decision is given. Returns the registration id.
 */
export async function fileDossier(c: Client, subject: Record<string, unknown>, modelType: string, assessment: Record<string, unknown>,
  opts: { year: number; decision?: Record<string, unknown> | undefined }) {
  const s = await c.post('/api/v1/learning-subjects', subject);
  expect(s.status).toBe(201);
  const reg = await c.post('/api/v1/model-registrations', { subjectId: s.body.id, modelType, year: opts.year });
  expect(reg.status).toBe(201);
  const id = reg.body.id as string;
  expect((await c.request('PUT', `/api/v1/model-registrations/${id}/self-assessment`, { body: { ...assessment, version: 1 } })).status).toBe(200);
  for (;;) {
    const d = await registrationDetail(c, id);
    const next = ['submit', 'propose'].find((a) => d.actions.includes(a));
    if (!next) break;
    expect((await c.post(`/api/v1/model-registrations/${id}/actions`, { action: next, version: d.version })).status).toBe(200);
  }
  if (opts.decision) {
    const res = await c.post(`/api/v1/model-registrations/${id}/recognition`, { decision: opts.decision, version: (await registrationDetail(c, id)).version });
    expect(res.status).toBe(200);
  }
  return id;
}
