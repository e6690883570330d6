// Whether a moderator is on shift at a moment, from their weekly windows in UTC. Pure: the router
// passes the round's time in.
import type { ShiftWindow } from '../../store/tables/workforce.js';

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** ISO weekday 1 (Monday) … 7 (Sunday) and minute of the day, in UTC. */
function clockOf(at: Date): { day: number; minute: number } {
  return { day: ((at.getUTCDay() + 6) % 7) + 1, minute: at.getUTCHours() * 60 + at.getUTCMinutes() };
}

/** No windows means always on shift. A window whose end is before its start runs past midnight into the next day. */
export function onShift(schedule: readonly ShiftWindow[], at: Date): boolean {
  if (!schedule.length) return true;
  const { day, minute } = clockOf(at);
  const yesterday = day === 1 ? 7 : day - 1;
  return schedule.some((w) => {
    const start = minutesOf(w.start);
    const end = minutesOf(w.end);
    if (start <= end) return w.days.includes(day) && minute >= start && minute < end;
    return (w.days.includes(day) && minute >= start) || (w.days.includes(yesterday) && minute < end);
  });
}

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
