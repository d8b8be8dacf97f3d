#!/usr/bin/python3
"""Golden data for ConvShape's einops rules: shapes from real torch operations.

    /usr/bin/python3 tools/golden/pytorch_einops.py > test/golden/pytorch-einops.json

einops is not installable here; tools/golden/fake_einops/ does what einops' documentation says
each operation does, with torch's reshape/permute/expand/reductions/einsum/cat, so every output
shape below comes from torch. Errors are einops' own checks in einops' words (see that module's
docstring) or, for einsum and pack, torch's error from the torch call einops makes.

A seeded set of cases over the patterns people write (ViT patches, heads split and merged,
pooling, repeat of a class token, pack/unpack), with sizes and axis lengths drawn at random and
some of them wrong. Each case: {"op", "pattern", "inputs": [shapes], "axes": {name: length},
"reduction"?, "packed_shapes"?, "expect": {"shape"} | {"shapes"} | {"error"}}.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake_einops'))

import torch  # noqa: E402
import einops  # noqa: E402

rng = random.Random(20261210)
cases = []


def chance(p):
    return rng.random() < p


def run(case):
    xs = [torch.zeros(tuple(s)) for s in case["inputs"]]
    try:
        op = case['op']
        if op == 'rearrange':
            out = einops.rearrange(xs[0], case['pattern'], **case['axes'])
        elif op == 'repeat':
            out = einops.repeat(xs[0], case['pattern'], **case['axes'])
        elif op == 'reduce':
            out = einops.reduce(xs[0], case['pattern'], case['reduction'], **case['axes'])
        elif op == 'einsum':
            out = einops.einsum(*xs, case['pattern'])
        elif op == 'pack':
            out, ps = einops.pack(xs, case['pattern'])
            return {'shape': list(out.shape), 'packed_shapes': [list(p) for p in ps]}
        else:
            outs = einops.unpack(xs[0], [tuple(p) for p in case['packed_shapes']], case['pattern'])
            return {'shapes': [list(o.shape) for o in outs]}
        return {'shape': list(out.shape)}
    except (RuntimeError, ValueError) as e:
        return {'error': str(e)}


def add(op, pattern, inputs, axes=None, **extra):
    c = dict({'op': op, 'pattern': pattern, 'inputs': inputs, 'axes': axes or {}}, **extra)
    c['expect'] = run(c)
    cases.append(c)


def n(lo=1, hi=5):
    return rng.randint(lo, hi)


def off(v, p=0.12):
    return v if not chance(p) else max(1, v + rng.choice([-1, 1, 2]))


# ---- rearrange ----
for _ in range(320):
    b, c, h, w, p1, p2, d, heads = n(), n(), n(), n(), n(1, 4), n(1, 4), n(), n(1, 4)
    k = rng.randint(0, 15)
    if k == 0:
        add('rearrange', 'b c h w -> b (h w) c', [[b, c, h, w] if chance(0.9) else [b, c, h]])
    elif k == 1:
        axes = {'p1': off(p1), 'p2': p2}
        add('rearrange', 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', [[b, c, h * p1, w * p2]], axes)
    elif k == 2:
        axes = {'h': off(h)} if chance(0.6) else {'h': h, 'w': off(w)}
        add('rearrange', 'b (h w) c -> b c h w', [[b, h * w, c]], axes)
    elif k == 3:
        add('rearrange', 'b n (h d) -> b h n d', [[b, n(), off(heads * d)]], {'h': heads})
    elif k == 4:
        add('rearrange', 'b h n d -> b n (h d)', [[b, heads, n(), d]])
    elif k == 5:
        add('rearrange', 'b ... -> b (...)', [[b] + [n() for _ in range(rng.randint(0, 3))]])
    elif k == 6:
        add('rearrange', '... (h d) -> ... h d', [[n() for _ in range(rng.randint(0, 2))] + [off(heads * d)]], {'h': heads})
    elif k == 7:
        add('rearrange', rng.choice(['b c h w -> b h w c', 'b h w c -> b c h w', 't b c -> b t c', 'b c h w -> (b h w) c']),
            [[n() for _ in range(rng.choice([3, 4, 4, 5]))]])
    elif k == 8:
        add('rearrange', 'b (n m) c -> (b n) m c', [[b, off(n(1, 3) * 4), c]], {'n': 4})
    elif k == 9:
        add('rearrange', '(b t) c -> b t c', [[off(b * 3), c]], {'b': b} if chance(0.8) else {'t': 3})
    elif k == 10:
        add('rearrange', 'b n (qkv h d) -> qkv b h n d', [[b, n(), off(3 * heads * d)]], {'qkv': 3, 'h': heads})
    elif k == 11:
        add('rearrange', 'b c 1 w -> b c w', [[b, c, 1 if chance(0.85) else 2, w]])
    elif k == 12:
        add('rearrange', rng.choice(['b c h w -> b c', 'b c -> b c d', 'b c h w -> b (c h) w q', 'b ... -> ... b c']),
            [[b, c, h, w]])
    elif k == 13:
        add('rearrange', rng.choice(['b (h w) c -> b c h w', 'b (h p) -> b h p']), [[b, h * w, c][:2 + (k % 2)]])
    elif k == 14:
        add('rearrange', 'b c h w -> b c (h w)', [[b, c, h, w]], {'q': 3} if chance(0.3) else {'h': off(h, 0.4)})
    else:
        add('rearrange', rng.choice(['b c (h 2) w -> b c h w', 'b ... c -> b c ...', '... -> ...', 'b c h w -> w h c b']),
            [[b, c, h * 2, w][:rng.choice([2, 4, 4])]])

# ---- reduce ----
for _ in range(160):
    b, c, h, w = n(), n(), n(), n()
    k = rng.randint(0, 7)
    red = rng.choice(['mean', 'max', 'sum', 'min', 'prod'])
    if k == 0:
        add('reduce', 'b c h w -> b c', [[b, c, h, w]], reduction=red)
    elif k == 1:
        add('reduce', 'b c (h 2) (w 2) -> b c h w', [[b, c, off(h * 2), w * 2]], reduction='max')
    elif k == 2:
        add('reduce', 'b n d -> b d', [[b, n(), c]], reduction=red)
    elif k == 3:
        add('reduce', 'b c h w -> b c 1 1', [[b, c, h, w]], reduction='mean')
    elif k == 4:
        add('reduce', '... d -> ...', [[n() for _ in range(rng.randint(1, 3))]], reduction='sum')
    elif k == 5:
        add('reduce', 'b (h p) -> b h', [[b, off(h * 3)]], {'p': 3}, reduction=red)
    elif k == 6:
        add('reduce', rng.choice(['b c -> b c d', 'b c h w -> b c']), [[b, c, h, w][:rng.choice([2, 4])]], reduction=red)
    else:
        add('reduce', 'b c (h h2) (w w2) -> b c h w', [[b, c, off(h * 2), off(w * 3)]], {'h2': 2, 'w2': 3}, reduction='mean')

# ---- repeat ----
for _ in range(150):
    b, n_, d = n(), n(), n()
    k = rng.randint(0, 6)
    if k == 0:
        add('repeat', 'd -> b n d', [[d]], {'b': b, 'n': n_})
    elif k == 1:
        add('repeat', '() n d -> b n d', [[1 if chance(0.9) else 2, n_, d]], {'b': b})
    elif k == 2:
        add('repeat', 'b n d -> b (n r) d', [[b, n_, d]], {'r': n(1, 3)})
    elif k == 3:
        add('repeat', 'c -> b c', [[d]], {} if chance(0.5) else {'b': b})
    elif k == 4:
        add('repeat', 'b c h w -> b c (h 2) (w 2)', [[b, d, n_, n_][:rng.choice([3, 4, 4])]])
    elif k == 5:
        add('repeat', 'h w -> h w c', [[n_, d]], {'c': off(3)})
    else:
        add('repeat', 'b n -> b n c', [[b, n_]], {'c': d, 'q': 2} if chance(0.3) else {'c': d})

# ---- einsum ----
for _ in range(90):
    b, i, j, d, h = n(), n(), n(), n(), n(1, 3)
    k = rng.randint(0, 4)
    if k == 0:
        add('einsum', 'b i d, b j d -> b i j', [[b, i, d], [off(b), j, off(d)]])
    elif k == 1:
        add('einsum', 'b h i d, b h j d -> b h i j', [[b, h, i, d], [b, h, j, off(d)]])
    elif k == 2:
        add('einsum', 'b h i j, b h j d -> b h i d', [[b, h, i, j], [b, h, off(j), d]])
    elif k == 3:
        add('einsum', 'i j, j k -> i k', [[i, j], [off(j), d] if chance(0.9) else [j, d, 2]])
    else:
        add('einsum', rng.choice(['b n d -> b d', 'b n d -> b q', 'b n d, d e -> b n e']), [[b, i, d], [d, j]][: rng.choice([1, 2])])

# ---- pack / unpack ----
for _ in range(90):
    b, c = n(), n()
    k = rng.randint(0, 3)
    pattern = rng.choice(['b * c', 'i j * k', 'b *', '* c'])
    names = pattern.split()
    before = names.index('*')
    after = len(names) - before - 1
    fixed = [n() for _ in range(before)], [n() for _ in range(after)]
    inputs = []
    for _t in range(rng.randint(1, 3)):
        middle = [n() for _ in range(rng.randint(0, 2))]
        shape = fixed[0] + middle + fixed[1]
        if chance(0.08):
            shape = [off(x, 0.5) for x in shape]
        if chance(0.05):
            shape = shape[:max(0, before + after - 1)]
        inputs.append(shape)
    if k < 3:
        add('pack', pattern, inputs)
    else:
        packed = fixed[0] + [n(1, 12)] + fixed[1]
        total = packed[before]
        ps = []
        while total > 0:
            part = rng.randint(1, total)
            ps.append([part] if chance(0.7) else [])
            total -= part if ps[-1] else 1  # an empty shape () holds one element
        if chance(0.15):
            ps.append([2])
        add('unpack', pattern, [packed if chance(0.93) else packed + [1]], packed_shapes=ps)

json.dump({'generator': 'tools/golden/pytorch_einops.py', 'torch': torch.__version__, 'cases': cases}, sys.stdout,
          indent=None, separators=(',', ':'))
sys.stdout.write('\n')
