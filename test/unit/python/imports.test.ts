import { strict as assert } from 'assert';
import {
  ParsedDocument,
  canonicalName,
  importBindings,
  resolveDotted,
  type Expr,
  type Stmt,
} from '../../../src/python';

function bindingsOf(src: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of ParsedDocument.parse(src).module.body) {
    if (s.k === 'import') for (const b of importBindings(s.names)) out.set(b.local, b.qname);
  }
  return out;
}

function calleeOf(src: string): Expr {
  const body = ParsedDocument.parse(src).module.body;
  const last = body[body.length - 1] as Extract<Stmt, { k: 'expr' }>;
  assert.equal(last.k, 'expr');
  assert.equal(last.value.k, 'call');
  return (last.value as Extract<Expr, { k: 'call' }>).fn;
}

describe('python: imports and aliases', () => {
  const cases: [string, string, string][] = [
    ['import torch.nn as nn', 'nn.Conv2d(3, 6, 5)', 'torch.nn.Conv2d'],
    ['from torch import nn', 'nn.Linear(1, 2)', 'torch.nn.Linear'],
    ['from torch.nn import Conv2d', 'Conv2d(1, 2, 3)', 'torch.nn.Conv2d'],
    ['from torch.nn import Conv2d as C', 'C(1, 2, 3)', 'torch.nn.Conv2d'],
    ['import torch.nn.functional as F', 'F.relu(x)', 'torch.nn.functional.relu'],
    ['from torch.nn import functional as F', 'F.max_pool2d(x, 2)', 'torch.nn.functional.max_pool2d'],
    ['import torch', 'torch.nn.Conv2d(1, 2, 3)', 'torch.nn.Conv2d'],
    ['import torch.nn', 'torch.nn.ReLU()', 'torch.nn.ReLU'],
    ['import torch', 'torch.cat([a, b], 1)', 'torch.cat'],
    ['import keras', 'keras.layers.Conv2D(8, 3)', 'keras.layers.Conv2D'],
    ['from keras import layers', 'layers.Dense(10)', 'keras.layers.Dense'],
    ['from tensorflow import keras', 'keras.layers.Dense(10)', 'keras.layers.Dense'],
    ['import tensorflow as tf', 'tf.keras.layers.Conv2D(8, 3)', 'keras.layers.Conv2D'],
    ['from tensorflow.keras import layers as L', 'L.Flatten()', 'keras.layers.Flatten'],
    ['from torch.nn.modules.conv import Conv2d', 'Conv2d(1, 2, 3)', 'torch.nn.Conv2d'],
  ];
  for (const [imp, call, expected] of cases) {
    it(`${imp}; ${call} → ${expected}`, () => {
      const src = `${imp}\n${call}\n`;
      assert.equal(resolveDotted(calleeOf(src), bindingsOf(src)), expected);
    });
  }

  it('reads several names, parenthesised lists and aliases in one statement', () => {
    const b = bindingsOf('from torch.nn import (Conv2d, Linear as Dense,\n    ReLU)\nimport numpy as np, torch\n');
    assert.deepEqual(
      [...b],
      [
        ['Conv2d', 'torch.nn.Conv2d'],
        ['Dense', 'torch.nn.Linear'],
        ['ReLU', 'torch.nn.ReLU'],
        ['np', 'numpy'],
        ['torch', 'torch'],
      ],
    );
  });

  it('leaves an unimported name unresolved', () => {
    assert.equal(resolveDotted(calleeOf('nn.Conv2d(1, 2, 3)\n'), new Map()), undefined);
  });

  it('canonicalises tf.keras spellings', () => {
    assert.equal(canonicalName('tensorflow.keras.layers.Dense'), 'keras.layers.Dense');
    assert.equal(canonicalName('torch.nn.functional.relu'), 'torch.nn.functional.relu');
  });

  it("canonicalises Keras 2's legacy module paths", () => {
    assert.equal(canonicalName('keras.layers.convolutional.Conv2D'), 'keras.layers.Conv2D');
    assert.equal(canonicalName('keras.layers.core.Dense'), 'keras.layers.Dense');
    assert.equal(canonicalName('keras.layers.pooling.MaxPooling2D'), 'keras.layers.MaxPooling2D');
    assert.equal(canonicalName('keras.layers.merge.concatenate'), 'keras.layers.concatenate');
    assert.equal(canonicalName('tensorflow.python.keras.layers.Dense'), 'keras.layers.Dense');
    assert.equal(canonicalName('tensorflow.python.keras.layers.core.Dense'), 'keras.layers.Dense');
    assert.equal(canonicalName('keras.layers.core'), 'keras.layers.core', 'the module itself is not a layer');
    assert.equal(canonicalName('keras.layers.Conv2D'), 'keras.layers.Conv2D');
  });
});
