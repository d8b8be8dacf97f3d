#!/usr/bin/env python3
"""Golden data for ConvShape's tensor indexing rule, produced by real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_indexing.py > test/golden/pytorch-indexing.json

A seeded random generator of subscripts `x[...]` on tensors of rank 1 to 4, each run in PyTorch
and recorded on one line: {"shape", "tuple" (the index is a tuple, else one part), "parts", and
"output" or "error": {"type", "message"}}. A part is "None", "...", {"int": v}, {"slice": [start,
stop, step]} (null for an omitted bound), {"list": [...]} (ints, bools, or a list of lists of
ints), {"long": shape} (an int64 tensor of that shape, values in range: its values are not known
to ConvShape), {"long0": true} (a 0-d int64 tensor) or {"mask": shape} (a bool tensor of random
values: how many are True is not known to ConvShape, so the unit test lets that size be unknown).
"""
import json
import random
import warnings

import torch

warnings.filterwarnings('ignore')
R = random.Random(20261209)
CASES = []


def chance(p):
    return R.random() < p


def int_part(size):
    if chance(0.12):
        return R.choice([size, size + 1, -size - 1, size + 3])
    return R.randint(-size, size - 1)


def slice_part(size):
    bound = lambda: None if chance(0.4) else R.randint(-size - 1, size + 1)  # noqa: E731
    step = None if chance(0.6) else R.choice([1, 2, 3])
    return {'slice': [bound(), bound(), step]}


def list_part(size, nested):
    n = R.choice([0, 1, 2, 2, 3])
    if chance(0.15):
        return {'list': [R.random() < 0.5 for _ in range(size if not chance(0.2) else size + 1)]}
    values = lambda k: [int_part(size) if chance(0.3) else R.randint(0, size - 1) for _ in range(k)]  # noqa: E731
    if nested and chance(0.2):
        return {'list': [values(n or 1) for _ in range(R.randint(1, 2))]}
    return {'list': values(n)}


def tensor_part(shape, axis):
    r = R.random()
    if r < 0.45:
        return {'long': [R.randint(1, 3) for _ in range(R.choice([1, 1, 2]))]}
    if r < 0.55:
        return {'long0': True}
    k = R.choice([1, 1, 2])
    mask = list(shape[axis:axis + k])
    if mask and chance(0.15):
        mask[R.randrange(len(mask))] += 1
    return {'mask': mask or [1]}


def make_index(shape):
    rank = len(shape)
    n = R.randint(1, rank) if chance(0.9) else rank + 1
    parts = []
    axis = 0
    for _ in range(n):
        size = shape[axis] if axis < rank else 2
        r = R.random()
        if r < 0.08:
            parts.append('None')
            continue
        if r < 0.14 and '...' not in parts:
            parts.append('...')
            axis = rank - (n - len(parts))
            continue
        if r < 0.34:
            parts.append({'int': int_part(size)})
        elif r < 0.56:
            parts.append(slice_part(size))
        elif r < 0.8:
            parts.append(list_part(size, True))
        else:
            part = tensor_part(shape, axis)
            parts.append(part)
            if 'mask' in part:
                axis += len(part['mask']) - 1
        axis += 1
    return parts


def build(part, shape_hint):
    if part == 'None':
        return None
    if part == '...':
        return Ellipsis
    if 'int' in part:
        return part['int']
    if 'slice' in part:
        return slice(*part['slice'])
    if 'list' in part:
        return part['list']
    if 'long' in part:
        return torch.randint(0, max(1, min(shape_hint)), part['long'])
    if 'long0' in part:
        return torch.tensor(0)
    return torch.rand(*part['mask']) < 0.5


def case():
    shape = [R.randint(1, 5) for _ in range(R.randint(1, 4))]
    parts = make_index(shape)
    as_tuple = len(parts) != 1 or chance(0.4)
    rec = {'shape': shape, 'tuple': as_tuple, 'parts': parts}
    x = torch.zeros(*shape)
    built = [build(p, shape) for p in parts]
    index = tuple(built) if as_tuple else built[0]
    try:
        rec['output'] = list(x[index].shape)
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


for _ in range(1500):
    case()

print(json.dumps({'torch': torch.__version__, 'cases': CASES}, separators=(',', ':')).replace('},{"shape"', '},\n{"shape"'))
