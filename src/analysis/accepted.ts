// The input sizes a model accepts (docs/design.md, "Accepted input sizes"). A model run on a
// symbolic input collects what its rules require of the sizes (engine/size-requirements.ts);
// the engine's solver decides them exactly or not at all. Nothing here changes a shape: the
// implied input is said, never assumed, and no diagnostic rests on it.
import { type Dim, type Shape, dimText, isExpr, symbolsOf } from '../engine';
import { type SizeSolution, inSets, solveSizes } from '../engine/accepted-sizes';
import { type AcceptedDescription, acceptedText, accepts } from '../engine/accepted-text';
import { type SizeRequirement, collectRequirements } from '../engine/size-requirements';
import type { Range } from '../python';
import type { ApplyingLayer, Context, Recorder } from './context';
import { asReported } from './reported';
import type { AcceptedInputs, ImpliedInput } from './types';

export interface SitedRequirement {
  readonly req: SizeRequirement;
  /** The layer (`fc1`) or operation (`torch.cat`) that states it. */
  readonly site: string;
  readonly range?: Range;
}

/** Runs `f`, collecting the requirements its rules state. One stated on a path that may not run
 *  is not a requirement of the model: it spoils the answer (unknown beats wrong). */
export function collectSited<T>(ctx: Context, into: SitedRequirement[], f: () => T): T {
  return collectRequirements(r => {
    const req: SizeRequirement = ctx.quiet ? { kind: 'equal', a: null, b: null, op: r.op } : r;
    const applying = ctx.applying;
    const range = applying?.range ?? ctx.stmt?.r;
    into.push({ req, site: applying ? siteName(applying) : r.op, ...(range ? { range } : {}) });
  }, f);
}

/** How a requirement names its layer: `fc1`; an index says its kind too (`body.4 (Linear)`), as the summary does. */
function siteName({ layerName, kind }: ApplyingLayer): string {
  if (layerName === undefined) return kind;
  return /(^|\.)\d+$/.test(layerName) ? `${layerName} (${kind})` : layerName;
}

export const bareSymbol = (d: Dim): string | undefined =>
  isExpr(d) && d.constant === 0 && d.terms.length === 1 && d.terms[0].coef === 1 && d.terms[0].atoms.length === 1
    ? d.terms[0].atoms[0].kind === 'sym'
      ? d.terms[0].atoms[0].name
      : undefined
    : undefined;

/**
 * Every size the run recorded is followed: no unknown size where the input had a known one (a
 * channel count the first layer does not state stays unknown throughout), and a known output
 * tensor, whose sizes may be unknown where a broadcast left them so (it stated its requirement;
 * a rule that meets an unknown size states a requirement that spoils the answer).
 */
export function runUnderstood(
  run: Recorder,
  output: Shape | null,
  input: Shape,
  reqs: readonly SitedRequirement[],
): boolean {
  const open = new Set(input.flatMap((d, i) => (d === null ? [i] : [])));
  const known = (s: Shape | null) =>
    s !== null && s.every((d, i) => d !== null || (s.length === input.length && open.has(i)));
  if (output === null) return false;
  // A tensor a broadcast made has unknown sizes (x + y where either may be 1); only layers then
  // vouch that no unknown size met a rule that did not say what it needs.
  const broadcast = reqs.some(r => r.req.kind === 'broadcast');
  return (
    run.layers.every(l => l.inputs.every(known) && known(l.output)) &&
    (broadcast || run.hints.every(h => h.site !== 'statement' || h.shape === null || known(h.shape)))
  );
}

/** The symbolic twin of a declared input: its spatial sizes replaced by the guess's symbols. */
export function symbolicTwin(declared: Shape | null, guess: Shape | null): Shape | undefined {
  if (!declared || !guess || declared.length !== guess.length) return undefined;
  const twin = declared.map((d, i) => (i >= 2 && bareSymbol(guess[i]) && typeof d === 'number' ? guess[i] : d));
  return twin.some((d, i) => d !== declared[i]) ? twin : undefined;
}

function requirementText(r: SizeRequirement): string {
  if (r.kind === 'atLeast') return `${dimText(r.dim)} ≥ ${r.min}`;
  if (r.kind === 'equal') return `${dimText(r.a)} = ${dimText(r.b)}`;
  return `${dimText(r.a)} and ${dimText(r.b)} broadcast`;
}

interface Solved {
  readonly accepted: AcceptedInputs;
  readonly description: AcceptedDescription;
  readonly solution: Extract<SizeSolution, { ok: true }>;
  readonly dimOf: ReadonlyMap<string, number>;
}

