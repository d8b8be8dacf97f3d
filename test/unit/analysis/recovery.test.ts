// "Every shape that can be known is still shown": unclosed brackets make the parser fold the rest
// of the file into the broken statement; the classes, imports and the `if __name__` block after it
// are read on their own. Expected shapes are real PyTorch's (torch 1.13: nn.Conv2d(1, 4, 3) on
// [1, 1, 28, 28] → [1, 4, 26, 26]; nn.Linear(10, 5) on [2, 10] → [2, 5];
// nn.Conv2d(3, 8, 3, padding=1) on [2, 3, 16, 16] → [2, 8, 16, 16]).
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';

const SECOND = `
class Second(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)

    def forward(self, x):  # x: [1, 1, 28, 28]
        return self.conv(x)
`;
const THIRD = `

def register(cls):
    return cls


@register
class Third(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 5)

    def forward(self, x):  # x: [2, 10]
        return self.fc(x)
`;

function outputs(text: string): Record<string, unknown> {
  const a = analyzeText(text);
  return Object.fromEntries(a.models.map(m => [m.name, m.output?.map(dimJson) ?? null]));
}

describe('analysis: recovery from unclosed brackets', () => {
  it('two unclosed calls in one class: the next two classes keep their shapes', () => {
    const text = `import torch
import torch.nn as nn


class Broken(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3
        self.fc = nn.Linear((8, 4

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.conv(x)

${SECOND}${THIRD}`;
    const got = outputs(text);
    assert.deepEqual(got.Second, [1, 4, 26, 26]);
    assert.deepEqual(got.Third, [2, 5]);
  });

  it('unclosed brackets at module level: imports, classes and the __main__ sample after them are read', () => {
    const text = `import torch
config = dict(width=(16, depth=[1, 2
import torch.nn as nn
${SECOND}

class Sampled(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


if __name__ == "__main__":
    print(Sampled()(torch.randn(2, 3, 16, 16)).shape)
`;
    const got = outputs(text);
    assert.deepEqual(got.Second, [1, 4, 26, 26]);
    assert.deepEqual(got.Sampled, [2, 8, 16, 16]);
  });

  it('an unclosed bracket inside a function body: the class after the function is read', () => {
    const text = `import torch
import torch.nn as nn


def make(n):
    return [nn.Linear(n, n for _ in range((3)
${THIRD}`;
    assert.deepEqual(outputs(text).Third, [2, 5]);
  });

  it('correct code with column-0 text inside a string or brackets is not split', () => {
    const text = `import torch
import torch.nn as nn

DOC = """
class Fake(nn.Module):
    def forward(self, x):  # x: [1, 1]
        return x
"""
options = dict(
import_path='x',
from_file=None,
)
${SECOND}`;
    const a = analyzeText(text);
    assert.deepEqual(
      a.models.map(m => m.name),
      ['Second'],
    );
    assert.deepEqual(a.diagnostics, []);
  });
});
