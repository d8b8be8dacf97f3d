// The SHAPE argument of the command line: `1,3,32,32`, `[N,3,32,32]`, `(None,28,28,1)` or `1x3x32x32`.
// Names become symbolic dims; `None` and `?` are unknown.
import { sym, type Dim, type Shape } from '../engine/dim';

export type ShapeArgResult = { ok: true; shape: Shape } | { ok: false; problem: string };

/** `1x3x32x32`: integers (or `?`) joined by `x` or `×` (written \u00d7: the CLI bundle stays
 *  ASCII, tools/build.mjs); names are left out (`Nx3` is a name). */
const TIMES = /^(?:\d+|\?)(?:\s*[x\u00d7]\s*(?:\d+|\?))+$/;

export const isTimesShape = (text: string): boolean => TIMES.test(text.trim());

export function parseShapeArg(text: string): ShapeArgResult {
  let body = text.trim();
  if (TIMES.test(body))
    return { ok: true, shape: body.split(/\s*[x\u00d7]\s*/).map(d => (d === '?' ? null : Number(d))) };
  const open = body[0],
    close = body[body.length - 1];
  if ((open === '[' && close === ']') || (open === '(' && close === ')')) body = body.slice(1, -1).trim();
  else if (open === '[' || open === '(' || close === ']' || close === ')')
    return { ok: false, problem: `unbalanced brackets in shape '${text}'` };
  if (body === '') return { ok: true, shape: [] };
  const items = body.split(',').map(s => s.trim());
  if (items[items.length - 1] === '' && items.length > 1) items.pop(); // `(3,)`
  const dims: Dim[] = [];
  for (const item of items) {
    if (/^\d+$/.test(item)) dims.push(Number(item));
    else if (item === 'None' || item === '?') dims.push(null);
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) dims.push(sym(item));
    else return { ok: false, problem: `'${item}' is not a size in shape '${text}' (use integers, names, None or ?)` };
  }
  return { ok: true, shape: dims };
}
