/**
 * Meetings open to the public (会议开放：利益相关方、公众代表、专家、媒体列席) and hearings (听证会, 713号 Art. 16), as
 * pure rules: what a hearing record lacks, who attended, and the half-year rule of the source notices.
 */
import { addDays } from '../../lib/calendar.ts';

export const MEETING_KINDS = { open_meeting: '开放会议（列席）', hearing: '听证会' } as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

export const ATTENDEE_ROLES = { stakeholder: '利益相关方', public_rep: '公众代表', expert: '专家', media: '媒体' } as const;
export type AttendeeRole = keyof typeof ATTENDEE_ROLES;

/** 713号 Art. 16: "听证会材料应当于听证会7日前送达听证参加人" [verified]. */
export const HEARING_MATERIALS_DAYS = 7;

export interface MeetingFacts {
  kind: MeetingKind;
  state: string;
  held_on: string;
  materials_sent_on: string | null;
  participants: string;
  stakeholders: number;
  public_reps: number;
  experts: number;
  media: number;
}

export function attendance(m: Pick<MeetingFacts, 'stakeholders' | 'public_reps' | 'experts' | 'media'>): number {
  return m.stakeholders + m.public_reps + m.experts + m.media;
}

/** What a hearing's record lacks under Art. 16; open meetings have no statutory steps. */
export function meetingProblems(m: MeetingFacts, today: string): string[] {
  if (m.kind !== 'hearing' || m.state !== 'published') return [];
  const out: string[] = [];
  const latest = addDays(m.held_on, -HEARING_MATERIALS_DAYS);
  if (m.materials_sent_on && m.materials_sent_on > latest) out.push(`听证材料于${m.materials_sent_on}送达，晚于听证会${HEARING_MATERIALS_DAYS}日前（${latest}）`);
  else if (!m.materials_sent_on && today > latest) out.push(`听证会${HEARING_MATERIALS_DAYS}日前（${latest}）未记录听证材料送达`);
  if (!m.participants.trim()) out.push('未公布听证参加人名单');
  return out;
}

/** Half-years as [label, first day, last day]. */
export function halfYears(year: number): [string, string, string][] {
  return [
    [`${year}年上半年`, `${year}-01-01`, `${year}-06-30`],
    [`${year}年下半年`, `${year}-07-01`, `${year}-12-31`],
  ];
}

/**
 * The source notices ask each unit to have stakeholders, public representatives, experts or media attend its meetings
 * at least once each half-year (LS 三(一), ZJ (一); a local rule, so the number is a setting). Counts the published
 * meetings held with someone attending, per half-year of the year, up to `asOf`.
 */
export function openMeetingCounts(meetings: (MeetingFacts & { id: number })[], year: number, asOf: string) {
  return halfYears(year)
    .filter(([, from]) => from <= asOf)
    .map(([label, from, to]) => ({
      label,
      from,
      to,
      ended: to < asOf,
      count: meetings.filter((m) => m.state === 'published' && m.held_on >= from && m.held_on <= to && m.held_on <= asOf && attendance(m) > 0).length,
    }));
}
