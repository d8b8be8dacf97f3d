// How a dim is written for people. The canonical polynomial (dim.ts) decides equality; its text
// may be any form with the same value, so it is printed factored unless that reads longer:
// `64·(⌊H/2⌋−2)·(⌊W/2⌋−2)` rather than `64·⌊H/2⌋·⌊W/2⌋−128·⌊H/2⌋−128·⌊W/2⌋+256`.
//
// Floor and ceiling atoms have one form, the canonical one: whole multiples of the divisor are
// taken out and the constant left inside lies in (−n, 0], so ⌊(H−4)/2⌋ reads `⌊H/2⌋−2` and
// ⌊(H+1)/2⌋ reads `⌊(H−1)/2⌋+1`.
import { dimKey, type Atom, type Dim, type Shape, type SymExpr, type Term } from './dim';

/** A product `coef · factor₁ · factor₂ · …`; a factor is a sum of terms (a lone atom is one term). */
export interface FactoredDim {
  readonly coef: number;
  readonly factors: readonly (readonly Term[])[];
}

// ---- factoring ----

const atomKeys = new WeakMap<Atom, string>();

/** The canonical key of one atom (cached: keys of floor atoms are built recursively). */
function monomialKey([atom]: readonly [Atom]): string {
  let key = atomKeys.get(atom);
  if (key === undefined) {
    key = dimKey({ kind: 'expr', terms: [{ coef: 1, atoms: [atom] }], constant: 0 });
    atomKeys.set(atom, key);
  }
  return key;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** All terms of an expression, its constant as a term without atoms. */
function termsOf(e: SymExpr): Term[] {
  const constant = e.constant + e.terms.filter(t => t.atoms.length === 0).reduce((s, t) => s + t.coef, 0);
  const terms = e.terms.filter(t => t.atoms.length > 0);
  return constant === 0 ? terms : [...terms, { coef: constant, atoms: [] }];
}

/** Atoms every term contains (with multiplicity), in the terms' sorted order. */
function commonAtoms(terms: readonly Term[]): Atom[] {
  let common = [...terms[0].atoms];
  for (const t of terms.slice(1)) {
    const left = [...t.atoms];
    common = common.filter(a => {
      const i = left.findIndex(b => monomialKey([b]) === monomialKey([a]));
      if (i < 0) return false;
      left.splice(i, 1);
      return true;
    });
  }
  return common;
}

function withoutAtom(atoms: readonly Atom[], key: string): Atom[] {
  const i = atoms.findIndex(a => monomialKey([a]) === key);
  return [...atoms.slice(0, i), ...atoms.slice(i + 1)];
}

/** Terms by monomial, whatever the order of their atoms. */
type Poly = Map<string, Term>;

function polyKey(atoms: readonly Atom[]): string {
  return atoms
    .map(a => monomialKey([a]))
    .sort()
    .join('*');
}

function addTerm(p: Poly, coef: number, atoms: readonly Atom[]): void {
  const key = polyKey(atoms);
  const sum = (p.get(key)?.coef ?? 0) + coef;
  if (sum === 0) p.delete(key);
  else p.set(key, { coef: sum, atoms });
}

function content(terms: Iterable<Term>): number {
  let g = 0;
  for (const t of terms) g = gcd(g, t.coef);
  return g;
}

/**
 * The smallest positive divisors of n (at most 12, none over 4096): factoring is for reading,
 * and the factors layers make have small constants (`⌊H/2⌋−2`); a bound keeps printing cheap.
 */
function smallDivisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, 4096) && out.length < 12; d++) if (n % d === 0) out.push(d);
  return out;
}

/**
 * q = (a·x + c)·Q, with q and Q by powers of x (byPower[j]: the coefficient of x^j). Synthetic
 * division from the top power; undefined unless every step divides exactly and nothing is left.
 */
