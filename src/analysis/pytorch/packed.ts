// `torch.nn.utils.rnn`: pack_padded_sequence, pack_sequence, pad_sequence, pad_packed_sequence.
// A PackedSequence travels as a tensor value whose shape is null (nothing may operate on it as a
// tensor) carrying its `packed` description; recurrent layers read it (modules.ts), `.data` and
// `.batch_sizes` give its tensors. The rules are the engine's (engine/pytorch/packed.ts).
import { type PackedShape, type Shape, type ShapeError } from '../../engine';
import { type Lengths, packPadded, packSequence, padPacked, padSequence } from '../../engine/pytorch/packed';
import type { Args, Context } from '../context';
import { reportOpError } from '../diagnostics';
import { iterate } from '../items';
import { markExactLength } from '../python-errors';
import type { Fix } from '../types';
import { NONE, UNKNOWN_VALUE, type Value, tensor } from '../values';

const PREFIX = 'torch.nn.utils.rnn.';

/** Each function's parameters in order (PyTorch 2.x; `pad_sequence`'s 2.6 `padding_side` last). */
const SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  pack_padded_sequence: ['input', 'lengths', 'batch_first', 'enforce_sorted'],
  pad_packed_sequence: ['sequence', 'batch_first', 'padding_value', 'total_length'],
  pack_sequence: ['sequences', 'enforce_sorted'],
  pad_sequence: ['sequences', 'batch_first', 'padding_value', 'padding_side'],
};

const DEFAULTS: Readonly<Record<string, Value>> = {
  batch_first: { k: 'bool', v: false },
  enforce_sorted: { k: 'bool', v: true },
  total_length: { k: 'none' },
};

export const isPackingName = (q: string): boolean => q.startsWith(PREFIX) && q.slice(PREFIX.length) in SIGNATURES;

/** A packed sequence as a value. */
export const packedValue = (packed: PackedShape): Value => ({ k: 'tensor', shape: null, packed });

const UNKNOWN_PACKED = packedValue({ data: null, batch: null, steps: null });

/** The arguments by name (defaults filled in), or undefined when they cannot be known. */
function bind(name: string, args: Args): Map<string, Value> | undefined {
  const params = SIGNATURES[name];
  if (args.unknownRest || args.pos.length > params.length) return undefined;
  const bound = new Map<string, Value>();
  args.pos.forEach((v, i) => bound.set(params[i], v));
  for (const [k, v] of args.kw) {
    if (!params.includes(k) || bound.has(k)) return undefined;
    bound.set(k, v);
  }
  for (const p of params) if (!bound.has(p) && p in DEFAULTS) bound.set(p, DEFAULTS[p]);
  return bound;
}

const flag = (v: Value | undefined): boolean | undefined => (v?.k === 'bool' ? v.v : undefined);

function lengthsOf(v: Value | undefined): Lengths {
  if (v?.k === 'tensor') return { shape: v.shape };
  if ((v?.k === 'list' || v?.k === 'tuple') && v.items.every(i => i.k === 'int'))
    return { values: v.items.map(i => (i.k === 'int' ? i.v : 0)) };
  return { unknown: true };
}

function sequenceShapes(v: Value | undefined): (Shape | null)[] | undefined {
  const items = v && (v.k === 'list' || v.k === 'tuple') ? iterate(v) : undefined;
  return items?.map(i => (i.k === 'tensor' && !i.packed ? i.shape : null));
}

function report(ctx: Context, error: ShapeError, args: Args, fixes: readonly Fix[] = []): void {
  if (args.range) reportOpError(ctx, error, args.range, undefined, fixes);
}

/**
 * `NAME=VALUE` written into the call: the keyword's value replaced when it is written, else the
 * keyword added as the last argument. Only in this document's own text.
 */
