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
  if (t.min % t.step === 0) return `${t.step}k, k ≥ ${t.min / t.step}`;
  return `${t.step}k+${t.min % t.step}, k ≥ ${Math.floor(t.min / t.step)}`;
}

/** `= 8k, k ≥ 1` or `≥ 1`: the sizes of an axis after its name. */
export function setsText(sets: readonly SizeSet[]): string {
  if (sets.length === 0) return '∈ ∅';
  const parts = sets.map(setText);
  return parts.length === 1 && parts[0].startsWith('≥') ? parts[0] : `= ${parts.join(' or ')}`;
}

/** Two inputs' axes tied (linked-sizes.ts), with the inputs' names. */
export interface LinkDescription {
  readonly inputs: readonly [string, string];
  readonly symbols: readonly [string, string];
  /** The first requirement tying them (`⌊H/2⌋ = ⌊H₂/2⌋`) and who states it (`torch.cat`). */
  readonly relation: string;
  readonly layer: string;
  /** Pairs (v, v + offset), v in the sets. */
  readonly diagonal: readonly { readonly offset: number; readonly sets: readonly SizeSet[] }[];
  /** Pairs (at, v), v in the sets. */
  readonly rows: readonly { readonly at: number; readonly sets: readonly SizeSet[] }[];
  /** Pairs (v, at), v in the sets. */
  readonly columns: readonly { readonly at: number; readonly sets: readonly SizeSet[] }[];
}

export interface AcceptedDescription {
  readonly axes: readonly { readonly input?: string; readonly symbol: string; readonly sets: readonly SizeSet[] }[];
  readonly coupled: {
    readonly input?: string;
    readonly symbols: readonly [string, string];
    readonly relation: string;
    readonly layer: string;
    readonly pairs: readonly (readonly [number, number])[];
  } | null;
  /** A model of several inputs: their names, and the links between their axes. */
  readonly inputs?: readonly string[];
  readonly links?: readonly LinkDescription[];
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
  const parts = d.inputs ? inputsText(d.axes) : axesText(d.axes);
  parts.push(...linksText(d.links ?? []));
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
    const who = d.inputs && d.coupled.input !== undefined ? `${d.coupled.input}: ` : '';
    parts.push(`${who}${d.coupled.relation} (${d.coupled.layer}): ${pairs.length ? shown.join(', ') : 'no sizes'}`);
  }
  return parts.length ? parts.join('; ') : 'any size';
}

/** Whether sizes (by symbol) are accepted. */
export function accepts(d: AcceptedDescription, sizes: Readonly<Record<string, number>>): boolean {
  if (!d.axes.every(a => !(a.symbol in sizes) || inSets(a.sets, sizes[a.symbol]))) return false;
  for (const l of d.links ?? []) {
    const [x, y] = l.symbols.map(s => sizes[s]);
    if (x === undefined || y === undefined) continue;
    const linked =
      l.diagonal.some(t => y - x === t.offset && inSets(t.sets, x)) ||
      l.rows.some(t => x === t.at && inSets(t.sets, y)) ||
      l.columns.some(t => y === t.at && inSets(t.sets, x));
    if (!linked) return false;
  }
  if (!d.coupled) return true;
  const [x, y] = d.coupled.symbols;
  return d.coupled.pairs.some(([h, w]) => h === sizes[x] && w === sizes[y]);
}

/** `H, W = 8k, k ≥ 1; L ≥ 3`: axes with the same sizes said together. */
function axesText(axes: AcceptedDescription['axes']): string[] {
  const groups = new Map<string, string[]>();
  for (const a of axes) {
    const text = setsText(a.sets);
    groups.set(text, [...(groups.get(text) ?? []), a.symbol]);
  }
  return [...groups].map(([text, names]) => `${names.join(', ')} ${text}`);
}

/**
 * Several inputs: `x: H, W ≥ 9`, each axis by its letter after its input's name (its symbol's
 * subscript is the input's position), and inputs that accept alike together: `a, b: H, W ≥ 14`.
 */
