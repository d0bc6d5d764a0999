/** Reads of meetings open to the public and hearings, and of applications to attend them. */
import type { Queryable } from '../../lib/db.ts';
import type { AttendeeRole, MeetingKind } from './meetings.ts';

export interface MeetingRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  kind: MeetingKind;
  title: string;
  held_on: string;
  starts_at: string;
  place: string;
  agenda: string;
  how_to_apply: string;
  apply_until: string | null;
  seats: number | null;
  materials_sent_on: string | null;
  participants: string;
  stakeholders: number;
  public_reps: number;
  experts: number;
  media: number;
  attending_orgs: string;
  minutes_html: string;
  video_url: string;
  decision_entry_id: number | null;
  decision_code: string | null;
  decision_title: string | null;
  state: 'draft' | 'published' | 'withdrawn';
  withdrawn_reason: string;
}

const SELECT = `SELECT m.id::int, m.unit_id, u.name AS unit_name, u.path AS unit_path, m.kind, m.title, m.held_on::text, m.starts_at, m.place, m.agenda,
       m.how_to_apply, m.apply_until::text, m.seats, m.materials_sent_on::text, m.participants, m.stakeholders, m.public_reps, m.experts, m.media,
       m.attending_orgs, m.minutes_html, m.video_url, m.decision_entry_id::int, e.code AS decision_code, e.title AS decision_title, m.state, m.withdrawn_reason
  FROM meetings m JOIN units u ON u.id = m.unit_id LEFT JOIN decision_entries e ON e.id = m.decision_entry_id`;

export async function getMeeting(q: Queryable, id: number, lock = false): Promise<MeetingRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<MeetingRow>(`${SELECT} WHERE m.id = $1`, [id])).rows[0];
}

export async function listMeetings(q: Queryable, paths: string[]): Promise<MeetingRow[]> {
  if (!paths.length) return [];
  return (await q.query<MeetingRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY m.held_on DESC, m.id DESC LIMIT 500`, [paths.map((p) => `${p}%`)])).rows;
}

export async function publicMeetings(q: Queryable): Promise<MeetingRow[]> {
  return (await q.query<MeetingRow>(`${SELECT} WHERE m.state <> 'draft' ORDER BY m.held_on DESC, m.id DESC LIMIT 500`)).rows;
}

export async function unitMeetings(q: Queryable, unitId: number, year: number): Promise<MeetingRow[]> {
  return (await q.query<MeetingRow>(`${SELECT} WHERE m.unit_id = $1 AND m.held_on BETWEEN $2 AND $3 ORDER BY m.held_on`, [unitId, `${year}-01-01`, `${year}-12-31`])).rows;
}

export async function meetingsOfDecision(q: Queryable, entryId: number): Promise<MeetingRow[]> {
  return (await q.query<MeetingRow>(`${SELECT} WHERE m.decision_entry_id = $1 AND m.state <> 'draft' ORDER BY m.held_on`, [entryId])).rows;
}

export interface MeetingApplicationRow {
  id: number;
  name: string;
  organisation: string;
  contact: string;
  role: AttendeeRole;
  reason: string;
  status: 'pending' | 'accepted' | 'declined';
  answer: string;
  created_at: Date;
}

export async function meetingApplications(q: Queryable, meetingId: number): Promise<MeetingApplicationRow[]> {
  return (
    await q.query<MeetingApplicationRow>(
      'SELECT id::int, name, organisation, contact, role, reason, status, answer, created_at FROM meeting_applications WHERE meeting_id = $1 ORDER BY id',
      [meetingId],
    )
  ).rows;
}

export async function meetingEvents(q: Queryable, id: number) {
  return (await q.query<{ kind: string; at: Date; actor_label: string }>('SELECT kind, at, actor_label FROM meeting_events WHERE meeting_id = $1 ORDER BY id', [id])).rows;
}