function divideBy(byPower: readonly Poly[], a: number, c: number): Poly[] | undefined {
  const quotient: Poly[] = [];
  let carry: Poly = byPower[byPower.length - 1];
  for (let j = byPower.length - 1; j >= 1; j--) {
    const q: Poly = new Map();
    for (const [key, t] of carry) {
      if (t.coef % a !== 0) return undefined;
      q.set(key, { coef: t.coef / a, atoms: t.atoms });
    }
    quotient[j - 1] = q;
    const next: Poly = new Map(byPower[j - 1]);
    for (const t of q.values()) addTerm(next, -c * t.coef, t.atoms);
    carry = next;
  }
  return carry.size === 0 ? quotient : undefined;
}

/** Stand-in values for the atoms: any will do, they only screen candidates cheaply. */
const sampleValues = new Map<string, number>();
function sampleValue(terms: Iterable<Term>): number {
  let sum = 0;
  for (const t of terms) {
    let v = t.coef;
    for (const a of t.atoms) {
      const key = monomialKey([a]);
      let x = sampleValues.get(key);
      if (x === undefined) {
        if (sampleValues.size > 4096) sampleValues.clear(); // any values do: bound the memory
        sampleValues.set(key, (x = 1.5 + ((sampleValues.size * 0.618034) % 1)));
      }
      v *= x;
    }
    sum += v;
  }
  return sum;
}

/**
 * Whether x = −c/a is (nearly) a root of Σ sample[j]·x^j, the polynomial with every other atom at
 * its sample value: a necessary condition for (a·x + c) to divide, checked before the exact one.
 */
function nearlyRoot(sample: readonly number[], a: number, c: number): boolean {
  const x = -c / a;
  let value = 0;
  let size = 0;
  for (let j = sample.length - 1; j >= 0; j--) {
    value = value * x + sample[j];
    size = size * Math.abs(x) + Math.abs(sample[j]);
  }
  return Math.abs(value) <= 1e-9 * size;
}

/**
 * Splits q = (a·x + c)·Q, a > 0 (so binomials read `x−2`; the sign stays with the rest), for an
 * atom x of q; undefined when no atom of q splits off that way.
 */
function splitLinear(q: readonly Term[]): { factor: Term[]; rest: Term[] } | undefined {
  const candidates = new Map<string, Atom>();
  for (const t of q) for (const a of t.atoms) candidates.set(monomialKey([a]), a);
  for (const [key, x] of candidates) {
    const byPower: Poly[] = [];
    for (const t of q) {
      let atoms = [...t.atoms];
      let power = 0;
      while (atoms.some(a => monomialKey([a]) === key)) {
        atoms = withoutAtom(atoms, key);
        power++;
      }
      for (let j = byPower.length; j <= power; j++) byPower.push(new Map());
      addTerm(byPower[power], t.coef, atoms);
    }
    if (byPower[0].size === 0) continue;
    const sample = byPower.map(p => sampleValue(p.values()));
    const tails = smallDivisors(content(byPower[0].values())).flatMap(d => [-d, d]);
    for (const a of smallDivisors(content(byPower[byPower.length - 1].values()))) {
      for (const c of tails) {
        if (!nearlyRoot(sample, a, c)) continue;
        const quotient = divideBy(byPower, a, c);
        if (!quotient) continue;
        const rest = quotient.flatMap((p, j) =>
          [...p.values()].map(t => ({ coef: t.coef, atoms: [...t.atoms, ...Array<Atom>(j).fill(x)] })),
        );
        rest.sort((s, t) => (polyKey(s.atoms) < polyKey(t.atoms) ? -1 : 1));
        const factor = [
          { coef: a, atoms: [x] },
          { coef: c, atoms: [] },
        ];
        return { factor, rest };
      }
    }
  }
  return undefined;
}

/**
 * The expression as a product: integer content, the atoms every term shares, then binomials
 * (a·x + c) split off one at a time, repeated ones too (enough for the products conv, pool and
 * flatten make); what is left is one factor as it stands.
 */
