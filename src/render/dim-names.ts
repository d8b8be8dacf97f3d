// A shape within a length budget. An editor cuts a long hint wherever the budget ends, often
// mid-term; instead, long symbolic sizes are named and the names spelled out in a legend the view
// shows beside it (a tooltip): first each factor in one symbol after that symbol
// (`[N, 64·H′·W′]`, `H′ = ⌊H/2⌋−2`), then, longest first, whole sizes (`[N, F]`).
import { type Shape, type SymExpr, type Term, isExpr, symbolsOf } from '../engine/dim';
import { dimText, factorText, productText, readableFactors } from '../engine/dim-text';
import type { Framework } from '../engine/types';
import { dimFor, formatDimTexts, formatShape, type ShapeStyle } from './shape-format';

export interface NamedShape {
  readonly text: string;
  /** `H′ = ⌊H/2⌋−2`, one line per name used in `text`. */
  readonly legend: readonly string[];
}

const PRIMES = ['′', '″', '‴'];
const LETTERS = ['F', 'G', 'K', 'L', 'M', 'P', 'Q', 'R', 'S', 'T', 'U', 'V'];

/** Names handed out for one shape: the same text always gets the same name. */
class Names {
  private readonly byText = new Map<string, string>();
  readonly legend: string[] = [];
  constructor(private readonly taken: Set<string>) {}

  /** `S′` for a size in the one symbol S; undefined when the text mentions several symbols. */
  primed(text: string, symbols: Set<string>): string | undefined {
    if (symbols.size !== 1) return undefined;
    const [base] = symbols;
    return this.give(
      text,
      PRIMES.map(p => base + p),
    );
  }

  letter(text: string): string | undefined {
    return this.give(text, LETTERS);
  }

  private give(text: string, candidates: readonly string[]): string | undefined {
    const known = this.byText.get(text);
    if (known) return known;
    const name = candidates.find(c => !this.taken.has(c));
    if (!name) return undefined;
    this.taken.add(name);
    this.byText.set(text, name);
    this.legend.push(`${name} = ${text}`);
    return name;
  }
}

function exprOf(terms: readonly Term[]): SymExpr {
  return { kind: 'expr', terms, constant: 0 };
}

/** A size with each factor in one symbol named: `64·H′·W′`; a sum in one symbol is itself named. */
function primedText(d: SymExpr, names: Names): string {
  const factored = readableFactors(d);
  const isSum = d.terms.length > 1 || d.constant !== 0;
  if (!factored) return (isSum && names.primed(dimText(d), symbolsOf(d))) || dimText(d);
  return productText(factored, f =>
    f.length > 1 ? (names.primed(factorText(f).slice(1, -1), symbolsOf(exprOf(f))) ?? factorText(f)) : factorText(f),
  );
}

/**
 * `formatShape` within `maxLength` characters where naming can make it fit; the legend spells
 * every name the text uses. Integers and `?` are never named.
 */
export function formatShapeWithin(
  shape: Shape | null,
  maxLength: number,
  style: ShapeStyle = 'auto',
  framework?: Framework,
): NamedShape {
  const plain = formatShape(shape, style, framework);
  if (shape === null || plain.length <= maxLength) return { text: plain, legend: [] };
  const symbols = new Set<string>();
  for (const d of shape) symbolsOf(d, symbols);
  const wholes = new Set<number>();
  for (;;) {
    const names = new Names(new Set(symbols));
    // Whole sizes are lettered first so their names do not depend on the primes handed out.
    const texts = shape.map((d, i) =>
      wholes.has(i) && isExpr(d) ? (names.letter(dimText(d)) ?? dimText(d)) : dimFor(d, framework),
    );
    shape.forEach((d, i) => {
      if (!wholes.has(i) && isExpr(d)) texts[i] = primedText(d, names);
    });
    const text = formatDimTexts(texts, style, framework);
    const next = longestUnnamed(shape, texts, wholes);
    if (text.length <= maxLength || next === undefined) return { text, legend: names.legend };
    wholes.add(next);
  }
}

/** The index of the longest symbolic size still written out, if any. */
function longestUnnamed(shape: Shape, texts: readonly string[], wholes: Set<number>): number | undefined {
  let best: number | undefined;
  shape.forEach((d, i) => {
    if (!isExpr(d) || wholes.has(i) || /^[\w′″‴]+$/.test(texts[i])) return;
    if (best === undefined || texts[i].length > texts[best].length) best = i;
  });
  return best;
}
