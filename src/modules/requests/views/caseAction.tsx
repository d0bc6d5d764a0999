/** One step's form on the officer's case page, with a preview of the letter it would issue. */
import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../views/layout.tsx';
import type { CasePageProps } from './casePage.tsx';

export function Action(props: {
  p: Pick<CasePageProps, 'c' | 'ctx' | 'failed' | 'preview'>;
  name: string;
  title: string;
  children: ComponentChildren;
  button: string;
  multipart?: boolean;
  preview?: boolean;
}) {
  const open = props.p.failed?.action === props.name || props.p.preview?.action === props.name;
  const shown = props.p.preview?.action === props.name ? props.p.preview.letter : undefined;
  return (
    <details open={open} id={`action-${props.name}`}>
      <summary>{props.title}</summary>
      <form method="post" action={`/staff/requests/${props.p.c.id}/${props.name}`} enctype={props.multipart ? 'multipart/form-data' : undefined}>
        <CsrfField ctx={props.p.ctx} />
        {props.children}
        {shown ? (
          <section class="letter-preview" aria-labelledby={`preview-${props.name}`}>
            <h3 id={`preview-${props.name}`}>预览：{shown.title}（尚未出具，文号在出具时编定）</h3>
            {shown.paragraphs.map((para) => (
              <p>{para}</p>
            ))}
            {props.multipart ? <p class="hint">预览不保存所选文件，正式出具时请重新选择。</p> : null}
          </section>
        ) : null}
        <div class="button-row">
          {props.preview ? (
            <button type="submit" class="button secondary" name="preview" value="1">
              预览文书
            </button>
          ) : null}
          <button type="submit" class="button">
            {props.button}
          </button>
        </div>
      </form>
    </details>
  );
}
