/** The archive's metadata sheet: read into issues, every bad row reported with its row number and reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEGACY_COLUMNS, parseLegacySheet } from './legacy.ts';

const sheet = (...rows: string[][]) => [LEGACY_COLUMNS as unknown as string[], ...rows].map((cells, i) => ({ n: i + 1, cells }));
// Real titles, 文号 and 发文机关 (fixtures/govcn, gov.cn 2018); the issue numbers are invented for the test.
const A = ['2018', '35', '1649', '2018/12/20', '其他', '国务院办公厅关于2019年部分节假日安排的通知', '国办发明电〔2018〕15号', '国务院办公厅', '1', '2'];
const B = ['2018', '35', '1649', '2018-12-20', '市政府文件', '国务院关于印发个人所得税专项附加扣除暂行办法的通知', '国发〔2018〕41号', '国务院', '3', '7'];

test('rows of one issue become one issue with its entries in sheet order', () => {
  const { issues, errors } = parseLegacySheet(sheet(A, B, ['', '', '', '', '', '', '', '', '', '']));
  assert.deepEqual(errors, []);
  assert.equal(issues.length, 1);
  assert.deepEqual(
    { ...issues[0], entries: issues[0].entries.map((e) => [e.section, e.docNo, e.pageFrom, e.pageTo]) },
    {
      year: 2018,
      number: 35,
      serial: 1649,
      publishDate: '2018-12-20',
      row: 2,
      entries: [
        ['other', '国办发明电〔2018〕15号', 1, 2],
        ['city', '国发〔2018〕41号', 3, 7],
      ],
    },
  );
});

test('every bad row is reported with its number and every reason; columns are checked first', () => {
  assert.deepEqual(parseLegacySheet([{ n: 1, cells: ['年份', '期号', '标题'] }]).errors, ['第一行应为列名，缺少：总号、出版日期、栏目、文号、发文机关、起始页、结束页']);
  const { errors } = parseLegacySheet(
    sheet(
      A,
      ['2018', '0', 'x', '2019-01-02', '通知', '', '', '', '5', '3'],
      ['2018', '35', '1650', '2018-12-20', '其他', '另一篇', '', '', '9', '9'],
      ['2018', '36', '1649', '2018-12-31', '其他', '总号重复', '', '', '1', '1'],
    ),
  );
  assert.equal(errors.length, 3);
  assert.match(
    errors[0],
    /^第 3 行：期号应为 1 到 999 的整数；总号应为正整数；出版日期应在 2018 年内；栏目“通知”不是 市政府令、市政府文件、市政府办公室文件、部门文件、人事任免、其他 之一；标题不能为空；起始页、结束页应为页码/,
  );
  assert.equal(errors[1], '第 4 行：2018年第35期的总号或出版日期与第 2 行不同');
  assert.equal(errors[2], '总第1649期同时给了 2018年第35期 和 2018年第36期');
});

test('an end page may be left empty for a one-page document', () => {
  const row = [...A];
  row[9] = '';
  assert.deepEqual(
    parseLegacySheet(sheet(row)).issues[0].entries.map((e) => [e.pageFrom, e.pageTo]),
    [[1, 1]],
  );
});
