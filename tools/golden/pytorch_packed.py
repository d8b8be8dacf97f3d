#!/usr/bin/env python3
"""Golden data for ConvShape's packed-sequence rules, produced by real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_packed.py > test/golden/pytorch-packed.json

A seeded random generator of torch.nn.utils.rnn pipelines, each run in PyTorch and recorded on
one line. A case starts from a source, then may run an RNN/LSTM/GRU on the packed sequence, then
may unpack it:

  "source": {"op": "pack_padded", "input": shape, "lengths": {"values": [..]} or {"tensor": shape},
             "batch_first", "enforce_sorted"}
          | {"op": "pack_sequence", "sequences": [shapes], "enforce_sorted"}
          | {"op": "pad_sequence", "sequences": [shapes], "batch_first"}
  "rnn":    {"kind", "args", "kwargs", "states": [shapes]}   (optional; states flattened as h0, c0)
  "unpack": {"batch_first", "total_length"}                  (optional)

and either "result" — {"packed": {"data", "batch", "steps"}} for a PackedSequence (batch =
batch_sizes[0], steps = len(batch_sizes)), {"tensor": shape} for pad_sequence, and after an RNN
its states {"states": [shapes]}, after unpacking {"padded", "lengths"} — or "error":
{"step", "type", "message"}. A lengths tensor's values are not something ConvShape reads: with
{"tensor": ...} lengths the sum and the longest length are left unknown by design (the unit test
allows exactly those to be unknown).

Only what the engine models is generated: sizes of at least 1, lengths no longer than the padded
time axis (longer reads past it: undefined behaviour), states of rank 3.
"""
import json
import random
import warnings

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence, pad_packed_sequence, pad_sequence

warnings.filterwarnings('ignore')
R = random.Random(20261208)
CASES = []


def chance(p):
    return R.random() < p


def wrong(n, p=0.1):
    return n if not chance(p) else max(1, n + R.choice([-2, -1, 1, 2]))


def packed_record(p):
    return {'packed': {'data': list(p.data.shape), 'batch': int(p.batch_sizes[0]), 'steps': len(p.batch_sizes)}}


def run(rec, make, rnn=None, unpack=None):
    step = 'source'
    try:
        value = make()
        if isinstance(value, torch.Tensor):
            rec['result'] = {'tensor': list(value.shape)}
            CASES.append(rec)
            return
        result = packed_record(value)
        if rnn is not None:
            step = 'construct'
            module = getattr(nn, rnn['kind'])(*rnn['args'], **rnn['kwargs'])
            step = 'rnn'
            states = [torch.zeros(*s) for s in rnn['states']]
            with torch.no_grad():
                if not states:
                    out, h = module(value)
                else:
                    out, h = module(value, states[0] if len(states) == 1 else tuple(states))
            flat = list(h) if isinstance(h, tuple) else [h]
            result = packed_record(out)
            result['states'] = [list(t.shape) for t in flat]
            value = out
        if unpack is not None:
            step = 'unpack'
            padded, lengths = pad_packed_sequence(value, **unpack)
            result['padded'] = list(padded.shape)
            result['lengths'] = list(lengths.shape)
        rec['result'] = result
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'step': step, 'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


def random_lengths(batch, steps):
    lengths = sorted((R.randint(1, steps) for _ in range(batch)), reverse=True)
    lengths[0] = steps if chance(0.7) else lengths[0]
    r = R.random()
    if r < 0.12:
        R.shuffle(lengths)
    elif r < 0.17:
        lengths[-1] = 0
    elif r < 0.24:
        lengths = lengths[:-1] if len(lengths) > 1 and chance(0.5) else lengths + [1]
    return lengths


def rnn_step(features, batch):
    kind = R.choice(['RNN', 'LSTM', 'GRU'])
    hidden = R.randint(1, 8)
    kw = {}
    layers = R.choice([1, 1, 2])
    if layers != 1:
        kw['num_layers'] = layers
    if chance(0.4):
        kw['bidirectional'] = True
    if chance(0.3):
        kw['batch_first'] = True
    proj = 0
    if kind == 'LSTM' and hidden > 1 and chance(0.2):
        proj = R.randint(1, hidden - 1)
        kw['proj_size'] = proj
    states = []
    if chance(0.35):
        stacked = layers * (2 if kw.get('bidirectional') else 1)
        states.append([wrong(stacked, 0.1), wrong(batch, 0.1), wrong(proj or hidden, 0.1)])
        if kind == 'LSTM':
            states.append([wrong(stacked, 0.1), wrong(batch, 0.1), wrong(hidden, 0.1)])
    return {'kind': kind, 'args': [wrong(features), hidden], 'kwargs': kw, 'states': states}


