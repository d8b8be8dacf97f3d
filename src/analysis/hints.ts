// Inline hints, one per line at most: every execution of a site is joined (differing dims
// become unknown); on a line, a forward statement wins over a layer definition, which wins over a
// container or block definition. Trailing shape comments on statements are checked against them.
import { type Dim, type Shape, dimEquals, dimText } from '../engine';
import { type DeclaredDim, parseShapeText, trailingShapeComment } from '../python';
import type { HintCandidate } from './context';
import type { NotationOf } from './frontend';
import { asReported } from './reported';
import type { Diagnostic, ShapeHint } from './types';

function joinShape(a: Shape | null, b: Shape | null): Shape | null {
  if (!a || !b || a.length !== b.length) return null;
  return a.map((d, i) => (d === b[i] || dimEquals(d, b[i]) ? d : null));
}

interface Joined {
  readonly first: HintCandidate;
  shape: Shape | null;
  certain: boolean;
}

export function finalizeHints(candidates: readonly HintCandidate[]): { hints: ShapeHint[]; statements: Joined[] } {
  const bySite = new Map<string, Joined>();
  for (const c of candidates) {
    const prev = bySite.get(c.key);
    if (!prev) bySite.set(c.key, { first: c, shape: c.shape, certain: c.certain });
    else {
      prev.shape = joinShape(prev.shape, c.shape);
      prev.certain = prev.certain && c.certain;
    }
  }
  const byLine = new Map<number, Joined>();
  for (const j of bySite.values()) {
    if (!j.shape || j.shape.every(d => d === null)) continue;
    const prev = byLine.get(j.first.offset);
    const better =
      !prev ||
      j.first.priority > prev.first.priority ||
      (j.first.priority === prev.first.priority && j.first.order > prev.first.order);
    if (better) byLine.set(j.first.offset, j);
  }
  const hints = [...byLine.values()]
    .sort((a, b) => a.first.offset - b.first.offset)
    .map(j => ({
      offset: j.first.offset,
      shape: j.shape!,
      site: j.first.site,
      range: j.first.range,
      ...(j.first.layer !== undefined ? { layer: j.first.layer } : {}),
      ...(j.first.framework ? { framework: j.first.framework } : {}),
    }));
  const statements = [...bySite.values()].filter(j => j.first.site === 'statement');
  return { hints, statements };
}

/** The candidates one recorder made; layer indices are local, `layerOffset` makes them global. */
export interface HintGroup {
  readonly rec: object;
  readonly candidates: readonly HintCandidate[];
  readonly layerOffset: number;
}

/** A group finalized on its own: its hints (local layer indices), statements, and the span of
 *  offsets (lines and site keys) it touches. */
interface GroupResult {
  readonly count: number;
  readonly lo: number;
  readonly hi: number;
  readonly hints: ShapeHint[];
  readonly statements: Joined[];
  shifted?: { readonly offset: number; readonly hints: ShapeHint[] };
  /** Its stale shape comments: the comments lie in the text its recorder was made from. */
  stale?: Diagnostic[];
}

/** Per recorder (a reused model run keeps its recorder): finalized once, not at every edit. */
const groupResults = new WeakMap<object, GroupResult>();

function keyOffset(key: string): number {
  return Number(key.slice(key.lastIndexOf(':') + 1));
}

function groupResult(g: HintGroup): GroupResult {
  const cached = groupResults.get(g.rec);
  if (cached && cached.count === g.candidates.length) return cached;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of g.candidates) {
    const k = keyOffset(c.key);
    if (!Number.isFinite(k)) {
      lo = -Infinity;
      hi = Infinity;
      break;
    }
    lo = Math.min(lo, c.offset, k);
    hi = Math.max(hi, c.offset, k);
  }
  const { hints, statements } = finalizeHints(g.candidates);
  const result: GroupResult = { count: g.candidates.length, lo, hi, hints, statements };
  groupResults.set(g.rec, result);
  return result;
}

function withLayerOffset(hints: ShapeHint[], offset: number): ShapeHint[] {
  return offset === 0 ? hints : hints.map(h => (h.layer !== undefined ? { ...h, layer: h.layer + offset } : h));
}

/**
 * finalizeHints over the groups' candidates in order, with each group's own result cached: a
 * site's key and a hint's line are offsets, so groups whose offset spans do not overlap cannot
 * join a site or compete for a line, and their results are concatenated (in offset order).
 * Overlapping groups are finalized together, as one list of candidates. `made`: the lists of
 * hints made by this call (the others are a group's hints as an earlier call returned them).
 */
