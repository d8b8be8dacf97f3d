// Recurrent layers in model code: their tuple outputs unpack as PyTorch's do, initial states are
// passed as a tuple, and what is not known stays unknown.
import { strict as assert } from 'assert';
import { hoverMarkdown } from '../../../src/render/explain';
import { analyze, diagLines, layerLines } from './helpers';

function model(init: string, forward: string, input = '[4, 20, 16]'): string {
  return `class M(nn.Module):
    def __init__(self):
        super().__init__()
${init
  .split('\n')
  .map(l => '        ' + l)
  .join('\n')}

    def forward(self, x):  # x: ${input}
${forward
  .split('\n')
  .map(l => '        ' + l)
  .join('\n')}
`;
}

function run(init: string, forward: string, input?: string) {
  const { text, a } = analyze(model(init, forward, input));
  return { layers: layerLines(a), diags: diagLines(text, a).map((d, i) => `${d}: ${a.diagnostics[i].message}`) };
}

describe('recurrent layers in model code', () => {
  it('an LSTM unpacks into (output, (h_n, c_n)) and each name has its shape', () => {
    const r = run(
      'self.lstm = nn.LSTM(16, 32, num_layers=2, batch_first=True, bidirectional=True)\nself.fc = nn.Linear(32, 5)',
      'out, (h, c) = self.lstm(x)\nreturn self.fc(h[-1])',
    );
    assert.deepEqual(r.layers, ['lstm: [4, 20, 64]', 'fc: [4, 5]']);
    assert.deepEqual(r.diags, []);
  });

  it("an LSTM unpacked into three names is Python's error", () => {
    const r = run('self.lstm = nn.LSTM(16, 32)', 'out, h, c = self.lstm(x)\nreturn out');
    assert.deepEqual(r.diags, ['unpack-mismatch @ out, h, c: not enough values to unpack (expected 3, got 2)']);
  });

  it("the hover shows the layer's whole tuple", () => {
    const { a } = analyze(model('self.lstm = nn.LSTM(16, 32, proj_size=8)', 'out, (h, c) = self.lstm(x)\nreturn out'));
    const hover = hoverMarkdown(a.layers[0]);
    assert.ok(hover.includes(String.raw`output \[4, 20, 8\], h\_n \[1, 20, 8\], c\_n \[1, 20, 32\]`), hover);
    assert.ok(hover.includes(String.raw`c\_n stacks 1 cell states of hidden\_size 32`), hover);
  });

  it('a GRU returns (output, h_n); indexing [0] gives the output', () => {
    const r = run('self.gru = nn.GRU(16, 8)\nself.fc = nn.Linear(8, 3)', 'y = self.gru(x)[0]\nreturn self.fc(y)');
    assert.deepEqual(r.layers, ['gru: [4, 20, 8]', 'fc: [4, 20, 3]']);
  });

  it("a GRU built for the wrong input size is PyTorch's error, and the shapes go on as if fixed", () => {
    const r = run('self.gru = nn.GRU(100, 8)\nself.fc = nn.Linear(8, 3)', 'y, _ = self.gru(x)\nreturn self.fc(y)');
    assert.deepEqual(r.diags, [
      'features-mismatch @ 100: input.size(-1) must be equal to input_size. Expected 100, got 16',
    ]);
    assert.deepEqual(r.layers, ['gru: [4, 20, 8]', 'fc: [4, 20, 3]']);
  });

  it('initial states passed as a tuple are checked', () => {
    const r = run(
      'self.lstm = nn.LSTM(16, 32)',
      'h0 = torch.zeros(1, 5, 32)\nc0 = torch.zeros(1, 20, 32)\nout, (h, c) = self.lstm(x, (h0, c0))\nreturn out',
    );
    assert.deepEqual(r.diags, [
      'features-mismatch @ self.lstm(x, (h0, c0)): Expected hidden[0] size (1, 20, 32), got [1, 5, 32]',
    ]);
  });

  it('initial states passed by keyword are checked too', () => {
    const r = run('self.gru = nn.GRU(16, 32)', 'h0 = torch.zeros(2, 20, 32)\nout, h = self.gru(x, hx=h0)\nreturn out');
    assert.deepEqual(r.diags, [
      'features-mismatch @ self.gru(x, hx=h0): Expected hidden size (1, 20, 32), got [2, 20, 32]',
    ]);
  });

  it('cells: LSTMCell gives (h, c), GRUCell one tensor', () => {
    const r = run(
      'self.cell = nn.LSTMCell(16, 32)\nself.gcell = nn.GRUCell(32, 8)',
      'h, c = self.cell(x[0])\nreturn self.gcell(h)',
    );
    assert.deepEqual(r.layers, ['cell: [20, 32]', 'gcell: [20, 8]']);
    assert.deepEqual(r.diags, []);
  });

  it("a layer's settings read back as attributes size the next layer", () => {
    const r = run(
      'self.gru = nn.GRU(16, 24, bidirectional=True)\nself.fc = nn.Linear(2 * self.gru.hidden_size, 3)',
      'y, h = self.gru(x)\nreturn self.fc(y)',
    );
    assert.deepEqual(r.layers, ['gru: [4, 20, 48]', 'fc: [4, 20, 3]']);
    assert.deepEqual(r.diags, []);
  });

  it('an LSTM on a packed sequence of unknown lengths returns two things: three names are an error', () => {
    const r = run(
      'self.lstm = nn.LSTM(16, 32)',
      'packed = nn.utils.rnn.pack_padded_sequence(x, self.lengths)\nout, (h, c) = self.lstm(packed)\na, b, d = self.lstm(packed)\nreturn out',
    );
    // The output is packed: its data has the sum of the lengths (unknown) rows of 32 features.
    assert.deepEqual(r.layers, ['lstm: [?, 32]', 'lstm: [?, 32]']);
    assert.deepEqual(r.diags, ['unpack-mismatch @ a, b, d: not enough values to unpack (expected 3, got 2)']);
  });

  it('with no input written, a sequence [L, N, input_size] is assumed, and checked unbatched too', () => {
    const { text, a } = analyze(`class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(16, 32, batch_first=True)
        self.fc = nn.Linear(64, 5)

    def forward(self, x):
        y, h = self.gru(x)
        return self.fc(y)
`);
    assert.deepEqual(layerLines(a), ['gru: [N, L, 32]', 'fc: [N, L, 5]']);
    assert.deepEqual(
      diagLines(text, a).map(d => d.split(' @ ')[0]),
      ['features-mismatch'],
    );
  });

  it('a state that is not known leaves the output unknown, without an alarm', () => {
    const r = run(
      'self.rnn = nn.RNN(16, 32)',
      'out, h = self.rnn(x, self.unknown_state)\nout, h = self.rnn(x, *self.states)\nreturn out',
    );
    assert.deepEqual(r.layers, ['rnn: ?', 'rnn: ?']);
    assert.deepEqual(r.diags, []);
  });
});