def unpack_step(steps):
    u = {}
    if chance(0.4):
        u['batch_first'] = True
    if chance(0.35):
        u['total_length'] = max(1, steps + R.choice([-1, 0, 1, 3]))
    return u


def pack_padded_case():
    batch, steps = R.randint(1, 5), R.randint(1, 6)
    features = [R.randint(1, 6) for _ in range(R.choice([1, 1, 1, 0, 2]))]
    batch_first = chance(0.4)
    shape = ([batch, steps] if batch_first else [steps, batch]) + features
    if chance(0.03):
        shape = [R.randint(1, 5)]
    enforce = not chance(0.3)
    if chance(0.3):
        n = batch if not chance(0.2) else batch + R.choice([-1, 1, 2])
        lengths = {'tensor': [max(1, n)]}
        values = sorted((R.randint(1, steps) for _ in range(max(1, n))), reverse=True)
        make_lengths = lambda: torch.tensor(values)  # noqa: E731
    else:
        values = random_lengths(batch, steps)
        lengths = {'values': values}
        make_lengths = lambda: values  # noqa: E731
    kw = {}
    if batch_first:
        kw['batch_first'] = True
    if not enforce:
        kw['enforce_sorted'] = False
    rec = {'source': {'op': 'pack_padded', 'input': shape, 'lengths': lengths, 'batch_first': batch_first,
                      'enforce_sorted': enforce}}
    width = features[0] if len(features) == 1 else R.randint(1, 6)
    rnn = rnn_step(width, batch) if chance(0.6) else None
    unpack = unpack_step(max(values) if values else 1) if chance(0.6) else None
    if rnn:
        rec['rnn'] = rnn
    if unpack is not None:
        rec['unpack'] = unpack
    run(rec, lambda: pack_padded_sequence(torch.zeros(*shape), make_lengths(), **kw), rnn, unpack)


def sequences_case(op):
    n = R.randint(1, 4) if not chance(0.03) else 0
    trailing = [R.randint(1, 5) for _ in range(R.choice([0, 1, 1, 2]))]
    lengths = [R.randint(1, 6) for _ in range(n)]
    if op == 'pack_sequence' and chance(0.6):
        lengths.sort(reverse=True)
    seqs = []
    for length in lengths:
        t = list(trailing)
        if t and chance(0.1):
            i = R.randrange(len(t))
            t[i] = R.choice([1, t[i] + 1, t[i] + 2])
        if chance(0.04):
            t = t + [R.randint(1, 3)]
        seqs.append([length] + t)
    tensors = lambda: [torch.zeros(*s) for s in seqs]  # noqa: E731
    if op == 'pad_sequence':
        batch_first = chance(0.5)
        rec = {'source': {'op': op, 'sequences': seqs, 'batch_first': batch_first}}
        run(rec, lambda: pad_sequence(tensors(), batch_first=batch_first))
        return
    enforce = not chance(0.3)
    rec = {'source': {'op': op, 'sequences': seqs, 'enforce_sorted': enforce}}
    width = trailing[0] if len(trailing) == 1 else R.randint(1, 6)
    rnn = rnn_step(width, n) if chance(0.6) else None
    unpack = unpack_step(max(lengths) if lengths else 1) if chance(0.6) else None
    if rnn:
        rec['rnn'] = rnn
    if unpack is not None:
        rec['unpack'] = unpack
    run(rec, lambda: pack_sequence(tensors(), enforce_sorted=enforce), rnn, unpack)


for _ in range(700):
    pack_padded_case()
for _ in range(250):
    sequences_case('pack_sequence')
for _ in range(250):
    sequences_case('pad_sequence')

print(json.dumps({'torch': torch.__version__, 'cases': CASES}, separators=(',', ':')).replace('},{"source"', '},\n{"source"'))
