// How accepted input sizes are written: `H, W = 8k, k ≥ 1`, `H, W = 32–35`, `H, W ≥ 1`, and a
// relation between two axes with its solutions (`64·(⌊H/2⌋−2)·(⌊W/2⌋−2) = 9216 (fc1): 28×28,
// 29×29, or e.g. 20×40`). Text only: nothing decides on it.
import { type SizeSet, inSets } from './accepted-sizes';

function setText(t: SizeSet): string {
  if (t.max !== null) {
    if (t.step !== 1) return `${t.min}, ${t.min + t.step}, …, ${t.max}`;
    return t.max === t.min ? `${t.min}` : t.max === t.min + 1 ? `${t.min}, ${t.max}` : `${t.min}–${t.max}`;
  }
  if (t.step === 1) return `≥ ${t.min}`;
  if (t.min === t.step) return `${t.step}k, k ≥ 1`;
  if (t.min < t.step) return `${t.step}k+${t.min}, k ≥ 0`;
  return `${t.step}k+${t.min % t.step}, k ≥ ${Math.floor(t.min / t.step)}`;
}

/** `= 8k, k ≥ 1` or `≥ 1`: the sizes of an axis after its name. */
export function setsText(sets: readonly SizeSet[]): string {
  if (sets.length === 0) return '∈ ∅';
  const parts = sets.map(setText);
  return parts.length === 1 && parts[0].startsWith('≥') ? parts[0] : `= ${parts.join(' or ')}`;
}

export interface AcceptedDescription {
  readonly axes: readonly { readonly symbol: string; readonly sets: readonly SizeSet[] }[];
  readonly coupled: {
    readonly symbols: readonly [string, string];
    readonly relation: string;
    readonly layer: string;
    readonly pairs: readonly (readonly [number, number])[];
  } | null;
}

/** Square solutions of a pair as sets (consecutive sizes joined). */
export function squareSets(pairs: readonly (readonly [number, number])[]): SizeSet[] {
  const sizes = [...new Set(pairs.filter(([h, w]) => h === w).map(([h]) => h))].sort((a, b) => a - b);
  const sets: SizeSet[] = [];
  for (const v of sizes) {
    const last = sets[sets.length - 1];
    if (last && last.max === v - 1) sets[sets.length - 1] = { ...last, max: v };
    else sets.push({ min: v, max: v, step: 1 });
  }
  return sets;
}

/** The whole sentence after "accepts": `H, W = 8k, k ≥ 1`; `any size` when nothing is required. */
export function acceptedText(d: AcceptedDescription): string {
  const groups = new Map<string, string[]>();
  for (const a of d.axes) {
    const text = setsText(a.sets);
    groups.set(text, [...(groups.get(text) ?? []), a.symbol]);
  }
  const parts = [...groups].map(([text, names]) => `${names.join(', ')} ${text}`);
  if (d.coupled) {
    const { pairs, symbols } = d.coupled;
    const squares = squareSets(pairs);
    // A pair unlike the squares (another factorisation of the product), else any oblong one.
    const oblong = pairs.filter(([h, w]) => h < w);
    const near = oblong.find(([h]) => !squares.some(t => h >= t.min && h <= (t.max ?? h))) ?? oblong[0];
    const shown = [
      ...(squares.length ? [`${symbols[0]} = ${symbols[1]} ${setsText(squares)}`] : []),
      ...(near ? [`${squares.length ? 'or ' : ''}e.g. ${near[0]}×${near[1]}`] : []),
    ];
    parts.push(`${d.coupled.relation} (${d.coupled.layer}): ${pairs.length ? shown.join(', ') : 'no sizes'}`);
  }
  return parts.length ? parts.join('; ') : 'any size';
}

/** Whether sizes (by symbol) are accepted. */
export function accepts(d: AcceptedDescription, sizes: Readonly<Record<string, number>>): boolean {
  if (!d.axes.every(a => !(a.symbol in sizes) || inSets(a.sets, sizes[a.symbol]))) return false;
  if (!d.coupled) return true;
  const [x, y] = d.coupled.symbols;
  return d.coupled.pairs.some(([h, w]) => h === sizes[x] && w === sizes[y]);
}
