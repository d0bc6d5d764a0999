/**
 * 需求反馈 over HTTP: anyone asks for new data or comments on a dataset without an account (a bad form re-rendered
 * with what was typed); an ID number written into the question is masked before it is stored; the unit answers within
 * the configured working days; the answer is public with the question, never with the writer's name or contact; an
 * answer kept off the public list needs a reason; late answers show on the staff list and in the self-assessment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedDataset } from '../../testing/datasets.ts';

test('a citizen asks for data, the unit answers, and the answer is public without the writer', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { dataDemandWorkingDays: 5 } });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100006', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['publisher'], { username: 'jyj-data' });
  await publishedDataset(h.db, jyj.id, h.clock.now(), { name: 'school-places', metadata: { title: '义务教育学校学位数' } });

  const citizen = new Browser(h.app);
  assert.match((await citizen.get('/sjkf')).body, /href="\/sjkf\/xqfk"/);
  assert.match((await citizen.get('/dataset/school-places')).body, /href="\/sjkf\/xqfk\/new\?dataset=school-places"/);

  const request = {
    kind: 'new_data',
    datasetName: '',
    title: '希望开放各小学历年招生人数',
    body: '家长想了解各小学近五年的招生人数和班额，我的身份证号 11010519491231002X，方便时请联系。',
    writerName: '王家长',
    contact: 'wang.parent@example.cn',
  };
  const bad = await citizen.post('/sjkf/xqfk/new', { ...request, unitId: '' }, '/sjkf/xqfk/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请选择向哪个单位提出/);
  assert.match(bad.body, /希望开放各小学历年招生人数/);
  const sent = await citizen.post('/sjkf/xqfk/new', { ...request, unitId: String(jyj.id) }, '/sjkf/xqfk/new');
  assert.equal(sent.statusCode, 200);
  const caseNo = /(SJXQ2026\d{6})/.exec(sent.body)![1];
  // Five working days after Monday 03-02.
  assert.match(sent.body, /示范市教育局将在2026-03-09前答复/);
  const stored = (await h.db.query<{ body: string }>('SELECT body FROM data_demands WHERE case_no = $1', [caseNo])).rows[0].body;
  assert.doesNotMatch(stored, /11010519491231002X/);

  // A comment on a dataset goes to the dataset's unit.
  const comment = await citizen.post(
    '/sjkf/xqfk/new',
    { kind: 'comment', datasetName: 'school-places', unitId: '', title: '学位数缺少民办学校', body: '表中只有公办学校，希望补充民办学校的学位数。', writerName: '', contact: '' },
    '/sjkf/xqfk/new?dataset=school-places',
  );
  assert.equal(comment.statusCode, 200);
  // Nothing public before an answer.
  assert.doesNotMatch((await citizen.get('/sjkf/xqfk')).body, /希望开放各小学历年招生人数/);

  // The unit: queue, a late flag after the due date, an answer that must say something.
  const staff = new Browser(h.app);
  await staff.login('jyj-data');
  assert.match((await staff.get('/staff')).body, /待答复的数据需求和意见/);
  h.clock.set('2026-03-10T02:00:00Z');
  await staff.login('jyj-data');
  const list = await staff.get('/staff/data/demands');
  assert.match(list.body, /已逾期/);
  const id = (await h.db.query<{ id: number }>('SELECT id FROM data_demands WHERE case_no = $1', [caseNo])).rows[0].id;
  const short = await staff.post(`/staff/data/demands/${id}/answer`, { answer: '好的', privateReason: '' }, `/staff/data/demands/${id}`);
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /请写明答复/);
  const answered = await staff.post(
    `/staff/data/demands/${id}/answer`,
    { answer: '各小学近五年招生人数已整理，将于本月作为“义务教育招生统计”数据集开放。', privateReason: '' },
    `/staff/data/demands/${id}`,
  );
  assert.equal(answered.statusCode, 303);
  const again = await staff.post(`/staff/data/demands/${id}/answer`, { answer: '再答复一次试试看看看。', privateReason: '' }, `/staff/data/demands/${id}`);
  assert.equal(again.statusCode, 409);

  // Public: the question (masked) and the answer, without the writer's name or contact.
  const pub = await citizen.get('/sjkf/xqfk');
  assert.match(pub.body, /希望开放各小学历年招生人数/);
  assert.match(pub.body, /将于本月作为“义务教育招生统计”数据集开放/);
  assert.doesNotMatch(pub.body, /王家长|wang\.parent|11010519491231002X/);
  const mail = (await h.db.query<{ recipient: string; body: string }>(`SELECT recipient, body FROM outbox_messages WHERE subject_type = 'data_demand'`)).rows;
  assert.deepEqual(
    mail.map((m) => m.recipient),
    ['wang.parent@example.cn'],
  );

  // An answer kept private needs its reason and stays off the public list.
  const cid = (await h.db.query<{ id: number }>(`SELECT id FROM data_demands WHERE kind = 'comment'`)).rows[0].id;
  const noReason = await staff.post(
    `/staff/data/demands/${cid}/answer`,
    { answer: '民办学校学位数正在核实，核实后补充。', private: '1', privateReason: '' },
    `/staff/data/demands/${cid}`,
  );
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /请写明理由/);
  await staff.post(
    `/staff/data/demands/${cid}/answer`,
    { answer: '民办学校学位数正在核实，核实后补充。', private: '1', privateReason: '核实中，暂不公开' },
    `/staff/data/demands/${cid}`,
  );
  assert.doesNotMatch((await citizen.get('/sjkf/xqfk')).body, /民办学校学位数正在核实/);

  // Two received, two answered, both after their due date (03-09).
  const assessment = await staff.get('/staff/data/assessment');
  assert.match(assessment.body, /2 \/ 2 \/ 0\.0%/);
  assert.equal((await h.db.query(`SELECT 1 FROM audit_log WHERE action = 'data_demand.answered'`)).rows.length, 2);
});
