/** The office's wording of its letters, per kind, with the placeholders explained. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import { LETTER_TITLES, type LetterKind } from '../letters.ts';
import { DEFAULT_TEMPLATE, PLACEHOLDERS } from '../templates.ts';

export function TemplatesPage(props: {
  ctx: ViewContext;
  units: { id: number; name: string }[];
  unitId: number;
  own: Map<string, string[]>;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string;
  replyApproval: boolean;
}) {
  return (
    <Layout ctx={props.ctx} title="文书模板" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '依申请公开', href: '/staff/requests' }, { label: '文书模板' }]}>
      <h1>依申请公开文书模板</h1>
      <p>
        每行一段。{'{正文}'}{' '}
        是平台按法律规定生成的正文（含依据和救济途径），必须单独成段保留；可以在前后增加联系人、电话等段落。留空则使用上级单位的模板或默认格式。下级单位未设置时沿用本单位的模板。
      </p>
      <ul>
        {Object.entries(PLACEHOLDERS).map(([k, v]) => (
          <li>
            <code>{k}</code>：{v}
          </li>
        ))}
      </ul>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <form method="get" action="/staff/requests/templates" class="filters" aria-label="选择单位">
        <div class="field">
          <label for="f-unit">单位</label>
          <select id="f-unit" name="unit">
            {props.units.map((u) => (
              <option value={String(u.id)} selected={u.id === props.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          切换
        </button>
      </form>
      <form method="post" action="/staff/requests/settings" aria-labelledby="approval-h">
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="unit" value={String(props.unitId)} />
        <h2 id="approval-h">答复审批</h2>
        <div class="field checkbox">
          <input id="f-replyApproval" type="checkbox" name="replyApproval" value="1" checked={props.replyApproval} />
          <label for="f-replyApproval">答复告知书须经本单位政府信息公开工作机构负责人（政务公开办管理员）批准后出具</label>
        </div>
        <p class="hint">开启后，承办人作出的答复先送负责人审批，批准之日为答复日期；审批期间答复期限照常计算。</p>
        <button type="submit" class="button secondary">
          保存
        </button>
      </form>
      {(Object.keys(LETTER_TITLES) as LetterKind[]).map((kind) => (
        <form method="post" action="/staff/requests/templates">
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="unit" value={String(props.unitId)} />
          <input type="hidden" name="kind" value={kind} />
          <Field
            name={`text-${kind}`}
            label={LETTER_TITLES[kind]}
            textarea
            rows={4}
            value={props.values[`text-${kind}`] ?? (props.own.get(kind) ?? []).join('\n')}
            error={props.errors[`text-${kind}`]}
            hint={props.own.has(kind) ? '本单位已设置' : `未设置（默认：${DEFAULT_TEMPLATE.join(' / ')}）`}
          />
          <button type="submit" class="button secondary">
            保存“{LETTER_TITLES[kind]}”
          </button>
        </form>
      ))}
    </Layout>
  );
}
