import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let c: Client;
beforeAll(async () => { server = await startTestServer(); c = await Client.login(server.url, 'viewer'); });
afterAll(async () => { await server.close(); });

describe('the administrative map as of a date', () => {
  it('lists the pre-reform districts and communes of Bình Dương', async () => {
    const districts = await c.get('/api/v1/org-units?at=2025-03-01&kind=district&within=74');
    expect(districts.body).toHaveLength(9);
    const tdm = await c.get('/api/v1/org-units?at=2025-03-01&kind=commune&within=718');
    expect(tdm.body).toHaveLength(14);
    expect(tdm.body.map((u: { name: string }) => u.name)).toContain('Phường Hiệp Thành');
    expect((await c.get('/api/v1/org-units?at=2025-03-01&kind=commune&within=74')).body).toHaveLength(91);
  });

  it('lists the new Hồ Chí Minh City and Tây Ninh communes after 01/07/2025, and no districts', async () => {
    expect((await c.get('/api/v1/org-units?at=2025-07-01&kind=commune&within=79')).body).toHaveLength(168);
    expect((await c.get('/api/v1/org-units?at=2026-11-23&kind=commune&within=80')).body).toHaveLength(96);
    expect((await c.get('/api/v1/org-units?at=2026-11-23&kind=district')).body).toHaveLength(0);
    expect((await c.get('/api/v1/org-units?at=2025-06-30&kind=district&within=72')).body).toHaveLength(9);
  });

  it('tells the two units that share code 79 apart by date', async () => {
    const before = (await c.get('/api/v1/org-units?at=2025-06-30&kind=province')).body.map((u: { code: string; validTo: string }) => `${u.code}:${u.validTo}`);
    const after = (await c.get('/api/v1/org-units?at=2025-07-01&kind=province')).body.map((u: { code: string; validFrom: string }) => `${u.code}:${u.validFrom}`);
    expect(before).toContain('79:2025-06-30');
    expect(before).toContain('74:2025-06-30');
    expect(after.sort()).toEqual(['79:2025-07-01', '80:2025-07-01']);
  });

  it('searches names without accents', async () => {
    const res = await c.get(`/api/v1/org-units?at=2025-03-01&q=${encodeURIComponent('hiep thanh')}`);
    expect(res.body.map((u: { name: string }) => u.name)).toContain('Phường Hiệp Thành');
  });

  it('exports the list it shows as XLSX', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await c.get('/api/v1/org-units?at=2025-03-01&kind=commune&within=718&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Đơn vị còn hiệu lực ngày 01/03/2025');
    expect(ws.rowCount).toBe(14 + 2);
  });

  it('refuses a date that does not exist, naming the parameter', async () => {
    const res = await c.get('/api/v1/org-units?at=2025-02-30');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('querystring.at');
  });
});

describe('succession across the 2025 reform', () => {
  it('shows where a split commune went', async () => {
    const res = await c.get('/api/v1/org-units/25741/lineage?at=2025-03-01');
    expect(res.status).toBe(200);
    expect(res.body.unit.name).toBe('Phường Hiệp Thành');
    const to = res.body.successors.map((s: { code: string; succession: string }) => `${s.code}:${s.succession}`).sort();
    expect(to).toEqual(['25747:split', '25750:split']);
  });

  it('shows where a new commune came from, including a reused code', async () => {
    const res = await c.get('/api/v1/org-units/25747/lineage?at=2026-01-01');
    expect(res.body.unit.name).toBe('Phường Thủ Dầu Một');
    const from = res.body.predecessors.map((p: { name: string }) => p.name);
    expect(from).toEqual(expect.arrayContaining(['Phường Phú Cường', 'Phường Hiệp Thành', 'Phường Phú Thọ', 'Phường Chánh Nghĩa', 'Phường Chánh Mỹ']));
  });

  it('links the old provinces to the new ones', async () => {
    const bd = await c.get('/api/v1/org-units/74/lineage');
    expect(bd.body.successors.map((s: { code: string; effective: string }) => `${s.code}@${s.effective}`)).toEqual(['79@2025-07-01']);
  });

  it('answers an unknown code with 404', async () => {
    expect((await c.get('/api/v1/org-units/99999/lineage')).status).toBe(404);
  });
});
