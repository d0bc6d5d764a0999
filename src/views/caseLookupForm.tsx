/**
 * The form a citizen without an account follows a case with: its number and the query code shown once when it was
 * submitted (information requests, messages, data applications). The code is a secret like a password, so a form
 * shown again keeps the case number but never echoes the code back into the page.
 */
import { CsrfField, Field } from './layout.tsx';
import type { ViewContext } from './context.ts';

export function CaseLookupForm(p: {
  ctx: ViewContext;
  action: string;
  /** What the case number is called here (申请编号, 留言编号 …) and an example of one. */
  caseLabel: string;
  example: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
}) {
  return (
    <form method="post" action={p.action} class="narrow">
      <CsrfField ctx={p.ctx} />
      <Field name="caseNo" label={p.caseLabel} value={p.values.caseNo} error={p.errors.caseNo} required hint={`如：${p.example}`} />
      <Field name="queryCode" label="查询码" value="" error={p.errors.queryCode} required autocomplete="off" hint="提交时显示并发给您的 8 位字母和数字（不区分大小写）" />
      <button type="submit" class="button">
        查询
      </button>
    </form>
  );
}
