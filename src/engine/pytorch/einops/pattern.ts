// One side of an einops pattern (`b c (h p1) (w p2)`), parsed as einops' ParsedExpression does:
// groups of elementary axes, `1` and `()` as empty groups, `...` as a bare ellipsis or inside a
// group, numbers other than 1 as anonymous axes (each one distinct). Errors in einops' words.

export const ELLIPSIS = '…';

/** An elementary axis: a name, the ellipsis, or an anonymous axis `#k:len`. */
export type Axis = string;
/** A bare `...` (its axes each keep their own place), or a group of axes merged into one. */
export type Group = typeof ELLIPSIS | readonly Axis[];

export interface Expression {
  readonly groups: readonly Group[];
  /** Every axis written, in order (anonymous axes included, `1` not). */
  readonly identifiers: readonly Axis[];
  readonly hasEllipsis: boolean;
  readonly ellipsisInBrackets: boolean;
  readonly anonymous: boolean;
}

export class EinopsError extends Error {}

let anonymousCount = 0;

export function anonymousLength(axis: Axis): number | undefined {
  const m = /^#\d+:(\d+)$/.exec(axis);
  return m ? Number(m[1]) : undefined;
}

/** einops' check_axis_name: a Python identifier not starting or ending with `_`. */
export function validAxisName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !name.startsWith('_') && !name.endsWith('_');
}

export function parseExpression(text: string): Expression {
  if (text.replace(/\.\.\./g, '').includes('.'))
    throw new EinopsError('Expression may contain dots only inside ellipsis (...)');
  const expression = text.replace(/\.\.\./g, ELLIPSIS);
  const groups: Group[] = [];
  const identifiers: Axis[] = [];
  let bracket: Axis[] | null = null;
  let hasEllipsis = false,
    ellipsisInBrackets = false,
    anonymous = false;
  const add = (x: string) => {
    if (identifiers.includes(x)) throw new EinopsError(`Indexing expression contains duplicate dimension "${x}"`);
    if (x === ELLIPSIS) {
      identifiers.push(x);
      hasEllipsis = true;
      if (bracket === null) groups.push(ELLIPSIS);
      else {
        bracket.push(x);
        ellipsisInBrackets = true;
      }
      return;
    }
    const isNumber = /^\d+$/.test(x);
    if (isNumber && Number(x) === 1) {
      if (bracket === null) groups.push([]);
      return;
    }
    if (!isNumber && !validAxisName(x)) throw new EinopsError(`Invalid axis identifier: ${x}`);
    const axis = isNumber ? `#${++anonymousCount}:${Number(x)}` : x;
    if (isNumber) anonymous = true;
    identifiers.push(axis);
    if (bracket === null) groups.push([axis]);
    else bracket.push(axis);
  };
  let word = '';
  for (const char of expression) {
    if (char === '(' || char === ')' || char === ' ') {
      if (word) add(word);
      word = '';
      if (char === '(') {
        if (bracket !== null)
          throw new EinopsError('Axis composition is one-level (brackets inside brackets not allowed)');
        bracket = [];
      } else if (char === ')') {
        if (bracket === null) throw new EinopsError('Brackets are not balanced');
        groups.push(bracket);
        bracket = null;
      }
    } else if (/[A-Za-z0-9_]/.test(char) || char === ELLIPSIS) word += char;
    else throw new EinopsError(`Unknown character '${char}'`);
  }
  if (bracket !== null) throw new EinopsError(`Imbalanced parentheses in expression: "${expression}"`);
  if (word) add(word);
  return { groups, identifiers, hasEllipsis, ellipsisInBrackets, anonymous };
}

/** Python's repr of a set of names, sorted (einops prints set order, which varies run to run). */
export function setText(names: Iterable<string>): string {
  return `{${[...names]
    .sort()
    .map(n => `'${n}'`)
    .join(', ')}}`;
}
