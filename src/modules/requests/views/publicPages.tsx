/** The applicant's pages: the guide, the application form, the receipt, and the case as the applicant sees it. */
import { CORRECTION_NOTICE_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, REPLY_WORKING_DAYS } from '../clock.ts';
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import { ApplicationFields } from './applicationFields.tsx';
import { CASE_STATE_LABELS, PAUSE_TEXTS, type CaseState } from '../states.ts';
import type { ClockState } from '../clock.ts';
import type { Letter } from '../letters.ts';
import { CaseLookupForm } from '../../../views/caseLookupForm.tsx';

const crumbs = (label?: string) => [{ label: '首页', href: '/' }, { label: '依申请公开', href: label ? '/ysqgk' : undefined }, ...(label ? [{ label }] : [])];

export function GuidePage(props: { ctx: ViewContext }) {
  return (
    <Layout ctx={props.ctx} title="依申请公开" crumbs={crumbs()}>
      <h1>政府信息依申请公开</h1>
      <p>
        公民、法人或者其他组织可以向行政机关申请获取主动公开以外的政府信息（《中华人民共和国政府信息公开条例》第二十七条）。申请不收费；申请数量、频次明显超过合理范围的，可能收取信息处理费（第四十二条）。
      </p>
      <form method="get" action="/hdjl/wd" class="filters" role="search" aria-label="先查一查常见问题">
        <input type="hidden" name="from" value="request" />
        <div class="field">
          <label for="f-ask">先查一查：您想了解什么</label>
          <input id="f-ask" name="q" type="search" maxLength={100} />
        </div>
        <button type="submit" class="button secondary">
          查常见问题
        </button>
      </form>
      <div class="button-row">
        <a class="button" href="/ysqgk/apply">
          在线提交申请
        </a>
        <a class="button secondary" href="/ysqgk/status">
          查询办理进度
        </a>
      </div>
      <h2>办理时限</h2>
      <ul>
        <li>能够当场答复的，当场答复；不能当场答复的，自收到申请之日起 {REPLY_WORKING_DAYS} 个工作日内答复（第三十三条）。</li>
        <li>需要延长的，经政府信息公开工作机构负责人同意并告知申请人，最长延长 {MAX_EXTENSION_WORKING_DAYS} 个工作日。</li>
        <li>申请内容不明确的，在 {CORRECTION_NOTICE_WORKING_DAYS} 个工作日内一次性告知补正；答复期限自收到补正之日起计算（第三十条）。</li>
        <li>征求第三方或其他机关意见的时间，不计算在答复期限内。</li>
      </ul>
      <h2>其他提交方式</h2>
      <p>
        也可以当面提交、邮寄或传真书面申请；书写确有困难的，可以口头提出，由工作人员代为填写（第二十九条）。有阅读困难或者视听障碍的，工作人员会提供必要的帮助（第四十三条）。各单位的地址、电话见其
        <a href="/xxgk">政府信息公开指南</a>。
      </p>
      <h2>哪些事项不是政府信息公开申请</h2>
      <p>
        信访、投诉、举报等，请通过相应渠道提出，不作为政府信息公开申请处理；政府公报、报刊、书籍等公开出版物，可以告知获取途径（第三十九条）。申请前可以先<a href="/search">搜索</a>
        已主动公开的信息。
      </p>
    </Layout>
  );
}

export function ApplyPage(props: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  units: { id: number; name: string; depth: number }[];
  matches?: { title: string; href: string; unitName: string }[];
  complaint?: boolean;
}) {
  const reviewing = props.matches !== undefined;
  return (
    <Layout ctx={props.ctx} title="在线申请政府信息公开" crumbs={crumbs('在线申请')}>
      <h1>在线申请政府信息公开</h1>
      <ErrorSummary errors={props.errors} />
      {props.complaint ? (
        <div class="notice" role="status">
          <p>您的描述看起来像是信访、投诉或举报。此类事项不作为政府信息公开申请处理（条例第三十九条），请通过信访、12345 热线等渠道提出。如确需获取政府信息，可继续提交。</p>
        </div>
      ) : null}
      {props.matches?.length ? (
        <section class="notice" aria-labelledby="found-h">
          <h2 id="found-h">以下信息已经主动公开，可以直接查看</h2>
          <ul>
            {props.matches.map((m) => (
              <li>
                <a href={m.href}>{m.title}</a>（{m.unitName}）
              </li>
            ))}
          </ul>
          <p>如果这些不是您要的信息，请核对后再次点击“提交申请”。</p>
        </section>
      ) : null}
      <p>带“必填”的项目必须填写。提交后会得到申请编号和查询码，请妥善保存。</p>
      <form method="post" action="/ysqgk/apply" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={props.ctx} />
        {reviewing ? <input type="hidden" name="checked" value="1" /> : null}
        <ApplicationFields values={props.values} errors={props.errors} units={props.units} unitLabel="受理机关" />
        <button type="submit" class="button">
          提交申请
        </button>
      </form>
    </Layout>
  );
}

