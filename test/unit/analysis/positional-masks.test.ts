// Masks and flags passed by position (and inputs by keyword) to attention and transformer modules, against real PyTorch
// 1.13 (test/golden/pytorch-positional-masks.json, made by tools/golden/pytorch_positional_masks.py):
// each call is written as a model's forward, and ConvShape gives the first output's shape or the
// error PyTorch raised, in its words.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, show } from './helpers';

interface Case {
  readonly ctor: string;
  readonly call: readonly string[];
  readonly output?: number[];
  readonly error?: string;
}

const CASES = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../test/golden/pytorch-positional-masks.json'), 'utf8'),
) as Case[];

/** The golden's call tokens as Python: `q:2,5,16` makes q (a bool mask for m and n), `q` reuses it, `key=q` passes it by keyword. */
function program(c: Case): string {
  const lines: string[] = [];
  const args = c.call.map(token => {
    const [keyword, written] = token.includes('=') ? token.split('=') : [undefined, token];
    const [name, dims] = written.split(':');
    if (dims) {
      const dtype = name === 'm' || name === 'n' ? ', dtype=torch.bool' : '';
      lines.push(`        ${name} = torch.zeros(${dims}${dtype})`);
    }
    return keyword ? `${keyword}=${name}` : name;
  });
  return `
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = ${c.ctor}

    def forward(self, x):
${lines.join('\n')}
        return self.block(${args.join(', ')})${c.ctor.includes('MultiheadAttention') ? '[0]' : ''}
`;
}

describe('analysis: attention masks and flags passed by position (real PyTorch 1.13)', () => {
  it('has cases of every module with such a signature, passing and failing', () => {
    const kinds = new Set(CASES.map(c => /nn\.(\w+)/.exec(c.ctor)![1]));
    assert.ok(kinds.size >= 5 && CASES.some(c => c.error) && CASES.some(c => c.output));
  });

  for (const c of CASES) {
    it(`${c.ctor} (${c.call.join(', ')}): ${c.error ?? JSON.stringify(c.output)}`, () => {
      const { a } = analyze(program(c));
      const errors = a.diagnostics.filter(d => d.severity === 'error').map(d => d.message);
      if (c.error) assert.deepEqual(errors, [c.error]);
      else {
        assert.deepEqual(errors, []);
        assert.equal(show(a.models[0].output), `[${c.output!.join(', ')}]`);
      }
    });
  }
});
