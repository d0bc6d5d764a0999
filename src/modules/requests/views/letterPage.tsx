/** A letter as a print-ready page (A4, official layout); the same page serves staff and the applicant. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import type { Letter } from '../letters.ts';

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function LetterPage(props: { ctx: ViewContext; letter: Letter; unitName: string; back: { href: string; label: string }; docxHref: string; staff?: boolean }) {
  const l = props.letter;
  return (
    <Layout ctx={props.ctx} title={l.title} staff={props.staff} crumbs={[{ label: props.back.label, href: props.back.href }, { label: l.title }]}>
      <p class="no-print">
        <a href={props.docxHref}>下载 Word 文件</a>　可直接打印本页
      </p>
      <article class="letter">
        <h1 class="doc-title">{l.title}</h1>
        <p class="doc-title">{l.letter_no}</p>
        <div class="doc-body">{l.paragraphs.map((p, i) => (i === 0 ? <p class="addressee">{p}</p> : <p>{p}</p>))}</div>
        <p class="signature">
          {props.unitName}
          <br />
          {cnDate(l.on_date)}
        </p>
      </article>
    </Layout>
  );
}
