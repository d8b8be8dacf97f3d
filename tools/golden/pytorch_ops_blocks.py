#!/usr/bin/python3
"""Golden data for the tensor operations of today's building blocks, from real PyTorch 1.13.

    /usr/bin/python3 tools/golden/pytorch_ops_blocks.py > test/golden/pytorch-ops-blocks.json

The same case format as pytorch_ops.py (read its docstring; test/unit/engine/ops-golden.test.ts
reads both files): repeat_interleave, meshgrid, F.grid_sample, F.unfold/fold, movedim, einsum
with `...`, gather, index_select, masked_fill, torch.where, topk, sort, pools with
return_indices=True, F.one_hot, F.embedding. Index tensors carry "high" (values in [0, high)),
masks "bool". Only what has a shape rule is generated: repeat_interleave with an int count (a
tensor of counts makes the size data-dependent), one_hot with num_classes given.
"""
import json
import random
import sys
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings('ignore')
torch.manual_seed(0)
rng = random.Random(20261209)


def T(*shape, **extra):
    return dict({'tensor': list(shape)}, **extra)


def build(v):
    if isinstance(v, dict) and 'tensor' in v:
        if 'high' in v:
            return torch.randint(0, v['high'], tuple(v['tensor']))
        if v.get('bool'):
            return torch.randn(tuple(v['tensor'])) > 0
        return torch.randn(tuple(v['tensor']))
    if isinstance(v, list):
        return [build(x) for x in v]
    return v


def encode(out):
    if isinstance(out, torch.Tensor):
        return {'shape': list(out.shape)}
    if isinstance(out, (tuple, list)) and all(isinstance(t, torch.Tensor) for t in out):
        return {'shapes': [list(t.shape) for t in out]}
    raise TypeError('unexpected output %r' % type(out))


def run(case):
    args = [build(a) for a in case['args']]
    kwargs = {k: build(v) for k, v in case['kwargs'].items()}
    name = case['name']
    try:
        if case['kind'] == 'method':
            out = getattr(build({'tensor': case['self']}), name)(*args, **kwargs)
        elif case['kind'] == 'torch':
            out = getattr(torch, name)(*args, **kwargs)
        else:
            out = getattr(F, name)(*args, **kwargs)
        return encode(out)
    except (RuntimeError, IndexError, ValueError) as e:
        return {'error': str(e).split('\n')[0]}
    except TypeError as e:
        sys.stderr.write('dropped %s %s: %s\n' % (case['kind'], name, str(e).splitlines()[0]))
        return None


cases = []


def add(kind, name, args=(), kwargs=None, self=None):
    c = {'kind': kind, 'name': name}
    if self is not None:
        c['self'] = list(self)
    c['args'] = list(args)
    c['kwargs'] = kwargs or {}
    cases.append(c)


def rshape(lo=1, hi=4, dmax=5, dmin=1):
    return [rng.randint(dmin, dmax) for _ in range(rng.randint(lo, hi))]


def rdim(rank, slack=1):
    r = max(rank, 1)
    return rng.randint(-r - slack, r - 1 + slack)


def chance(p):
    return rng.random() < p


# ---- repeat_interleave ----
for _ in range(60):
    s = rshape(1, 3)
    reps = rng.randint(0, 3) if chance(0.95) else -1
    args, kwargs = [reps], {}
    if chance(0.7):
        d = rdim(len(s))
        if chance(0.5):
            args.append(d)
        else:
            kwargs['dim'] = d
    if chance(0.5):
        add('method', 'repeat_interleave', args, kwargs, self=s)
    else:
        add('torch', 'repeat_interleave', [T(*s)] + args, kwargs)

# ---- meshgrid ----
for _ in range(40):
    n = rng.randint(1, 4)
    # A tensor of rank 2 or more fails with its values printed in the message: not generated.
    ts = [T(*([rng.randint(1, 5)] if chance(0.9) else [])) for _ in range(n)]
    kwargs = {'indexing': rng.choice(['ij', 'xy'])} if chance(0.8) else {}
    if chance(0.5):
        add('torch', 'meshgrid', ts, kwargs)
    else:
        add('torch', 'meshgrid', [ts], kwargs)

