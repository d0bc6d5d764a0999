import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../../views/layout.tsx';
import type { UnitRow } from '../../orgs/index.ts';
import { SECTIONS } from '../taxonomy.ts';
import { RHYTHMS, type UnitSection } from '../sections.ts';

export function SectionsPage(props: { ctx: ViewContext; unit: UnitRow; sections: UnitSection[]; errors: Record<string, string>; message?: string; notice?: string }) {
  const defaults = new Map(SECTIONS.map((s) => [s.code, s.label]));
  return (
    <Layout
      ctx={props.ctx}
      title={`栏目设置 - ${props.unit.name}`}
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '单位与指南', href: '/staff/units' }, { label: '栏目设置' }]}
    >
      <h1>{props.unit.name}：政府信息公开栏目设置</h1>
      <p>
        法定主动公开内容的子栏目对应条例第二十条、第二十一条，可按本单位职能开启或关闭并修改名称。设置更新频率的栏目，监督检查按频率检查是否按时更新；开启而没有任何信息的栏目列为空白栏目。
      </p>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="post" action={`/staff/units/${props.unit.id}/sections`}>
        <CsrfField ctx={props.ctx} />
        <table class="data">
          <thead>
            <tr>
              <th scope="col">显示</th>
              <th scope="col">栏目名称</th>
              <th scope="col">更新频率</th>
              <th scope="col">依据</th>
            </tr>
          </thead>
          <tbody>
            {props.sections
              .filter((s) => s.group === 'proactive')
              .map((s) => (
                <tr>
                  <td>
                    <input type="checkbox" id={`f-${s.code}`} name="enabled" value={s.code} checked={s.enabled} aria-label={`显示“${s.label}”`} />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-label_${s.code}`}>{`“${defaults.get(s.code)}”的名称`}</label>
                    <input
                      id={`f-label_${s.code}`}
                      name={`label_${s.code}`}
                      type="text"
                      value={s.label === defaults.get(s.code) ? '' : s.label}
                      placeholder={defaults.get(s.code)}
                    />
                    {props.errors[`label_${s.code}`] ? <p class="error-message">{props.errors[`label_${s.code}`]}</p> : null}
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-rhythm_${s.code}`}>{`“${s.label}”的更新频率`}</label>
                    <select id={`f-rhythm_${s.code}`} name={`rhythm_${s.code}`}>
                      <option value="">不设</option>
                      {Object.entries(RHYTHMS).map(([k, v]) => (
                        <option value={k} selected={s.rhythm === k}>
                          每{v}
                        </option>
                      ))}
                    </select>
                    {props.errors[`rhythm_${s.code}`] ? <p class="error-message">{props.errors[`rhythm_${s.code}`]}</p> : null}
                  </td>
                  <td>{s.basis}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <button type="submit" class="button">
          保存栏目设置
        </button>
      </form>
    </Layout>
  );
}
