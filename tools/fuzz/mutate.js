// Mutations of Python source for fuzzing the reader and the analysis: the ways real half-typed
// code is broken (deleted, duplicated or swapped tokens, a file cut off mid-line, stray characters
// and unbalanced brackets, tabs mixed with spaces). Seeded: the same seed gives the same input.
'use strict';
const { seededRandom } = require('../bench/random');

/** Tokens the way a fuzzer needs them: words, numbers, strings, single punctuation, whitespace runs. */
function tokenize(text) {
  return (
    text.match(/[A-Za-z_]\w*|\d+(?:\.\d*)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[ \t]+|\r?\n|[^\s\w]|\s/g) ?? []
  );
}

const isCode = t => !/^\s+$/.test(t);

/** Indices of the tokens that are not whitespace. */
function codeIndices(tokens) {
  const out = [];
  tokens.forEach((t, i) => isCode(t) && out.push(i));
  return out;
}

function deleteToken(text, r) {
  const tokens = tokenize(text);
  const code = codeIndices(tokens);
  if (!code.length) return text;
  tokens.splice(r.pick(code), 1);
  return tokens.join('');
}

function duplicateToken(text, r) {
  const tokens = tokenize(text);
  const code = codeIndices(tokens);
  if (!code.length) return text;
  const i = r.pick(code);
  tokens.splice(i, 0, tokens[i]);
  return tokens.join('');
}

function swapTokens(text, r) {
  const tokens = tokenize(text);
  const code = codeIndices(tokens);
  if (code.length < 2) return text;
  const i = r.pick(code);
  const j = r.chance(0.7) ? code[Math.min(code.indexOf(i) + 1, code.length - 1)] : r.pick(code);
  [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
  return tokens.join('');
}

/** The first `line` lines, and sometimes part of the next one. */
function truncateAtLine(text, line, partial = 0) {
  const lines = text.split('\n');
  const head = lines.slice(0, line).join('\n');
  const next = lines[line] ?? '';
  return partial > 0 ? `${head}\n${next.slice(0, Math.floor(next.length * partial))}` : head;
}

function truncate(text, r) {
  const count = text.split('\n').length;
  return truncateAtLine(text, r.int(0, count), r.chance(0.5) ? r.next() : 0);
}

const STRAY = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '*',
  '**',
  '\\',
  '"',
  "'",
  '"""',
  '#',
  '@',
  '\t',
  '\r',
  '\0',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  'λ',
  ' if ',
  ' lambda ',
  'nn.',
  'self.',
  '->',
  ' x',
  '10**100',
  '-1',
  '0.5',
];

function insertRandom(text, r) {
  const at = r.int(0, text.length);
  let s = '';
  for (let k = r.int(1, 4); k > 0; k--) s += r.chance(0.8) ? r.pick(STRAY) : String.fromCharCode(r.int(0, 0xffff));
  return text.slice(0, at) + s + text.slice(at);
}

function unbalancedBrackets(text, r) {
  const at = r.int(0, text.length);
  const run = r.pick(['(', ')', '[', ']', '{', '}', '((((', '))))', '[(', ')]', '({[', ']})']).repeat(r.int(1, 3));
  return text.slice(0, at) + run + text.slice(at);
}

/** Indentation of some lines rewritten with tabs, or a tab inserted into it. */
function mixTabsSpaces(text, r) {
  return text
    .split('\n')
    .map(line => {
      if (!r.chance(0.3)) return line;
      const m = /^( +)/.exec(line);
      if (!m) return r.chance(0.1) ? '\t' + line : line;
      return r.chance(0.5) ? m[1].replace(/ {4}/g, '\t') + line.slice(m[1].length) : ' \t' + line.slice(1);
    })
    .join('\n');
}

const MUTATIONS = {
  deleteToken,
  duplicateToken,
  swapTokens,
  truncate,
  insertRandom,
  unbalancedBrackets,
  mixTabsSpaces,
};
const NAMES = Object.keys(MUTATIONS);

/** One to three mutations applied in turn; returns the text and their names. */
function mutate(text, seed) {
  const r = seededRandom(seed);
  const applied = [];
  for (let k = r.int(1, 3); k > 0; k--) {
    const name = r.pick(NAMES);
    text = MUTATIONS[name](text, r);
    applied.push(name);
  }
  return { text, applied };
}

module.exports = { mutate, tokenize, truncateAtLine, MUTATIONS };