# ---- grid_sample ----
for _ in range(50):
    spatial = rng.choice([2, 2, 3])
    n, c = rng.randint(1, 3), rng.randint(1, 3)
    x = [n, c] + [rng.randint(1, 5) for _ in range(spatial)]
    out = [rng.randint(1, 5) for _ in range(spatial)]
    grid = [n if chance(0.9) else n + 1] + out + [spatial if chance(0.9) else spatial + 1]
    if chance(0.06):
        grid = grid[1:]
    kwargs = {}
    if chance(0.3):
        kwargs['mode'] = rng.choice(['bilinear', 'nearest'] + (['bicubic'] if spatial == 2 else []))
    if chance(0.3):
        kwargs['align_corners'] = chance(0.5)
    if chance(0.2):
        kwargs['padding_mode'] = rng.choice(['zeros', 'border', 'reflection'])
    add('F', 'grid_sample', [T(*x), T(*grid)], kwargs)

# ---- unfold / fold ----
for _ in range(70):
    n, c = rng.randint(1, 2), rng.randint(1, 3)
    h, w = rng.randint(1, 7), rng.randint(1, 7)
    x = [n, c, h, w] if chance(0.85) else ([c, h, w] if chance(0.5) else [n, c, h])
    k = rng.randint(1, 3) if chance(0.6) else (rng.randint(1, 3), rng.randint(1, 3))
    kwargs = {}
    for name, lo, hi in (('dilation', 1, 2), ('padding', 0, 2), ('stride', 1, 3)):
        if chance(0.35):
            kwargs[name] = rng.randint(lo, hi)
    add('F', 'unfold', [T(*x), k], kwargs)
for _ in range(60):
    n, c = rng.randint(1, 2), rng.randint(1, 3)
    kh, kw = rng.randint(1, 3), rng.randint(1, 3)
    oh, ow = rng.randint(kh, 6), rng.randint(kw, 6)
    stride, pad = rng.randint(1, 2), rng.randint(0, 1)
    lh = (oh + 2 * pad - kh) // stride + 1
    lw = (ow + 2 * pad - kw) // stride + 1
    blocks = lh * lw if chance(0.85) else lh * lw + 1
    ch = c * kh * kw if chance(0.9) else c * kh * kw + 1
    x = [n, ch, blocks] if chance(0.85) else [ch, blocks]
    add('F', 'fold', [T(*x), (oh, ow), (kh, kw)], {'stride': stride, 'padding': pad})

# ---- movedim / moveaxis ----
for _ in range(60):
    s = rshape(1, 5)
    r = len(s)
    if chance(0.5):
        src, dst = rdim(r, 0 if chance(0.9) else 1), rdim(r, 0)
    else:
        k = rng.randint(1, r)
        src = rng.sample(range(-r, r) if chance(0.1) else range(r), k)
        dst = rng.sample(range(r), k if chance(0.9) else max(1, k - 1))
    name = rng.choice(['movedim', 'moveaxis'])
    if chance(0.5):
        add('method', name, [src, dst], self=s)
    else:
        add('torch', name, [T(*s), src, dst])

# ---- einsum with an ellipsis ----
for eq, shapes in [
    ('...ij,...jk->...ik', [[2, 3, 4], [2, 4, 5]]),
    ('...ij,...jk->...ik', [[3, 4], [2, 4, 5]]),
    ('...ij,...jk', [[2, 1, 3, 4], [5, 4, 2]]),
    ('bhid,bhjd->bhij', [[2, 3, 4, 5], [2, 3, 6, 5]]),
    ('...d,...d->...', [[2, 3, 4], [2, 3, 4]]),
    ('i...->...i', [[2, 3, 4]]),
    ('...ii->...i', [[2, 3, 3]]),
    ('b...,b...->b...', [[2, 3], [2, 3]]),
    ('...ij->...ji', [[2, 3]]),
    ('...', [[2, 3]]),
    ('a...b', [[2, 3, 4, 5]]),
    ('a...b->ba', [[2, 3, 4, 5]]),
    ('...ij,...jk->...ik', [[2, 3, 4], [3, 4, 5]]),
    ('...ij,...jk->...ik', [[2, 3, 4], [2, 5, 5]]),
    ('ab...,b...->a...', [[2, 3, 4], [3, 4]]),
    ('ab...,b...->a...', [[2, 3, 4], [3, 5]]),
    ('abc...', [[2, 3]]),
]:
    add('torch', 'einsum', [eq] + [T(*s) for s in shapes])
for _ in range(50):
    batch = rshape(0, 2, 4)
    i, j, k = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
    b2 = [d if chance(0.8) else rng.choice([1, d + 1]) for d in batch]
    a = batch + [i, j]
    b = b2 + [j if chance(0.9) else j + 1, k]
    if chance(0.3):
        b = b[len(batch) - rng.randint(0, len(batch)):] if batch else b
    eq = rng.choice(['...ij,...jk->...ik', '...ij,...jk', '...ij,...kj->...ik'])
    if eq == '...ij,...kj->...ik':
        b = b[:-2] + [b[-1], b[-2]]
    add('torch', 'einsum', [eq, T(*a), T(*b)])

