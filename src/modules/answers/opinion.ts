/**
 * The clocks of 政务舆情回应 as pure functions (ADR 0023), in hours from when the matter surfaced: for 特别重大 and
 * 重大突发事件, authoritative information within 5 hours and a press conference within 24 hours (国办发〔2016〕80号;
 * the 24 hours also in 61号); for other public opinion, a response within 48 hours (国办发〔2016〕61号). Both are
 * secondary sources in regulations.md §7 rows 16–17.
 */
export const SEVERITY = { major: '特别重大、重大突发事件', other: '其他政务舆情' } as const;
export type Severity = keyof typeof SEVERITY;

export const RESPONSE_KINDS = { authoritative: '发布权威信息', press_conference: '召开新闻发布会', response: '回应', follow_up: '持续发布' } as const;
export type ResponseKind = keyof typeof RESPONSE_KINDS;

export interface ClockDef {
  kind: ResponseKind;
  label: string;
  hours: number;
}

export const CLOCKS: Record<Severity, ClockDef[]> = {
  major: [
    { kind: 'authoritative', label: '权威信息', hours: 5 },
    { kind: 'press_conference', label: '新闻发布会', hours: 24 },
  ],
  // For other public opinion any response counts, the authoritative information or a press conference included.
  other: [{ kind: 'response', label: '回应', hours: 48 }],
};

export interface ClockState {
  label: string;
  hours: number;
  due: Date;
  /** When it was met (the first qualifying response), or null. */
  metAt: Date | null;
  status: 'met' | 'late' | 'pending' | 'overdue';
}

const QUALIFIES: Record<ResponseKind, ResponseKind[]> = {
  authoritative: ['authoritative'],
  press_conference: ['press_conference'],
  response: ['response', 'authoritative', 'press_conference'],
  follow_up: ['follow_up'],
};

export function clocks(severity: Severity, surfacedAt: Date, responses: { kind: ResponseKind; given_at: Date }[], now: Date): ClockState[] {
  return CLOCKS[severity].map((c) => {
    const due = new Date(surfacedAt.getTime() + c.hours * 3600_000);
    const met = responses
      .filter((r) => QUALIFIES[c.kind].includes(r.kind))
      .map((r) => r.given_at)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const status = met ? (met <= due ? 'met' : 'late') : now > due ? 'overdue' : 'pending';
    return { label: c.label, hours: c.hours, due, metAt: met ?? null, status };
  });
}
