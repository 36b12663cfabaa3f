/** The share done, in whole percent (100 when there is nothing to do). @internal */
export function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.round((done / total) * 100);
}
