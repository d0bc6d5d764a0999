/**
 * Meetings open to the public and hearings: the record (announced, then attendance and minutes added after), its
 * publication and withdrawal, and the public's applications to attend. A published meeting stays editable, because
 * attendance and minutes come after the day; every change is in the event log.
 */
import { logEvent } from './common.ts';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { actorUserId, anonymous, authorize, can, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { sanitizeRichText } from '../../../lib/html.ts';
import { getUnit } from '../../orgs/index.ts';
import { getDecisionEntry } from '../decisionQueries.ts';
import { getMeeting, type MeetingRow } from '../meetingQueries.ts';
import { ATTENDEE_ROLES, MEETING_KINDS } from '../meetings.ts';

export interface MeetingInput {
  unitId: number;
  kind: string;
  title: string;
  heldOn: string;
  startsAt: string;
  place: string;
  agenda: string;
  howToApply: string;
  applyUntil: string;
  seats: string;
  materialsSentOn: string;
  participants: string;
  stakeholders: string;
  publicReps: string;
  experts: string;
  media: string;
  attendingOrgs: string;
  minutesHtml: string;
  videoUrl: string;
  decisionEntryId: string;
}

async function openMeeting(tx: Queryable, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await getMeeting(tx, id, true);
  if (!m) throw new NotFoundError('没有这个会议。');
  authorize(actor, 'meeting.edit', { unitPath: m.unit_path });
  return m;
}

const count = (v: string, key: string, errors: Record<string, string>) => {
  const t = v.trim();
  if (!t) return 0;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) errors[key] = '请填写人数（0或正整数）';
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 100_000) : 0;
};

async function checked(tx: Queryable, actor: Actor, unitPath: string, input: MeetingInput) {
  const errors: Record<string, string> = {};
  if (!(input.kind in MEETING_KINDS)) errors.kind = '请选择会议类型';
  const title = input.title.trim();
  if (!title) errors.title = '请填写会议名称';
  else if (title.length > 200) errors.title = '名称不超过200个字';
  if (!isValidDate(input.heldOn)) errors.heldOn = '请填写会议日期';
  if (input.startsAt.trim() && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startsAt.trim())) errors.startsAt = '时间请按“09:30”填写';
  const applyUntil = input.applyUntil.trim() || null;
  if (applyUntil && !isValidDate(applyUntil)) errors.applyUntil = '报名截止日期不是有效日期';
  else if (applyUntil && isValidDate(input.heldOn) && applyUntil > input.heldOn) errors.applyUntil = '报名截止日期不能晚于会议日期';
  const materialsSentOn = input.materialsSentOn.trim() || null;
  if (materialsSentOn && !isValidDate(materialsSentOn)) errors.materialsSentOn = '材料送达日期不是有效日期';
  const seats = input.seats.trim() ? count(input.seats, 'seats', errors) : null;
  const videoUrl = input.videoUrl.trim();
  if (videoUrl && !/^https?:\/\/\S+$/.test(videoUrl)) errors.videoUrl = '视频地址请以 http:// 或 https:// 开头';
  let decisionEntryId: number | null = null;
  if (input.decisionEntryId) {
    const e = await getDecisionEntry(tx, Number(input.decisionEntryId));
    // A department holds the hearing of a decision its government takes: the entry is the unit's own or above it.
    // …and one the clerk may see (published in a catalogue, or kept by them): an id must not reveal a draft's existence.
    const visible = e && (e.in_catalogue || can(actor, 'decision.edit', { unitPath: e.unit_path }));
    if (!e || !visible || !unitPath.startsWith(e.unit_path)) errors.decisionEntryId = '请选择本单位或上级政府的决策事项';
    else decisionEntryId = e.id;
  }
  const v = {
    stakeholders: count(input.stakeholders, 'stakeholders', errors),
    publicReps: count(input.publicReps, 'publicReps', errors),
    experts: count(input.experts, 'experts', errors),
    media: count(input.media, 'media', errors),
  };
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return [
    input.kind,
    title,
    input.heldOn,
    input.startsAt.trim(),
    input.place.trim(),
    input.agenda.trim(),
    input.howToApply.trim(),
    applyUntil,
    seats,
    materialsSentOn,
    input.participants.trim(),
    v.stakeholders,
    v.publicReps,
    v.experts,
    v.media,
    input.attendingOrgs.trim(),
    sanitizeRichText(input.minutesHtml, 'minutesHtml'),
    videoUrl,
    decisionEntryId,
  ];
}

const COLUMNS =
  'kind, title, held_on, starts_at, place, agenda, how_to_apply, apply_until, seats, materials_sent_on, participants, stakeholders, public_reps, experts, media, attending_orgs, minutes_html, video_url, decision_entry_id';