export function finalizeHintGroups(
  groups: readonly HintGroup[],
  text: string,
  notationOf: NotationOf,
): { hints: ShapeHint[]; stale: Diagnostic[]; made: ShapeHint[][] } {
  const results = groups.map(groupResult);
  const order = groups.map((_, i) => i).filter(i => groups[i].candidates.length > 0);
  order.sort((a, b) => results[a].lo - results[b].lo || a - b);
  const parts: ShapeHint[][] = []; // the hints, concatenated once at the end
  const stale: Diagnostic[] = [];
  const made: ShapeHint[][] = [];
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    let hi = results[order[i]].hi;
    while (j < order.length && results[order[j]].lo <= hi) hi = Math.max(hi, results[order[j++]].hi);
    if (j === i + 1) {
      const g = groups[order[i]];
      const r = results[order[i]];
      if (!r.shifted || r.shifted.offset !== g.layerOffset) {
        r.shifted = { offset: g.layerOffset, hints: withLayerOffset(r.hints, g.layerOffset) };
        made.push(r.shifted.hints);
      }
      parts.push(r.shifted.hints);
      r.stale ??= staleShapeComments(text, r.statements, notationOf);
      stale.push(...r.stale);
    } else {
      const members = order.slice(i, j).sort((a, b) => a - b);
      const candidates: HintCandidate[] = [];
      for (const m of members) {
        const { candidates: cs, layerOffset } = groups[m];
        for (const c of cs)
          candidates.push(c.layer !== undefined && layerOffset !== 0 ? { ...c, layer: c.layer + layerOffset } : c);
      }
      const joined = finalizeHints(candidates);
      parts.push(joined.hints);
      made.push(joined.hints);
      stale.push(...staleShapeComments(text, joined.statements, notationOf));
    }
    i = j;
  }
  return { hints: ([] as ShapeHint[]).concat(...parts), stale, made };
}

function contradicts(claim: readonly DeclaredDim[], inferred: Shape): boolean {
  if (claim.length !== inferred.length) return true;
  return claim.some((c, i) => typeof c === 'number' && typeof inferred[i] === 'number' && c !== inferred[i]);
}

/** The inferred shape in the comment's own style, keeping its names where the inference is symbolic. */
function rewrite(original: string, claim: readonly DeclaredDim[], inferred: Shape, unknown: string): string {
  const sameRank = claim.length === inferred.length;
  const dims = inferred.map((d: Dim, i) => {
    if (typeof d === 'number') return String(d);
    const c = sameRank ? claim[i] : undefined;
    if (typeof c === 'string') return c;
    return d === null ? unknown : dimText(d);
  });
  const t = original.trim();
  if (/^(torch\.)?Size\(/.test(t)) return `torch.Size([${dims.join(', ')}])`;
  if (t.startsWith('(')) return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
  // (× written \u00d7: the CLI bundle stays ASCII, tools/build.mjs)
  if (!t.startsWith('[') && /\s[x\u00d7]\s/.test(t)) return dims.join(' x ');
  return `[${dims.join(', ')}]`;
}

/** Warnings for statement shape comments that contradict the inferred shape. */
export function staleShapeComments(text: string, statements: readonly Joined[], notationOf: NotationOf): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const j of statements) {
    if (!j.certain || !j.shape) continue;
    const comment = trailingShapeComment(text, j.first.range.end);
    if (!comment || !contradicts(comment.shape, j.shape)) continue;
    const original = text.slice(comment.range.start, comment.range.end);
    if (!parseShapeText(original)) continue;
    // Users of a tuple notation (Keras), and anyone who wrote `None` for a dim, read an unknown dim as `None`.
    const tuple = notationOf(j.first.framework) === 'tuple';
    const unknown = tuple || /\bNone\b/.test(original) ? 'None' : '?';
    const newText = rewrite(original, comment.shape, j.shape, unknown);
    const dims = j.shape.map(d => (d === null ? unknown : dimText(d)));
    const shown = tuple ? `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})` : `[${dims.join(', ')}]`;
    const stale = asReported({
      range: comment.range,
      code: 'stale-shape-comment',
      message: `Stale shape comment: this statement makes a tensor of shape ${shown}, not ${original.trim()}`,
      fixes: [
        {
          title: `Update the shape comment to ${newText}`,
          edits: [{ range: comment.range, newText }],
          preferred: true,
        },
      ],
    });
    if (stale) out.push(stale);
  }
  return out;
}
