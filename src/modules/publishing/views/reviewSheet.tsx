/**
 * The review sheet (政府信息公开保密审查审核单): who sent the item for review, who reviewed it for secrecy and who
 * approved it, when, and with what opinion, per version, for the file and for inspection. Printable.
 */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { chinaDateTime } from '../../../lib/clock.ts';
import { TRANSITIONS, type TransitionName } from '../states.ts';

export interface SheetEvent {
  type: string;
  actor_label: string;
  remarks: string;
  at: Date;
  version_no: number | null;
}

export function ReviewSheetPage(props: {
  ctx: ViewContext;
  item: { id: number; title: string; unitName: string; docNo: string; indexNo: string | null; disclosure: string };
  events: SheetEvent[];
  printedAt: Date;
}) {
  const { item } = props;
  return (
    <Layout
      ctx={props.ctx}
      title="政府信息公开保密审查审核单"
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '政府信息', href: '/staff/items' }, { label: item.title, href: `/staff/items/${item.id}` }, { label: '审查审核单' }]}
    >
      <p class="no-print button-row">
        <a href={`/staff/items/${item.id}`}>返回</a>
        <span>用浏览器的打印功能打印本页</span>
      </p>
      <article class="letter review-sheet">
        <h1 class="doc-title">政府信息公开保密审查审核单</h1>
        <table class="data">
          <tbody>
            <tr>
              <th scope="row">信息名称</th>
              <td>{item.title}</td>
            </tr>
            <tr>
              <th scope="row">发布单位</th>
              <td>{item.unitName}</td>
            </tr>
            <tr>
              <th scope="row">文号</th>
              <td>{item.docNo || '无'}</td>
            </tr>
            <tr>
              <th scope="row">索引号</th>
              <td>{item.indexNo ?? '发布时编定'}</td>
            </tr>
            <tr>
              <th scope="row">公开方式</th>
              <td>{item.disclosure}</td>
            </tr>
          </tbody>
        </table>
        <table class="data">
          <caption>审查审核记录</caption>
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">环节</th>
              <th scope="col">人员</th>
              <th scope="col">时间</th>
              <th scope="col">意见</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr>
                <td>{e.version_no ? `第 ${e.version_no} 版` : ''}</td>
                <td>{TRANSITIONS[e.type as TransitionName]?.label ?? e.type}</td>
                <td>{e.actor_label}</td>
                <td>{chinaDateTime(e.at)}</td>
                <td>{e.remarks || (e.type === 'submit' ? '' : '同意')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="signature">打印时间：{chinaDateTime(props.printedAt)}</p>
      </article>
    </Layout>
  );
}