function keywordFix(ctx: Context, fn: string, args: Args, name: string, value: string): Fix[] {
  const title = `Set ${name}=${value}`;
  const written = args.kwExprs?.get(name) ?? args.posExprs?.[SIGNATURES[fn].indexOf(name)];
  if (written) return [{ title, edits: [{ range: written.r, newText: value }], preferred: true }];
  const call = args.range;
  if (!call || ctx.foreign || args.pos.length > SIGNATURES[fn].indexOf(name)) return [];
  const close = call.end - 1;
  if (ctx.text[close] !== ')') return [];
  let last = close - 1;
  while (last > call.start && /\s/.test(ctx.text[last])) last--;
  const newText = ctx.text[last] === ',' ? ` ${name}=${value},` : `, ${name}=${value}`;
  return [{ title, edits: [{ range: { start: last + 1, end: last + 1 }, newText }], preferred: true }];
}

/** `torch.nn.utils.rnn.NAME(...)`. */
export function callPacking(ctx: Context, q: string, args: Args): Value {
  const name = q.slice(PREFIX.length);
  const a = bind(name, args);
  const batchFirst = flag(a?.get('batch_first'));
  const enforceSorted = flag(a?.get('enforce_sorted'));
  switch (name) {
    case 'pack_padded_sequence': {
      const input = a?.get('input');
      if (!a || input?.k !== 'tensor' || input.packed || batchFirst === undefined || enforceSorted === undefined)
        return UNKNOWN_PACKED;
      const lengths = lengthsOf(a.get('lengths'));
      const r = packPadded(input.shape, lengths, batchFirst, enforceSorted);
      if (!r.ok) {
        // A batch-first tensor packed as time-major, or lengths not sorted: the keyword that runs.
        const batchFirstRuns = !batchFirst && packPadded(input.shape, lengths, true, enforceSorted).ok;
        const unsortedRuns = enforceSorted && packPadded(input.shape, lengths, batchFirst, false).ok;
        const fixes = batchFirstRuns
          ? keywordFix(ctx, name, args, 'batch_first', 'True')
          : unsortedRuns
            ? keywordFix(ctx, name, args, 'enforce_sorted', 'False')
            : [];
        return (report(ctx, r.error, args, fixes), UNKNOWN_PACKED);
      }
      return packedValue(r.value);
    }
    case 'pack_sequence': {
      const shapes = sequenceShapes(a?.get('sequences'));
      if (!shapes || enforceSorted === undefined) return UNKNOWN_PACKED;
      const r = packSequence(shapes, enforceSorted);
      if (!r.ok) {
        const unsortedRuns = enforceSorted && packSequence(shapes, false).ok;
        const fixes = unsortedRuns ? keywordFix(ctx, name, args, 'enforce_sorted', 'False') : [];
        return (report(ctx, r.error, args, fixes), UNKNOWN_PACKED);
      }
      return packedValue(r.value);
    }
    case 'pad_sequence': {
      const shapes = sequenceShapes(a?.get('sequences'));
      // padding_side (2.6) only says where the padding goes: the shape is the same.
      if (!shapes || batchFirst === undefined) return tensor(null);
      const r = padSequence(shapes, batchFirst);
      if (!r.ok) return (report(ctx, r.error, args), tensor(null));
      return tensor(r.value);
    }
    case 'pad_packed_sequence': {
      const sequence = a?.get('sequence');
      const total = a?.get('total_length');
      const unknownPair = markExactLength({ k: 'tuple', items: [tensor(null), tensor(null)] });
      if (!a || sequence?.k !== 'tensor' || !sequence.packed || batchFirst === undefined) return unknownPair;
      const totalLength = total?.k === 'none' ? null : total?.k === 'int' ? total.v : undefined;
      const r = padPacked(sequence.packed, batchFirst, totalLength);
      if (!r.ok) return (report(ctx, r.error, args), unknownPair);
      return markExactLength({ k: 'tuple', items: [tensor(r.value.padded), tensor(r.value.lengths)] });
    }
    default:
      return UNKNOWN_VALUE;
  }
}

/** `packed.data`, `packed.batch_sizes`, ... of a packed sequence; undefined for other names. */
export function packedAttribute(packed: PackedShape, name: string): Value | undefined {
  if (name === 'data') return tensor(packed.data);
  if (name === 'batch_sizes') return tensor([packed.steps]);
  if (name === 'sorted_indices' || name === 'unsorted_indices') return packed.permuted ? tensor([packed.batch]) : NONE;
  return undefined;
}
