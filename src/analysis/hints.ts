// Inline hints, one per line at most: every execution of a site is joined (differing dims
// become unknown); on a line, a forward statement wins over a layer definition, which wins over a
// container or block definition. Trailing shape comments on statements are checked against them.
import { type Dim, type Shape, dimEquals, dimText } from '../engine';
import { type DeclaredDim, parseShapeText, trailingShapeComment } from '../python';
import type { HintCandidate } from './context';
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
    const better = !prev || j.first.priority > prev.first.priority || (j.first.priority === prev.first.priority && j.first.order > prev.first.order);
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
  if (!t.startsWith('[') && /\s[x×]\s/.test(t)) return dims.join(' x ');
  return `[${dims.join(', ')}]`;
}

/** Warnings for statement shape comments that contradict the inferred shape. */
export function staleShapeComments(text: string, statements: readonly Joined[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const j of statements) {
    if (!j.certain || !j.shape) continue;
    const comment = trailingShapeComment(text, j.first.range.end);
    if (!comment || !contradicts(comment.shape, j.shape)) continue;
    const original = text.slice(comment.range.start, comment.range.end);
    if (!parseShapeText(original)) continue;
    // Keras users, and anyone who wrote `None` for a dim, read an unknown dim as `None`.
    const keras = j.first.framework === 'keras';
    const unknown = keras || /\bNone\b/.test(original) ? 'None' : '?';
    const newText = rewrite(original, comment.shape, j.shape, unknown);
    const dims = j.shape.map(d => (d === null ? unknown : dimText(d)));
    const shown = keras ? `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})` : `[${dims.join(', ')}]`;
    out.push({
      range: comment.range,
      severity: 'warning',
      code: 'stale-shape-comment',
      message: `Stale shape comment: this statement makes a tensor of shape ${shown}, not ${original.trim()}`,
      fixes: [{ title: `Update the shape comment to ${newText}`, edits: [{ range: comment.range, newText }], preferred: true }],
    });
  }
  return out;
}
