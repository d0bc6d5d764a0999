/** The staff dashboard: the person's queues, most pressing first, then every screen they may open. */
import type { ComponentChildren } from 'preact';
import { can, ROLE_LABELS } from '../../lib/authz.ts';
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, Layout } from '../../views/layout.tsx';
import { PUBLICATION_LIMIT_WORKING_DAYS } from '../publishing/index.ts';
import type { Queue } from './queues.ts';

export function Queues(props: { queues: Queue[] }) {
  if (!props.queues.length) return null;
  const ordered = [...props.queues].sort((a, b) => Number(!!b.urgent) - Number(!!a.urgent) || Number(b.count > 0) - Number(a.count > 0));
  return (
    <section aria-labelledby="queues-h" class="queues">
      <h2 id="queues-h">待办</h2>
      <ul>
        {ordered.map((q) => (
          <li class={q.urgent ? 'urgent' : q.count ? 'waiting' : 'empty'}>
            <a href={q.href}>
              <span class="count">{q.count}</span>
              <span class="label">{q.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StaffHome(props: { ctx: ViewContext; queues?: ComponentChildren; notice?: string }) {
  const a = props.ctx.actor;
  const grants = a.kind === 'user' ? a.grants : [];
  const manage = grants.some((g) => g.role === 'system_admin' || g.role === 'office_admin');
  const content = grants.some((g) => g.role !== 'system_admin');
  return (
    <Layout ctx={props.ctx} title="工作台" staff>
      <h1>工作台</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      {props.queues}
      <h2>全部功能</h2>
      <p>您的角色：{grants.map((g) => ROLE_LABELS[g.role]).join('、') || '无'}</p>
      <p class="links">
        <a href="/staff/account/password">修改密码</a> <a href="/staff/account/totp">动态验证码</a> <a href="/staff/account/notifications">通知设置</a>
      </p>
      <ul class="tiles">
        {content ? (
          <li>
            <a href="/staff/items">政府信息</a>
            <span>起草、审查、审核、发布、修订与撤回</span>
          </li>
        ) : null}
        {content ? (
          <li>
            <a href="/staff/items/timeliness">公开时限</a>
            <span>形成或变更后{PUBLICATION_LIMIT_WORKING_DAYS}个工作日内公开（条例第二十六条）</span>
          </li>
        ) : null}
        <li>
          <a href="/staff/units">单位与指南</a>
          <span>机构信息和政府信息公开指南的联系方式</span>
        </li>
        {manage ? (
          <li>
            <a href="/staff/users">用户与角色</a>
            <span>工作人员账号和授权范围</span>
          </li>
        ) : null}
        {manage ? (
          <li>
            <a href="/staff/audit">审计日志</a>
            <span>谁在何时做了什么，可查询、导出并核验完整性</span>
          </li>
        ) : null}
        {manage ? (
          <li>
            <a href="/staff/tokens">接口令牌</a>
            <span>本单位业务系统推送信息用</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'request_officer' || g.role === 'office_admin') ? (
          <li>
            <a href="/staff/requests">依申请公开</a>
            <span>登记、办理、答复申请，法定期限自动计算</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher') ? (
          <li>
            <a href="/staff/catalogues">标准目录</a>
            <span>26个领域的公开事项标准目录、审核与落实情况</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer') ? (
          <li>
            <a href="/staff/consultations">意见征集</a>
            <span>公开征求意见、逐条处理意见、公布采纳情况</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer') ? (
          <li>
            <a href="/staff/decisions">重大行政决策事项</a>
            <span>年度目录及其调整，每个事项的法定程序和阶段</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer') ? (
          <li>
            <a href="/staff/meetings">会议开放和听证</a>
            <span>会议预告、列席报名、听证参加人名单，每半年列席情况</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer') ? (
          <li>
            <a href="/staff/surveys">问卷调查</a>
            <span>设计问卷、收集答卷、公布结果</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'message_officer') ? (
          <li>
            <a href="/staff/messages">留言办理</a>
            <span>信箱和网上留言：转办、答复、公开；信箱、派单目录和答复模板</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer' || g.role === 'message_officer') ? (
          <li>
            <a href="/staff/answers">政策问答库</a>
            <span>常见问题的答案，依据的文件变化时自动暂停公开、等待复核</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher' || g.role === 'reviewer') ? (
          <li>
            <a href="/staff/data">开放数据</a>
            <span>数据集和数据资源：元数据、数据项说明、审核发布和更新记录</span>
          </li>
        ) : null}
        {grants.some((g) => (g.role === 'office_admin' || g.role === 'publisher') && g.unitPath.split('/').filter(Boolean).length === 1) ? (
          <li>
            <a href="/staff/gazette">政府公报</a>
            <span>编排各期公报、出版印刷版，应刊登未刊登的规章和规范性文件</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher') ? (
          <li>
            <a href="/staff/cleanups">规范性文件清理</a>
            <span>逐件确定继续有效、修改、废止或失效，公布结果并更新有效性；备案审查情况</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher') ? (
          <li>
            <a href="/staff/enforcement">行政执法公示</a>
            <span>导入和公示执法决定（7个、20个工作日），撤下被撤销的决定；事前公开、双随机抽查、年度数据</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin') ? (
          <li>
            <a href="/staff/concerns">群众关切事项清单</a>
            <span>按领域列出群众关切，关联政策、解读和问答，“一键应答”</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin') ? (
          <li>
            <a href="/staff/opinion">政务舆情回应</a>
            <span>舆情登记，5小时、24小时、48小时回应时限，回应记录和办结</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher') ? (
          <li>
            <a href="/staff/proposals">建议提案办理</a>
            <span>人大代表建议和政协委员提案的答复、代表委员意见和办理结果公开</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin' || g.role === 'publisher') ? (
          <li>
            <a href="/staff/reports">年度报告</a>
            <span>自动统计的政府信息公开工作年度报告，勾稽检查、备案和发布</span>
          </li>
        ) : null}
        {grants.some((g) => g.role === 'office_admin') ? (
          <li>
            <a href="/staff/supervision">监督检查</a>
            <span>各单位按期答复、公开时限、政策解读、目录落实等指标，工作台账</span>
          </li>
        ) : null}
        {can(a, 'search.manage') ? (
          <li>
            <a href="/staff/search">站内搜索</a>
            <span>常用和无结果的搜索、同义词表</span>
          </li>
        ) : null}
        {can(a, 'calendar.manage') ? (
          <li>
            <a href="/staff/calendar">工作日历</a>
            <span>节假日与调休</span>
          </li>
        ) : null}
      </ul>
      <form method="post" action="/logout">
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" class="button secondary">
          在所有设备上退出
        </button>
      </form>
    </Layout>
  );
}
