/** A case's clock input, read from its event log: where the count starts, what paused it, whether it was extended. */
import type { ClockInput, Pause, PauseKind } from './clock.ts';

export interface CaseEvent {
  kind: string;
  on_date: string;
  details: Record<string, unknown>;
}

/**
 * `feePausesClock`: whether waiting for a fee stops the reply clock. 109号 is usually summarised that way, but its
 * text was not verified (regulations.md §3.3 [U]), so it is the setting GONGKAI_FEE_PAUSES_CLOCK.
 */
export function clockInputFromEvents(events: CaseEvent[], feePausesClock: boolean): ClockInput | null {
  let startedOn: string | null = null;
  let restarted = false;
  let pauses: Pause[] = [];
  let open: Pause | undefined;
  let extension: ClockInput['extension'];
  for (const e of events) {
    switch (e.kind) {
      case 'register':
      case 'confirm':
        startedOn = String(e.details.receivedOn ?? e.on_date);
        break;
      case 'receive_correction':
        // Art. 30: the count starts again; what happened before no longer matters.
        startedOn = e.on_date;
        restarted = true;
        pauses = [];
        extension = undefined;
        break;
      case 'start_consultation':
      case 'fee_notice': {
        if (e.kind === 'fee_notice' && !feePausesClock) break;
        const kind: PauseKind = e.kind === 'fee_notice' ? 'fee' : e.details.party === 'inter_agency' ? 'inter_agency' : 'third_party';
        open = { kind, from: e.on_date };
        pauses.push(open);
        break;
      }
      case 'end_consultation':
      case 'fee_paid':
        if (open) open.to = e.on_date;
        open = undefined;
        break;
      case 'extend':
        extension = { workingDays: Number(e.details.workingDays), approvedOn: String(e.details.approvedOn), notifiedOn: String(e.details.notifiedOn) };
        break;
    }
  }
  return startedOn ? { startedOn, restartedByCorrection: restarted, pauses, extension } : null;
}
