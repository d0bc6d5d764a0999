#!/usr/bin/env node
// Makes the small real-data fixtures in fixtures/ from ../shared/data (run once; the output is committed, so tests
// need only this repository). The selection is deterministic: re-running it gives the same files. Sources and
// licences: fixtures/SOURCES.md.
import fs from 'node:fs';
import path from 'node:path';

const SRC = '../shared/data';
const OUT = 'fixtures';
const lines = (f) => fs.readFileSync(f, 'utf8').trim().split('\n');
const write = (f, s) => {
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, s);
};

// Holidays: every holiday-cn notice (MIT) and the cross-check table of 2004-2027.
for (const f of fs.readdirSync(`${SRC}/holidays/holiday-cn`))
  if (/^\d{4}\.json$|^LICENSE$/.test(f))
    fs.copyFileSync(`${SRC}/holidays/holiday-cn/${f}`, `${OUT}/holidays/holiday-cn/${f}`, fs.mkdirSync(`${OUT}/holidays/holiday-cn`, { recursive: true }) && 0);
write(`${OUT}/holidays/is_workday_by_source_2004_2027.csv`, fs.readFileSync(`${SRC}/holidays/crosscheck/is_workday_by_source_2004_2027.csv`, 'utf8'));

// 文号: every 15th record of each government's list (about 2,900 of 43,316), the fields the parser tests read.
const byGov = new Map();
for (const l of lines(`${SRC}/policy-transparency-china/document_numbers_2023.jsonl`)) {
  const r = JSON.parse(l);
  if (!byGov.has(r.government)) byGov.set(r.government, []);
  byGov.get(r.government).push({ government: r.government, doc_number_raw: r.doc_number_raw, doc_number: r.doc_number });
}
const docNos = [...byGov.values()].flatMap((rs) => rs.filter((_, i) => i % 15 === 0));
write(`${OUT}/document-numbers/document_numbers_2023.sample.jsonl`, docNos.map((r) => JSON.stringify(r)).join('\n') + '\n');

// gov.cn records: the first 12 of the 40 State Council documents, every field kept.
write(`${OUT}/govcn/govcn_state_council_policies.sample.jsonl`, lines(`${SRC}/govcn-sample60/govcn_state_council_policies_2018_2019.jsonl`).slice(0, 12).join('\n') + '\n');

// Search quality: the first 200 of the 599 documents and every judged question answered by one of them.
const docs = lines(`${SRC}/ncpqa/docs_subset.jsonl`).slice(0, 200);
const ids = new Set(docs.map((l) => JSON.parse(l).docid));
const [head, ...qrels] = lines(`${SRC}/ncpqa/qrels_dev.tsv`);
write(`${OUT}/ncpqa/docs.sample.jsonl`, docs.join('\n') + '\n');
write(`${OUT}/ncpqa/qrels.sample.tsv`, [head, ...qrels.filter((l) => ids.has(l.split('\t')[2]))].join('\n') + '\n');
// Messages with the official replies (泰迪杯 2020): every 14th, without the writer's user id, texts cut at 1,500
// characters; the demo city's messages are built from them.
const msgs = lines(`${SRC}/taidi2020-smart-gov/messages_with_official_replies.jsonl`)
  .filter((_, i) => i % 14 === 0)
  .map((l) => {
    const r = JSON.parse(l);
    return {
      message_id: r.message_id,
      subject: r.subject,
      message_time: r.message_time,
      message_text: r.message_text.slice(0, 1500),
      reply_text: r.reply_text.slice(0, 1500),
      reply_time: r.reply_time,
    };
  });
write(`${OUT}/messages/taidi2020_messages.sample.jsonl`, msgs.map((r) => JSON.stringify(r)).join('\n') + '\n');
// Knowledge-base answers (Taipei City FAQ, Traditional Chinese): of the 1,613 with a question mark and an answer of
// 20 to 1,500 characters, every 8th (the distractors) — every 40th of them is judged in fixtures/answers/judged.tsv.
const faq = lines(`${SRC}/taipei-gov-faq/taipei_city_faq.jsonl`)
  .map((l) => JSON.parse(l))
  .filter((r) => /[？?]/.test(r.question) && r.answer_text && r.answer_text.length >= 20 && r.answer_text.length <= 1500)
  .filter((_, i) => i % 8 === 0)
  .map((r) => ({ id: r.id, dept: r.dept, question: r.question, answer: r.answer_text.slice(0, 300), keywords: r.keywords ?? [] }));
write(`${OUT}/answers/taipei_faq.sample.jsonl`, faq.map((r) => JSON.stringify(r)).join('\n') + '\n');
// Open data: the first 40 Guangdong service items (MIT) as a CSV table, as a unit would publish its service list;
// the GB18030 copy (what Excel saves on Chinese Windows) is made with `iconv -f utf-8 -t gb18030`, as Node has no
// GB18030 encoder.
const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const days = (s) => /^(\d+)/.exec(s ?? '')?.[1] ?? '';
const items = lines(`${SRC}/gd-service-items/guangdong_service_items.jsonl`)
  .slice(0, 40)
  .map((l) => JSON.parse(l))
  .map((r) => [r.TASK_CODE, r.TASK_NAME, r.TASK_TYPE_TEXT, r.DEPT_NAME, days(r.handle_time), days(r.handle_time_limit), r.visit_number]);
write(
  `${OUT}/opendata/gd-service-items-40.csv`,
  [['实施编码', '事项名称', '事项类型', '实施主体', '法定时限', '承诺时限', '到现场次数'], ...items].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n',
);
console.log(`docNos ${docNos.length}, ncpqa docs ${docs.length}, messages ${msgs.length}, faq ${faq.length}`);
