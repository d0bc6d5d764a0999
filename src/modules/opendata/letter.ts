/**
 * The decision letter of a 有条件开放 application (数据开放申请答复书) as PDF: the same facts the applicant's page shows,
 * laid out like the request letters (title, number, body with two-character indent, unit and date at the right).
 */
import type { FastifyReply } from 'fastify';
import { chineseDate } from '../../lib/calendar.ts';
import { contentDisposition } from '../../lib/download.ts';
import { renderPdf } from '../../lib/pdf.ts';
import { COMMITMENTS } from './access.ts';
import type { ApplicationRow } from './applications.ts';

const BODY = 16;
const LINE_GAP = 5;

/** The letter's paragraphs (also what the tests read). */
export function letterParagraphs(a: ApplicationRow): string[] {
  const head = `${a.applicant_name}${a.organisation && a.organisation !== a.applicant_name ? `（${a.organisation}）` : ''}：`;
  const received = `本单位于${chineseDate(a.received_on)}收到您申请获取有条件开放数据集「${a.dataset_title}」（标识符 ${a.dataset_name}，申请编号 ${a.case_no}）的申请。`;
  if (a.state === 'granted')
    return [
      head,
      `${received}经审核，同意向您开放该数据集，使用期限至${chineseDate(a.granted_until!)}。`,
      '您可以凭申请编号和查询码，在本网站“数据开放—有条件开放申请查询”中下载数据。数据仅向您开放，请勿转发下载方式。',
      ...(a.conditions ? [`使用条件：${a.conditions}`] : []),
      `您在申请中承诺：${Object.values(COMMITMENTS).join('；')}。违反承诺的，本单位将终止开放并依法处理。`,
    ];
  return [
    head,
    `${received}经审核，决定不予开放。`,
    `理由和依据：${a.decision_reason}`,
    '您对本决定有异议的，可以向本单位或者本级政务公开工作主管部门反映，也可以依法申请行政复议或者提起行政诉讼。',
  ];
}

export async function sendDecisionLetter(reply: FastifyReply, a: ApplicationRow) {
  const title = a.state === 'granted' ? '数据开放申请答复书（同意开放）' : '数据开放申请答复书（不予开放）';
  const pdf = await renderPdf({ title, subject: a.case_no, date: new Date(`${a.decided_on}T00:00:00+08:00`) }, (doc) => {
    doc.font('bold').fontSize(22).text('数据开放申请答复书', { align: 'center' });
    doc.moveDown(0.5);
    doc.font('regular').fontSize(BODY).text(a.case_no, { align: 'center' });
    doc.moveDown(1);
    letterParagraphs(a).forEach((p, i) => doc.text(p, { indent: i === 0 ? 0 : BODY * 2, lineGap: LINE_GAP, align: 'justify' }));
    doc.moveDown(2);
    doc.text(a.unit_name, { align: 'right', lineGap: LINE_GAP });
    doc.text(chineseDate(a.decided_on!), { align: 'right' });
  });
  return reply
    .type('application/pdf')
    .header('Content-Disposition', contentDisposition(`${title}.pdf`))
    .header('Cache-Control', 'no-store')
    .send(pdf);
}
