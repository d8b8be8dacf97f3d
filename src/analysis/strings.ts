// Python's text of values and its three ways of formatting them (`%`, `str.format`, f-strings),
// for names built in model code (`'denseblock%d' % (i + 1)`, `f'layer{i}'`). A value or format
// outside the subset read here gives undefined: the string is unknown, never a guess.
import type { Value } from './values';

/** `str(v)` as Python writes it, for the values whose text is certain. */
export function pyStr(v: Value): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
      return String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'float': {
      // JavaScript and Python agree on the shortest round-trip digits, not on exponent notation.
      const a = Math.abs(v.v);
      if (!Number.isFinite(v.v) || (a !== 0 && (a < 1e-4 || a >= 1e16))) return undefined;
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    }
    case 'tuple':
    case 'list': {
      const parts = v.items.map(pyRepr);
      if (parts.some(p => p === undefined)) return undefined;
      const body = parts.join(', ');
      return v.k === 'list' ? `[${body}]` : parts.length === 1 ? `(${body},)` : `(${body})`;
    }
    default:
      return undefined;
  }
}

/** `repr(v)`: strings quoted the way Python chooses when that choice is simple. */
export function pyRepr(v: Value): string | undefined {
  if (v.k !== 'str') return pyStr(v);
  if (/[\\\n\r\t]/.test(v.v)) return undefined;
  if (!v.v.includes("'")) return `'${v.v}'`;
  return v.v.includes('"') ? undefined : `"${v.v}"`;
}

const isNumber = (v: Value) => v.k === 'int' || v.k === 'float' || v.k === 'bool';

/** Pads to a width: `<` left, `>` right, `^` centre, `=` after the sign. */
function pad(text: string, width: number, align: string, fill: string): string {
  const n = width - text.length;
  if (n <= 0) return text;
  if (align === '<') return text + fill.repeat(n);
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + text + fill.repeat(n - Math.floor(n / 2));
  if (align === '=') {
    const sign = /^[-+ ]/.test(text) ? text[0] : '';
    return sign + fill.repeat(n) + text.slice(sign.length);
  }
  return fill.repeat(n) + text;
}

/** `format(v, spec)` for the mini-language's common subset: fill, align, sign, 0, width, precision, s/d/f. */
export function formatSpec(v: Value, spec: string): string | undefined {
  if (spec === '') return pyStr(v);
  const m = /^(?:([^{}])?([<>^=]))?([+\- ]?)(0?)(\d*)(?:\.(\d+))?([sdf]?)$/.exec(spec);
  if (!m) return undefined;
  const [, fillChar, alignChar, sign, zero, width, precision, type] = m;
  let text: string | undefined;
  if (type === 's' || (type === '' && v.k === 'str')) {
    if (v.k !== 'str' || sign || zero || alignChar === '=') return undefined;
    text = precision === undefined ? v.v : v.v.slice(0, +precision);
  } else if (type === 'd' || (type === '' && precision === undefined && (v.k === 'int' || v.k === 'bool'))) {
    if ((v.k !== 'int' && v.k !== 'bool') || precision !== undefined) return undefined;
    text = String(+v.v);
  } else if (type === 'f') {
    if (!isNumber(v)) return undefined;
    const x = +(v as { v: number | boolean }).v;
    if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return undefined;
    text = x.toFixed(precision === undefined ? 6 : +precision);
  } else return undefined;
  if (sign === '+' && !text.startsWith('-') && v.k !== 'str') text = '+' + text;
  if (sign === ' ' && !text.startsWith('-') && v.k !== 'str') text = ' ' + text;
  const numeric = v.k !== 'str';
  const align = alignChar ?? (zero && numeric ? '=' : numeric ? '>' : '<');
  const fill = fillChar ?? (zero && numeric ? '0' : ' ');
  return pad(text, width ? +width : 0, align, fill);
}

