/**
 * An officer releases the information with the reply: files checked by content, personal data found in a text file
 * held back until the officer confirms it, a partial release marked; the letter lists the files; the applicant gets
 * an e-mail (through a real SMTP server) with signed links that work until they expire, and downloads them from the
 * case page; identity documents never leave the staff side; the officer sees the delivery record.
 */
import { applicationFields } from '../../testing/applications.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { startSmtpServer } from '../../testing/smtp.ts';
import { tinyPdf } from '../../../db/seeds/demo/files.ts';
import { deliverDue, transportsFrom } from '../notifications/index.ts';
import { extractText, getDocumentProxy } from 'unpdf';

const pdfText = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, '');

test('files released with a reply reach the applicant by page and by signed e-mail link', async (t) => {
  const smtp = await startSmtpServer();
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { baseUrl: 'https://gov.example.cn', mail: { smtpUrl: smtp.url, from: 'noreply@gov.example.cn' } } });
  t.after(async () => {
    await h.close();
    await smtp.close();
  });
  const town = await makeUnit(h.db, { kind: 'government', slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township' });
  await makeUser(h.db, town.id, ['request_officer'], { username: 'officer' });
  const citizen = new Browser(h.app);
  const id = tinyPdf(['ID']);
  const sent = await citizen.postMultipart(
    '/ysqgk/apply',
    {
      unit: String(town.id),
      checked: '1',
      ...applicationFields(),
      email: 'lisi@example.com',
    },
    [{ field: 'identityFiles', filename: '身份证.pdf', content: id, type: 'application/pdf' }],
    '/ysqgk/apply',
  );
  const caseNo = /申请编号：<strong>(YSQ\d+)<\/strong>/.exec(sent.body)![1];
  const code = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(sent.body)![1];
  // The receipt PDF travels inside the page: the query code is in no URL.
  const receipt = /<a class="button secondary" href="data:application\/pdf;base64,([A-Za-z0-9+/=]+)" download="申请回执-(YSQ\d+).pdf">下载回执（PDF）<\/a>/.exec(sent.body)!;
  assert.equal(receipt[2], caseNo);
  const receiptText = await pdfText(Buffer.from(receipt[1], 'base64'));
  assert.ok(receiptText.includes(`查询码：${code}`) && receiptText.includes(`申请编号：${caseNo}`));
  const caseId = (await h.db.query<{ id: number }>('SELECT id::int FROM request_cases')).rows[0].id;
  const officer = new Browser(h.app);
  await officer.login('officer');
  await officer.post(`/staff/requests/${caseId}/confirm`, { confirmedOn: '2026-03-02', how: '电话确认' }, `/staff/requests/${caseId}`);

  const page = `/staff/requests/${caseId}`;
  const decision = { outcome: 'partial', onDate: '2026-03-02', detail: '招标文件见附件', withheldReason: '投标人的银行账户信息属于商业秘密' };
  const pdf = { field: 'released', filename: '招标文件.pdf', content: tinyPdf(['清河镇2025年道路维修工程招标文件']), type: 'application/pdf' };
  const list = { field: 'released', filename: '中标结果.txt', content: Buffer.from('中标人：某建设公司\n联系人身份证号：110101199003074514\n'), type: 'text/plain' };

  // A refused reply (withheld) takes no files; a file with personal data waits for the officer's confirmation.
  const wrongOutcome = await officer.postMultipart(`${page}/decide`, { ...decision, outcome: 'withhold_state_secret', detail: '属于国家秘密' }, [pdf], page);
  assert.equal(wrongOutcome.statusCode, 400);
  assert.match(wrongOutcome.body, /只有予以公开或部分公开的答复才附上政府信息/);
  const held = await officer.postMultipart(`${page}/decide`, decision, [pdf, list], page);
  assert.equal(held.statusCode, 400);
  assert.match(held.body, /“中标结果.txt”中有居民身份证号码 1 处/);
  assert.match(held.body, /招标文件见附件/, 'what was typed is kept');
  assert.equal((await h.db.query(`SELECT 1 FROM case_files WHERE kind = 'released'`)).rows.length, 0, 'nothing released');
  assert.equal((await h.db.query(`SELECT 1 FROM case_letters WHERE kind = 'reply'`)).rows.length, 0, 'no letter issued');
  const fake = await officer.postMultipart(
    `${page}/decide`,
    decision,
    [{ field: 'released', filename: '招标文件.pdf', content: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' }],
    page,
  );
  assert.equal(fake.statusCode, 415);

  const done = await officer.postMultipart(`${page}/decide`, { ...decision, personalDataChecked: '1' }, [pdf, list], page);
  assert.equal(done.statusCode, 303);
  const staffPage = (await officer.get(page)).body;
  assert.match(staffPage, /招标文件.pdf<\/a>（1 KB，2026-03-02 10:00提供，部分公开）/);
  assert.match(staffPage, /中标结果.txt<\/a>（1 KB，2026-03-02 10:00提供，部分公开；发现居民身份证号码 1 处，经办人确认已核对）/);
  const letter = (await h.db.query<{ paragraphs: string[] }>(`SELECT paragraphs FROM case_letters WHERE kind = 'reply'`)).rows[0].paragraphs.join('\n');
  assert.match(letter, /随本告知书提供的政府信息：招标文件.pdf、中标结果.txt（共2个文件，为经区分处理后可以公开的部分），可凭申请编号和查询码在网上查看下载。/);

  // The e-mail carries a link per file; the link works without the query code, until it expires.
  await deliverDue(h.db, transportsFrom(h.config), h.clock.now());
  const mail = smtp.messages.find((m) => /答复告知书/.test(m.subject ?? ''))!;
  const links = [...(mail.text ?? '').matchAll(/下载 (\S+)：https:\/\/gov\.example\.cn(\/ysqgk\/files\/\S+)/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(
    links.map(([n]) => n),
    ['招标文件.pdf', '中标结果.txt'],
  );
  const stranger = new Browser(h.app);
  const viaMail = await stranger.get(links[0][1]);
  assert.equal(viaMail.statusCode, 200);
  assert.equal(viaMail.headers['content-type'], 'application/pdf');
  assert.equal(viaMail.headers['cache-control'], 'private, no-store');
  assert.equal((await stranger.get(links[0][1].replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).statusCode, 404, 'a forged signature');
  // Staff see on the delivery record that the e-mail went out.
  assert.match((await officer.get(page)).body, /<td>电子邮件<\/td><td>lisi@example.com<\/td><td>政府信息公开申请答复告知书（YSQ\d+）<\/td><td>已发送<\/td>/);

  // On the case page (after the lookup) the applicant finds the files; identity documents are not reachable there.
  await citizen.post('/ysqgk/status', { caseNo, queryCode: code }, '/ysqgk/status');
  const mine = (await citizen.get('/ysqgk/case')).body;
  assert.match(mine, /提供给您的政府信息/);
  const fileId = /\/ysqgk\/case\/files\/(\d+)">中标结果.txt/.exec(mine)![1];
  const got = await citizen.get(`/ysqgk/case/files/${fileId}`);
  assert.equal(got.statusCode, 200);
  assert.match(got.body, /中标人：某建设公司/);
  // Letters as PDF for the phone, from the applicant's case page.
  const replyPdf = /href="(\/ysqgk\/case\/letters\/\d+\.pdf)" aria-label="下载 PDF 文件：政府信息公开申请答复告知书"/.exec(mine)![1];
  const asPdf = await citizen.get(replyPdf);
  assert.equal(asPdf.headers['content-type'], 'application/pdf');
  assert.ok((await pdfText(asPdf.rawPayload)).includes('投标人的银行账户信息属于商业秘密'));
  assert.equal((await stranger.get(replyPdf)).statusCode, 303, 'not without the lookup');
  const identity = (await h.db.query<{ id: number }>(`SELECT id::int FROM case_files WHERE kind = 'identity'`)).rows[0].id;
  assert.equal((await citizen.get(`/ysqgk/case/files/${identity}`)).statusCode, 404);

  // Thirty-one days on, the e-mailed link has expired and sends the applicant to the lookup.
  h.clock.advanceMs(31 * 86400_000);
  const late = await stranger.get(links[1][1]);
  assert.equal(late.statusCode, 303);
  assert.equal(late.headers.location, '/ysqgk/status?expired=link');
  const downloads = await h.db.query<{ via: string }>(`SELECT details->>'via' AS via FROM audit_log WHERE action = 'request.released_file_downloaded' ORDER BY id`);
  assert.deepEqual(
    downloads.rows.map((r) => r.via),
    ['email_link', 'case_page'],
  );
});
