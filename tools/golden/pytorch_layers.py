#!/usr/bin/env python3
"""Golden data for ConvShape's PyTorch layer rules, produced by real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_layers.py > test/golden/pytorch-layers.json

A seeded random generator of single-layer cases (every layer kind the engine knows, plus the
edge cases of docs/framework-rules.md). Each case is run in PyTorch and recorded on one line:
{"kind", "args" (positional), "kwargs", "inputs" (shapes), "call" (forward kwargs, optional),
 and either "output" + "params" or "error": {"stage": "construct"|"forward", "type", "message"}}.
Deterministic: fixed seeds, and PYTHONHASHSEED=0 so that set-valued messages print stably.
"""
import json
import os
import random
import sys
import warnings

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

warnings.filterwarnings('ignore')
torch.manual_seed(0)
R = random.Random(20240607)
CASES = []


def to_py(v):
    """JSON lists become Python tuples (PyTorch accepts tuples wherever it takes sizes)."""
    if isinstance(v, list):
        return tuple(to_py(x) for x in v)
    return v


def run(kind, args=(), kwargs=None, inputs=(), call=None, int_input=False):
    kwargs = kwargs or {}
    rec = {'kind': kind, 'args': list(args), 'kwargs': kwargs, 'inputs': [list(s) for s in inputs]}
    if call:
        rec['call'] = call
    try:
        module = getattr(nn, kind)(*[to_py(a) for a in args], **{k: to_py(v) for k, v in kwargs.items()})
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'stage': 'construct', 'type': type(e).__name__, 'message': str(e)}
        CASES.append(rec)
        return
    try:
        if int_input:
            xs = [torch.zeros(*s, dtype=torch.long) for s in inputs]
        else:
            xs = [torch.zeros(*s) for s in inputs]
        with torch.no_grad():
            y = module(*xs, **(call or {}))
        if isinstance(y, tuple):
            y = y[0]
        rec['output'] = list(y.shape)
        rec['params'] = sum(p.numel() for p in module.parameters())
    except Exception as e:  # noqa: BLE001
        rec['error'] = {'stage': 'forward', 'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


def chance(p):
    return R.random() < p


def per_axis(n, lo, hi, tuple_p=0.3):
    """An int, or a list of n ints."""
    if n > 1 and chance(tuple_p):
        return [R.randint(lo, hi) for _ in range(n)]
    return R.randint(lo, hi)


def spatial(n, lo=1, hi=None):
    hi = hi or {1: 40, 2: 24, 3: 9}[n]
    return [R.randint(lo, hi) for _ in range(n)]


def make_input(n, channels, wrong_rank_p=0.04, unbatched_p=0.2, mismatch_p=0.1, lo=1):
    c = channels if not chance(mismatch_p) else R.randint(1, 9)
    sp = spatial(n, lo)
    if chance(wrong_rank_p):
        r = R.choice([n, n + 3, 1])
        return [R.randint(1, 6) for _ in range(r)]
    if chance(unbatched_p):
        return [c] + sp
    return [R.randint(1, 3), c] + sp


# ---- convolutions ----

def conv_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 2, 3])
        lazy = chance(0.1)
        groups = R.choice([1, 1, 1, 1, 2, 3, 4])
        cin = groups * R.randint(1, 3) if chance(0.9) else R.randint(1, 8)
        cout = groups * R.randint(1, 4) if chance(0.9) else R.randint(1, 8)
        if chance(0.1):
            groups = cin  # depthwise
            cout = cin * R.randint(1, 2)
        kw = {}
        k = per_axis(n, 1, 5)
        args = [cin, cout, k] if not lazy else [cout, k]
        if chance(0.5):
            kw['stride'] = per_axis(n, 1, 3)
        r = R.random()
        if r < 0.15:
            kw['padding'] = 'same'
        elif r < 0.2:
            kw['padding'] = 'valid'
        elif r < 0.21:
            kw['padding'] = 'full'
        elif r < 0.7:
            kw['padding'] = per_axis(n, 0, 3)
        if chance(0.35):
            kw['dilation'] = per_axis(n, 1, 3)
        if groups != 1 or chance(0.1):
            kw['groups'] = groups
        if chance(0.2):
            kw['bias'] = False
        if chance(0.12):
            kw['padding_mode'] = R.choice(['reflect', 'replicate', 'circular', 'zeros', 'symmetric'])
        if kw.get('padding') == 'same' and chance(0.7):
            kw.pop('stride', None)
        run(('LazyConv%dd' if lazy else 'Conv%dd') % n, args, kw, [make_input(n, cin)])


