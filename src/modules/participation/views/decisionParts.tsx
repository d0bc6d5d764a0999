/** Pieces of a decision entry shown to staff and the public alike: its steps, and its history in words. */
import { chinaDate } from '../../../lib/clock.ts';
import { DECISION_STAGES, DECISION_STEPS, type DecisionStep, type StepRecord } from '../decisions.ts';

export function StepList({ steps }: { steps: StepRecord }) {
  const shown = (Object.keys(DECISION_STEPS) as DecisionStep[]).filter((k) => steps[k]?.required || steps[k]?.doneOn);
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">程序</th>
          <th scope="col">完成情况</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((k) => (
          <tr>
            <td>{DECISION_STEPS[k]}</td>
            <td>{steps[k]?.doneOn ? `${steps[k]?.doneOn} 完成` : '未完成'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELD_LABELS: Record<string, string> = { title: '名称', leadUnit: '承办单位', plannedOn: '计划决策时间', decidedOn: '决定日期' };

export function describeDecisionEvent(kind: string, d: Record<string, unknown>): string {
  switch (kind) {
    case 'created':
      return `登记事项 ${String(d.code ?? '')}`;
    case 'catalogued':
      return `列入第${String(d.revision)}版目录公布`;
    case 'stage':
      return `进入“${DECISION_STAGES[d.to as keyof typeof DECISION_STAGES] ?? String(d.to)}”阶段${d.note ? `：${String(d.note)}` : ''}`;
    case 'removed':
      return `从目录中移除：${String(d.reason ?? '')}`;
    case 'edited': {
      const changed = (d.changed ?? {}) as Record<string, unknown>;
      const before = (d.before ?? {}) as Record<string, unknown>;
      const parts = Object.keys(changed).map((k) => `${FIELD_LABELS[k] ?? k}由“${String(before[k] ?? '')}”改为“${String(changed[k] ?? '')}”`);
      return parts.length ? `变更：${parts.join('；')}` : '更新程序记录';
    }
    default:
      return kind;
  }
}

export function DecisionHistory({ events }: { events: { kind: string; at: Date; actor_label?: string; details: Record<string, unknown> }[] }) {
  return (
    <>
      <h2>变更记录</h2>
      <ol class="history">
        {events.map((ev) => (
          <li>
            <time datetime={ev.at.toISOString()}>{chinaDate(ev.at)}</time> {describeDecisionEvent(ev.kind, ev.details)}
            {ev.actor_label ? <span class="muted">（{ev.actor_label}）</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
