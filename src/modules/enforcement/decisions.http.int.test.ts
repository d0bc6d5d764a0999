/**
 * 事后公示 over HTTP: a file with bad rows is refused whole with every row named; the unit's file is published with its
 * deadlines (one late), natural persons de-identified; a re-import is a correction; the public search, API, Atom and the
 * 双公示 export (which imports back unchanged); a revoked decision leaves public view with its explanation, a late
 * withdrawal is flagged; other units' staff are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { validateXML } from 'xmllint-wasm';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { unitIndicators } from '../supervision/index.ts';
import { headerOf } from './index.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../fixtures/enforcement/${name}`, import.meta.url));

test('decisions are imported all or nothing, published with their clocks, corrected, searched, exported and withdrawn', async (t) => {
  // 2026-03-20 10:00 in China, a Friday.
  const h = await makeTestApp({ now: '2026-03-20T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  const scjg = await makeUnit(h.db, { parentId: city.id, slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100010', name: '示范市教育局' });
  const clerk = await makeUser(h.db, scjg.id, ['publisher']);
  const stranger = await makeUser(h.db, other.id, ['office_admin']);
  const w = new Browser(h.app);
  await w.login(clerk.username);
  const work = `/staff/enforcement/units/${scjg.id}`;
  const upload = (name: string, content: Buffer, kind = 'penalty') =>
    w.postMultipart(`${work}/import`, { kind }, [{ field: 'file', filename: name, content, type: 'text/csv' }], work);
  const count = async () => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_decisions')).rows[0].n;

  // Every bad row named, nothing loaded (the good last row neither).
  const bad = await upload('penalties-bad.csv', fixture('penalties-bad.csv'));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /未导入：5 行有问题，整个文件都没有导入/);
  assert.match(bad.body, /第2行：决定日期应为/);
  assert.match(bad.body, /第3行：缺少行政相对人名称/);
  assert.match(bad.body, /第4行：统一社会信用代码应为18位且校验位正确/);
  assert.match(bad.body, /第5行：文号“示市监罚〔2026〕41号”在文件中重复/);
  assert.match(bad.body, /第6行：相对人类别应为/);
  assert.doesNotMatch(bad.body, /第7行/);
  assert.equal(await count(), 0);
  const noColumns = await upload('x.csv', Buffer.from('文号,名称\n1,2\n'));
  assert.match(noColumns.body, /第1行应为列名，缺少：决定书文号（CF_WSH）/);
  assert.equal((await upload('x.csv', fixture('penalties-2026-03.csv'), 'nonsense')).statusCode, 400);

  const ok = await upload('penalties-2026-03.csv', fixture('penalties-2026-03.csv'));
  assert.equal(ok.statusCode, 303);
  assert.match(decodeURIComponent(String(ok.headers.location)), /新公示 5 件，更正 0 件，未变 0 件/);
  const byDoc = async (docNo: string) =>
    (
      await h.db.query<{ id: number; late: boolean; due_on: string; subject_name: string }>(
        'SELECT id, late, due_on::text, subject_name FROM enforcement_decisions WHERE doc_no = $1',
        [docNo],
      )
    ).rows[0];
  // Decided Monday 2 March: 7 working days end on 11 March; published on the 20th, late. Decided the 16th: due the 25th.
  assert.deepEqual([(await byDoc('示市监罚〔2026〕27号')).due_on, (await byDoc('示市监罚〔2026〕27号')).late], ['2026-03-11', true]);
  assert.deepEqual([(await byDoc('示市监罚〔2026〕31号')).due_on, (await byDoc('示市监罚〔2026〕31号')).late], ['2026-03-25', false]);

  const citizen = new Browser(h.app);
  const unitPage = (await citizen.get('/zfgs/scjg')).body;
  assert.match(unitPage, /示范市平安超市有限公司/);
  assert.match(unitPage, /张某/);
  assert.doesNotMatch(unitPage, /张小明|110101199003071233/);
  const person = await byDoc('示市监罚〔2026〕29号');
  const personPage = (await citizen.get(`/zfgs/scjg/decisions/${person.id}`)).body;
  assert.match(personPage, /隐去姓名和身份证号码/);
  assert.doesNotMatch(personPage, /13912345678|张小明/);
  assert.match((await citizen.get(`/zfgs/scjg/decisions/${(await byDoc('示市监罚〔2026〕27号')).id}`)).body, /应在 2026-03-11 前公示[\s\S]*逾期公示/);

  // The same file again changes nothing; a corrected result is a correction with the old value kept.
  assert.match(decodeURIComponent(String((await upload('penalties-2026-03.csv', fixture('penalties-2026-03.csv'))).headers.location)), /新公示 0 件，更正 0 件，未变 5 件/);
  const corrected = Buffer.from(fixture('penalties-2026-03.csv').toString('utf8').replace('罚款人民币30000元', '罚款人民币20000元'));
  assert.match(decodeURIComponent(String((await upload('penalties-2026-03.csv', corrected)).headers.location)), /更正 1 件，未变 4 件/);
  const ad = await byDoc('示市监罚〔2026〕33号');
  assert.match((await w.get(`/staff/enforcement/decisions/${ad.id}`)).body, /更正/);
  const before = (
    await h.db.query<{ details: { before: Record<string, string> } }>("SELECT details FROM enforcement_events WHERE decision_id = $1 AND kind = 'corrected'", [ad.id])
  ).rows[0];
  assert.equal(before.details.before.result, '责令停止发布，罚款人民币30000元');

  // Search by credit code, words, kind; the API the same.
  assert.match((await citizen.get('/zfgs?q=91990102MA0004K67Y')).body, /示范市众信电子商务有限公司/);
  const words = (await citizen.get(`/zfgs?q=${encodeURIComponent('平安超市')}`)).body;
  assert.match(words, /示范市平安超市有限公司/);
  assert.doesNotMatch(words, /众信/);
  assert.match((await citizen.get('/zfgs/scjg?kind=licence')).body, /没有符合条件的执法决定/);
  const api = JSON.parse((await citizen.get(`/api/v1/enforcement/decisions?unit=scjg&q=${encodeURIComponent('超市')}`)).body);
  assert.deepEqual(
    api.decisions.map((d: { docNo: string }) => d.docNo),
    ['示市监罚〔2026〕31号'],
  );
  assert.equal((await citizen.get('/api/v1/enforcement/decisions?kind=nonsense')).statusCode, 400);

  // The export in the exchange's columns, which imports back as it is.
  const csv = await citizen.get('/zfgs/scjg/decisions.csv?kind=penalty');
  assert.match(csv.body, /^\ufeff"CF_WSH","CF_CFMC"/);
  assert.doesNotMatch(csv.body, /CF_XDR_SFZ|110101199003071233|张小明/);
  assert.match(decodeURIComponent(String((await upload('export.csv', Buffer.from(csv.body))).headers.location)), /新公示 0 件，更正 0 件，未变 5 件/);

  // Revocation: checked, then the public page keeps only the notice and the explanation.
  const url = `/staff/enforcement/decisions/${ad.id}`;
  const refused = await w.post(`${url}/withdraw`, { revocation: '', revokedOn: '2026-03-30', explanation: '撤' }, url);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /请选择撤下的原因[\s\S]*日期不能晚于今天[\s\S]*至少10字/);
  assert.equal(
    (await w.post(`${url}/withdraw`, { revocation: 'revoked', revokedOn: '2026-03-19', explanation: '经复议，该处罚决定被依法撤销，原公示信息撤下。' }, url)).statusCode,
    303,
  );
  const gone = (await citizen.get(`/zfgs/scjg/decisions/${ad.id}`)).body;
  assert.match(gone, /示范市市场监督管理局的示市监罚〔2026〕33号决定因被依法撤销，已于 2026-03-20 从公示中撤下/);
  assert.match(gone, /经复议，该处罚决定被依法撤销/);
  assert.doesNotMatch(gone, /众信电子商务|罚款人民币20000元/);
  assert.doesNotMatch((await citizen.get('/zfgs/scjg')).body, /众信/);
  const apiGone = JSON.parse((await citizen.get(`/api/v1/enforcement/decisions/${ad.id}`)).body);
  assert.equal(apiGone.state, 'withdrawn');
  assert.equal(apiGone.subjectName, undefined);
  assert.match(apiGone.withdrawal.explanation, /经复议/);
  assert.equal((await w.post(`${url}/withdraw`, { revocation: 'revoked', revokedOn: '2026-03-19', explanation: '再撤一次，应当被拒绝。' }, url)).statusCode, 409);
  const reimport = await upload('penalties-2026-03.csv', fixture('penalties-2026-03.csv'));
  assert.match(reimport.body, /文号“示市监罚〔2026〕33号”的决定已撤下，不能再次公示/);

  // Revoked on the 16th, withdrawn on the 20th: past the 3 days, flagged for the unit.
  const late = await byDoc('示市监罚〔2026〕31号');
  const lateUrl = `/staff/enforcement/decisions/${late.id}`;
  const lateRes = await w.post(`${lateUrl}/withdraw`, { revocation: 'illegal', revokedOn: '2026-03-16', explanation: '行政复议机关确认该决定违法，撤下原公示。' }, lateUrl);
  assert.match(decodeURIComponent(String(lateRes.headers.location)), /已记为逾期/);
  const overview = (await w.get('/staff/enforcement')).body;
  assert.match(overview, /撤下逾期（2026-03-16 撤销/);
  assert.match(overview, /逾期公示（应在 2026-03-11 前/);

  // The supervision indicator counts the same records.
  const indicator = (await unitIndicators(h.db, { id: scjg.id, slug: 'scjg', level: 'city' }, buildCalendar(), '2026-03-20')).find((i) => i.key === 'enforcement')!;
  // 27号 (due 11 March) and 29号 (decided the 10th, due the 19th) were published late on the 20th.
  assert.deepEqual(indicator.share, { value: 3 / 5, target: 1 });
  assert.ok(indicator.findings.some((f) => f.detail === '撤下逾期（2026-03-16 撤销，2026-03-20 撤下）'));
  assert.ok(indicator.findings.some((f) => f.detail === '应于 2026-01-31 前公布，尚未公布'));

  const feed = await citizen.get('/zfgs/scjg/feed.atom');
  const lint = await validateXML({ xml: [{ fileName: 'feed.xml', contents: feed.body }], normalization: 'c14n' });
  assert.deepEqual(lint.errors, []);
  assert.match(feed.body, /已撤下：行政处罚决定 示市监罚〔2026〕31号/);

  // Another unit's staff and the public are refused the unit's work.
  const s = new Browser(h.app);
  await s.login(stranger.username);
  assert.equal((await s.get(work)).statusCode, 403);
  assert.equal((await s.get(url)).statusCode, 403);
  assert.equal(
    (await s.postMultipart(`${work}/import`, { kind: 'penalty' }, [{ field: 'file', filename: 'a.csv', content: fixture('penalties-2026-03.csv') }], '/staff/enforcement'))
      .statusCode,
    403,
  );
  assert.notEqual((await citizen.get(work)).statusCode, 200);
  assert.equal((await h.db.query(`SELECT 1 FROM audit_log WHERE action = 'enforcement.imported'`)).rows.length, 4);
});

test('licences come in from an Excel workbook in the XK_ columns, dates as Excel dates', async (t) => {
  const h = await makeTestApp({ now: '2026-03-20T02:00:00Z' });
  t.after(() => h.close());
  const scjg = await makeUnit(h.db, { kind: 'department', slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  const clerk = await makeUser(h.db, scjg.id, ['publisher']);
  const w = new Browser(h.app);
  await w.login(clerk.username);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('行政许可');
  sheet.addRow(headerOf('licence'));
  const row = (docNo: string, subject: string, code: string, decided: Date) =>
    headerOf('licence').map(
      (h) =>
        (
          ({
            XK_WSH: docNo,
            XK_XMMC: '食品经营许可',
            XK_XDR: subject,
            XK_XDR_SHXYM: code,
            XK_NR: '准予食品经营许可',
            XK_JDRQ: decided,
            XK_XZJG: '示范市市场监督管理局',
          }) as Record<string, unknown>
        )[h] ?? '',
    );
  sheet.addRow(row('示市监许〔2026〕101号', '示范市平安超市有限公司', '91990100MA0001234F', new Date(Date.UTC(2026, 2, 16))));
  sheet.addRow(row('示市监许〔2026〕102号', '示范市众信电子商务有限公司', '91990102MA0004K67Y', new Date(Date.UTC(2026, 2, 18))));
  const work = `/staff/enforcement/units/${scjg.id}`;
  const res = await w.postMultipart(
    `${work}/import`,
    { kind: 'licence' },
    [{ field: 'file', filename: '许可.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    work,
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.match(decodeURIComponent(String(res.headers.location)), /新公示 2 件/);
  const rows = (await h.db.query<{ kind: string; decided_on: string; due_on: string }>('SELECT kind, decided_on::text, due_on::text FROM enforcement_decisions ORDER BY doc_no'))
    .rows;
  assert.deepEqual(rows, [
    { kind: 'licence', decided_on: '2026-03-16', due_on: '2026-03-25' },
    { kind: 'licence', decided_on: '2026-03-18', due_on: '2026-03-27' },
  ]);
  const xlsx = await h.app.inject({ method: 'GET', url: '/zfgs/scjg/decisions.xlsx?kind=licence' });
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const cells = back.worksheets[0].getRow(2).values as unknown[];
  assert.equal(back.worksheets[0].getRow(1).getCell(1).value, 'XK_WSH');
  assert.ok(cells.includes('示市监许〔2026〕101号') && cells.includes('2026-03-16'));
});
