import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../src/cli/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

const count = async (table: 'org_unit' | 'org_unit_succession' | 'task' | 'task_assignment' | 'org_unit_cover') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('reference data', () => {
  it('loads every unit, agency and succession link of the data files', async () => {
    expect(await count('org_unit')).toBe(474 + 30);
    expect(await count('org_unit_succession')).toBe(216 + 2);
    expect(await count('task')).toBe(39 + 75);
  });

  it('seeds again without duplicating anything or touching reported progress', async () => {
    const before = await Promise.all((['org_unit', 'org_unit_succession', 'task', 'task_assignment', 'org_unit_cover'] as const).map(count));
    const a = await server.db.selectFrom('task_assignment').select(['id', 'version']).limit(1).executeTakeFirstOrThrow();
    const user = await server.db.selectFrom('app_user').select('id').where('username', '=', 'agency').executeTakeFirstOrThrow();
    await server.db.insertInto('task_progress').values({ assignment_id: a.id, reporter_id: user.id, status: 'in_progress', percent: 10, narrative: 'giữ nguyên', period: null, completed_on: null }).execute();
    await seedReference(server.db);
    expect(await Promise.all((['org_unit', 'org_unit_succession', 'task', 'task_assignment', 'org_unit_cover'] as const).map(count))).toEqual(before);
    const kept = await server.db.selectFrom('task_progress').select('narrative').where('assignment_id', '=', a.id).execute();
    expect(kept.map((k) => k.narrative)).toEqual(['giữ nguyên']);
  });
});
