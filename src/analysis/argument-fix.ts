// The quick fix that sets a constructor argument to the value its input needs, written the way the
// author wrote it: a literal stays a literal; a product of literals that reads as C·H·W becomes
// the incoming map's C·H·W (`32 * 14 * 14`); any other arithmetic of literals becomes the plain
// number; an UPPER_CASE module-level constant is changed at its definition when nothing else uses
// it, else the argument at the call. Anything else (a parameter, an attribute) gets no fix: its
// other uses are not known.
import type { ShapeError } from '../engine';
import type { Expr, Range, Stmt } from '../python';
import type { Context } from './context';
import type { Fix } from './types';
import type { Site } from './values';

export function argumentFix(ctx: Context, error: ShapeError, site: Site | undefined): Fix | undefined {
  const name = error.argument;
  const arg = name ? site?.args?.[name] : undefined;
  const value = error.suggested;
  if (!name || !arg || value === undefined) return undefined;
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
