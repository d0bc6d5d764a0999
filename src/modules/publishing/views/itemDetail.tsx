import { can, type Actor } from '../../../lib/authz.ts';
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../../views/layout.tsx';
import { trustStored } from '../../../lib/html.ts';
import type { AttachmentRow, ItemRow, VersionRow } from '../queries.ts';
import { availableTransitions, STATE_LABELS, TRANSITIONS, type VersionState } from '../states.ts';
import { DISCLOSURE, INTERPRETATION_FORMS, SECTION_BY_CODE, VALIDITY, WITHHELD_GROUNDS } from '../taxonomy.ts';
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../personalData.ts';
import { TIMELINESS_LABELS, type Timeliness } from '../timeliness.ts';

export interface ItemDetailData {
  item: ItemRow;
  version: VersionRow;
  published?: VersionRow;
  attachments: AttachmentRow[];
  findings: { id: number; source: string; kind: string; excerpt: string; resolution: string | null; justification: string | null }[];
  versions: { id: number; version_no: number; state: VersionState; title: string; published_at: Date | null; change_note: string }[];
  events: { id: number; type: string; from_state: string | null; to_state: string | null; actor_label: string; remarks: string; at: Date }[];
  links: { id: number; title: string; interpretation_form: string | null; status: string }[];
  timeliness: Timeliness;
  dueExplanation: string;
  /** The item that revised or repealed this one, as staff name it (索引号, 文号 or title). */
  validityByRef?: string;
}

const fmt = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

const EVENT_LABELS: Record<string, string> = {
  created: '创建草稿',
  edited: '修改',
  attachment_added: '添加附件',
  attachment_removed: '删除附件',
  personal_data_masked: '遮盖个人信息',
  personal_data_justified: '说明个人信息公开理由',
  revision_started: '发起修订',
  validity_changed: '标注有效性',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, t]) => [k, t.label])),
};

function canDo(actor: Actor, name: string, path: string) {
  const p = TRANSITIONS[name as keyof typeof TRANSITIONS]?.permission;
  return !!p && can(actor, p, { unitPath: path });
}

const REVIEWS = [
  { title: '保密审查', pass: 'secrecy_approve', back: 'secrecy_return' },
  { title: '审核', pass: 'approve', back: 'return' },
] as const;
export const REVIEW_EVENTS = new Set(['submit', 'secrecy_approve', 'secrecy_return', 'approve', 'return']);