# ---- gather / index_select ----
for _ in range(60):
    s = rshape(1, 3)
    r = len(s)
    d = rdim(r, 0 if chance(0.9) else 1)
    idx = [rng.randint(1, x) if chance(0.85) else x + 1 for x in s]
    if chance(0.1):
        idx = idx[:-1] if len(idx) > 1 else idx + [1]
    dd = d % r if -r <= d < r else 0
    if dd < len(idx):
        idx[dd] = rng.randint(1, 6)
    high = s[dd]
    if chance(0.5):
        add('torch', 'gather', [T(*s), d, T(*idx, high=high)])
    else:
        add('method', 'gather', [d, T(*idx, high=high)], self=s)
for _ in range(40):
    s = rshape(1, 3)
    r = len(s)
    d = rdim(r, 0 if chance(0.9) else 1)
    dd = d % r if -r <= d < r else 0
    idx = [rng.randint(0, 5)] if chance(0.9) else [2, 2]
    add('torch', 'index_select', [T(*s), d, T(*idx, high=s[dd])])

# ---- masked_fill ----
for _ in range(50):
    s = rshape(1, 4)
    m = s[rng.randint(0, len(s) - 1):] if chance(0.6) else list(s)
    m = [1 if chance(0.3) else x for x in m]
    if chance(0.2):
        m = [x + 1 for x in m]
    if chance(0.1):
        m = [2] + s
    add('method', 'masked_fill', [T(*m, bool=True), 0.0], self=s)

# ---- torch.where ----
for _ in range(40):
    s = rshape(1, 3)
    c = [1 if chance(0.3) else x for x in s]
    o = s[rng.randint(0, len(s) - 1):] if chance(0.5) else [x + (1 if chance(0.15) else 0) for x in s]
    other = T(*o) if chance(0.8) else 0.0
    add('torch', 'where', [T(*c, bool=True), T(*s), other])

# ---- topk / sort ----
for _ in range(30):
    s = rshape(1, 3)
    k = rng.randint(0, max(s) + 1)
    kwargs = {}
    if chance(0.5):
        kwargs['dim'] = rdim(len(s), 0)
    if chance(0.3):
        kwargs['largest'] = chance(0.5)
    add('method', 'topk', [k], kwargs, self=s)
for _ in range(20):
    s = rshape(1, 3)
    kwargs = {'dim': rdim(len(s))} if chance(0.6) else {}
    if chance(0.3):
        kwargs['descending'] = True
    add('torch', 'sort', [T(*s)], kwargs)

# ---- pools with return_indices ----
for _ in range(50):
    n = rng.choice([1, 2, 3])
    x = [rng.randint(1, 2), rng.randint(1, 3)] + [rng.randint(2, 7) for _ in range(n)]
    if chance(0.15):
        x = x[1:]
    k = rng.randint(1, 3)
    kwargs = {'return_indices': True}
    if chance(0.4):
        kwargs['stride'] = rng.randint(1, 2)
    if chance(0.3):
        kwargs['ceil_mode'] = True
    add('F', 'max_pool%dd' % n, [T(*x), k], kwargs)
for _ in range(25):
    n = rng.choice([1, 2, 3])
    x = [rng.randint(1, 2), rng.randint(1, 3)] + [rng.randint(1, 6) for _ in range(n)]
    add('F', 'adaptive_max_pool%dd' % n, [T(*x), rng.randint(1, 3)], {'return_indices': True})

# ---- one_hot / embedding ----
for _ in range(35):
    s = rshape(0, 3)
    n = rng.randint(1, 6)
    add('F', 'one_hot', [T(*s, high=n), n if chance(0.5) else n + rng.randint(0, 2)])
for _ in range(35):
    s = rshape(0, 3)
    num, dim = rng.randint(2, 6), rng.randint(1, 5)
    add('F', 'embedding', [T(*s, high=num), T(num, dim)])

for c in cases:
    c['expect'] = run(c)
cases = [c for c in cases if c['expect'] is not None]
json.dump({'generator': 'tools/golden/pytorch_ops_blocks.py', 'torch': torch.__version__, 'cases': cases}, sys.stdout,
          indent=None, separators=(',', ':'))
sys.stdout.write('\n')