export function ReceiptPage(props: { ctx: ViewContext; caseNo: string; queryCode: string; unitName: string; receiptHref: string }) {
  return (
    <Layout ctx={props.ctx} title="申请已提交" crumbs={crumbs('申请已提交')}>
      <h1>申请已提交</h1>
      <div class="notice" role="status">
        <p>
          申请编号：<strong>{props.caseNo}</strong>
        </p>
        <p>
          查询码：<strong>{props.queryCode}</strong>
        </p>
        <p>查询码只显示这一次，请记下、截图或下载回执保存。</p>
        <p>
          <a class="button secondary" href={props.receiptHref} download={`申请回执-${props.caseNo}.pdf`}>
            下载回执（PDF）
          </a>
        </p>
      </div>
      <p>
        {props.unitName}将与您确认收到申请，确认之日为收到申请之日（条例第三十一条），自次日起 {REPLY_WORKING_DAYS} 个工作日内答复。您可以凭申请编号和查询码
        <a href="/ysqgk/status">查询办理进度</a>
        、答复补正通知、下载答复书。
      </p>
    </Layout>
  );
}

export function StatusLookupPage(props: { ctx: ViewContext; values: Record<string, string>; errors: Record<string, string>; message?: string; notice?: string }) {
  return (
    <Layout ctx={props.ctx} title="查询办理进度" crumbs={crumbs('查询办理进度')}>
      <h1>查询办理进度</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <CaseLookupForm ctx={props.ctx} action="/ysqgk/status" caseLabel="申请编号" example="YSQ2026000012" values={props.values} errors={props.errors} />
      <p>
        查询码丢了？<a href="/ysqgk/recover">通过申请时留的电子邮箱或手机号找回</a>
      </p>
    </Layout>
  );
}

export function ApplicantCasePage(props: {
  released: { id: number; filename: string; size: number; partial: boolean }[];
  ctx: ViewContext;
  c: { case_no: string; state: CaseState; unit_name: string; received_on: string | null; info_title: string; info_description: string };
  clock: ClockState | null;
  letters: Letter[];
  correction?: { items: string[]; deadline: string; answered: boolean };
  notice?: string;
  errors: Record<string, string>;
}) {
  const { c } = props;
  return (
    <Layout ctx={props.ctx} title={`申请 ${c.case_no}`} crumbs={crumbs(c.case_no)}>
      <h1>申请 {c.case_no}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">受理机关</th>
            <td>{c.unit_name}</td>
          </tr>
          <tr>
            <th scope="row">所需信息</th>
            <td>{c.info_title || c.info_description}</td>
          </tr>
          <tr>
            <th scope="row">办理状态</th>
            <td>{CASE_STATE_LABELS[c.state]}</td>
          </tr>
          <tr>
            <th scope="row">收到申请之日</th>
            <td>{c.received_on ?? '待确认'}</td>
          </tr>
          {props.clock && !['replied', 'delivered', 'archived'].includes(c.state) ? (
            <tr>
              <th scope="row">答复期限</th>
              <td>{PAUSE_TEXTS[c.state] ?? (props.clock.dueOn ? `${props.clock.dueOn}前${props.clock.provisional ? '（暂定）' : ''}` : '计时暂停中')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {props.clock && !['replied', 'delivered', 'archived'].includes(c.state) ? (
        <details>
          <summary>期限是怎么算的</summary>
          <ol>
            {props.clock.steps.map((s) => (
              <li>{s.text}</li>
            ))}
          </ol>
        </details>
      ) : null}
      {props.correction ? (
        <section aria-labelledby="corr-h">
          <h2 id="corr-h">需要您补正</h2>
          <ol>
            {props.correction.items.map((x) => (
              <li>{x}</li>
            ))}
          </ol>
          <p>请于 {props.correction.deadline} 前补正。</p>
          {props.correction.answered ? (
            <p class="notice">已收到您在线提交的补正内容，工作人员确认后重新计算答复期限。</p>
          ) : (
            <form method="post" action="/ysqgk/case/correction">
              <CsrfField ctx={props.ctx} />
              <Field name="text" label="补正内容" textarea rows={6} error={props.errors.text} required />
              <button type="submit" class="button">
                提交补正
              </button>
            </form>
          )}
        </section>
      ) : null}
      <h2>文书</h2>
      {props.letters.length ? (
        <ul>
          {props.letters.map((l) => (
            <li>
              {l.on_date} <a href={`/ysqgk/case/letters/${l.id}`}>{l.title}</a>（{l.letter_no}
              {l.replaces_no ? `，更正${l.replaces_no}` : ''}
              {l.replaced_by_no ? `，已被${l.replaced_by_no}更正，作废` : ''}）{' '}
              <a href={`/ysqgk/case/letters/${l.id}.pdf`} aria-label={`下载 PDF 文件：${l.title}`}>
                PDF
              </a>{' '}
              <a href={`/ysqgk/case/letters/${l.id}.docx`} aria-label={`下载 Word 文件：${l.title}`}>
                Word
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无文书。</p>
      )}
      {props.released.length ? (
        <section aria-labelledby="released-h">
          <h2 id="released-h">提供给您的政府信息</h2>
          <ul>
            {props.released.map((f) => (
              <li>
                <a href={`/ysqgk/case/files/${f.id}`}>{f.filename}</a>（{Math.ceil(f.size / 1024)} KB{f.partial ? '，部分公开：经区分处理后可以公开的部分' : ''}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
