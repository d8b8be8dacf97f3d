// Rewrites the arguments of one written layer constructor, `nn.Conv2d(3, 16, 3, stride=2)`, for the
// explorer's "Apply to code": a keyword argument gets a new value in place, a positional one too,
// and an argument not written is added as a keyword at the end. Only the changed values' text
// moves; comments, line breaks and the other arguments stay as the author wrote them. Text level
// only (the extension host holds no parser); a call with `*args` or `**kwargs` is not rewritten,
// since which parameter a value lands in is then unknown. No `vscode` here.

/** One argument as written: its keyword (if any) and where its value's text is. */
export interface WrittenArgument {
  readonly name?: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly splat: boolean;
}

export interface WrittenCall {
  /** Offsets of the call's `(` and `)`. */
  readonly open: number;
  readonly close: number;
  readonly args: readonly WrittenArgument[];
}

/** The arguments of the first call in `text` (`callee(...)`), or undefined when it is not closed. */
export function readCall(text: string): WrittenCall | undefined {
  const open = text.indexOf('(');
  if (open < 0) return undefined;
  const args: WrittenArgument[] = [];
  let depth = 0,
    start = open + 1;
  const push = (end: number) => {
    const span = codeSpan(text, start, end);
    if (!span) return;
    const body = text.slice(span[0], span[1]);
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(body);
    args.push({
      ...(keyword ? { name: keyword[1] } : {}),
      valueStart: span[0] + (keyword ? keyword[0].length : 0),
      valueEnd: span[1],
      splat: body.startsWith('*'),
    });
  };
  for (let at = open; at < text.length; at++) {
    const c = text[at];
    if (c === '#') {
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '"' || c === "'") {
      at = stringEnd(text, at);
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        push(at);
        return { open, close: at, args };
      }
    } else if (c === ',' && depth === 1) {
      push(at);
      start = at + 1;
    }
  }
  return undefined;
}

/** The offset of the quote that closes the string opening at `at` (triple quotes included). */
function stringEnd(text: string, at: number): number {
  const q = text[at];
  const triple = text.startsWith(q.repeat(3), at);
  const close = triple ? q.repeat(3) : q;
  for (let k = at + close.length; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text.startsWith(close, k)) return k + close.length - 1;
  }
  return text.length;
}

/** Where the code of `text[from, to)` starts and ends: blanks and `# comments` around it left out. */
function codeSpan(text: string, from: number, to: number): [number, number] | undefined {
  let first = -1,
    last = -1;
  for (let at = from; at < to; at++) {
    const c = text[at];
    if (c === '#') {
      const nl = text.indexOf('\n', at);
      at = nl < 0 || nl > to ? to : nl;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (first < 0) first = at;
    if (c === '"' || c === "'") at = Math.min(stringEnd(text, at), to - 1);
    last = at + 1;
  }
  return first < 0 ? undefined : [first, last];
}

/** A new argument value: one number per spatial axis, or a string (Keras `padding='same'`). */
export type NewValue = readonly number[] | string;

/**
 * Writes a value in the form of the one it replaces: a scalar stays a scalar when every axis
 * agrees, a tuple (or list) keeps its brackets, a string its quotes.
 */
export function formatValue(value: NewValue, written: string | undefined): string {
  if (typeof value === 'string') return written?.trim().startsWith('"') ? `"${value}"` : `'${value}'`;
  const w = written?.trim() ?? '';
  const bracket = w.startsWith('[') ? ['[', ']'] : w.startsWith('(') ? ['(', ')'] : undefined;
  if (!bracket && value.every(v => v === value[0])) return String(value[0]);
  const [l, r] = bracket ?? ['(', ')'];
  return value.length === 1 ? `${l}${value[0]},${r}` : `${l}${value.join(', ')}${r}`;
}

/**
 * `text` (a constructor call) with `changes` applied, or undefined when it cannot be rewritten
 * safely. `positional` names the parameters in positional order (the bound spec's first keys).
 */
export function rewriteCall(
  text: string,
  positional: readonly string[],
  changes: Readonly<Record<string, NewValue>>,
): string | undefined {
  const call = readCall(text);
  if (!call || call.args.some(a => a.splat)) return undefined;
  const positionals = call.args.filter(a => a.name === undefined);
  const edits: { start: number; end: number; text: string }[] = [];
  const added: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    const index = positional.indexOf(name);
    const arg = call.args.find(a => a.name === name) ?? (index >= 0 ? positionals[index] : undefined);
    if (arg) {
      const written = text.slice(arg.valueStart, arg.valueEnd);
      edits.push({ start: arg.valueStart, end: arg.valueEnd, text: formatValue(value, written) });
    } else added.push(`${name}=${formatValue(value, undefined)}`);
  }
  if (added.length) {
    const last = call.args[call.args.length - 1];
    edits.push(
      last
        ? { start: last.valueEnd, end: last.valueEnd, text: `, ${added.join(', ')}` }
        : { start: call.open + 1, end: call.open + 1, text: added.join(', ') },
    );
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
