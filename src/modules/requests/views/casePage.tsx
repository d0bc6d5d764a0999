/** One case for the officer: the application, the clock and how it was computed, the steps taken, letters, and what can be done next. */
import { PAUSE_TEXTS } from '../states.ts';
import { ReleaseFields, ReleasedAndDelivered, type DeliveryRow, type ReleasedRow } from './releasedSection.tsx';
import { MAX_EXTENSION_WORKING_DAYS } from '../clock.ts';
import type { ViewContext } from '../../../views/context.ts';
import { ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import type { CaseRow, StoredEvent } from '../caseStore.ts';
import type { ClockState } from '../clock.ts';
import type { Letter } from '../letters.ts';
import { CASE_STATE_LABELS, STEPS, eventSummary, nextState, type CaseEventKind } from '../states.ts';
import { APPLICANT_SUBTYPES, APPLICANT_TYPES, CHANNELS, DELIVERY_FORMS, DELIVERY_METHODS } from '../forms.ts';
import { CLOSING_OUTCOMES, GROUP_LABELS, OUTCOMES, OUTCOME_BY_CODE } from '../outcomes.ts';
import { OPINIONS } from '../commands/consultation.ts';
import { DELIVERY_WAYS } from '../commands/deliver.ts';
import { REVIEW_KINDS, REVIEW_RESULTS } from '../commands/reviews.ts';
import type { HistoryRow } from '../history.ts';
import { Action } from './caseAction.tsx';
import { ApprovalSection } from './approvalSection.tsx';
import type { ApprovalView } from '../commands/replyApproval.ts';

export interface CasePageProps {
  ctx: ViewContext;
  c: CaseRow;
  clock: ClockState | null;
  events: StoredEvent[];
  letters: Letter[];
  officers: { id: number; name: string }[];
  units: { id: number; name: string; depth: number }[];
  hints: { repeats: HistoryRow[]; recent: number; many: boolean };
  /** Applications by anyone for the same information, this one included (Art. 44). */
  sameCount: number;
  canExtend: boolean;
  today: string;
  /** The action whose form failed, with its values and errors. */
  failed?: { action: string; values: Record<string, string>; errors: Record<string, string>; message?: string };
  /** A letter as the step would issue it, shown before it is issued (nothing was saved). */
  preview?: { action: string; letter: { title: string; paragraphs: string[] } };
  files: { id: number; kind: string; filename: string; size: number }[];
  released: ReleasedRow[];
  deliveries: DeliveryRow[];
  notice?: string;
  approval: ApprovalView;
}

const possible = (c: CaseRow, kind: CaseEventKind) => {
  try {
    nextState(c.state, kind);
    return true;
  } catch {
    return false;
  }
};

function dueText(c: CaseRow, clock: ClockState | null): string {
  if (PAUSE_TEXTS[c.state]) return PAUSE_TEXTS[c.state]!;
  if (!clock) return '—';
  if (c.replied_on) return clock.dueOn ? `${clock.dueOn}；已于 ${c.replied_on} 答复，${c.replied_on <= clock.dueOn ? '在期限内' : '超过期限'}` : `已于 ${c.replied_on} 答复`;
  return clock.dueOn ? `${clock.dueOn}${clock.provisional ? '（暂定）' : ''}，已用 ${clock.usedWorkingDays}/${clock.limitWorkingDays} 个工作日` : '计时暂停中';
}

export function CasePage(p: CasePageProps) {
  const { c } = p;
  const v = p.failed?.values ?? {};
  const e = p.failed?.errors ?? {};
  const today = p.today;
  const decidable = OUTCOMES.filter((o) => !CLOSING_OUTCOMES.has(o.code) && o.code !== 'other');
  return (
    <Layout ctx={p.ctx} title={`申请 ${c.case_no}`} staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '依申请公开', href: '/staff/requests' }, { label: c.case_no }]}>
      <h1>申请 {c.case_no}</h1>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.failed ? <ErrorSummary errors={e} message={p.failed.message} idPrefix={`a-${p.failed.action}`} /> : null}
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>
              {CASE_STATE_LABELS[c.state]}
              {c.outcome ? `：${OUTCOME_BY_CODE.get(c.outcome)?.label}，计入年报表三“${OUTCOME_BY_CODE.get(c.outcome)?.row}”` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">受理机关</th>
            <td>{c.unit_name}</td>
          </tr>
          <tr>
            <th scope="row">承办人</th>
            <td>{c.officer_name ?? '未指定'}</td>
          </tr>
          <tr>
            <th scope="row">渠道</th>
            <td>{CHANNELS[c.channel as keyof typeof CHANNELS]}</td>
          </tr>
          <tr>
            <th scope="row">收到申请之日</th>
            <td>{c.received_on ?? '待确认（条例第三十一条）'}</td>
          </tr>
          <tr>
            <th scope="row">答复期限</th>
            <td>{dueText(c, p.clock)}</td>
          </tr>
          <tr>
            <th scope="row">申请人</th>
            <td>
              {c.applicant_name}（{APPLICANT_TYPES[c.applicant_type]}
              {c.applicant_subtype ? `·${APPLICANT_SUBTYPES[c.applicant_subtype as keyof typeof APPLICANT_SUBTYPES]}` : ''}）
            </td>
          </tr>
          <tr>
            <th scope="row">身份证明</th>
            <td>
              {c.id_type} {c.id_number}
              {p.files
                .filter((f) => f.kind === 'identity')
                .map((f) => (
                  <>
                    {' '}
                    <a href={`/staff/requests/${c.id}/files/${f.id}`}>{f.filename}</a>（{Math.ceil(f.size / 1024)} KB）
                  </>
                ))}
            </td>
          </tr>
          <tr>
            <th scope="row">联系方式</th>
            <td>{[c.contact_person, c.phone, c.email, c.address, c.postcode].filter(Boolean).join('；')}</td>
          </tr>
          <tr>
            <th scope="row">所需信息</th>
            <td>{[c.info_title && `名称：${c.info_title}`, c.info_doc_no && `文号：${c.info_doc_no}`, `描述：${c.info_description}`].filter(Boolean).join('；')}</td>
          </tr>
          <tr>
            <th scope="row">获取方式</th>
            <td>
              {DELIVERY_FORMS[c.delivery_form as keyof typeof DELIVERY_FORMS]}，{DELIVERY_METHODS[c.delivery_method as keyof typeof DELIVERY_METHODS]}
            </td>
          </tr>
        </tbody>
      </table>
      <ReleasedAndDelivered caseId={c.id} released={p.released} deliveries={p.deliveries} />
      {p.clock ? (
        <section aria-labelledby="clock-h">
          <h2 id="clock-h">期限计算</h2>
          <ol class="clock-steps">
            {p.clock.steps.map((s) => (
              <li>
                {s.date ? `${s.date}　` : ''}
                {s.text}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {p.hints.repeats.length || p.hints.many ? (
        <section class="notice" aria-labelledby="hints-h">
          <h2 id="hints-h">申请人的其他申请</h2>
          {p.hints.repeats.length ? (
            <p>
              以下申请内容相同且已答复，可考虑“不予处理：重复申请”（条例第三十六条第（六）项）：
              {p.hints.repeats.map((r) => (
                <a href={`/staff/requests/${r.id}`}>
                  {r.case_no}（{r.replied_on}答复）
                </a>
              ))}
            </p>
          ) : null}
          {p.hints.many ? <p>该申请人30日内提出了 {p.hints.recent} 件申请，数量、频次明显超过合理范围的，可以要求其说明理由（条例第三十五条）。</p> : null}
        </section>
      ) : null}

      {p.sameCount > 1 ? <p class="notice">同一信息已被申请 {p.sameCount} 次（含本件）。可以公开的，可考虑转为主动公开（条例第四十四条）。</p> : null}
      {c.published_item_id ? (
        <p class="notice">
          已转为主动公开：<a href={`/staff/items/${c.published_item_id}`}>查看信息草稿或已发布的信息</a>
        </p>
      ) : null}
      <section class="actions" aria-labelledby="actions-h">
        <h2 id="actions-h">办理</h2>
        {possible(c, 'confirm') ? (
          <Action p={p} name="confirm" title="确认收到申请（确认之日为收到申请之日）" button="确认">
            <Field idPrefix="a-confirm" name="confirmedOn" label="确认日期" type="date" value={v.confirmedOn ?? today} error={e.confirmedOn} required />
            <Field idPrefix="a-confirm" name="how" label="确认方式" value={v.how ?? '电话确认'} error={e.how} required />
          </Action>
        ) : null}
        {possible(c, 'request_correction') && !p.events.some((x) => x.kind === 'request_correction') ? (
          <Action p={p} name="correction" title="一次性告知补正（条例第三十条）" button="发出补正告知书" preview>
            <Field idPrefix="a-correction" name="onDate" label="告知日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
            <Field idPrefix="a-correction" name="items" label="需要补正的全部事项（每行一项）" textarea rows={4} value={v.items} error={e.items} required />
          </Action>
        ) : null}
        {possible(c, 'receive_correction') ? (
          <>
            {p.events
              .filter((x) => x.kind === 'applicant_correction')
              .map((x) => (
                <p class="notice">
                  申请人于 {x.on_date} 在线提交补正：{String(x.details.text)}
                </p>
              ))}
            <Action p={p} name="receive-correction" title="收到补正（重新计算答复期限）" button="登记">
              <Field idPrefix="a-receive-correction" name="onDate" label="收到补正的日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
              <Field idPrefix="a-receive-correction" name="note" label="补正内容摘要" value={v.note} error={e.note} />
            </Action>
            <Action p={p} name="close-no-correction" title="逾期未补正，不再处理（其他处理-1）" button="结案">
              <Field idPrefix="a-close-no-correction" name="onDate" label="日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
            </Action>
          </>
        ) : null}
        {possible(c, 'start_consultation') ? (
          <Action p={p} name="consult" title="书面征求第三方或其他机关意见（期间不计入答复期限）" button="发出征求意见书" preview>
            <Select
              idPrefix="a-consult"
              name="party"
              label="征求对象"
              value={v.party}
              error={e.party}
              required
              blank="请选择"
              options={[
                { value: 'third_party', label: '第三方（条例第三十二条）' },
                { value: 'inter_agency', label: '其他机关（条例第三十四条）' },
              ]}
            />
            <Field idPrefix="a-consult" name="partyName" label="名称" value={v.partyName} error={e.partyName} required />
            <Field idPrefix="a-consult" name="onDate" label="发出日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
          </Action>
        ) : null}
        {possible(c, 'end_consultation') ? (
          <Action p={p} name="end-consult" title="收到意见（或期满未答复）" button="登记">
            <Select
              idPrefix="a-end-consult"
              name="opinion"
              label="意见"
              value={v.opinion}
              error={e.opinion}
              required
              blank="请选择"
              options={Object.entries(OPINIONS).map(([value, label]) => ({ value, label }))}
            />
            <Field idPrefix="a-end-consult" name="onDate" label="日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
            <Field idPrefix="a-end-consult" name="note" label="意见摘要" value={v.note} error={e.note} />
          </Action>
        ) : null}
        {possible(c, 'extend') && p.canExtend && !p.events.some((x) => x.kind === 'extend') ? (
          <Action p={p} name="extend" title={`延长答复期限（负责人同意，最长${MAX_EXTENSION_WORKING_DAYS}个工作日，只能一次）`} button="延期并生成告知书" preview>
            <Field idPrefix="a-extend" name="workingDays" label="延长的工作日数" type="number" value={v.workingDays ?? '20'} error={e.workingDays} required />
            <Field idPrefix="a-extend" name="reason" label="延期原因" value={v.reason} error={e.reason} required />
            <Field idPrefix="a-extend" name="approvedOn" label="负责人同意日期" type="date" value={v.approvedOn ?? today} error={e.approvedOn} required />
            <Field idPrefix="a-extend" name="notifiedOn" label="告知申请人日期" type="date" value={v.notifiedOn ?? today} error={e.notifiedOn} required />
          </Action>
        ) : null}
        {possible(c, 'fee_notice') ? (
          <Action p={p} name="fee" title="收取信息处理费（按件或按量，只选一种）" button="发出收费通知" preview>
            <Select
              idPrefix="a-fee"
              name="method"
              label="计收方式"
              value={v.method}
              error={e.method}
              required
              blank="请选择"
              options={[
                { value: 'piece', label: '按件计收（同一申请人当月累计）' },
                { value: 'page', label: '按量计收（页数）' },
              ]}
            />
            <Field idPrefix="a-fee" name="count" label="件数或页数" type="number" value={v.count} error={e.count} required />
            <Field idPrefix="a-fee" name="onDate" label="通知日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
          </Action>
        ) : null}
        {possible(c, 'fee_paid') ? (
          <>
            <Action p={p} name="fee-paid" title="已缴费" button="登记">
              <Field idPrefix="a-fee-paid" name="onDate" label="缴费日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
              <Field idPrefix="a-fee-paid" name="receiptNo" label="票据号" value={v.receiptNo} error={e.receiptNo} />
            </Action>
            <Action p={p} name="close-unpaid" title="逾期未缴费，不再处理（其他处理-2）" button="结案">
              <Field idPrefix="a-close-unpaid" name="onDate" label="日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
            </Action>
          </>
        ) : null}
        <ApprovalSection p={p} />
        {c.state === 'handling' ? (
          <Action
            p={p}
            name="decide"
            title={p.approval.proposes ? '拟定答复（本单位的答复须经负责人审批后出具）' : '作出答复'}
            button={p.approval.proposes ? '提交负责人审批' : '生成答复告知书'}
            multipart
            preview
          >
            <div class={`field${e.outcome ? ' field-error' : ''}`}>
              <label for="a-decide-outcome">
                处理结果（按年度报告表三的口径）<span class="req">（必填）</span>
              </label>
              {e.outcome ? <p class="error-message">{e.outcome}</p> : null}
              <select id="a-decide-outcome" name="outcome">
                <option value="">请选择</option>
                {Object.entries(GROUP_LABELS).map(([g, label]) => (
                  <optgroup label={label}>
                    {decidable
                      .filter((o) => o.group === g)
                      .map((o) => (
                        <option value={o.code} selected={v.outcome === o.code}>{`${o.row} ${o.label}`}</option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <Field idPrefix="a-decide" name="detail" label="答复内容或理由" textarea rows={4} value={v.detail} error={e.detail} hint="不予公开、不予提供的，须写明具体理由" />
            <Field idPrefix="a-decide" name="publishedUrl" label="已公开信息的网址或获取途径（已主动公开的填写）" value={v.publishedUrl} error={e.publishedUrl} />
            <Field
              idPrefix="a-decide"
              name="responsibleAgency"
              label="负责公开的机关名称和联系方式（不属于本机关负责公开的填写）"
              value={v.responsibleAgency}
              error={e.responsibleAgency}
            />
            <Field idPrefix="a-decide" name="withheldReason" label="不予公开部分的理由（部分公开的填写）" value={v.withheldReason} error={e.withheldReason} />
            <ReleaseFields idPrefix="a-decide" error={e.released} values={v} />
            <Field
              idPrefix="a-decide"
              name="onDate"
              label={p.approval.proposes ? '拟稿日期（答复日期为批准之日）' : '答复日期'}
              type="date"
              value={v.onDate ?? today}
              error={e.onDate}
              required
            />
          </Action>
        ) : null}
        {possible(c, 'deliver') ? (
          <Action p={p} name="deliver" title="登记送达" button="登记" multipart>
            <Select
              idPrefix="a-deliver"
              name="way"
              label="送达方式"
              value={v.way}
              error={e.way}
              required
              blank="请选择"
              options={Object.entries(DELIVERY_WAYS).map(([value, label]) => ({ value, label }))}
            />
            <Field idPrefix="a-deliver" name="reference" label="邮件单号或回执" value={v.reference} error={e.reference} />
            <ReleaseFields idPrefix="a-deliver" error={e.released} values={v} />
            <Field idPrefix="a-deliver" name="onDate" label="送达日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
          </Action>
        ) : null}
        {possible(c, 'archive') ? (
          <Action p={p} name="archive" title="归档（条例第四十五条）" button="归档">
            <p>归档后案件及全部文书只读保存。</p>
          </Action>
        ) : null}
        {possible(c, 'assign') ? (
          <Action p={p} name="assign" title="指定承办人" button="指定">
            <Select
              idPrefix="a-assign"
              name="officerId"
              label="承办人"
              value={v.officerId}
              error={e.officerId}
              required
              blank="请选择"
              options={p.officers.map((o) => ({ value: String(o.id), label: o.name }))}
            />
          </Action>
        ) : null}
        {possible(c, 'transfer') ? (
          <Action p={p} name="transfer" title="转交其他单位办理" button="转交">
            <Select
              idPrefix="a-transfer"
              name="toUnitId"
              label="转交给"
              value={v.toUnitId}
              error={e.toUnitId}
              required
              blank="请选择"
              options={p.units.filter((u) => u.id !== c.unit_id).map((u) => ({ value: String(u.id), label: `${'　'.repeat(u.depth)}${u.name}` }))}
            />
            <Field idPrefix="a-transfer" name="reason" label="理由" value={v.reason} error={e.reason} required />
          </Action>
        ) : null}
        {possible(c, 'withdraw_by_applicant') ? (
          <Action p={p} name="withdrawn" title="申请人撤回申请（其他处理-3）" button="结案">
            <Field idPrefix="a-withdrawn" name="note" label="撤回方式和说明" value={v.note} error={e.note} required />
            <Field idPrefix="a-withdrawn" name="onDate" label="撤回日期" type="date" value={v.onDate ?? today} error={e.onDate} required />
          </Action>
        ) : null}
        {possible(c, 'publish_proactively') && !c.published_item_id && c.outcome && ['disclose', 'partial'].includes(OUTCOME_BY_CODE.get(c.outcome)?.group ?? '') ? (
          <Action p={p} name="proactive" title="依申请转主动公开（条例第四十四条）" button="生成信息草稿">
            <p>生成一条本单位的政府信息草稿（标题、文号和答复内容），由信息发布员补充后经保密审查和审核发布。</p>
          </Action>
        ) : null}
        {possible(c, 'review_or_litigation') ? (
          <Action p={p} name="review" title="记录行政复议或行政诉讼" button="记录">
            <Select
              idPrefix="a-review"
              name="kind"
              label="类别"
              value={v.kind}
              error={e.kind}
              required
              blank="请选择"
              options={Object.entries(REVIEW_KINDS).map(([value, label]) => ({ value, label }))}
            />
            <Select
              idPrefix="a-review"
              name="result"
              label="结果"
              value={v.result}
              error={e.result}
              required
              blank="请选择"
              options={Object.entries(REVIEW_RESULTS).map(([value, label]) => ({ value, label }))}
            />
            <Field idPrefix="a-review" name="filedOn" label="申请或起诉日期" type="date" value={v.filedOn} error={e.filedOn} required />
            <Field idPrefix="a-review" name="decidedOn" label="审结日期" type="date" value={v.decidedOn} error={e.decidedOn} />
          </Action>
        ) : null}
      </section>

      <section aria-labelledby="letters-h">
        <h2 id="letters-h">文书</h2>
        {p.letters.length ? (
          <ul>
            {p.letters.map((l) => (
              <li>
                {l.on_date} <a href={`/staff/requests/${c.id}/letters/${l.id}`}>{l.title}</a>（{l.letter_no}
                {l.replaces_no ? `，更正${l.replaces_no}` : ''}
                {l.replaced_by_no ? `，已被${l.replaced_by_no}更正` : ''}）{' '}
                <a href={`/staff/requests/${c.id}/letters/${l.id}.pdf`} aria-label={`下载 PDF 文件：${l.title}`}>
                  PDF
                </a>{' '}
                <a href={`/staff/requests/${c.id}/letters/${l.id}.docx`} aria-label={`下载 Word 文件：${l.title}`}>
                  Word
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>暂无。</p>
        )}
      </section>
      <section aria-labelledby="events-h">
        <h2 id="events-h">办理记录</h2>
        <ol class="timeline">
          {p.events.map((x) => (
            <li>
              {x.on_date}　{STEPS[x.kind as CaseEventKind]?.label ?? x.kind}
              {eventSummary(x.kind, x.details) ? `：${eventSummary(x.kind, x.details)}` : ''}　<span class="muted">{x.actor_label}</span>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
