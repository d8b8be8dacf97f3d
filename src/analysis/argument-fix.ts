// The quick fix that sets a constructor argument to the value its input needs, written the way the
// author wrote it: a literal stays a literal; a product of literals that reads as C·H·W becomes
// the incoming map's C·H·W (`32 * 14 * 14`); any other arithmetic of literals becomes the plain
// number; an UPPER_CASE module-level constant is changed at its definition when nothing else uses
// it, else the argument at the call. Anything else (a parameter, an attribute) gets no fix: its
// other uses are not known.
import type { ShapeError } from '../engine';
import type { Expr, Range, Stmt } from '../python';
import type { Context } from './context';
import type { Fix, TextEdit } from './types';
import type { Site } from './values';

export function argumentFix(ctx: Context, error: ShapeError, site: Site | undefined): Fix | undefined {
  const name = error.argument;
  const arg = name ? site?.args?.[name] : undefined;
  const value = error.suggested;
  if (!name || !arg || value === undefined) return undefined;
  return suggestionFix(ctx, name, arg, value);
}

/** Argument `name`, written as `arg`, set to the suggested number or sizes. */
export function suggestionFix(
  ctx: Context,
  name: string,
  arg: { readonly range: Range; readonly literal: boolean; readonly expr?: Expr },
  value: number | readonly number[],
): Fix | undefined {
  if (typeof value !== 'number') return writtenSizesFix(ctx, name, arg, value);
  // Only a Linear's input size reads as a flattened map's C·H·W (not an LSTM's input_size, an
  // attention's embed_dim: a sequence's features are not a map's).
  return writtenValueFix(ctx, `Set ${name} to ${value}`, arg, value, name === 'in_features');
}

/** A number written in the code (`arg.expr`, at `arg.range`) rewritten to `value` in its author's form. */
export function writtenValueFix(
  ctx: Context,
  title: string,
  arg: { readonly range: Range; readonly literal: boolean; readonly expr?: Expr },
  value: number,
  flattened: boolean,
): Fix | undefined {
  const set = (range: Range, newText: string): Fix => ({ title, edits: [{ range, newText }], preferred: true });
  if (arg.literal) return set(arg.range, String(value));
  const e = arg.expr;
  if (!e) return undefined;
  if (isLiteralArithmetic(e)) return set(e.r, authorForm(ctx, e, value, flattened));
  if (e.k !== 'name' || !/^[A-Z][A-Z0-9_]*$/.test(e.id)) return undefined;
  const definition = constantDefinition(ctx.moduleBody, e.id);
  if (!definition) return undefined;
  // Whether the definition may change depends on every use in the text: such a run is not cached.
  ctx.deps.readWholeText();
  if (usesOf(ctx.text, e.id) === 2 && isLiteralArithmetic(definition))
    return set(definition.r, authorForm(ctx, definition, value, flattened));
  return set(e.r, String(value));
}

/**
 * A sequence of sizes written as a tuple or list (`(32, 16, 16)`, `[64, 16, 16]`) set to `sizes`:
 * each item that differs is rewritten as a single number is; the others stay as written. An item
 * whose value cannot be read here (a parameter) may be one that differs: no fix then.
 */
function writtenSizesFix(
  ctx: Context,
  name: string,
  arg: { readonly expr?: Expr },
  sizes: readonly number[],
): Fix | undefined {
  const e = arg.expr;
  if (!e || (e.k !== 'tuple' && e.k !== 'list') || e.items.length !== sizes.length) return undefined;
  const shown = e.k === 'list' ? `[${sizes.join(', ')}]` : `(${sizes.join(', ')}${sizes.length === 1 ? ',' : ''})`;
  const title = `Set ${name} to ${shown}`;
  const edits: TextEdit[] = [];
  for (const [i, item] of e.items.entries()) {
    const current = writtenValue(ctx, item);
    if (current === undefined) return undefined;
    if (current === sizes[i]) continue;
    const fix = writtenValueFix(ctx, title, { range: item.r, literal: item.k === 'num', expr: item }, sizes[i], false);
    if (!fix) return undefined;
    edits.push(...fix.edits);
  }
  return edits.length ? { title, edits, preferred: true } : undefined;
}

