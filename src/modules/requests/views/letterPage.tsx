/** A letter as a print-ready page (A4, official layout); the same page serves staff and the applicant. */
import { chineseDate } from '../../../lib/calendar.ts';
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import type { Letter } from '../letters.ts';

export function LetterPage(props: {
  ctx: ViewContext;
  letter: Letter;
  unitName: string;
  back: { href: string; label: string };
  docxHref: string;
  pdfHref: string;
  staff?: boolean;
  /** Staff who may handle the case: the form that corrects the letter by a replacement. */
  correct?: { action: string; values: Record<string, string>; errors: Record<string, string>; message?: string };
}) {
  const l = props.letter;
  return (
    <Layout ctx={props.ctx} title={l.title} staff={props.staff} crumbs={[{ label: props.back.label, href: props.back.href }, { label: l.title }]}>
      <p class="no-print button-row">
        <a href={props.back.href}>返回</a>
        <a href={props.pdfHref}>下载 PDF 文件</a>
        <a href={props.docxHref}>下载 Word 文件</a>
        <span>也可用浏览器的打印功能打印本页</span>
      </p>
      {props.correct ? <ErrorSummary errors={props.correct.errors} message={props.correct.message} /> : null}
      {l.replaced_by_no ? (
        <p class="notice" role="note">
          本文书已被{l.replaced_by_no}更正并替代，仅作记录保留。
        </p>
      ) : null}
      <article class="letter">
        <h1 class="doc-title">{l.title}</h1>
        <p class="doc-title">{l.letter_no}</p>
        <div class="doc-body">{l.paragraphs.map((p, i) => (i === 0 ? <p class="addressee">{p}</p> : <p>{p}</p>))}</div>
        <p class="signature">
          {props.unitName}
          <br />
          {chineseDate(l.on_date)}
        </p>
      </article>
      {props.correct && !l.replaced_by_no ? (
        <section class="no-print" aria-labelledby="correct-h">
          <h2 id="correct-h">更正这份文书</h2>
          <p>已出具的文书不能修改。更正时生成一份新编号的文书替代本文书，两份都保留在案卷中，并告知申请人。</p>
          <form method="post" action={props.correct.action}>
            <CsrfField ctx={props.ctx} />
            <Field
              name="text"
              label="更正后的正文（每段一行）"
              textarea
              rows={12}
              value={props.correct.values.text ?? l.paragraphs.join('\n')}
              error={props.correct.errors.text}
              required
            />
            <Field name="reason" label="更正原因" value={props.correct.values.reason} error={props.correct.errors.reason} required />
            <button type="submit" class="button">
              出具更正文书
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
