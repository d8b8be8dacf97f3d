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

function monomialKey(atoms: readonly Atom[]): string {
  return dimKey({ kind: 'expr', terms: [{ coef: 1, atoms }], constant: 0 });
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

/**
 * Splits q = (a·x + c)·A, a > 0, for an atom x that appears at most once in each term, with A's
 * coefficients coprime; undefined when no atom of q splits off that way.
 */
function splitLinear(q: readonly Term[]): { factor: Term[]; rest: Term[] } | undefined {
  const candidates = new Map<string, Atom>();
  for (const t of q) for (const a of t.atoms) candidates.set(monomialKey([a]), a);
  for (const [key, x] of candidates) {
    const count = (t: Term) => t.atoms.filter(a => monomialKey([a]) === key).length;
    if (q.some(t => count(t) > 1)) continue;
    const withX = q.filter(t => count(t) === 1).map(t => ({ coef: t.coef, atoms: withoutAtom(t.atoms, key) }));
    const without = q.filter(t => count(t) === 0);
    if (without.length !== withX.length) continue;
    // x's coefficient is kept positive, so binomials read `x−2`; the sign stays with the rest.
    const g = withX.reduce((acc, t) => gcd(acc, t.coef), 0);
    const rest = withX.map(t => ({ coef: t.coef / g, atoms: t.atoms }));
    const byKey = new Map(without.map(t => [monomialKey(t.atoms), t.coef]));
    const c = (byKey.get(monomialKey(rest[0].atoms)) ?? 0) / rest[0].coef;
    if (!Number.isInteger(c) || c === 0) continue;
    if (rest.every(t => byKey.get(monomialKey(t.atoms)) === c * t.coef)) {
      return {
        factor: [
          { coef: g, atoms: [x] },
          { coef: c, atoms: [] },
        ],
        rest,
      };
    }
  }
  return undefined;
}

/**
 * The expression as a product: integer content, the atoms every term shares, then binomials
 * (a·x + c) split off one at a time (enough for the products conv/pool/flatten make); what is
 * left is one factor as it stands.
 */
export function factorDim(e: SymExpr): FactoredDim {
  let terms = termsOf(e);
  if (terms.length === 0) return { coef: 0, factors: [] };
  const content = terms.reduce((acc, t) => gcd(acc, t.coef), 0) * (terms.every(t => t.coef < 0) ? -1 : 1);
  const common = commonAtoms(terms);
  terms = terms.map(t => {
    let atoms = [...t.atoms];
    for (const a of common) atoms = withoutAtom(atoms, monomialKey([a]));
    return { coef: t.coef / content, atoms };
  });
  const factors: Term[][] = common.map(a => [{ coef: 1, atoms: [a] }]);
  for (let split = splitLinear(terms); split; split = splitLinear(terms)) {
    factors.push(split.factor);
    terms = split.rest;
  }
  if (!(terms.length === 1 && terms[0].atoms.length === 0)) factors.push(terms);
  else if (terms[0].coef !== 1) return { coef: content * terms[0].coef, factors };
  return { coef: content, factors };
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
  const factored = readableFactors(d);
  return factored ? productText(factored) : sumText(termsOf(d));
}

/** The factored form when dimText writes the dim as a product, else undefined. */
export function readableFactors(d: SymExpr): FactoredDim | undefined {
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