def conv_transpose_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 2, 3])
        lazy = chance(0.08)
        groups = R.choice([1, 1, 1, 2, 3])
        cin = groups * R.randint(1, 3)
        cout = groups * R.randint(1, 3)
        k = per_axis(n, 1, 5)
        args = [cin, cout, k] if not lazy else [cout, k]
        kw = {}
        stride = per_axis(n, 1, 3)
        if chance(0.8):
            kw['stride'] = stride
        if chance(0.6):
            kw['padding'] = per_axis(n, 0, 3)
        if chance(0.35):
            kw['output_padding'] = per_axis(n, 0, 2)
        if chance(0.3):
            kw['dilation'] = per_axis(n, 1, 3)
        if groups != 1:
            kw['groups'] = groups
        if chance(0.15):
            kw['bias'] = False
        if chance(0.03):
            kw['padding_mode'] = 'reflect'
        if chance(0.02):
            kw['padding'] = R.choice(['same', 'valid'])
        x = make_input(n, cin, lo=1)
        call = None
        if chance(0.25) and len(x) in (n + 1, n + 2) and not isinstance(kw.get('padding'), str):
            s = [stride] * n if isinstance(stride, int) else stride
            s = s if 'stride' in kw else [1] * n
            kk = [k] * n if isinstance(k, int) else k
            p = kw.get('padding', 0)
            p = [p] * n if isinstance(p, int) else p
            d = kw.get('dilation', 1)
            d = [d] * n if isinstance(d, int) else d
            sp = x[-n:]
            lo = [(sp[j] - 1) * s[j] - 2 * p[j] + d[j] * (kk[j] - 1) + 1 for j in range(n)]
            want = [lo[j] + R.randint(0, s[j] - 1) + (R.choice([-1, 1, s[j]]) if chance(0.25) else 0) for j in range(n)]
            if chance(0.15):
                want = x[:-n] + want
            if chance(0.05):
                want = want + [3]
            call = {'output_size': want}
        run(('LazyConvTranspose%dd' if lazy else 'ConvTranspose%dd') % n, args, kw, [x], call)


# ---- pooling ----

def pool_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 2, 3])
        fam = R.choice(['Max', 'Max', 'Avg', 'Avg', 'LP'])
        if fam == 'LP' and n == 3:
            n = 2
        k = per_axis(n, 1, 5)
        kw = {}
        args = [k] if fam != 'LP' else [R.choice([1, 2, 3]), k]
        if chance(0.6):
            kw['stride'] = per_axis(n, 1, 4)
        if fam != 'LP' and chance(0.5):
            kw['padding'] = per_axis(n, 0, 3)
        if fam == 'Max' and chance(0.3):
            kw['dilation'] = per_axis(n, 1, 3)
        if chance(0.35):
            kw['ceil_mode'] = True
        if fam == 'Avg' and chance(0.2):
            kw['count_include_pad'] = False
        x = make_input(n, R.randint(1, 5), mismatch_p=0)
        run('%sPool%dd' % (fam, n), args, kw, [x])
    # docs/framework-rules.md test vectors
    run('MaxPool2d', [2, 2], {'padding': 1, 'ceil_mode': True}, [[1, 1, 5, 5]])
    run('MaxPool2d', [2, 2], {'padding': 1, 'ceil_mode': True}, [[1, 1, 7, 7]])
    run('MaxPool2d', [2, 2], {'ceil_mode': True}, [[1, 1, 5, 5]])
    run('MaxPool2d', [3, 2], {'padding': 1, 'ceil_mode': True}, [[1, 3, 112, 112]])
    run('MaxPool2d', [3, 2], {'padding': 2}, [[1, 3, 8, 8]])


def adaptive_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 3])
        fam = R.choice(['Avg', 'Max'])
        if n > 1 and chance(0.4):
            out = [R.choice([None, 1, 2, 3, 5, 7]) for _ in range(n)]
        else:
            out = R.choice([1, 2, 3, 4, 7])
        run('Adaptive%sPool%dd' % (fam, n), [out], {}, [make_input(n, R.randint(1, 5), mismatch_p=0, wrong_rank_p=0.06)])


# ---- resampling ----

