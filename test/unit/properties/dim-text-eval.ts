// Reads a dim's printed text back as arithmetic, so a test can check the text means the dim:
// numbers, names, `+ − ·`, parentheses, ⌊x/n⌋ and ⌈x/n⌉ (floor and ceiling of integers).

/** The value of `text` with every name taken from `env`; throws on text it cannot read. */
export function evaluateDimText(text: string, env: Readonly<Record<string, number>>): number {
  let i = 0;
  const peek = () => text[i];
  const expect = (c: string) => {
    if (text[i] !== c) throw new Error(`expected ${c} at ${i} in ${text}`);
    i++;
  };
  const number = (): number => {
    const m = /^\d+/.exec(text.slice(i));
    if (!m) throw new Error(`expected a number at ${i} in ${text}`);
    i += m[0].length;
    return Number(m[0]);
  };
  const division = (close: string, round: (x: number) => number): number => {
    const num = product();
    expect('/');
    const den = number();
    expect(close);
    return round(num / den);
  };
  const factor = (): number => {
    const c = peek();
    if (c === '(') {
      i++;
      const v = sum();
      expect(')');
      return v;
    }
    if (c === '⌊' || c === '⌈') {
      i++;
      return c === '⌊' ? division('⌋', Math.floor) : division('⌉', Math.ceil);
    }
    if (/\d/.test(c)) return number();
    const m = /^[A-Za-z_][A-Za-z0-9_′″]*/.exec(text.slice(i));
    if (!m || !(m[0] in env)) throw new Error(`unknown name at ${i} in ${text}`);
    i += m[0].length;
    return env[m[0]];
  };
  const product = (): number => {
    let v = factor();
    while (peek() === '·') {
      i++;
      v *= factor();
    }
    return v;
  };
  const sum = (): number => {
    let sign = 1;
    if (peek() === '−') {
      i++;
      sign = -1;
    }
    let v = sign * product();
    while (peek() === '+' || peek() === '−') {
      const s = text[i++] === '+' ? 1 : -1;
      v += s * product();
    }
    return v;
  };
  const v = sum();
  if (i !== text.length) throw new Error(`unread text at ${i} in ${text}`);
  return v;
}
