// Dims: the size of one tensor axis. A dim is a known integer, a symbolic expression over named
// sizes (`N`, `H`, `W`), or unknown (`null`). Symbolic expressions are kept in a canonical form
// (a polynomial whose atoms are symbols and floor/ceil divisions) so that equal sizes print and
// compare equal: `⌊(H + 2·1 − 3)/1⌋ + 1` is simply `H`.

/** An atom of a monomial: a named size, or the floor/ceiling of an expression divided by an integer. */
export type Atom =
  | { readonly kind: 'sym'; readonly name: string }
  | { readonly kind: 'floor' | 'ceil'; readonly num: SymExpr; readonly den: number };

/** coefficient · atom₁ · atom₂ · … (atoms sorted by key; repeated atoms mean powers). */
export interface Term {
  readonly coef: number;
  readonly atoms: readonly Atom[];
}

/** A symbolic size: Σ terms + constant. Never has zero terms (that would be a plain number). */
export interface SymExpr {
  readonly kind: 'expr';
  readonly terms: readonly Term[];
  readonly constant: number;
}

/** One axis size: an integer, a symbolic expression, or unknown (`null`, also Keras' `None`). */
export type Dim = number | SymExpr | null;
export type Shape = readonly Dim[];

export function isExpr(d: Dim): d is SymExpr {
  return typeof d === 'object' && d !== null;
}
export function isKnown(d: Dim): d is number {
  return typeof d === 'number';
}

// ---- construction and canonical form ----

export function sym(name: string): SymExpr {
  return { kind: 'expr', terms: [{ coef: 1, atoms: [{ kind: 'sym', name }] }], constant: 0 };
}

/** A floor or ceil atom's key, written once per atom (atoms are read-only): a canonical form
 *  sorts and merges by keys again and again, and a nested floor's key is long. */
const divisionKeys = new WeakMap<Atom, string>();

function atomKey(a: Atom): string {
  if (a.kind === 'sym') return a.name;
  let key = divisionKeys.get(a);
  if (key === undefined) divisionKeys.set(a, (key = `${a.kind}(${exprKey(a.num)}/${a.den})`));
  return key;
}
function termKey(t: Term): string {
  return t.atoms.map(atomKey).join('*');
}
// Expressions are read-only and compared by key again and again (every dimEquals, every memo
// key of a symbolic shape): each object's key is written once.
const exprKeys = new WeakMap<SymExpr, string>();
function exprKey(e: SymExpr): string {
  let key = exprKeys.get(e);
  if (key === undefined) {
    key = e.terms.map(t => `${t.coef}*${termKey(t)}`).join('+') + `+${e.constant}`;
    exprKeys.set(e, key);
  }
  return key;
}

/** A stable string that is equal for equal dims. */
export function dimKey(d: Dim): string {
  if (d === null) return '?';
  return typeof d === 'number' ? String(d) : exprKey(d);
}