def upsample_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 3])
        x = make_input(n, R.randint(1, 4), mismatch_p=0, unbatched_p=0, wrong_rank_p=0.03)
        mode = R.choice({1: ['nearest', 'linear'], 2: ['nearest', 'bilinear', 'bicubic'], 3: ['nearest', 'trilinear']}[n])
        kw = {'mode': mode} if mode != 'nearest' or chance(0.3) else {}
        if chance(0.5):
            kw['size'] = per_axis(n, 1, 30, tuple_p=0.4) if chance(0.8) else [R.randint(1, 9)] * (n + 1)
        else:
            kw['scale_factor'] = R.choice([2, 3, 0.5, 1.5, 2.5, 1.7]) if chance(0.8) else [R.choice([2, 1.5, 0.5])] * n
        if mode in ('linear', 'bilinear', 'bicubic', 'trilinear') and chance(0.3):
            kw['align_corners'] = R.choice([True, False])
        run('Upsample', [], kw, [x])
    for _ in range(count // 4):
        r = R.randint(1, 3)
        c = R.randint(1, 4) * r * r if chance(0.85) else R.randint(1, 10)
        run('PixelShuffle', [r], {}, [R.choice([[2, c, 3, 4], [c, 5, 2], [1, 2, c, 3, 3]])])
        h = R.randint(1, 4) * r if chance(0.85) else R.randint(1, 9)
        run('PixelUnshuffle', [r], {}, [R.choice([[2, 3, h, 2 * r], [3, h, r]])])
    for _ in range(count // 6):
        x = [R.randint(1, 3), R.randint(1, 4), R.randint(1, 9), R.randint(1, 9)]
        kind = R.choice(['UpsamplingNearest2d', 'UpsamplingBilinear2d'])
        kw = {'size': per_axis(2, 1, 12)} if chance(0.5) else {'scale_factor': R.choice([2, 3])}
        run(kind, [], kw, [x])


# ---- linear family ----

def linear_cases(count):
    for _ in range(count):
        fin = R.randint(1, 64)
        fout = R.randint(1, 32)
        lead = [R.randint(1, 4) for _ in range(R.choice([0, 1, 1, 1, 2, 3]))]
        last = fin if chance(0.8) else R.randint(1, 64)
        kw = {'bias': False} if chance(0.2) else {}
        if chance(0.1):
            run('LazyLinear', [fout], kw, [lead + [last]])
        else:
            run('Linear', [fin, fout], kw, [lead + [last]])
    for _ in range(count // 5):
        a, b, o = R.randint(1, 8), R.randint(1, 8), R.randint(1, 8)
        lead = [R.randint(1, 4) for _ in range(R.choice([1, 1, 2]))]
        x1 = lead + [a if chance(0.85) else R.randint(1, 9)]
        x2 = (lead if chance(0.9) else [R.randint(1, 5)] * len(lead)) + [b if chance(0.85) else R.randint(1, 9)]
        run('Bilinear', [a, b, o], {'bias': False} if chance(0.2) else {}, [x1, x2])
    for _ in range(count // 5):
        num, dim = R.randint(1, 50), R.randint(1, 16)
        kw = {}
        if chance(0.3):
            kw['padding_idx'] = R.randint(-num - 2, num + 1)
        run('Embedding', [num, dim], kw, [[R.randint(1, 4) for _ in range(R.randint(1, 3))]], int_input=True)


# ---- padding layers ----

def padding_cases(count):
    for _ in range(count):
        n = R.choice([1, 2, 3])
        fam = R.choice(['Zero', 'Constant', 'Reflection', 'Replication'])
        if fam == 'Zero':
            n = 2
        lo = -2 if fam in ('Zero', 'Constant') and chance(0.2) else 0
        pad = R.randint(lo, 4) if chance(0.4) else [R.randint(lo, 4) for _ in range(2 * n)]
        args = [pad] if fam != 'Constant' else [pad, 0.5]
        x = make_input(n, R.randint(1, 3), mismatch_p=0, wrong_rank_p=0.05, lo=1)
        if fam == 'Reflection':
            x = x[:-n] + [R.randint(1, 6) for _ in range(n)] if len(x) > n else x
        run('%sPad%dd' % (fam, n), args, {}, [x])


# ---- reshaping ----

def reshape_cases(count):
    for _ in range(count):
        r = R.randint(1, 5)
        x = [R.randint(1, 5) for _ in range(r)]
        kw = {}
        if chance(0.6):
            kw['start_dim'] = R.randint(-r - 1, r)
        if chance(0.4):
            kw['end_dim'] = R.randint(-r - 1, r)
        run('Flatten', [], kw, [x])
    for _ in range(count // 2):
        r = R.randint(1, 4)
        x = [R.randint(1, 4) * R.choice([1, 2, 6]) for _ in range(r)]
        dim = R.randint(-r, r - 1)
        size = x[dim]
        if chance(0.2):
            sizes = [size + 1]
        else:
            f = [d for d in range(1, size + 1) if size % d == 0]
            a = R.choice(f)
            sizes = [a, size // a]
            if chance(0.3):
                sizes[R.randint(0, 1)] = -1
        run('Unflatten', [dim, sizes], {}, [x])


# ---- normalisation ----

def norm_cases(count):
    for _ in range(count):
        kind = R.choice(['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d', 'LayerNorm', 'GroupNorm',
                         'LazyBatchNorm1d', 'LazyBatchNorm2d', 'LazyInstanceNorm2d'])
        c = R.randint(1, 8)
        kw = {}
        if kind.startswith('LayerNorm'):
            x = [R.randint(1, 4) for _ in range(R.randint(1, 4))]
            m = R.randint(1, len(x))
            shape = x[-m:] if chance(0.8) else [R.randint(1, 5) for _ in range(m)]
            arg = shape[0] if m == 1 and chance(0.5) else shape
            if chance(0.2):
                kw['elementwise_affine'] = False
            run('LayerNorm', [arg], kw, [x])
            continue
        if kind == 'GroupNorm':
            g = R.randint(1, 4)
            c = g * R.randint(1, 3) if chance(0.85) else R.randint(1, 8)
            x = [R.randint(1, 3), c if chance(0.85) else R.randint(1, 8)] + [R.randint(1, 4) for _ in range(R.randint(0, 2))]
            if chance(0.2):
                kw['affine'] = False
            run('GroupNorm', [g, c], kw, [x])
            continue
        n = int(kind[-2])
        ranks = {1: [2, 3], 2: [3, 4], 3: [4, 5]}[n]
        if kind.startswith('Instance') or kind.startswith('LazyInstance'):
            ranks = {1: [2, 3], 2: [3, 4], 3: [4, 5]}[n]
        r = R.choice(ranks) if chance(0.93) else R.choice([1, 2, 3, 4, 5, 6])
        x = [R.randint(1, 3) for _ in range(r)]
        cdim = 1 if (r > 1 and (kind.startswith(('BatchNorm', 'LazyBatch')) or r == ranks[1])) else 0
        if r > cdim:
            x[cdim] = c if chance(0.85) else R.randint(1, 8)
        if kind.startswith('BatchNorm') or kind.startswith('LazyBatch'):
            x[0] = max(x[0], 2)  # training-mode batch norm needs more than one value per channel
        if chance(0.25):
            kw['affine'] = not kind.startswith(('Instance', 'LazyInstance'))
        if chance(0.15):
            kw['track_running_stats'] = kind.startswith(('Instance', 'LazyInstance'))
        run(kind, [] if kind.startswith('Lazy') else [c], kw, [x])


# ---- element-wise layers ----

ELEMENTWISE = ['ReLU', 'ReLU6', 'LeakyReLU', 'ELU', 'SELU', 'CELU', 'GELU', 'SiLU', 'Mish', 'Sigmoid', 'Tanh', 'Hardswish', 'Hardsigmoid',
               'Hardtanh', 'Softplus', 'Softsign', 'Tanhshrink', 'LogSigmoid', 'Hardshrink', 'Softshrink', 'Identity',
               'Dropout', 'AlphaDropout', 'FeatureAlphaDropout']


def elementwise_cases(count):
    for _ in range(count):
        x = [R.randint(1, 4) for _ in range(R.randint(1, 5))]
        kind = R.choice(ELEMENTWISE + ['Softmax', 'LogSoftmax', 'Softmin', 'PReLU', 'GLU', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'Softmax2d', 'Threshold'])
        args, kw = [], {}
        if kind in ('Softmax', 'LogSoftmax', 'Softmin'):
            kw['dim'] = R.randint(-len(x) - 1, len(x))
        elif kind == 'GLU':
            x[-1] = R.choice([2, 4, 6, 3])
            if chance(0.3):
                kw['dim'] = R.randint(-len(x), len(x) - 1)
        elif kind == 'PReLU':
            if chance(0.5):
                args = [R.choice([1, x[1] if len(x) > 1 else 1, 3])]
        elif kind == 'Threshold':
            args = [0.1, 0.0]
        elif kind in ('Dropout', 'AlphaDropout', 'Dropout2d') and chance(0.2):
            args = [R.choice([0.0, 0.3, 1.0, 1.5, -0.1])]
        elif kind in ('Dropout1d', 'Dropout2d', 'Dropout3d', 'Softmax2d'):
            x = [R.randint(1, 3) for _ in range(R.randint(1, 6))]
        elif kind == 'Identity' and chance(0.3):
            args = [3, 'x']
        run(kind, args, kw, [x])


def main():
    conv_cases(900)
    conv_transpose_cases(500)
    pool_cases(700)
    adaptive_cases(200)
    upsample_cases(160)
    linear_cases(200)
    padding_cases(220)
    reshape_cases(120)
    norm_cases(300)
    elementwise_cases(300)
    out = sys.stdout
    out.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    out.write(',\n'.join(json.dumps(c, separators=(',', ':')) for c in CASES))
    out.write('\n]}\n')


if __name__ == '__main__':
    main()
