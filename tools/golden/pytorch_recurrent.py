#!/usr/bin/env python3
"""Golden data for ConvShape's recurrent layer rules, produced by real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_recurrent.py > test/golden/pytorch-recurrent.json

Recurrent layers return tuples and take their initial states as a tuple, which the single-output
records of pytorch_layers.py cannot say; hence this separate generator. A seeded random generator
of nn.RNN/LSTM/GRU and nn.RNNCell/LSTMCell/GRUCell cases, each run in PyTorch and recorded on one
line: {"kind", "args" (positional), "kwargs", "inputs" (the input, then the states flattened:
lstm(x, (h0, c0)) has three), and either "outputs" (the returned tensors' shapes, flattened),
"structure" (the nesting: "(t, (t, t))"), "params", or "error": {"stage", "type", "message"}}.

Only what the engine models is generated: sizes of at least 1, states of the input's rank for
the cells, arguments beyond hidden_size by keyword (PyTorch 1.13's RNN reads a 4th positional as
bias, 2.x as nonlinearity).
"""
import json
import random
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings('ignore')
R = random.Random(20261207)
CASES = []
SEQUENCE = ['RNN', 'LSTM', 'GRU']
CELLS = ['RNNCell', 'LSTMCell', 'GRUCell']


def structure(y):
    if isinstance(y, tuple):
        return '(' + ', '.join(structure(i) for i in y) + ')'
    return 't'


def flat(y):
    return [s for i in y for s in flat(i)] if isinstance(y, tuple) else [list(y.shape)]


def run(kind, args, kwargs, inputs):
    rec = {'kind': kind, 'args': args, 'kwargs': kwargs, 'inputs': inputs}
    try:
        module = getattr(nn, kind)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'stage': 'construct', 'type': type(e).__name__, 'message': str(e)}
        CASES.append(rec)
        return
    xs = [torch.zeros(*s) for s in inputs]
    states = xs[1:]
    call = [xs[0]]
    if states:
        call.append(states[0] if len(states) == 1 else tuple(states))
    try:
        with torch.no_grad():
            y = module(*call)
        rec['outputs'] = flat(y)
        rec['structure'] = structure(y)
        rec['params'] = sum(p.numel() for p in module.parameters())
    except Exception as e:  # noqa: BLE001
        rec['error'] = {'stage': 'forward', 'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


def chance(p):
    return R.random() < p


def maybe_wrong(n, p=0.1):
    return n if not chance(p) else max(1, n + R.choice([-2, -1, 1, 3]))


def sequence_case():
    kind = R.choice(SEQUENCE)
    inp, hidden = R.randint(1, 12), R.randint(1, 12)
    args = [inp, hidden]
    kw = {}
    layers = R.choice([1, 1, 1, 2, 3])
    if layers != 1:
        if chance(0.5):
            args.append(layers)
        else:
            kw['num_layers'] = layers
    for name, p in [('bias', 0.2), ('batch_first', 0.4), ('bidirectional', 0.4)]:
        if chance(p):
            kw[name] = R.random() < 0.5 if name == 'bias' else True
    if chance(0.1):
        kw['dropout'] = R.choice([0.0, 0.3, 1.0, 1.5, -0.1])
    if kind == 'RNN' and chance(0.3):
        kw['nonlinearity'] = R.choice(['tanh', 'relu', 'relu', 'sigmoid'])
    proj = 0
    if chance(0.3 if kind == 'LSTM' else 0.03):
        proj = R.randint(0, hidden + 1)
        kw['proj_size'] = proj
    batch_first = kw.get('batch_first', False)
    directions = 2 if kw.get('bidirectional') else 1
    real = proj if 0 < proj < hidden else hidden
    steps, batch = R.randint(1, 6), R.randint(1, 4)
    features = maybe_wrong(inp)
    r = R.random()
    if r < 0.06:
        x = [R.randint(1, 4) for _ in range(R.choice([1, 4]))]
        batched = False
    elif r < 0.3:
        x, batched = [steps, features], False
    else:
        x = [batch, steps, features] if batch_first else [steps, batch, features]
        batched = True
    inputs = [x]
    if chance(0.45):
        stacked = layers * directions

        def state(size):
            s = [maybe_wrong(stacked, 0.08), maybe_wrong(batch, 0.08), maybe_wrong(size, 0.08)]
            if not batched:
                s = [s[0], s[2]]
            if chance(0.04):
                s = s[:-1] if len(s) > 1 else s + [1]
            return s

        inputs.append(state(real))
        if kind == 'LSTM':
            inputs.append(state(hidden))
    run(kind, args, kw, inputs)


def cell_case():
    kind = R.choice(CELLS)
    inp, hidden = R.randint(1, 12), R.randint(1, 12)
    args, kw = [inp, hidden], {}
    if chance(0.2):
        kw['bias'] = R.random() < 0.5
    if kind == 'RNNCell' and chance(0.25):
        kw['nonlinearity'] = R.choice(['tanh', 'relu', 'sigmoid'])
    batch = R.randint(1, 5)
    features = maybe_wrong(inp)
    r = R.random()
    if r < 0.06:
        x = [R.randint(1, 4) for _ in range(3)]
    elif r < 0.3:
        x = [features]
    else:
        x = [batch, features]
    inputs = [x]
    if len(x) <= 2 and chance(0.45):
        for _ in range(2 if kind == 'LSTMCell' else 1):
            h = [maybe_wrong(batch, 0.1), maybe_wrong(hidden, 0.1)]
            inputs.append(h if len(x) == 2 else [h[1]])
    run(kind, args, kw, inputs)


for _ in range(700):
    sequence_case()
for _ in range(400):
    cell_case()

print(json.dumps({'torch': torch.__version__, 'cases': CASES}, separators=(',', ':')).replace('},{', '},\n{'))