export async function saveMeeting(db: DbOrTx, actor: Actor, now: Date, input: MeetingInput, id?: number): Promise<number> {
  return inTx(db, async (tx) => {
    if (id) {
      const m = await openMeeting(tx, actor, id);
      if (m.state === 'withdrawn') throw new ConflictError('MEETING_INVALID_TRANSITION', '这个会议已撤回，不能再修改。');
      const values = await checked(tx, actor, m.unit_path, input);
      const sets = COLUMNS.split(', ')
        .map((c, i) => `${c} = $${i + 2}`)
        .join(', ');
      await tx.query(`UPDATE meetings SET ${sets}, updated_at = $${values.length + 2} WHERE id = $1`, [id, ...values, now]);
      await logEvent(tx, 'meeting', actor, now, m, 'edited');
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'meeting.edit', { unitPath: unit.path });
    const values = await checked(tx, actor, unit.path, input);
    const n = values.length;
    const r = await tx.query<{ id: number }>(
      `INSERT INTO meetings (unit_id, ${COLUMNS}, created_by, created_at, updated_at)
       VALUES ($1, ${values.map((_, i) => `$${i + 2}`).join(', ')}, $${n + 2}, $${n + 3}, $${n + 3}) RETURNING id::int`,
      [unit.id, ...values, actorUserId(actor), now],
    );
    await logEvent(tx, 'meeting', actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created');
    return r.rows[0].id;
  });
}

export async function publishMeeting(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const m = await openMeeting(tx, actor, id);
    if (m.state !== 'draft') throw new ConflictError('MEETING_INVALID_TRANSITION', '这个会议已经发布。');
    await tx.query(`UPDATE meetings SET state = 'published', updated_at = $2 WHERE id = $1`, [id, now]);
    await logEvent(tx, 'meeting', actor, now, m, 'published');
  });
}

export async function withdrawMeeting(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const m = await openMeeting(tx, actor, id);
    if (m.state !== 'published') throw new ConflictError('MEETING_INVALID_TRANSITION', '只有已发布的会议可以撤回。');
    const why = reason.trim();
    if (!why) throw new ValidationError({ withdrawReason: '请写明撤回（取消）的原因，原因将在页面上公开' });
    await tx.query(`UPDATE meetings SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1`, [id, why.slice(0, 500), now]);
    await logEvent(tx, 'meeting', actor, now, m, 'withdrawn', { reason: why });
  });
}

export interface ApplicationInput {
  name: string;
  organisation: string;
  contact: string;
  role: string;
  reason: string;
}

/** Anyone may apply to attend a published meeting that takes applications, until the closing day. */
export async function applyToAttend(db: DbOrTx, now: Date, today: string, meetingId: number, input: ApplicationInput): Promise<number> {
  return inTx(db, async (tx) => {
    const m = await getMeeting(tx, meetingId, true);
    if (!m || m.state === 'draft') throw new NotFoundError('没有这个会议。');
    const until = m.apply_until ?? m.held_on;
    if (m.state !== 'published' || !m.how_to_apply.trim() || today > until) throw new ConflictError('MEETING_NOT_OPEN', '这个会议现在不接受列席报名。');
    const errors: Record<string, string> = {};
    if (!input.name.trim()) errors.name = '请填写姓名';
    if (!input.contact.trim()) errors.contact = '请填写联系电话或电子邮箱，以便通知您是否安排列席';
    if (!(input.role in ATTENDEE_ROLES)) errors.role = '请选择以什么身份列席';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO meeting_applications (meeting_id, name, organisation, contact, role, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int`,
      [meetingId, input.name.trim(), input.organisation.trim(), input.contact.trim(), input.role, input.reason.trim(), now],
    );
    await logEvent(tx, 'meeting', anonymous, now, m, 'applied', { applicationId: r.rows[0].id });
    return r.rows[0].id;
  });
}

export async function decideApplications(db: DbOrTx, actor: Actor, now: Date, meetingId: number, ids: number[], status: string, answer: string): Promise<number> {
  return inTx(db, async (tx) => {
    const m = await openMeeting(tx, actor, meetingId);
    if (status !== 'accepted' && status !== 'declined') throw new ValidationError({ status: '请选择安排列席或不予安排' });
    if (!ids.length) throw new ValidationError({ ids: '请勾选报名' });
    if (status === 'declined' && !answer.trim()) throw new ValidationError({ answer: '不予安排的，请写明理由（如名额已满）' });
    const r = await tx.query(`UPDATE meeting_applications SET status = $3, answer = $4, decided_at = $5, decided_by = $6 WHERE meeting_id = $1 AND id = ANY($2::bigint[])`, [
      meetingId,
      ids,
      status,
      answer.trim().slice(0, 1000),
      now,
      actorUserId(actor),
    ]);
    await logEvent(tx, 'meeting', actor, now, m, 'applications_decided', { ids, status });
    return r.rowCount ?? 0;
  });
}