export function factorDim(e: SymExpr): FactoredDim {
  let terms = termsOf(e);
  if (terms.length === 0) return { coef: 0, factors: [] };
  const g = content(terms);
  const sign = terms.every(t => t.coef < 0) ? -1 : 1;
  const common = commonAtoms(terms);
  terms = terms.map(t => {
    let atoms = [...t.atoms];
    for (const a of common) atoms = withoutAtom(atoms, monomialKey([a]));
    return { coef: t.coef / (sign * g), atoms };
  });
  const factors: Term[][] = common.map(a => [{ coef: 1, atoms: [a] }]);
  let coef = sign * g;
  for (let split = splitLinear(terms); split; split = splitLinear(terms)) {
    factors.push(split.factor);
    const restContent = content(split.rest);
    coef *= restContent;
    terms = split.rest.map(t => ({ coef: t.coef / restContent, atoms: t.atoms }));
  }
  if (!(terms.length === 1 && terms[0].atoms.length === 0)) factors.push(terms);
  else coef *= terms[0].coef;
  return { coef, factors };
}

// ---- text ----

function atomText(a: Atom): string {
  if (a.kind === 'sym') return a.name;
  const num = dimText(a.num);
  const inner = a.num.terms.length === 1 && a.num.constant === 0 && a.num.terms[0].coef === 1 ? num : `(${num})`;
  return a.kind === 'floor' ? `⌊${inner}/${a.den}⌋` : `⌈${inner}/${a.den}⌉`;
}

function termText(t: Term): string {
  const coef = Math.abs(t.coef);
  if (t.atoms.length === 0) return String(coef);
  const atoms = t.atoms.map(atomText);
  return coef === 1 ? atoms.join('·') : [String(coef), ...atoms].join('·');
}

/** A sum as written today: terms in canonical order, the constant last; `−` for minus. */
export function sumText(terms: readonly Term[]): string {
  const ordered = [...terms.filter(t => t.atoms.length > 0), ...terms.filter(t => t.atoms.length === 0)];
  return ordered.map((t, i) => (t.coef < 0 ? '−' : i === 0 ? '' : '+') + termText(t)).join('');
}

/** One factor of a product: parenthesized when it is a sum. */
export function factorText(f: readonly Term[]): string {
  return f.length > 1 ? `(${sumText(f)})` : sumText(f);
}

/** The product's text; `writeFactor` may write a factor another way (a name, say). */
export function productText(p: FactoredDim, writeFactor: (f: readonly Term[]) => string = factorText): string {
  const parts = p.factors.map(writeFactor);
  if (p.coef === 1) return parts.join('·');
  const sign = p.coef < 0 ? '−' : '';
  if (Math.abs(p.coef) === 1) return sign + parts.join('·');
  return sign + [String(Math.abs(p.coef)), ...parts].join('·');
}

/**
 * Compact human text: `16`, `H`, `⌊(H−1)/2⌋+1`, `16·H·W`, `64·(⌊H/2⌋−2)·(⌊W/2⌋−2)`, `?` for
 * unknown. The factored form is used unless the expanded sum is shorter (`N·(H−3)`, `2·H+2`).
 */
export function dimText(d: Dim): string {
  if (d === null) return '?';
  if (typeof d === 'number') return String(d);
  let text = texts.get(d);
  if (text === undefined) {
    const factored = readableFactors(d);
    text = factored ? productText(factored) : sumText(termsOf(d));
    texts.set(d, text);
  }
  return text;
}

/** Dims are immutable and shared (and printed again inside every floor that holds them). */
const texts = new WeakMap<SymExpr, string>();

/** The factored form when dimText writes the dim as a product, else undefined. */
export function readableFactors(d: SymExpr): FactoredDim | undefined {
  // One term and a constant (`⌊H/2⌋−2`, `2·H+2`) reads best as it is: no product to find.
  if (d.terms.filter(t => t.atoms.length > 0).length < 2) return undefined;
  const factored = factorDim(d);
  return productText(factored).length <= sumText(termsOf(d)).length ? factored : undefined;
}

/** `[N, 16, 14, 14]` */
export function shapeText(shape: Shape): string {
  return `[${shape.map(dimText).join(', ')}]`;
}

/** A dim as JSON: integers, a name string for symbolic dims, null for unknown. */
export function dimJson(d: Dim): number | string | null {
  if (d === null) return null;
  return typeof d === 'number' ? d : dimText(d);
}
