// Diagnostics from engine errors: where to put them (the constructor argument at fault when it is
// written as a literal, else the call) and which quick fixes to offer. Nothing is reported from
// a statement the parser repaired, nor from a branch that may not run. Severities come from the
// catalogue (reported.ts); a `condition` marks one that holds on some paths only.
import type { AxisArithmetic, Shape, ShapeError } from '../engine';
import { droppedTrailingCells } from '../engine/window';
import type { Range } from '../python';
import { argumentFix } from './argument-fix';
import type { Context } from './context';
import { asReported, type RaisedDiagnostic } from './reported';
import type { Diagnostic, Fix } from './types';
import type { Site } from './values';

function push(ctx: Context, raised: RaisedDiagnostic, condition?: string): void {
  const d = asReported(raised, condition);
  if (!d) return;
  const key = (x: Diagnostic) => `${x.range.start}:${x.range.end}:${x.code}:${x.message}`;
  if (!ctx.rec.diagnostics.some(o => key(o) === key(d))) ctx.rec.diagnostics.push(d);
}

/** `nn.Linear(...)` inside `nn.Sequential(...)` meeting a rank ≥ 3 tensor: insert a Flatten before it. */
function flattenFix(error: ShapeError, site: Site | undefined, input: Shape | null | undefined): Fix | undefined {
  if (error.code !== 'features-mismatch' || !site?.sequentialArg || !input || input.length < 3) return undefined;
  const prefix = site.callee?.includes('.') ? site.callee.slice(0, site.callee.lastIndexOf('.') + 1) : '';
  return {
    title: `Insert ${prefix}Flatten() before this layer`,
    edits: [{ range: { start: site.call.start, end: site.call.start }, newText: `${prefix}Flatten(), ` }],
  };
}

/** An error of a layer: at construction (`call` undefined) or when called on an input. */
export function reportLayerError(
  ctx: Context,
  error: ShapeError,
  site: Site | undefined,
  call: Range | undefined,
  input?: Shape | null,
  condition?: string,
  more: readonly Fix[] = [],
): void {
  const entry = ctx.atEntry;
  if (entry) {
    // In a library's code entered from this text (Origin.library): at the layer when this text
    // built it, else at the call that entered the library.
    if (site?.tainted && !site.from) return;
    if (site === undefined || site.from)
      return push(
        ctx,
        { range: entry, code: error.code, message: error.message, fixes: [] },
        condition ?? conditionOf(error),
      );
    call = undefined;
  } else {
    // A library's code not entered from this text: its ranges are not this text's.
    if (ctx.foreign?.library || site?.from?.library) return;
    // A layer of another file's code: raised there, moved to this document's call (foreign-diagnostics.ts).
    const elsewhere = site?.from !== undefined && !site.fromRepaired;
    if (ctx.errorsSilenced || (site?.tainted && !elsewhere) || (ctx.foreign && !elsewhere && site)) return;
    if (elsewhere) {
      push(
        ctx,
        { range: call ?? site.call, code: error.code, message: error.message, fixes: [] },
        condition ?? conditionOf(error),
      );
      return;
    }
  }
  const arg = error.argument ? site?.args?.[error.argument] : undefined;
  let range: Range | undefined;
  if (arg && (arg.literal || !call)) range = arg.range;
  else range = call ?? site?.call;
  if (!range) return;
  const fixes = [argumentFix(ctx, error, site), flattenFix(error, site, input), ...more].filter((f): f is Fix => !!f);
  push(ctx, { range, code: error.code, message: error.message, fixes }, condition ?? conditionOf(error));
}

/** An error raised in one mode only (training) holds on some paths: the catalogue says how it is reported. */
function conditionOf(error: ShapeError): string | undefined {
  return error.onlyWhen ? `in ${error.onlyWhen} mode` : undefined;
}

/** An error of a tensor operation (`a + b`, `torch.cat`, `x.view(...)`), at the expression. */
export function reportOpError(
  ctx: Context,
  error: ShapeError,
  range: Range,
  condition?: string,
  fixes: readonly Fix[] = [],
): void {
  const entry = ctx.atEntry;
  if (entry)
    return push(
      ctx,
      { range: entry, code: error.code, message: error.message, fixes: [] },
      condition ?? conditionOf(error),
    );
  if (ctx.errorsSilenced || ctx.foreign?.library) return;
  // Another file's: moved to this document's call, without fixes (they would edit that file).
  const moved = ctx.foreign ? [] : fixes;
  push(ctx, { range, code: error.code, message: error.message, fixes: moved }, condition ?? conditionOf(error));
}

const AXIS_WORDS: Record<number, readonly string[]> = {
  1: ['elements'],
  2: ['rows', 'columns'],
  3: ['planes', 'rows', 'columns'],
};

/**
 * Information: a stride leaves the last cells of the input unused (the guide's relationship 6).
 * Only real input cells count: skipping a cell of zero padding loses nothing. Nor is it said of an
 * axis whose effective kernel is smaller than its stride (a 1×1 stride-2 shortcut): such a layer
 * skips cells between its windows by design, and the last ones are no different.
 */
export function reportDroppedInput(
  ctx: Context,
  kind: string,
  axes: readonly AxisArithmetic[],
  site: Site | undefined,
): void {
  if (ctx.quiet || !site || site.tainted) return;
  const words = AXIS_WORDS[axes.length] ?? [];
  const parts = axes
    .map((a, i) => {
      const n = droppedTrailingCells(a, true);
      return n > 0 ? `${n} ${n === 1 ? (words[i] ?? 'cells').replace(/s$/, '') : (words[i] ?? 'cells')}` : undefined;
    })
    .filter((p): p is string => !!p);
  if (parts.length === 0) return;
  const stride = axes.map(a => a.stride).join('×');
  push(ctx, {
    range: site.call,
    code: 'dropped-input',
    message: `${kind} with stride ${stride} never reads the last ${parts.join(' and ')} of its input`,
    fixes: [],
  });
}

export function pushDiagnostic(ctx: Context, d: RaisedDiagnostic, condition?: string): void {
  push(ctx, d, condition);
}
