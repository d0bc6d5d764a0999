/** Staff screens of the gazette: the issues and what still waits to be carried; one issue being compiled. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { EventLog } from '../../../views/review.tsx';
import type { CandidateRow, EntryRow, IssueRow } from '../queries.ts';
import { defaultSection, issueLabel, pagesLabel, printOrder, SECTIONS } from '../rules.ts';
import { LEGAL_FORMS } from '../../publishing/index.ts';

const crumbs = (last?: string) => [{ label: '工作台', href: '/staff' }, ...(last ? [{ label: '政府公报', href: '/staff/gazette' }, { label: last }] : [{ label: '政府公报' }])];
const STATES = { draft: '编辑中', published: '已出版', withdrawn: '已撤回' } as const;
const EVENTS: Record<string, string> = {
  created: '新建',
  updated: '修改期号或日期',
  entry_added: '加入一篇',
  entry_removed: '移出一篇',
  entry_moved: '调整顺序',
  published: '出版',
  withdrawn: '撤回',
};
const sectionOptions = Object.entries(SECTIONS).map(([value, label]) => ({ value, label }));

function IssueFields(p: { values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <>
      <Field name="year" label="年份" value={p.values.year} error={p.errors.year} required inputmode="numeric" />
      <Field name="number" label="期号（本年第几期）" value={p.values.number} error={p.errors.number} required inputmode="numeric" />
      <Field name="serial" label="总号（创刊以来第几期）" value={p.values.serial} error={p.errors.serial} required inputmode="numeric" />
      <Field name="publishDate" label="出版日期" type="date" value={p.values.publishDate} error={p.errors.publishDate} required />
    </>
  );
}

export function GazetteStaffPage(p: {
  ctx: ViewContext;
  name: string;
  issues: IssueRow[];
  due: CandidateRow[];
  mayEdit: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  return (
    <Layout ctx={p.ctx} title="政府公报" staff crumbs={crumbs()}>
      <h1>{p.name}</h1>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <p>
        <a href="/zfgb">公开页面</a>
      </p>
      <section aria-labelledby="due-h">
        <h2 id="due-h">应刊登未刊登（{p.due.length}）</h2>
        <p class="muted">已发布的规章和行政规范性文件中，还没有刊登在已出版的公报上的。文件性质在信息的编辑页填写。</p>
        {p.due.length ? (
          <table class="data">
            <caption class="visually-hidden">应刊登未刊登的文件</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">文件性质</th>
                <th scope="col">发文字号</th>
                <th scope="col">单位</th>
                <th scope="col">发布日期</th>
                <th scope="col">索引号</th>
                <th scope="col">安排</th>
              </tr>
            </thead>
            <tbody>
              {p.due.map((c) => (
                <tr>
                  <td>
                    <a href={`/xxgk/${c.unit_slug}/items/${c.item_id}`}>{c.title}</a>
                  </td>
                  <td>{LEGAL_FORMS[c.legal_form]}</td>
                  <td>{c.doc_no}</td>
                  <td>{c.unit_name}</td>
                  <td>{c.publish_date}</td>
                  <td>{c.index_no}</td>
                  <td>{c.draft_issue ? `已编入${c.draft_issue}（未出版）` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>没有。</p>
        )}
      </section>
      <section aria-labelledby="issues-h">
        <h2 id="issues-h">各期</h2>
        {p.issues.length ? (
          <table class="data">
            <caption class="visually-hidden">各期公报</caption>
            <thead>
              <tr>
                <th scope="col">期</th>
                <th scope="col">出版日期</th>
                <th scope="col">篇数</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {p.issues.map((i) => (
                <tr>
                  <td>
                    <a href={`/staff/gazette/${i.id}`}>{issueLabel(i)}</a>
                  </td>
                  <td>{i.publish_date}</td>
                  <td>{i.entries}</td>
                  <td>{STATES[i.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>还没有。</p>
        )}
      </section>
      {p.mayEdit ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">新建一期</h2>
          <ErrorSummary errors={p.errors} message={p.message} />
          <form method="post" action="/staff/gazette" class="narrow">
            <CsrfField ctx={p.ctx} />
            <IssueFields values={p.values} errors={p.errors} />
            <button type="submit" class="button">
              新建
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function IssueStaffPage(p: {
  ctx: ViewContext;
  name: string;
  issue: IssueRow;
  entries: EntryRow[];
  due: CandidateRow[];
  topSlug: string;
  events: { kind: string; at: Date; actor_label: string }[];
  mayEdit: boolean;
  mayPublish: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const i = p.issue;
  const draft = i.state === 'draft';
  const action = (path: string) => `/staff/gazette/${i.id}${path}`;
  const order = printOrder(p.entries);
  const waiting = p.due.filter((c) => !p.entries.some((e) => e.item_id === c.item_id));
  return (
    <Layout ctx={p.ctx} title={issueLabel(i)} staff crumbs={crumbs(issueLabel(i))}>
      <h1>
        {p.name} {issueLabel(i)}
      </h1>
      <p>
        状态：{STATES[i.state]}
        {i.state === 'published' ? (
          <>
            {'　'}
            <a href={`/zfgb/${i.year}/${i.number}`}>公开页面</a>　<a href={`/zfgb/${i.year}/${i.number}/gazette.pdf`}>印刷版（{i.page_count} 页）</a>
          </>
        ) : null}
        {i.state === 'withdrawn' ? `　撤回理由：${i.withdrawn_reason}` : null}
      </p>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      <h2>目录（按印刷顺序）</h2>
      {order.length ? (
        <table class="data">
          <caption class="visually-hidden">本期刊登的文件</caption>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">标题</th>
              <th scope="col">发文字号</th>
              <th scope="col">页码</th>
              {draft && p.mayEdit ? <th scope="col">调整</th> : null}
            </tr>
          </thead>
          <tbody>
            {order.map((e) => (
              <tr>
                <td>{SECTIONS[e.section]}</td>
                <td>
                  {e.title}
                  {!e.item_public ? <strong>（该信息已撤回，请移出）</strong> : null}
                </td>
                <td>{e.doc_no}</td>
                <td>{pagesLabel(e.page_from, e.page_to) || '出版时排定'}</td>
                {draft && p.mayEdit ? (
                  <td class="button-row">
                    {(['up', 'down'] as const).map((d) => (
                      <form method="post" action={action('/entries/move')} class="inline">
                        <CsrfField ctx={p.ctx} />
                        <input type="hidden" name="entryId" value={String(e.id)} />
                        <input type="hidden" name="direction" value={d} />
                        <button type="submit" class="button secondary" aria-label={`${d === 'up' ? '上移' : '下移'}：${e.title}`}>
                          {d === 'up' ? '上移' : '下移'}
                        </button>
                      </form>
                    ))}
                    <form method="post" action={action('/entries/remove')} class="inline">
                      <CsrfField ctx={p.ctx} />
                      <input type="hidden" name="entryId" value={String(e.id)} />
                      <button type="submit" class="button secondary" aria-label={`移出：${e.title}`}>
                        移出
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有加入文件。</p>
      )}
      {draft && p.mayEdit ? (
        <>
          <section aria-labelledby="add-h">
            <h2 id="add-h">加入一篇</h2>
            <form method="post" action={action('/entries')} class="narrow">
              <CsrfField ctx={p.ctx} />
              <Field name="indexNo" label="索引号" value={p.values.indexNo} error={p.errors.indexNo} required hint="已发布信息的索引号，如 990100001/2026-00012" />
              <Select name="section" label="栏目" options={sectionOptions} value={p.values.section || 'city'} error={p.errors.section} />
              <button type="submit" class="button">
                加入
              </button>
            </form>
            {waiting.length ? (
              <>
                <h3>应刊登未刊登的文件</h3>
                <ul class="plain">
                  {waiting.map((c) => (
                    <li>
                      <form method="post" action={action('/entries')} class="inline">
                        <CsrfField ctx={p.ctx} />
                        <input type="hidden" name="indexNo" value={c.index_no} />
                        <input type="hidden" name="section" value={defaultSection(c, p.topSlug)} />
                        <button type="submit" class="button secondary" aria-label={`加入本期：${c.title}`}>
                          加入
                        </button>
                      </form>{' '}
                      {c.title}
                      <span class="muted">
                        {' '}
                        {LEGAL_FORMS[c.legal_form]}　{c.doc_no}　{SECTIONS[defaultSection(c, p.topSlug)]}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <section aria-labelledby="numbers-h">
            <h2 id="numbers-h">期号和出版日期</h2>
            <form method="post" action={action('')} class="narrow">
              <CsrfField ctx={p.ctx} />
              <IssueFields values={p.values} errors={p.errors} />
              <button type="submit" class="button secondary">
                保存
              </button>
            </form>
          </section>
        </>
      ) : null}
      {draft && order.length ? (
        <section aria-labelledby="publish-h">
          <h2 id="publish-h">出版</h2>
          <p>
            <a href={action('/preview.pdf')}>预览印刷版（PDF）</a>
          </p>
          {p.mayPublish ? (
            <form method="post" action={action('/publish')}>
              <CsrfField ctx={p.ctx} />
              <p>出版后排定页码、生成印刷版，并在公开页面和各篇信息的页面上显示“刊载于本期”。</p>
              <button type="submit" class="button">
                出版本期
              </button>
            </form>
          ) : (
            <p class="muted">由政务公开办管理员出版。</p>
          )}
        </section>
      ) : null}
      {i.state === 'published' && p.mayPublish ? (
        <section aria-labelledby="withdraw-h">
          <h2 id="withdraw-h">撤回本期</h2>
          <form method="post" action={action('/withdraw')} class="narrow">
            <CsrfField ctx={p.ctx} />
            <Field name="reason" label="撤回理由（向公众说明）" value={p.values.reason} error={p.errors.reason} required textarea rows={2} />
            <button type="submit" class="button secondary">
              撤回
            </button>
          </form>
        </section>
      ) : null}
      <EventLog events={p.events} labels={EVENTS} />
    </Layout>
  );
}