const PERCENT_SPEC = /%([-0+ ]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g;

/** `fmt % args` for `%s %d %i %r %f %%` with flags `-0+ `, width and precision. */
export function percentFormat(fmt: string, args: Value): string | undefined {
  const values = args.k === 'tuple' ? args.items : [args];
  // `%(name)s` and other conversions not read here.
  if (args.k === 'dict' || fmt.replace(PERCENT_SPEC, '').includes('%')) return undefined;
  let next = 0;
  let failed = false;
  const out = fmt.replace(
    PERCENT_SPEC,
    (_all, flags: string, width: string, precision: string | undefined, type: string) => {
      if (type === '%' && !flags && !width && precision === undefined) return '%';
      const v = values[next++];
      let text: string | undefined;
      // `%.3d` pads with zeros: not read here.
      if (!v || !'sdirf'.includes(type) || (precision !== undefined && 'di'.includes(type))) text = undefined;
      else if (type === 's') text = pyStr(v);
      else if (type === 'r') text = pyRepr(v);
      else if (type === 'f')
        text = isNumber(v)
          ? formatSpec(
              v.k === 'float' ? v : { k: 'float', v: +(v as { v: number | boolean }).v },
              `.${precision ?? 6}f`,
            )
          : undefined;
      // `%d` truncates a float toward zero.
      else
        text =
          v.k === 'int' || v.k === 'bool'
            ? String(+v.v)
            : v.k === 'float' && Number.isFinite(v.v)
              ? String(Math.trunc(v.v))
              : undefined;
      if (text === undefined) {
        failed = true;
        return '';
      }
      if (precision !== undefined && (type === 's' || type === 'r')) text = text.slice(0, +precision);
      if (type !== 's' && type !== 'r' && !text.startsWith('-'))
        text = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + text;
      const zeroPad = flags.includes('0') && !flags.includes('-') && type !== 's' && type !== 'r';
      return pad(text, width ? +width : 0, flags.includes('-') ? '<' : zeroPad ? '=' : '>', zeroPad ? '0' : ' ');
    },
  );
  // Python raises when the arguments are not all converted, or too few are given.
  return failed || next !== values.length ? undefined : out;
}

/** One replacement field of `str.format` / an f-string: the value, `!s`/`!r`, and the spec. */
export function formatField(v: Value, conversion: string | undefined, spec: string): string | undefined {
  if (conversion === 'r' || conversion === 'a') {
    const text = pyRepr(v);
    return text === undefined ? undefined : formatSpec({ k: 'str', v: text }, spec);
  }
  if (conversion === 's') {
    const text = pyStr(v);
    return text === undefined ? undefined : formatSpec({ k: 'str', v: text }, spec);
  }
  return formatSpec(v, spec);
}

/** `fmt.format(*pos, **kw)` with `{}`, `{0}`, `{name}`, `{name.attr}` not read (unknown). */
export function strFormat(fmt: string, pos: readonly Value[], kw: ReadonlyMap<string, Value>): string | undefined {
  let auto = 0;
  let manual = false;
  let failed = false;
  const out = fmt.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (all, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
      if (all === '{{') return '{';
      if (all === '}}') return '}';
      let v: Value | undefined;
      if (field === '' || field === undefined) v = pos[auto++];
      else if (/^\d+$/.test(field)) ((manual = true), (v = pos[+field]));
      else if (/^[A-Za-z_]\w*$/.test(field)) v = kw.get(field);
      const text = v === undefined ? undefined : formatField(v, conv, spec ?? '');
      if (text === undefined) failed = true;
      return text ?? '';
    },
  );
  // A lone brace left over is a ValueError in Python.
  const stray = /[{}]/.test(fmt.replace(/\{\{|\}\}|\{[^{}]*\}/g, ''));
  // Python refuses to mix `{}` with `{0}`.
  return failed || stray || (manual && auto > 0) ? undefined : out;
}

/** `sep.join(items)` when every item is a known string. */
export function joinStrings(sep: string, items: readonly Value[] | undefined): string | undefined {
  if (!items || items.some(i => i.k !== 'str')) return undefined;
  return items.map(i => (i as { v: string }).v).join(sep);
}
