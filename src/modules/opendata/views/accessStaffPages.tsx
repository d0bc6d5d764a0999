/** Staff screens of 有条件开放 applications, data demands and the open-data self-assessment. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import { EventLog } from '../../../views/review.tsx';
import { ACCESS_STATE_LABELS, COMMITMENTS, DEMAND_KINDS, DEMAND_STATE_LABELS, isLate } from '../access.ts';
import type { ApplicationRow } from '../applications.ts';
import type { DemandRow } from '../demands.ts';
import type { Assessment } from '../assessment.ts';

const crumbs = (...rest: { label: string; href?: string }[]) => [{ label: '工作台', href: '/staff' }, { label: '开放数据', href: '/staff/data' }, ...rest];
const EVENTS: Record<string, string> = { received: '收到', granted: '同意开放', refused: '不予开放', withdrawn: '申请人撤回', downloaded: '申请人下载', answered: '答复' };

function Due(p: { due: string; decided: string | null; today: string }) {
  const late = isLate(p.due, p.decided, p.today);
  return late ? (
    <strong class="overdue">
      {p.due}（{p.decided ? '逾期办结' : '已逾期'}）
    </strong>
  ) : (
    <>{p.due}</>
  );
}

export function ApplicationsPage(p: { ctx: ViewContext; rows: ApplicationRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title="有条件开放申请" staff crumbs={crumbs({ label: '有条件开放申请' })}>
      <h1>有条件开放申请</h1>
      {p.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">本单位收到的有条件开放申请，待决定的在前</caption>
          <thead>
            <tr>
              <th scope="col">申请编号</th>
              <th scope="col">数据集</th>
              <th scope="col">申请人</th>
              <th scope="col">状态</th>
              <th scope="col">决定期限</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((a) => (
              <tr>
                <td>
                  <a href={`/staff/data/applications/${a.id}`}>{a.case_no}</a>
                </td>
                <td>{a.dataset_title}</td>
                <td>{a.organisation || a.applicant_name}</td>
                <td>{ACCESS_STATE_LABELS[a.state]}</td>
                <td>{a.state === 'withdrawn' ? '—' : <Due due={a.due_on} decided={a.decided_on} today={p.today} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有收到申请。</p>
      )}
    </Layout>
  );
}

export function ApplicationPage(p: {
  ctx: ViewContext;
  a: ApplicationRow;
  events: { kind: string; at: Date; actor_label: string }[];
  today: string;
  mayDecide: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { a } = p;
  return (
    <Layout ctx={p.ctx} title={`申请 ${a.case_no}`} staff crumbs={crumbs({ label: '有条件开放申请', href: '/staff/data/applications' }, { label: a.case_no })}>
      <h1>有条件开放申请 {a.case_no}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <dl class="facts">
        <dt>数据集</dt>
        <dd>
          <a href={`/dataset/${a.dataset_name}`}>{a.dataset_title}</a>
        </dd>
        <dt>状态</dt>
        <dd>{ACCESS_STATE_LABELS[a.state]}</dd>
        <dt>申请人</dt>
        <dd>
          {a.applicant_name}
          {a.organisation ? `（${a.organisation}${a.credit_code ? `，${a.credit_code}` : ''}）` : ''}
        </dd>
        <dt>联系方式</dt>
        <dd>{a.contact}</dd>
        <dt>用途和使用场景</dt>
        <dd>{a.purpose}</dd>
        <dt>安全保障措施</dt>
        <dd>{a.security_measures}</dd>
        <dt>承诺</dt>
        <dd>
          <ul>
            {a.commitments.map((c) => (
              <li>{COMMITMENTS[c as keyof typeof COMMITMENTS] ?? c}</li>
            ))}
          </ul>
        </dd>
        <dt>收到申请</dt>
        <dd>{a.received_on}</dd>
        <dt>决定期限</dt>
        <dd>
          <Due due={a.due_on} decided={a.decided_on} today={p.today} />
        </dd>
        {a.state === 'granted' ? (
          <>
            <dt>使用期限</dt>
            <dd>至 {a.granted_until}</dd>
            <dt>下载次数</dt>
            <dd>{a.downloads}</dd>
          </>
        ) : null}
        {a.state === 'refused' ? (
          <>
            <dt>不予开放的理由</dt>
            <dd>{a.decision_reason}</dd>
          </>
        ) : null}
      </dl>
      {a.decided_on ? (
        <p>
          <a href={`/staff/data/applications/${a.id}/letter.pdf`}>答复书（PDF）</a>
        </p>
      ) : null}
      {a.state === 'received' && p.mayDecide ? (
        <>
          <ErrorSummary errors={p.errors} message={p.message} />
          <form method="post" action={`/staff/data/applications/${a.id}/grant`} aria-labelledby="grant-h">
            <h2 id="grant-h">同意开放</h2>
            <CsrfField ctx={p.ctx} />
            <Field name="grantedUntil" type="date" label="使用期限截止日期" value={p.values.grantedUntil} error={p.errors.grantedUntil} required idPrefix="g" />
            <Field name="conditions" label="使用条件" textarea rows={3} value={p.values.conditions} error={p.errors.conditions} idPrefix="g" />
            <button type="submit" class="button">
              同意开放
            </button>
          </form>
          <form method="post" action={`/staff/data/applications/${a.id}/refuse`} aria-labelledby="refuse-h">
            <h2 id="refuse-h">不予开放</h2>
            <CsrfField ctx={p.ctx} />
            <Field name="reason" label="理由和依据" textarea rows={3} value={p.values.reason} error={p.errors.reason} required idPrefix="r" />
            <button type="submit" class="button secondary">
              不予开放
            </button>
          </form>
        </>
      ) : null}
      <EventLog events={p.events} labels={EVENTS} />
    </Layout>
  );
}

export function DemandsStaffPage(p: { ctx: ViewContext; rows: DemandRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title="数据需求和意见" staff crumbs={crumbs({ label: '数据需求和意见' })}>
      <h1>数据需求和意见</h1>
      {p.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">本单位收到的数据需求和意见，待答复的在前</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">标题</th>
              <th scope="col">类型</th>
              <th scope="col">状态</th>
              <th scope="col">答复期限</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((m) => (
              <tr>
                <td>
                  <a href={`/staff/data/demands/${m.id}`}>{m.case_no}</a>
                </td>
                <td>{m.title}</td>
                <td>{DEMAND_KINDS[m.kind]}</td>
                <td>{DEMAND_STATE_LABELS[m.state]}</td>
                <td>
                  <Due due={m.due_on} decided={m.answered_on} today={p.today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有收到需求或意见。</p>
      )}
    </Layout>
  );
}

export function DemandStaffPage(p: {
  ctx: ViewContext;
  m: DemandRow;
  events: { kind: string; at: Date; actor_label: string }[];
  today: string;
  mayAnswer: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { m } = p;
  return (
    <Layout ctx={p.ctx} title={`需求 ${m.case_no}`} staff crumbs={crumbs({ label: '数据需求和意见', href: '/staff/data/demands' }, { label: m.case_no })}>
      <h1>{m.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <dl class="facts">
        <dt>编号</dt>
        <dd>{m.case_no}</dd>
        <dt>类型</dt>
        <dd>{DEMAND_KINDS[m.kind]}</dd>
        {m.dataset_name ? (
          <>
            <dt>数据集</dt>
            <dd>
              <a href={`/dataset/${m.dataset_name}`}>{m.dataset_title}</a>
            </dd>
          </>
        ) : null}
        <dt>提出人（不公开）</dt>
        <dd>
          {m.writer_name || '未留称呼'} {m.contact}
        </dd>
        <dt>收到</dt>
        <dd>{m.received_on}</dd>
        <dt>答复期限</dt>
        <dd>
          <Due due={m.due_on} decided={m.answered_on} today={p.today} />
        </dd>
      </dl>
      {m.body.split('\n').map((t) => (
        <p>{t}</p>
      ))}
      {m.state === 'answered' ? (
        <section aria-labelledby="ans-h">
          <h2 id="ans-h">
            答复（{m.answered_on}，{m.public ? '已公开' : `未公开：${m.private_reason}`}）
          </h2>
          {m.answer.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </section>
      ) : p.mayAnswer ? (
        <form method="post" action={`/staff/data/demands/${m.id}/answer`} aria-labelledby="ans-h">
          <h2 id="ans-h">答复</h2>
          <ErrorSummary errors={p.errors} message={p.message} />
          <CsrfField ctx={p.ctx} />
          <Field name="answer" label="答复内容" textarea rows={6} value={p.values.answer} error={p.errors.answer} required hint="答复连同问题一并公开" />
          <div class="field checkbox">
            <input id="f-private" type="checkbox" name="private" value="1" checked={p.values.private === '1'} />
            <label for="f-private">不公开这条答复</label>
          </div>
          <Field name="privateReason" label="不公开的理由" value={p.values.privateReason} error={p.errors.privateReason} hint="如内容与数据开放无关、含个人信息" />
          <button type="submit" class="button">
            答复
          </button>
        </form>
      ) : null}
      <EventLog events={p.events} labels={EVENTS} />
    </Layout>
  );
}

const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

export function AssessmentPage(p: { ctx: ViewContext; a: Assessment }) {
  const { a } = p;
  const rows: [string, string, string][] = [
    ['数据层·数据数量', '已开放数据集', String(a.datasets)],
    ['数据层·数据数量', '可机读的数据资源（表格已入库，可在线查询）', `${a.tabularResources} 个，共 ${a.rows} 行`],
    ['数据层·开放范围', '无条件开放 / 有条件开放 / 不予开放（目录内）', `${a.openness.open} / ${a.openness.conditional} / ${a.openness.closed}`],
    ['数据层·数据规范', '开放格式资源占比（CSV、XLSX、JSON 等可机读格式）', pct(a.machineReadableShare)],
    ['数据层·数据规范', '附数据项说明（字段说明）的表格占比', pct(a.describedShare)],
    ['数据层·数据质量', '数据更新及时率（按更新频率检查）', pct(a.freshness)],
    ['平台层·数据获取', '提供 API 的数据集（CKAN datastore_search）', `${a.apiDatasets} 个（${pct(a.datasets ? a.apiDatasets / a.datasets : null)}）`],
    [
      '平台层·数据获取',
      '有条件开放申请：收到 / 同意 / 不予开放 / 待决定',
      `${a.applications.total} / ${a.applications.granted} / ${a.applications.refused} / ${a.applications.open}`,
    ],
    ['平台层·数据获取', '有条件开放申请按期决定率', pct(a.applications.onTimeShare)],
    ['平台层·互动反馈', '需求和意见：收到 / 已答复 / 按期答复率', `${a.demands.total} / ${a.demands.answered} / ${pct(a.demands.onTimeShare)}`],
    ['平台层·发现预览', '标准接口', 'CKAN Action API v3、DCAT-AP 3.0（Turtle、JSON-LD）、data.json、Atom 更新订阅、目录 CSV'],
  ];
  return (
    <Layout ctx={p.ctx} title="数据开放自评" staff crumbs={crumbs({ label: '数据开放自评' })}>
      <h1>数据开放自评</h1>
      <p>
        截至 {a.today}，本单位及下级单位的数据开放情况，按 GB/T 38664.3—2020《政务数据开放共享 第3部分：开放程度评价》和“中国开放数林指数”的指标层次整理，只列平台能算出的数字。
      </p>
      <table class="data">
        <caption>自评指标</caption>
        <thead>
          <tr>
            <th scope="col">指标层</th>
            <th scope="col">指标</th>
            <th scope="col">数值</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([layer, name, value]) => (
            <tr>
              <td>{layer}</td>
              <td>{name}</td>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>资源格式</h2>
      <ul>
        {a.formats.map((f) => (
          <li>
            {f.format}：{f.count}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
