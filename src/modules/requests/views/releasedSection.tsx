/** On the officer's case page: the fields that release files with a reply or delivery, and what was released and sent. */
import { chinaDateTime } from '../../../lib/clock.ts';
import type { DeliveryRecord } from '../../notifications/index.ts';

export interface ReleasedRow {
  id: number;
  filename: string;
  size: number;
  partial: boolean;
  personal_data: string;
  created_at: Date;
  /** Proposed with a reply that awaits approval or was returned: not given to the applicant. */
  pending?: boolean;
}

/** A message of the case's delivery record (the notifications module keeps them). */
export type DeliveryRow = DeliveryRecord;

const STATE = { pending: '待发送', sent: '已发送', failed: '发送失败' } as Record<string, string>;

export function ReleaseFields(props: { idPrefix: string; error?: string; values: Record<string, string> }) {
  const id = `${props.idPrefix}-released`;
  return (
    <>
      <div class={`field${props.error ? ' field-error' : ''}`}>
        <label for={id}>提供的政府信息（文件，可多选）</label>
        <p class="hint" id={`${id}-hint`}>
          任何常见格式，按内容检查；文本类文件会检查个人信息。申请人可在网上下载，电子邮件中附下载链接。
        </p>
        {props.error ? (
          <p class="error-message" id={`${id}-error`}>
            {props.error}
          </p>
        ) : null}
        <input id={id} name="released" type="file" multiple aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`} />
      </div>
      <label class="check">
        <input type="checkbox" name="partial" value="1" checked={props.values.partial === '1'} /> 部分公开：以上文件为区分处理后可以公开的部分
      </label>
      <label class="check">
        <input type="checkbox" name="personalDataChecked" value="1" checked={props.values.personalDataChecked === '1'} /> 已核对个人信息（文件中的个人信息属于申请人本人或可以提供）
      </label>
    </>
  );
}

export function ReleasedAndDelivered(props: { caseId: number; released: ReleasedRow[]; deliveries: DeliveryRow[] }) {
  if (!props.released.length && !props.deliveries.length) return null;
  return (
    <section aria-labelledby="released-h">
      <h2 id="released-h">提供的信息和送达记录</h2>
      {props.released.length ? (
        <ul>
          {props.released.map((f) => (
            <li>
              <a href={`/staff/requests/${props.caseId}/files/${f.id}`}>{f.filename}</a>（{Math.ceil(f.size / 1024)} KB，{chinaDateTime(f.created_at)}
              {f.pending ? '随答复送审，未提供给申请人' : '提供'}
              {f.partial ? '，部分公开' : ''}
              {f.personal_data ? `；${f.personal_data}` : ''}）
            </li>
          ))}
        </ul>
      ) : null}
      {props.deliveries.length ? (
        <table class="data">
          <caption>通知和送达（电子邮件、短信）</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">方式</th>
              <th scope="col">收件人</th>
              <th scope="col">内容</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr>
                <td>{chinaDateTime(d.sent_at ?? d.created_at)}</td>
                <td>{d.channel === 'sms' ? '短信' : '电子邮件'}</td>
                <td>{d.recipient}</td>
                <td>{d.subject || d.purpose}</td>
                <td>
                  {STATE[d.state] ?? d.state}
                  {d.attempts > 1 ? `（第 ${d.attempts} 次）` : ''}
                  {d.state !== 'sent' && d.last_error ? `：${d.last_error}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
