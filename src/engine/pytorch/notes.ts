// Human notes about a sliding-window layer's axes: input cells a stride leaves unused (the guide's
// relationship 6), asymmetric 'same' padding.
import type { AxisArithmetic } from '../types';
import { droppedTrailingCells } from '../window';

/** Names the spatial axes from the last: W, H, D. */
export function axisName(index: number, count: number): string {
  return ['D', 'H', 'W'].slice(3 - count)[index] ?? `axis ${index}`;
}

export function slidingNotes(axes: readonly AxisArithmetic[], samePadding: boolean): string[] {
  const notes: string[] = [];
  axes.forEach((a, j) => {
    const name = axisName(j, axes.length);
    const dropped = droppedTrailingCells(a, false);
    if (dropped > 0) {
      notes.push(
        `${name}: stride ${a.stride} leaves the last ${dropped} cell${dropped > 1 ? 's' : ''} of the padded input unused`,
      );
    }
    if (samePadding && a.padBefore !== a.padAfter) {
      notes.push(
        `${name}: padding='same' with an even effective kernel pads ${a.padBefore} before and ${a.padAfter} after`,
      );
    }
  });
  return notes;
}