function solve(input: Shape, reqs: readonly SitedRequirement[]): Solved | undefined {
  const dimOf = new Map<string, number>();
  const batch: string[] = [];
  input.forEach((d, i) => {
    const s = bareSymbol(d);
    if (s && i === 0) batch.push(s);
    else if (s && !dimOf.has(s)) dimOf.set(s, i);
  });
  const solution = solveSizes(
    reqs.map(r => r.req),
    [...dimOf.keys()],
    batch,
  );
  // A relation between two axes of one input (H = W) has no place in the one-input form.
  if (!solution.ok || solution.links) return undefined;
  const c = solution.coupled;
  const coupled = c
    ? {
        dims: [dimOf.get(c.symbols[0])!, dimOf.get(c.symbols[1])!] as const,
        symbols: c.symbols,
        relation: requirementText(reqs[c.relation].req),
        layer: reqs[c.relation].site,
        pairs: c.pairs,
      }
    : null;
  const axes = solution.axes.map(a => ({ dim: dimOf.get(a.symbol)!, symbol: a.symbol, sets: a.sets }));
  const accepted: AcceptedInputs = { axes, coupled };
  return { accepted, description: { axes, coupled }, solution, dimOf };
}

/** The smallest accepted input (square where one is) when finitely many are, and who pins it. */
function implied(input: Shape, s: Solved, reqs: readonly SitedRequirement[]): ImpliedInput | undefined {
  const { axes, coupled } = s.accepted;
  const free = [...s.dimOf.keys()].filter(
    sy => !coupled?.symbols.includes(sy) && !axes.some(a => a.symbol === sy && a.sets.every(t => t.max !== null)),
  );
  if (free.length || (!coupled && axes.length === 0)) return undefined;
  const value = new Map<string, number>();
  let pin: SitedRequirement | undefined;
  if (coupled) {
    const pair = coupled.pairs.find(([h, w]) => h === w) ?? coupled.pairs[0];
    if (!pair) return undefined;
    value.set(coupled.symbols[0], pair[0]).set(coupled.symbols[1], pair[1]);
    pin = reqs[s.solution.coupled!.relation];
  }
  for (const a of axes) {
    if (!a.sets.length) return undefined;
    value.set(a.symbol, Math.min(...a.sets.map(t => t.min)));
    pin ??= reqs.find(r => r.req.kind === 'equal' && mentions(r.req, a.symbol));
  }
  pin ??= reqs[0];
  const shape = input.map(d => {
    const sy = bareSymbol(d);
    return sy && value.has(sy) ? value.get(sy)! : d;
  });
  return { shape, layer: pin.site, ...(pin.range ? { range: pin.range } : {}) };
}

function mentions(r: SizeRequirement, symbol: string): boolean {
  const dims = r.kind === 'atLeast' ? [r.dim] : [r.a, r.b];
  return dims.some(d => symbolsOf(d).has(symbol));
}

/**
 * The model's accepted inputs from a run on a symbolic input: set on `rec` (and the implied
 * input), or an error when no size works, named by the requirements that clash.
 */
export function settleSymbolic(
  rec: Recorder,
  input: Shape,
  reqs: readonly SitedRequirement[],
  fallbackRange: Range,
): void {
  const s = solve(input, reqs);
  if (!s) return;
  if (s.solution.contradiction) {
    const clash = s.solution.contradiction.map(i => reqs[i]);
    const named = clash.map(r => `${r.site} (${requirementText(r.req)})`);
    const message =
      named.length === 1
        ? `No input size satisfies ${named[0]}`
        : named.length === 2
          ? `No input size satisfies both ${named[0]} and ${named[1]}`
          : `No input size satisfies ${named.join(', ')} together`;
    const d = asReported({ range: clash[0]?.range ?? fallbackRange, code: 'no-accepted-input', message, fixes: [] });
    if (d) rec.diagnostics.push(d);
    return;
  }
  rec.accepted = s.accepted;
  const pinned = implied(input, s, reqs);
  if (pinned) rec.implied = pinned;
}

/** The accepted sizes nearest to `want` (by symbol): per axis, or the nearest pair. */
function nearest(d: AcceptedDescription, want: Readonly<Record<string, number>>): Record<string, number> | undefined {
  const out: Record<string, number> = { ...want };
  for (const a of d.axes) {
    const v = want[a.symbol];
    if (v === undefined || inSets(a.sets, v)) continue;
    let found: number | undefined;
    for (let k = 1; k < 1 << 16 && found === undefined; k++) {
      if (v - k >= 1 && inSets(a.sets, v - k)) found = v - k;
      else if (inSets(a.sets, v + k)) found = v + k;
    }
    if (found === undefined) return undefined;
    out[a.symbol] = found;
  }
  if (d.coupled) {
    const [x, y] = d.coupled.symbols;
    const best = [...d.coupled.pairs].sort(
      (p, q) =>
        Math.abs(p[0] - want[x]) + Math.abs(p[1] - want[y]) - Math.abs(q[0] - want[x]) - Math.abs(q[1] - want[y]) ||
        Math.abs(p[0] - p[1]) - Math.abs(q[0] - q[1]),
    )[0];
    if (!best) return undefined;
    out[x] = best[0];
    out[y] = best[1];
  }
  return out;
}

