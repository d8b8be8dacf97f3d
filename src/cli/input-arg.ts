// `--input` of `convshape check` (docs/cli.md, "Inputs"): what each model's forward is given.
//   --input SHAPE                    every model's first input
//   --input "[1,3,32,32], [1,10]"    every model's inputs by position (each shape bracketed, or 1x3x32x32)
//   --input NAME=SHAPE               the model NAME's first input, or the forward argument NAME of every model
//   --input NAME=SHAPE, SHAPE        the model NAME's inputs by position
//   --input MODEL.ARG=SHAPE          the argument ARG of the model MODEL
// Only tensor shapes: `k=3` is the rank-1 shape [3], so a constant (`flag=True`) is refused; a
// non-tensor argument takes the sample call's value or its default.
import type { InputOption, InputOptions } from '../analysis';
import type { Shape } from '../engine';
import { UsageError } from './io';
import { isTimesShape, parseShapeArg } from './shape-arg';

/** Splits at the commas outside brackets. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items;
}

const bracketed = (item: string) => /^\[.*\]$|^\(.*\)$/.test(item);

/** One shape, or several when every top-level item is a bracketed (or `1x3x32x32`) shape. */
function readShapes(text: string, whole: string): Shape[] {
  const items = topLevelItems(text).filter((s, i, all) => s !== '' || i < all.length - 1);
  const several = items.length > 1 && items.every(i => bracketed(i) || isTimesShape(i));
  const shapes: Shape[] = [];
  for (const item of several ? items : [text]) {
    if (/^(True|False|None|'.*'|".*"|-?\d+\.\d*)$/.test(item.trim()))
      throw new UsageError(
        `--input ${whole}: '${item.trim()}' is not a tensor shape; --input gives tensor shapes only (a non-tensor argument takes its default or the sample call's value)`,
      );
    const parsed = parseShapeArg(item);
    if (!parsed.ok) throw new UsageError(`--input ${whole}: ${parsed.problem}`);
    shapes.push(parsed.shape);
  }
  return shapes;
}

interface Entry {
  positional?: Shape[];
  named: Record<string, Shape>;
}

/** Every `--input` of the command line, as the analysis takes them (keys: model or argument names, `*`). */
export function parseInputArgs(values: readonly string[]): InputOptions {
  const entries = new Map<string, Entry>();
  const entry = (key: string) => entries.get(key) ?? entries.set(key, { named: {} }).get(key)!;
  for (const value of values) {
    const m = /^\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*=(.*)$/s.exec(value);
    const shapes = readShapes(m ? m[3] : value, value);
    const target = entry(m ? m[1] : '*');
    if (m?.[2]) {
      if (shapes.length !== 1) throw new UsageError(`--input ${value}: an argument takes one shape`);
      if (target.named[m[2]]) throw new UsageError(`--input ${value}: ${m[1]}.${m[2]} given twice`);
      target.named[m[2]] = shapes[0];
    } else {
      if (target.positional)
        throw new UsageError(`--input ${value}: ${m ? m[1] : 'the input of every model'} given twice`);
      target.positional = shapes;
    }
  }
  const options: Record<string, InputOption> = {};
  for (const [key, e] of entries) {
    const onlyOne = e.positional?.length === 1 && Object.keys(e.named).length === 0;
    options[key] = onlyOne ? e.positional![0] : { positional: e.positional ?? [], named: e.named };
  }
  return options;
}