export function ItemDetailPage(props: { ctx: ViewContext; data: ItemDetailData; errors?: Record<string, string>; message?: string; notice?: string }) {
  const { ctx, data } = props;
  const { item, version: v } = data;
  const path = item.unit_path;
  const editable = v.state === 'draft' || v.state === 'returned';
  const mayDraft = can(ctx.actor, 'item.draft', { unitPath: path });
  const unresolved = data.findings.filter((f) => !f.resolution).length;
  const lastReturn = [...data.events].reverse().find((e) => e.type === 'return' || e.type === 'secrecy_return');
  const transitions = availableTransitions(v.state).filter((t) => canDo(ctx.actor, t, path) && t !== 'withdraw');
  return (
    <Layout
      ctx={ctx}
      title={v.title || '（无标题）'}
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '政府信息', href: '/staff/items' }, { label: v.title || '（无标题）' }]}
    >
      <h1>{v.title || '（无标题）'}</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors ?? {}} message={props.message} />
      <p class="button-row">
        <a href={`/staff/items/${item.id}/preview`}>预览发布后公众看到的页面</a>
      </p>
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>
              第 {v.version_no} 版：{STATE_LABELS[v.state]}
              {item.status === 'withdrawn' ? `（信息已撤回：${item.withdrawn_reason}）` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">信息编号</th>
            <td>{item.id}</td>
          </tr>
          <tr>
            <th scope="row">索引号</th>
            <td>{item.index_no ?? '发布时生成'}</td>
          </tr>
          <tr>
            <th scope="row">单位</th>
            <td>{item.unit_name}</td>
          </tr>
          <tr>
            <th scope="row">栏目</th>
            <td>{SECTION_BY_CODE.get(v.section_code)?.label ?? v.section_code}</td>
          </tr>
          <tr>
            <th scope="row">公开方式</th>
            <td>
              {DISCLOSURE[v.disclosure]}
              {v.withheld_ground ? `：${WITHHELD_GROUNDS[v.withheld_ground as keyof typeof WITHHELD_GROUNDS]}` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">发文字号</th>
            <td>{v.doc_no_normalized || v.doc_no}</td>
          </tr>
          <tr>
            <th scope="row">有效性</th>
            <td>{VALIDITY[item.validity]}</td>
          </tr>
          <tr>
            <th scope="row">公开时限</th>
            <td>
              {TIMELINESS_LABELS[data.timeliness.status]}。{data.dueExplanation}
            </td>
          </tr>
          {item.kind === 'interpretation' ? (
            <tr>
              <th scope="row">解读形式</th>
              <td>{v.interpretation_form ? INTERPRETATION_FORMS[v.interpretation_form as keyof typeof INTERPRETATION_FORMS] : ''}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {v.state === 'returned' && lastReturn ? (
        <div class="banner-warning" role="status">
          退回意见（{lastReturn.actor_label}）：{lastReturn.remarks}
        </div>
      ) : null}
      <div class="button-row">
        {item.status === 'published' ? (
          <a class="button secondary" href={`/xxgk/${item.unit_slug}/items/${item.id}`}>
            查看公开页面
          </a>
        ) : null}
        {editable && mayDraft ? (
          <a class="button secondary" href={`/staff/items/${item.id}/edit`}>
            编辑
          </a>
        ) : null}
        {mayDraft ? (
          <a class="button secondary" href={`/staff/items/${item.id}/catalogue`}>
            归入标准目录事项
          </a>
        ) : null}
        {item.status === 'published' && v.id === item.current_version_id && mayDraft ? (
          <form method="post" action={`/staff/items/${item.id}/revise`} class="inline">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button secondary">
              发起修订（新版本）
            </button>
          </form>
        ) : null}
      </div>

      <h2 id="personal-data">个人信息检查</h2>
      {data.findings.length === 0 ? (
        <p>正文和附件中未发现个人信息。</p>
      ) : (
        <>
          <p>{unresolved ? `有 ${unresolved} 处个人信息尚未处理，处理完毕前不能发布。` : '所有个人信息均已处理。'}</p>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">类型</th>
                <th scope="col">位置</th>
                <th scope="col">内容（已遮盖显示）</th>
                <th scope="col">处理</th>
              </tr>
            </thead>
            <tbody>
              {data.findings.map((f) => (
                <tr>
                  <td>{PERSONAL_DATA_LABELS[f.kind as PersonalDataKind]}</td>
                  <td>{f.source === 'body' ? '正文' : `附件 ${data.attachments.find((a) => `attachment:${a.id}` === f.source)?.filename ?? ''}`}</td>
                  <td>{f.excerpt}</td>
                  <td>
                    {f.resolution === 'masked' ? (
                      '已遮盖'
                    ) : f.resolution === 'justified' ? (
                      `保留公开：${f.justification}`
                    ) : (
                      <>
                        {f.source === 'body' ? (
                          <form method="post" action={`/staff/items/${item.id}/findings/${f.id}`} class="inline">
                            <CsrfField ctx={ctx} />
                            <input type="hidden" name="action" value="mask" />
                            <button type="submit" class="button secondary">
                              遮盖
                            </button>
                          </form>
                        ) : null}
                        <form method="post" action={`/staff/items/${item.id}/findings/${f.id}`}>
                          <CsrfField ctx={ctx} />
                          <input type="hidden" name="action" value="justify" />
                          <label for={`j-${f.id}`}>公开理由</label>
                          <input id={`j-${f.id}`} name="justification" type="text" />
                          <button type="submit" class="button secondary">
                            说明理由并保留
                          </button>
                        </form>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>附件</h2>
      {data.attachments.length ? (
        <ul>
          {data.attachments.map((a) => (
            <li>
              <a href={`/staff/items/${item.id}/attachments/${a.id}`}>{a.filename}</a>（{Math.max(1, Math.round(a.size / 1024))} KB）
              {editable && mayDraft ? (
                <form method="post" action={`/staff/items/${item.id}/attachments/${a.id}/remove`} class="inline">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="link-button">
                    删除
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>无附件。</p>
      )}
      {editable && mayDraft ? (
        <form method="post" action={`/staff/items/${item.id}/attachments`} enctype="multipart/form-data">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="f-files">上传附件（PDF、Word、Excel、图片等，按文件内容识别格式）</label>
            <input id="f-files" name="files" type="file" multiple />
          </div>
          <button type="submit" class="button secondary">
            上传
          </button>
        </form>
      ) : null}

      {transitions.length || (item.status === 'published' && canDo(ctx.actor, 'withdraw', path)) ? <h2>审核流转</h2> : null}
      {/* A review is one decision with two outcomes: pass or return, each with the reviewer's opinion (kept on the review sheet). */}
      {REVIEWS.filter((r) => transitions.includes(r.pass)).map((r) => (
        <form method="post" action={`/staff/items/${item.id}/transition`} class="transition review">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for={`r-${r.pass}`}>{r.title}意见（通过时可填写，退回时必填）</label>
            <textarea id={`r-${r.pass}`} name="remarks" rows={3}></textarea>
          </div>
          <div class="button-row">
            <button type="submit" class="button" name="name" value={r.pass}>
              {TRANSITIONS[r.pass].label}
            </button>
            <button type="submit" class="button secondary" name="name" value={r.back}>
              {TRANSITIONS[r.back].label}
            </button>
          </div>
        </form>
      ))}
      {transitions
        .filter((t) => !REVIEWS.some((r) => r.pass === t || r.back === t))
        .map((t) => (
          <form method="post" action={`/staff/items/${item.id}/transition`} class="transition">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="name" value={t} />
            {TRANSITIONS[t].needsRemarks ? (
              <div class="field">
                <label for={`r-${t}`}>{TRANSITIONS[t].label}意见（必填）</label>
                <textarea id={`r-${t}`} name="remarks" rows={2}></textarea>
              </div>
            ) : null}
            <button type="submit" class="button">
              {TRANSITIONS[t].label}
            </button>
          </form>
        ))}
      {data.events.some((e) => REVIEW_EVENTS.has(e.type)) ? (
        <p>
          <a href={`/staff/items/${item.id}/review-sheet`}>打印审查审核单（保密审查、审核的人员、时间和意见）</a>
        </p>
      ) : null}
      {item.status === 'published' && canDo(ctx.actor, 'withdraw', path) ? (
        <form method="post" action={`/staff/items/${item.id}/transition`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="name" value="withdraw" />
          <div class="field">
            <label for="r-withdraw">撤回理由（必填，撤回后公众不再能看到此信息）</label>
            <textarea id="r-withdraw" name="remarks" rows={2}></textarea>
          </div>
          <button type="submit" class="button secondary">
            撤回
          </button>
        </form>
      ) : null}

      {item.status === 'published' && can(ctx.actor, 'item.change_validity', { unitPath: path }) ? (
        <>
          <h2>有效性标注</h2>
          <form method="post" action={`/staff/items/${item.id}/validity`}>
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="f-validity">有效性</label>
              <select id="f-validity" name="validity">
                {Object.entries(VALIDITY).map(([k, l]) => (
                  <option value={k} selected={k === item.validity}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-byItemId">修订或废止它的文件（可选）</label>
              <p class="hint" id="f-byItemId-hint">
                填该文件的索引号、文号或标题全文，或粘贴它的网址
              </p>
              <input id="f-byItemId" name="byItemId" type="text" value={data.validityByRef ?? ''} aria-describedby="f-byItemId-hint" data-item-picker="single" />
            </div>
            <button type="submit" class="button secondary">
              保存有效性
            </button>
          </form>
        </>
      ) : null}

      {data.links.length ? (
        <>
          <h2>{item.kind === 'interpretation' ? '所解读的政策' : '相关解读'}</h2>
          <ul>
            {data.links.map((l) => (
              <li>
                <a href={`/staff/items/${l.id}`}>{l.title}</a>
                {l.interpretation_form ? `（${INTERPRETATION_FORMS[l.interpretation_form as keyof typeof INTERPRETATION_FORMS]}）` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>正文预览</h2>
      <div class="doc-body">
        {/* body_html was sanitised on save */}
        <div dangerouslySetInnerHTML={{ __html: trustStored(v.body_html) }} />
      </div>

      <h2>版本</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">状态</th>
            <th scope="col">发布时间</th>
            <th scope="col">修订说明</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((x) => (
            <tr>
              <td>
                <a href={`/staff/items/${item.id}/versions/${x.version_no}`}>第 {x.version_no} 版</a>
              </td>
              <td>{STATE_LABELS[x.state]}</td>
              <td>{fmt(x.published_at)}</td>
              <td>{x.change_note}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>处理记录</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">操作人</th>
            <th scope="col">意见</th>
          </tr>
        </thead>
        <tbody>
          {data.events.map((e) => (
            <tr>
              <td>{fmt(e.at)}</td>
              <td>
                {EVENT_LABELS[e.type] ?? e.type}
                {e.to_state ? ` → ${STATE_LABELS[e.to_state as VersionState] ?? e.to_state}` : ''}
              </td>
              <td>{e.actor_label}</td>
              <td>{e.remarks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
