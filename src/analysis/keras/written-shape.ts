// A shape written in Python for Keras (`Input(shape=(None, IMG, IMG, 3))`, `input_shape=`): None
// is Keras' size known only at run time, which some layers reject ("should be defined. Found
// None"); a value the analysis does not understand is a size it does not know, not None. It
// becomes a symbol named after what was written (`IMG`; the same name is the same value), so no
// error that only None would raise rests on it.
import { type Dim, type Shape, sym } from '../../engine';
import type { Expr } from '../../python';
import type { Value } from '../values';

// D₁, D₂: an axis's own name, with no digit a reader (or a message parser) takes for a size.
const subscript = (n: number) => String(n).replace(/\d/g, c => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);

/** `IMG` for `IMG`, `size` for `cfg.size`; undefined for anything else. */
function writtenName(e: Expr | undefined): string | undefined {
  if (e?.k === 'name') return e.id;
  if (e?.k === 'attr') return e.name;
  return undefined;
}

/** The dims of a tuple or list value (undefined for anything else), `written` its expression. */
export function writtenShape(v: Value | undefined, written?: Expr): Shape | undefined {
  if (!v || (v.k !== 'tuple' && v.k !== 'list')) return undefined;
  const exprs =
    (written?.k === 'tuple' || written?.k === 'list') && written.items.length === v.items.length
      ? written.items
      : undefined;
  return v.items.map((item, i) => writtenDim(item, exprs?.[i], i + 1));
}

/** One size written in Python (`input_dim=...`): `axis` names it when its expression does not. */
export function writtenDim(item: Value, written: Expr | undefined, axis: number): Dim {
  if (item.k === 'int') return item.v;
  if (item.k === 'dim') return item.d;
  if (item.k === 'none') return null;
  return sym(writtenName(written) ?? `D${subscript(axis)}`);
}
