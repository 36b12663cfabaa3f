import { DoraEvent } from '@paved-road/plugin-dora-common';
import { dayStartMs, generateDemoDay, utcDay } from '../generateDemoDay';

/** Every event of `days` days up to and including the day of `now`. */
export function generateRange(entityRef: string, days: number, now: number) {
  const events: DoraEvent[] = [];
  const today = dayStartMs(utcDay(now));
  for (let d = days; d >= 0; d--) {
    const day = utcDay(today - d * 86_400_000);
    events.push(...generateDemoDay({ entityRef, day, now }).events);
  }
  return events;
}