/** The value of a whole number written as literal arithmetic, or as a module constant defined so. */
function writtenValue(ctx: Context, e: Expr): number | undefined {
  if (e.k === 'name' && /^[A-Z][A-Z0-9_]*$/.test(e.id)) {
    const definition = constantDefinition(ctx.moduleBody, e.id);
    return definition ? writtenValue(ctx, definition) : undefined;
  }
  if (!isLiteralArithmetic(e)) return undefined;
  if (e.k === 'num') return e.value;
  if (e.k === 'unop') {
    const v = writtenValue(ctx, e.operand);
    return v === undefined ? undefined : -v;
  }
  if (e.k !== 'binop') return undefined;
  const [a, b] = [writtenValue(ctx, e.left), writtenValue(ctx, e.right)];
  if (a === undefined || b === undefined) return undefined;
  if (e.op === '+') return a + b;
  if (e.op === '-') return a - b;
  if (e.op === '*') return a * b;
  return b === 0 ? undefined : Math.floor(a / b);
}

/** Whole-number literals combined by + - * // (what a reader evaluates at a glance). */
function isLiteralArithmetic(e: Expr): boolean {
  if (e.k === 'num') return !e.float;
  if (e.k === 'unop') return e.op === '-' && isLiteralArithmetic(e.operand);
  if (e.k === 'binop')
    return ['+', '-', '*', '//'].includes(e.op) && isLiteralArithmetic(e.left) && isLiteralArithmetic(e.right);
  return false;
}

/** `32 * 16 * 16` → [32, 16, 16]; anything but a product of literals → undefined. */
function productFactors(e: Expr): number[] | undefined {
  if (e.k === 'num') return [e.value];
  if (e.k !== 'binop' || e.op !== '*') return undefined;
  const left = productFactors(e.left);
  const right = productFactors(e.right);
  return left && right ? [...left, ...right] : undefined;
}

/** The new value in the form of the expression it replaces. */
function authorForm(ctx: Context, e: Expr, value: number, flattened: boolean): string {
  const factors = productFactors(e);
  const dims = flattened && factors && factors.length >= 2 ? flattenedDims(ctx, value, factors.length) : undefined;
  return dims ? dims.join(' * ') : String(value);
}

/**
 * The sizes after the batch axis of the latest layer output of rank `count + 1` whose product is
 * `value`: the map that was flattened (C, H, W). Any such split is right numerically; the latest
 * one reads as the code.
 */
function flattenedDims(ctx: Context, value: number, count: number): number[] | undefined {
  for (let i = ctx.rec.layers.length - 1; i >= 0; i--) {
    const out = ctx.rec.layers[i].output;
    if (!out || out.length !== count + 1) continue;
    const tail = out.slice(out.length - count);
    if (tail.every(d => typeof d === 'number' && d > 0) && (tail as number[]).reduce((a, b) => a * b, 1) === value)
      return tail as number[];
  }
  return undefined;
}

/** The value of `NAME = value`, when that is the one statement of the module binding NAME. */
function constantDefinition(body: readonly Stmt[], name: string): Expr | undefined {
  let found: Expr | undefined;
  let bindings = 0;
  const visit = (stmts: readonly Stmt[], top: boolean): void => {
    for (const s of stmts) {
      if (s.k === 'assign') {
        const bound = s.targets.filter(t => bindsName(t, name)).length;
        bindings += bound;
        if (bound && top && s.targets.length === 1 && s.targets[0].k === 'name' && s.value) found = s.value;
      } else if (s.k === 'aug' || s.k === 'for') {
        if (bindsName(s.target, name)) bindings += 2;
      } else if (s.k === 'def') {
        if (s.def.name === name || s.def.params.some(p => p.name === name)) bindings += 2;
        visit(s.def.body, false);
      } else if (s.k === 'class') {
        if (s.def.name === name) bindings += 2;
        visit(s.def.body, false);
      } else if (s.k === 'import') {
        if (s.names.some(n => (n.alias ?? n.name ?? n.module) === name)) bindings += 2;
      }
      if (s.k === 'if') for (const b of s.branches) visit(b.body, false);
      if (s.k === 'for' || s.k === 'while') visit([...s.body, ...s.orelse], false);
      if (s.k === 'block') visit(s.body, top);
    }
  };
  visit(body, true);
  return bindings === 1 ? found : undefined;
}

function bindsName(target: Expr, name: string): boolean {
  if (target.k === 'name') return target.id === name;
  if (target.k === 'tuple' || target.k === 'list') return target.items.some(t => bindsName(t, name));
  if (target.k === 'starred') return bindsName(target.value, name);
  return false;
}

/** How often NAME is written in the code: strings (but f-strings) and comments left out. */
function usesOf(text: string, name: string): number {
  const code = text
    .replace(/(?<![fF])("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g, '""')
    .replace(/#[^\n]*/g, '');
  return code.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
}
