import { cover, intersects, type Window } from '../window.js';

/**
 * Flink's `TimeWindow.mergeWindows`: sorts by start and folds windows that intersect (inclusively) into their
 * cover. Calls `onMerge(members, result)` for every group of two or more windows.
 *
 * @example
 * mergeWindows([{ start: 0, end: 3000 }, { start: 3000, end: 6000 }], (members, result) => console.log(result));
 * // { start: 0, end: 6000 }
 */
export function mergeWindows<W extends Window>(windows: readonly W[], onMerge: (members: W[], result: Window) => void): void {
  const sorted = windows.slice().sort((a, b) => a.start - b.start); // stable: existing windows before the new one
  let current: Window | undefined;
  let members: W[] = [];
  for (const w of sorted) {
    if (current === undefined) {
      current = w;
      members = [w];
    } else if (intersects(current, w)) {
      current = cover(current, w);
      members.push(w);
    } else {
      if (members.length > 1) onMerge(members, current);
      current = w;
      members = [w];
    }
  }
  if (current !== undefined && members.length > 1) onMerge(members, current);
}