/**
 * The sizes a model with a declared input accepts (solved on the symbolic `twin`); a shape
 * comment outside them is a warning naming the nearest sizes that work, with a fix to the comment.
 */
export function checkDeclared(
  rec: Recorder,
  declared: Shape,
  twin: Shape,
  reqs: readonly SitedRequirement[],
  comment: Range | undefined,
): void {
  const s = solve(twin, reqs);
  if (!s || s.solution.contradiction) return;
  rec.accepted = s.accepted;
  const want: Record<string, number> = {};
  for (const [symbol, dim] of s.dimOf) {
    const v = declared[dim];
    if (typeof v === 'number') want[symbol] = v;
  }
  // Only a shape comment is a declaration to rewrite (a sample call or --input is the caller's,
  // and the framework's own error is reported where the model fails).
  if (!comment || accepts(s.description, want)) return;
  const near = nearest(s.description, want);
  const spatial = [...s.dimOf].sort((a, b) => a[1] - b[1]);
  const sizesOf = (v: Record<string, number>) => spatial.map(([sy]) => v[sy]).join('×');
  const symbolAt = new Map(spatial.map(([sy, dim]) => [dim, sy]));
  const shapeText = near
    ? `[${declared.map((d, i) => (symbolAt.has(i) ? String(near[symbolAt.get(i)!]) : d === null ? '?' : dimText(d))).join(', ')}]`
    : undefined;
  const message = `The model does not accept ${sizesOf(want)}: it accepts ${acceptedText(s.description)}${near ? `; nearest: ${sizesOf(near)}` : ''}`;
  const d = asReported({
    range: comment,
    code: 'input-size-rejected',
    message,
    fixes: shapeText
      ? [{ title: `Declare the input ${shapeText}`, edits: [{ range: comment, newText: shapeText }], preferred: true }]
      : [],
  });
  if (d) rec.diagnostics.push(d);
}

/** The symbol of an axis of the k-th input (from 0): `H` for the first, `H₂` for the second. */
export const subscripted = (name: string, k: number): string =>
  k === 0 ? name : name + [...String(k + 1)].map(c => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]).join('');

/** One input of a model of several: its forward parameter and its symbolic shape. */
export interface NamedInput {
  readonly name: string;
  readonly shape: Shape;
}

/**
 * The sizes a model of several inputs accepts, from a run on every input symbolic at once (each
 * its own symbols: H, W for the first, H₂, W₂ for the second, …). Solved jointly: a relation
 * between two inputs' axes is a link. Nothing else: no implied input, no diagnostic.
 */
export function settleInputs(rec: Recorder, inputs: readonly NamedInput[], reqs: readonly SitedRequirement[]): void {
  const where = new Map<string, { readonly input: number; readonly dim: number }>();
  const batch = new Set<string>();
  for (const [k, { shape }] of inputs.entries())
    for (const [i, d] of shape.entries()) {
      const s = bareSymbol(d);
      if (!s) continue;
      if (i === 0) batch.add(s);
      // A symbol on two axes would tie them unseen: not a question this answers.
      else if (where.has(s)) return;
      else where.set(s, { input: k, dim: i });
    }
  // No input has a size to vary (token indices [S, N], a vector [N, 16]): nothing is claimed.
  if (where.size === 0 || [...where.keys()].some(s => batch.has(s))) return;
  const solution = solveSizes(
    reqs.map(r => r.req),
    [...where.keys()],
    [...batch],
  );
  if (!solution.ok || solution.contradiction) return;
  const at = (s: string) => where.get(s)!;
  const nameOf = (s: string) => inputs[at(s).input].name;
  const c = solution.coupled;
  if (c && at(c.symbols[0]).input !== at(c.symbols[1]).input) return;
  const byPosition = (p: { symbols: readonly [string, string] }, q: { symbols: readonly [string, string] }) =>
    at(p.symbols[0]).input - at(q.symbols[0]).input || at(p.symbols[0]).dim - at(q.symbols[0]).dim;
  rec.accepted = {
    inputs: inputs.map(i => i.name),
    axes: solution.axes.map(a => ({ input: nameOf(a.symbol), dim: at(a.symbol).dim, symbol: a.symbol, sets: a.sets })),
    coupled: c
      ? {
          input: nameOf(c.symbols[0]),
          dims: [at(c.symbols[0]).dim, at(c.symbols[1]).dim],
          symbols: c.symbols,
          relation: requirementText(reqs[c.relation].req),
          layer: reqs[c.relation].site,
          pairs: c.pairs,
        }
      : null,
    links: [...(solution.links ?? [])].sort(byPosition).map(l => ({
      inputs: [nameOf(l.symbols[0]), nameOf(l.symbols[1])],
      dims: [at(l.symbols[0]).dim, at(l.symbols[1]).dim],
      symbols: l.symbols,
      relation: requirementText(reqs[l.relation].req),
      layer: reqs[l.relation].site,
      diagonal: l.diagonal,
      rows: l.rows,
      columns: l.columns,
    })),
  };
}