function inputsText(axes: AcceptedDescription['axes']): string[] {
  const byInput = new Map<string, { symbol: string; sets: readonly SizeSet[] }[]>();
  for (const a of axes) byInput.set(a.input ?? '', [...(byInput.get(a.input ?? '') ?? []), a]);
  const alike = new Map<string, string[]>();
  for (const [input, own] of byInput) {
    const text = axesText(own.map(a => ({ symbol: letter(a.symbol), sets: a.sets }))).join(' and ');
    alike.set(text, [...(alike.get(text) ?? []), input]);
  }
  return [...alike].map(([text, inputs]) => `${inputs.join(', ')}: ${text}`);
}

/** An axis symbol without the subscript of its input's position: `H₂` → `H` (₀–₉ written
 *  \u2080–\u2089: the CLI bundle stays ASCII, tools/build.mjs). */
const letter = (symbol: string) => symbol.replace(/[\u2080-\u2089]+$/, '');

const everySize = (sets: readonly SizeSet[]) =>
  sets.length === 1 && sets[0].min === 1 && sets[0].step === 1 && sets[0].max === null;
const sized = (sets: readonly SizeSet[]) => (everySize(sets) ? '' : ` ${setsText(sets)}`);

/** A link that is an equality alone: H = H₂, for the sizes of `sets`. */
function equality(l: LinkDescription): readonly SizeSet[] | undefined {
  return l.rows.length === 0 && l.columns.length === 0 && l.diagonal.length === 1 && l.diagonal[0].offset === 0
    ? l.diagonal[0].sets
    : undefined;
}

/**
 * `x and skip: equal H, W ≥ 3` for equalities (grouped), else the relation and its solutions:
 * `rgb and depth: ⌊H/2⌋−1 = ⌊H₂/2⌋−1 (torch.cat): H₂ = H ≥ 4, or H₂ = H+1 for H = 2k+4, k ≥ 0, …`.
 */
function linksText(links: readonly LinkDescription[]): string[] {
  const equal = new Map<string, string[]>();
  const other: { key: string; pair: string; letters: string[]; text: string }[] = [];
  for (const l of links) {
    const pair = `${l.inputs[0]} and ${l.inputs[1]}`;
    const sets = equality(l);
    if (sets) {
      const key = `${pair}: equal |${sized(sets)}`;
      equal.set(key, [...(equal.get(key) ?? []), letter(l.symbols[0])]);
      continue;
    }
    const key = likeness(l);
    const alike = other.find(o => o.key === key && o.pair === pair);
    if (alike) {
      alike.letters.push(letter(l.symbols[0]));
      continue;
    }
    const [x, y] = l.symbols;
    const families = [
      ...l.diagonal.map(({ offset, sets }) =>
        offset === 0
          ? `${y} = ${x}${sized(sets)}`
          : `${y} = ${x}${offset > 0 ? '+' : '−'}${Math.abs(offset)}${everySize(sets) ? '' : ` for ${x}${sized(sets)}`}`,
      ),
      ...l.rows.map(({ at, sets }) => `${x} = ${at}${everySize(sets) ? '' : `, ${y}${sized(sets)}`}`),
      ...l.columns.map(({ at, sets }) => `${y} = ${at}${everySize(sets) ? '' : `, ${x}${sized(sets)}`}`),
    ];
    const shown = families.length > 4 ? [...families.slice(0, 3), '…'] : families;
    const site = l.layer === 'broadcast' ? '' : ` (${l.layer})`;
    other.push({ key, pair, letters: [letter(x)], text: `${l.relation}${site}: ${shown.join(', or ')}` });
  }
  return [
    ...[...equal].map(([key, letters]) => key.replace('|', letters.join(', '))),
    // The same relation on W as on H: said once, `likewise W`.
    ...other.map(
      o => `${o.pair}: ${o.text}${o.letters.length > 1 ? `; likewise ${o.letters.slice(1).join(', ')}` : ''}`,
    ),
  ];
}

/** A link's relation and solutions with its symbols written as placeholders: links alike on two axes. */
function likeness(l: LinkDescription): string {
  const [x, y] = l.symbols;
  const relation = l.relation.split(y).join('②').split(x).join('①');
  return JSON.stringify([relation, l.layer, l.diagonal, l.rows, l.columns]);
}