/** A term's atoms sorted by key, and the term's key (each atom's key taken once). */
function sortedAtoms(atoms: readonly Atom[]): { atoms: Atom[]; key: string } {
  if (atoms.length === 0) return { atoms: [], key: '' };
  if (atoms.length === 1) return { atoms: [atoms[0]], key: atomKey(atoms[0]) };
  const keyed = atoms.map(atom => ({ atom, key: atomKey(atom) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { atoms: keyed.map(k => k.atom), key: keyed.map(k => k.key).join('*') };
}

/** Builds the canonical dim from terms: merges like terms, drops zeros, demotes to a number. */
function normalize(terms: Term[], constant: number): Dim {
  const merged = new Map<string, Term>();
  for (const t of terms) {
    if (t.coef === 0) continue;
    const { atoms, key } = sortedAtoms(t.atoms);
    const prev = merged.get(key);
    merged.set(key, { coef: (prev?.coef ?? 0) + t.coef, atoms });
  }
  const out = [...merged.entries()]
    .filter(([, t]) => t.coef !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t);
  if (out.length === 0) return constant;
  return { kind: 'expr', terms: out, constant };
}

function asExprParts(d: number | SymExpr): { terms: readonly Term[]; constant: number } {
  return typeof d === 'number' ? { terms: [], constant: d } : d;
}

// ---- arithmetic (unknown is absorbing) ----

export function add(a: Dim, b: Dim): Dim {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const x = asExprParts(a),
    y = asExprParts(b);
  return normalize([...x.terms, ...y.terms], x.constant + y.constant);
}

export function scale(a: Dim, c: number): Dim {
  if (a === null) return null;
  if (typeof a === 'number') return a * c;
  return normalize(
    a.terms.map(t => ({ coef: t.coef * c, atoms: t.atoms })),
    a.constant * c,
  );
}

export function sub(a: Dim, b: Dim): Dim {
  return add(a, scale(b, -1));
}

export function mul(a: Dim, b: Dim): Dim {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (typeof a === 'number') return scale(b, a);
  if (typeof b === 'number') return scale(a, b);
  const terms: Term[] = [];
  for (const s of [...a.terms, { coef: a.constant, atoms: [] }]) {
    for (const t of [...b.terms, { coef: b.constant, atoms: [] }]) {
      terms.push({ coef: s.coef * t.coef, atoms: [...s.atoms, ...t.atoms] });
    }
  }
  return normalize(terms, 0);
}

/** Product of a list of dims (1 for an empty list). */
export function product(dims: readonly Dim[]): Dim {
  return dims.reduce<Dim>((acc, d) => mul(acc, d), 1);
}

function floorDivInt(a: number, b: number): number {
  return Math.floor(a / b);
}
function ceilDivInt(a: number, b: number): number {
  return -Math.floor(-a / b);
}

/**
 * ⌊a / n⌋ or ⌈a / n⌉ for a positive integer n. Terms whose coefficient n divides are taken out of
 * the division exactly (sizes are integers), so ⌊(2H + 1)/2⌋ = H and ⌊(H − 1)/1⌋ = H − 1.
 */
function divRound(a: Dim, n: number, mode: 'floor' | 'ceil'): Dim {
  if (a === null || !Number.isFinite(n) || n <= 0) return null;
  if (typeof a === 'number') return mode === 'floor' ? floorDivInt(a, n) : ceilDivInt(a, n);
  // Nested divisions of the same kind fold: ⌊(⌊x/m⌋ + c)/n⌋ = ⌊(x + c·m)/(m·n)⌋ (likewise ⌈⌉),
  // so a chain of stride-2 layers reads ⌊(H−1)/4⌋+1 rather than ⌊⌊(H−1)/2⌋/2⌋+1.
  if (a.terms.length === 1 && a.terms[0].coef === 1 && a.terms[0].atoms.length === 1) {
    const inner = a.terms[0].atoms[0];
    if (inner.kind === mode) return divRound(add(inner.num, a.constant * inner.den), inner.den * n, mode);
  }
  const exact: Term[] = [];
  const rest: Term[] = [];
  for (const t of a.terms) (t.coef % n === 0 ? exact : rest).push(t);
  const exactPart = normalize(
    exact.map(t => ({ coef: t.coef / n, atoms: t.atoms })),
    0,
  );
  if (rest.length === 0) {
    const c = mode === 'floor' ? floorDivInt(a.constant, n) : ceilDivInt(a.constant, n);
    return add(exactPart, c);
  }
  // Keep the constant inside only modulo n, in (−n, 0], so the familiar form survives:
  // ⌊(H + 1)/2⌋ prints as ⌊(H−1)/2⌋+1, and ⌊(H + 5)/2⌋ as ⌊(H−1)/2⌋+3.
  const whole = ceilDivInt(a.constant, n);
  const rem = a.constant - whole * n;
  const num = normalize(rest, rem) as SymExpr;
  const atom: Atom = { kind: mode, num, den: n };
  return add(add(exactPart, whole), normalize([{ coef: 1, atoms: [atom] }], 0));
}

export function floorDiv(a: Dim, n: Dim): Dim {
  return typeof n === 'number' && Number.isInteger(n) ? divRound(a, n, 'floor') : null;
}
export function ceilDiv(a: Dim, n: Dim): Dim {
  return typeof n === 'number' && Number.isInteger(n) ? divRound(a, n, 'ceil') : null;
}

/**
 * a / b when it is known to divide exactly (used by `view(-1, …)`): returns the quotient, or
 * `undefined` when the division cannot be decided (symbolic remainder), or `false` when it
 * certainly does not divide (both concrete).
 */
export function divExact(a: Dim, b: Dim): Dim | undefined | false {
  if (a === null || b === null) return undefined;
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return false;
    return a % b === 0 ? a / b : false;
  }
  if (typeof b === 'number') {
    if (b === 0) return false;
    const parts = asExprParts(a);
    if (parts.constant % b !== 0 || parts.terms.some(t => t.coef % b !== 0)) return undefined;
    return normalize(
      parts.terms.map(t => ({ coef: t.coef / b, atoms: t.atoms })),
      parts.constant / b,
    );
  }
  // Divide by a single monomial c·atoms: each term of a must contain those atoms.
  if (b.terms.length !== 1 || b.constant !== 0) return undefined;
  const [div] = b.terms;
  const parts = asExprParts(a);
  if (parts.constant !== 0) return undefined;
  const terms: Term[] = [];
  for (const t of parts.terms) {
    if (t.coef % div.coef !== 0) return undefined;
    const remaining = [...t.atoms];
    for (const atom of div.atoms) {
      const idx = remaining.findIndex(r => atomKey(r) === atomKey(atom));
      if (idx < 0) return undefined;
      remaining.splice(idx, 1);
    }
    terms.push({ coef: t.coef / div.coef, atoms: remaining });
  }
  const constant = terms.filter(t => t.atoms.length === 0).reduce((s, t) => s + t.coef, 0);
  return normalize(
    terms.filter(t => t.atoms.length > 0),
    constant,
  );
}

export function max(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return Math.max(a, b);
  const diff = sub(a, b);
  if (typeof diff === 'number') return diff >= 0 ? a : b;
  return null;
}

// ---- comparison: decided only when certain ----

/** True when a and b are certainly the same size. */
export function dimEquals(a: Dim, b: Dim): boolean {
  if (a === null || b === null) return false;
  // Canonical form: an expression is never equal to a number.
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a === b || dimKey(a) === dimKey(b);
}

/** True when a and b are certainly different sizes (both known, or differing by a constant). */
export function dimDiffers(a: Dim, b: Dim): boolean {
  const d = sub(a, b);
  return typeof d === 'number' && d !== 0;
}

/**
 * dimDiffers against an integer argument (in_features, num_features …). A size that certainly
 * differs from an integer is itself an integer (symbolic sizes are canonical), so the message
 * can print it and suggest it.
 */
export function differsFromInt(d: Dim, n: number): d is number {
  return dimDiffers(d, n);
}

/** Evaluates a dim with every symbol given a value; null when a symbol is missing. */
export function substitute(d: Dim, env: Readonly<Record<string, number>>): Dim {
  if (d === null || typeof d === 'number') return d;
  let total: Dim = d.constant;
  for (const t of d.terms) {
    let value: Dim = t.coef;
    for (const atom of t.atoms) {
      const v =
        atom.kind === 'sym'
          ? atom.name in env
            ? env[atom.name]
            : sym(atom.name)
          : divRound(substitute(atom.num, env), atom.den, atom.kind);
      value = mul(value, v);
    }
    total = add(total, value);
  }
  return total;
}

/** Symbols a dim mentions. */
export function symbolsOf(d: Dim, into = new Set<string>()): Set<string> {
  if (isExpr(d)) {
    for (const t of d.terms) {
      for (const a of t.atoms) {
        if (a.kind === 'sym') into.add(a.name);
        else symbolsOf(a.num, into);
      }
    }
  }
  return into;
}

// ---- printing: dim-text.ts (factored where it reads shorter) ----

export { dimText, shapeText, dimJson } from './dim-text';
