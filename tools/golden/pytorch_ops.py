#!/usr/bin/python3
"""Golden data for the engine's PyTorch tensor operations, from real PyTorch.

Generates a seeded set of cases (tensor methods, torch functions, torch.nn.functional forms,
valid and invalid), runs each in real PyTorch and records the output shape(s) or the exception
message. Run with the system interpreter that has PyTorch 1.13:

    /usr/bin/python3 tools/golden/pytorch_ops.py > test/golden/pytorch-ops.json

Case format: {"kind": "method"|"attr"|"torch"|"F", "name", "self"?: shape, "args": [...],
"kwargs": {...}, "expect": {...}}. A tensor argument is {"tensor": shape} (integer tensors for
indices add "high": n, values in [0, n)). "expect" is {"shape"}, {"shapes"}, {"dims"}, {"dim"}
or {"error": message}.
"""
import json
import random
import sys
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings('ignore')
torch.manual_seed(0)
rng = random.Random(20240601)

ATTRS = {'T', 'mT', 'shape', 'ndim'}


def T(*shape):
    return {'tensor': list(shape)}


def build(v):
    """Turns an encoded argument into the Python value PyTorch receives."""
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
    if isinstance(out, torch.Size):
        return {'dims': list(out)}
    if isinstance(out, bool):
        raise TypeError('unexpected bool')
    if isinstance(out, int):
        return {'dim': out}
    if isinstance(out, (tuple, list)) and all(isinstance(t, torch.Tensor) for t in out):
        return {'shapes': [list(t.shape) for t in out]}
    raise TypeError('unexpected output %r' % type(out))


def run(case):
    args = [build(a) for a in case['args']]
    kwargs = {k: build(v) for k, v in case['kwargs'].items()}
    name = case['name']
    try:
        if case['kind'] in ('method', 'attr'):
            x = build({'tensor': case['self']})
            if case['kind'] == 'attr':
                out = getattr(x, name)
            elif name in OPERATORS:
                out = OPERATORS[name](x, args[0])
            else:
                out = getattr(x, name)(*args, **kwargs)
        elif case['kind'] == 'torch':
            out = getattr(torch, name)(*args, **kwargs)
        else:
            out = getattr(F, name)(*args, **kwargs)
        return encode(out)
    except (RuntimeError, IndexError, ValueError) as e:
        return {'error': str(e)}
    except TypeError as e:
        # Python-level argument errors are not shape rules: such cases are dropped.
        sys.stderr.write('dropped %s %s: %s\n' % (case['kind'], name, str(e).splitlines()[0]))
        return None


OPERATORS = {
    '+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b, '/': lambda a, b: a / b,
    '@': lambda a, b: a @ b, '__radd__': lambda a, b: b + a, '__rmatmul__': lambda a, b: b @ a,
    'add_': lambda a, b: a.add_(b), 'mul_': lambda a, b: a.mul_(b), '__iadd__': lambda a, b: a.__iadd__(b),
}

cases = []


def add(kind, name, args=(), kwargs=None, self=None):
    c = {'kind': kind, 'name': name}
    if self is not None:
        c['self'] = list(self)
    c['args'] = list(args)
    c['kwargs'] = kwargs or {}
    cases.append(c)


def rshape(lo=1, hi=4, dmax=6, dmin=1):
    return [rng.randint(dmin, dmax) for _ in range(rng.randint(lo, hi))]


def rdim(rank, slack=1):
    r = max(rank, 1)
    return rng.randint(-r - slack, r - 1 + slack)


def numel(s):
    n = 1
    for d in s:
        n *= d
    return n


def factorize(n, parts):
    """A random list of `parts` positive ints whose product is n."""
    out = [1] * parts
    k = n
    p = 2
    primes = []
    while k > 1:
        while k % p == 0:
            primes.append(p)
            k //= p
        p += 1
    for q in primes:
        out[rng.randrange(parts)] *= q
    return out


# ---- view / reshape ----
for _ in range(140):
    s = rshape(0, 4)
    name = rng.choice(['view', 'reshape'])
    n = numel(s)
    mode = rng.random()
    if mode < 0.45:
        target = factorize(n, rng.randint(1, 4))
        if rng.random() < 0.6:
            target[rng.randrange(len(target))] = -1
    elif mode < 0.8:
        target = [rng.randint(1, 8) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.6:
            target[rng.randrange(len(target))] = -1
    elif mode < 0.9:
        target = [-1, -1] if rng.random() < 0.5 else [n, -2]
    else:
        target = [-1, 0] if rng.random() < 0.5 else [0, n]
    if rng.random() < 0.3:
        add('method', name, [target], self=s)
    else:
        add('method', name, target, self=s)
add('method', 'view', [-1, 784], self=[100])
add('method', 'view', [-1, 0], self=[2, 0])
add('method', 'reshape', [-1, 5], self=[2, 0])
add('torch', 'reshape', [T(2, 3, 4), [4, -1]])
add('torch', 'reshape', [T(2, 3, 4), [5, -1]])
add('torch', 'reshape', [T(2, 3, 4), (24,)])

# ---- flatten / unflatten ----
for _ in range(70):
    s = rshape(0, 4)
    args = []
    if rng.random() < 0.8:
        args.append(rdim(len(s)))
        if rng.random() < 0.6:
            args.append(rdim(len(s)))
    if rng.random() < 0.5:
        add('method', 'flatten', args, self=s)
    else:
        add('torch', 'flatten', [T(*s)] + args)
for _ in range(40):
    s = rshape(1, 3)
    d = rdim(len(s), 0)
    size = s[d]
    sizes = factorize(size, rng.randint(1, 3)) if rng.random() < 0.7 else [rng.randint(1, 4), rng.randint(1, 4)]
    if rng.random() < 0.4:
        sizes[rng.randrange(len(sizes))] = -1
    add('method', 'unflatten', [d, sizes], self=s)
add('method', 'unflatten', [1, []], self=[2, 12])
add('method', 'unflatten', [1, [-1, -1]], self=[2, 12])
add('method', 'unflatten', [-1, [5, -1]], self=[2, 12])

# ---- permute / transpose / t / T ----
for _ in range(60):
    s = rshape(1, 4)
    dims = list(range(len(s)))
    rng.shuffle(dims)
    dims = [d - len(s) if rng.random() < 0.3 else d for d in dims]
    r = rng.random()
    if r < 0.1 and len(dims) > 1:
        dims = dims[:-1]
    elif r < 0.2 and len(dims) > 1:
        dims[0] = dims[1]
    elif r < 0.3:
        dims[-1] = len(s)
    if rng.random() < 0.5:
        add('method', 'permute', dims, self=s)
    elif rng.random() < 0.5:
        add('method', 'permute', [dims], self=s)
    else:
        add('torch', 'permute', [T(*s), dims])
for _ in range(50):
    s = rshape(0, 4)
    a, b = rdim(len(s)), rdim(len(s))
    if rng.random() < 0.6:
        add('method', rng.choice(['transpose', 'swapaxes']), [a, b], self=s)
    else:
        add('torch', 'transpose', [T(*s), a, b])
for s in ([], [3], [2, 3], [2, 3, 4]):
    add('method', 't', [], self=s)
    add('attr', 'T', [], self=s)
for s in ([2, 3], [4, 2, 3]):
    add('attr', 'mT', [], self=s)

# ---- squeeze / unsqueeze ----
for _ in range(70):
    s = [rng.choice([1, 1, 2, 3]) for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.3:
        add('method', 'squeeze', [], self=s)
    elif rng.random() < 0.5:
        add('method', 'squeeze', [rdim(len(s))], self=s)
    else:
        add('torch', 'squeeze', [T(*s), rdim(len(s))])
for _ in range(50):
    s = rshape(0, 4)
    d = rng.randint(-len(s) - 2, len(s) + 1)
    if rng.random() < 0.6:
        add('method', 'unsqueeze', [d], self=s)
    else:
        add('torch', 'unsqueeze', [T(*s), d])

# ---- reductions ----
REDUCTIONS = ['mean', 'sum', 'amax', 'amin', 'std', 'var', 'argmax', 'argmin', 'logsumexp', 'prod', 'all', 'any']
for _ in range(160):
    s = rshape(0, 4, dmin=2)
    name = rng.choice(REDUCTIONS)
    kwargs = {}
    args = []
    r = rng.random()
    multi = name in ('mean', 'sum', 'amax', 'amin', 'std', 'var', 'logsumexp')
    if name in ('logsumexp',) or r < 0.8:
        if multi and rng.random() < 0.4 and len(s) >= 2:
            k = rng.randint(1, len(s))
            dims = rng.sample(range(len(s)), k)
            if rng.random() < 0.15:
                dims.append(dims[0])
            args.append(dims)
        else:
            args.append(rdim(len(s)))
        if rng.random() < 0.5:
            kwargs['keepdim'] = rng.random() < 0.5
    if rng.random() < 0.5 or not args:
        add('method', name, args, kwargs, self=s)
    else:
        add('torch', name, [T(*s)] + args, kwargs)
for _ in range(40):
    s = rshape(1, 4, dmin=2)
    name = rng.choice(['max', 'min'])
    r = rng.random()
    if r < 0.2:
        add('method', name, [], self=s)
    elif r < 0.7:
        add('method', name, [rdim(len(s))] + ([rng.random() < 0.5] if rng.random() < 0.5 else []), self=s)
    else:
        other = s[rng.randint(0, len(s) - 1):]
        if rng.random() < 0.3:
            other = [o + 1 for o in other]
        add('method', name, [T(*other)], self=s)
for s in ([2, 3], [2, 3, 4]):
    add('method', 'norm', [], self=s)
    add('method', 'norm', [2], self=s)
    add('method', 'norm', [2, 1], self=s)
    add('method', 'norm', [], {'dim': [0, 1], 'keepdim': True}, self=s)
    add('method', 'norm', [], {'dim': 5}, self=s)
    add('method', 'std', [True], self=s)
    add('method', 'argmax', [], {'keepdim': True}, self=s)
    add('method', 'mean', [[]], self=s)
    add('method', 'sum', [None], self=s)
for _ in range(20):
    s = rshape(1, 3, dmin=3)
    add('method', rng.choice(['topk']), [rng.randint(1, 2)] + ([rdim(len(s))] if rng.random() < 0.7 else []), self=s)
    add('method', 'sort', [rdim(len(s))], self=s)

# ---- queries ----
for _ in range(40):
    s = rshape(0, 4)
    r = rng.random()
    if r < 0.4:
        add('method', 'size', [rdim(len(s))], self=s)
    elif r < 0.55:
        add('method', 'size', [], self=s)
    elif r < 0.7:
        add('attr', 'shape', [], self=s)
    elif r < 0.8:
        add('method', 'dim', [], self=s)
    elif r < 0.9:
        add('attr', 'ndim', [], self=s)
    else:
        add('method', 'numel', [], self=s)

# ---- shape-preserving ----
for name in ['contiguous', 'float', 'relu', 'sigmoid', 'tanh', 'detach', 'clone', 'cpu', 'abs', 'exp']:
    add('method', name, [], self=rshape())
for _ in range(30):
    s = rshape(1, 4)
    name = rng.choice(['softmax', 'log_softmax', 'cumsum'])
    add('method', name, [rdim(len(s))], self=s)
add('method', 'to', ['cpu'], self=[2, 3])
add('method', 'type_as', [T(4)], self=[2, 3])

# ---- expand / repeat ----
for _ in range(50):
    s = [rng.choice([1, 1, 2, 3]) for _ in range(rng.randint(0, 3))]
    extra = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))]
    target = extra + [d if d != 1 else rng.choice([1, 3, 4]) for d in s]
    r = rng.random()
    if r < 0.25 and s:
        i = rng.randrange(len(target))
        target[i] = -1
    elif r < 0.4 and s:
        i = rng.randrange(len(s))
        target[len(extra) + i] = s[i] + 1 if s[i] != 1 else 2
    elif r < 0.5 and extra:
        target[0] = -1
    elif r < 0.55 and len(s) > 1:
        target = target[-1:]
    if rng.random() < 0.75:
        add('method', 'expand', target, self=s)
    else:
        add('method', 'expand_as', [T(*[max(t, 1) for t in target])], self=s)
for _ in range(30):
    s = rshape(0, 3)
    reps = [rng.randint(1, 3) for _ in range(rng.randint(max(len(s) - 1, 0), len(s) + 2))]
    add('method', 'repeat', reps, self=s)

# ---- chunk / split / unbind ----
for _ in range(70):
    s = rshape(1, 3, dmax=9)
    d = rdim(len(s), 0) if rng.random() < 0.9 else len(s)
    name = rng.choice(['chunk', 'split', 'split_list'])
    if name == 'chunk':
        args = [rng.randint(0, 5) if rng.random() < 0.9 else -1, d]
        (add('method', 'chunk', args, self=s) if rng.random() < 0.6 else add('torch', 'chunk', [T(*s)] + args))
    elif name == 'split':
        args = [rng.randint(1, 5) if rng.random() < 0.9 else rng.choice([0, -1]), d]
        (add('method', 'split', args, self=s) if rng.random() < 0.6 else add('torch', 'split', [T(*s)] + args))
    else:
        size = s[d] if -len(s) <= d < len(s) else 3
        sizes = factorize(1, 1)
        sizes = []
        left = size
        while left > 0:
            k = rng.randint(1, left)
            sizes.append(k)
            left -= k
        if rng.random() < 0.3:
            sizes.append(1)
        add('method', 'split', [sizes, d], self=s)
for s, d in (([0, 3], 0), ([2, 3], 1), ([4], 0), ([3, 2], -1), ([], 0)):
    add('method', 'unbind', [d], self=s)
add('method', 'chunk', [3], self=[0, 3])
add('method', 'split', [0], self=[0, 3])
add('method', 'chunk', [2], self=[])

# ---- matmul family ----
def rmatmul_pair():
    ra, rb = rng.randint(1, 4), rng.randint(1, 4)
    k = rng.randint(1, 5)
    a = rshape(ra - 1, ra - 1, dmax=4)
    b = rshape(rb - 1, rb - 1, dmax=4)
    if ra == 1:
        a = [k]
    else:
        a = a[:-1] + [k] if ra >= 2 else a
        a = a[:ra - 2] + [rng.randint(1, 4), k]
    if rb == 1:
        b = [k]
    else:
        b = b[:rb - 2] + [k, rng.randint(1, 4)]
    if ra >= 3 and rb >= 3 and rng.random() < 0.7:
        # make the batch axes broadcastable
        ba, bb = a[:-2], b[:-2]
        n = min(len(ba), len(bb))
        for i in range(1, n + 1):
            if rng.random() < 0.5:
                bb[-i] = ba[-i]
            elif rng.random() < 0.5:
                bb[-i] = 1
        b = bb + b[-2:]
    if rng.random() < 0.3:
        # break the contraction
        if rb == 1:
            b = [k + 1]
        else:
            b[-2] = k + 1
    return a, b


for _ in range(120):
    a, b = rmatmul_pair()
    r = rng.random()
    if r < 0.4:
        add('torch', 'matmul', [T(*a), T(*b)])
    elif r < 0.7:
        add('method', 'matmul', [T(*b)], self=a)
    else:
        add('method', '@', [T(*b)], self=a)
add('torch', 'matmul', [T(), T(3)])
add('method', '__rmatmul__', [T(2, 3)], self=[3, 4])
for _ in range(30):
    n, k, m = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
    add('torch', 'mm', [T(n, k), T(k if rng.random() < 0.6 else k + 1, m)])
for a, b in (([2, 3, 3], [3, 5]), ([2, 3], [3]), ([3], [3, 2])):
    add('torch', 'mm', [T(*a), T(*b)])
for _ in range(30):
    bsz, n, k, m = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
    b2 = [bsz if rng.random() < 0.7 else bsz + 1, k if rng.random() < 0.7 else k + 1, m]
    add('torch', 'bmm', [T(bsz, n, k), T(*b2)])
for a, b in (([3, 4], [4, 5]), ([2, 3, 4], [2, 4])):
    add('torch', 'bmm', [T(*a), T(*b)])
add('torch', 'dot', [T(3), T(4)])
add('torch', 'dot', [T(3), T(3)])
add('torch', 'mv', [T(5, 3), T(4)])
add('torch', 'mv', [T(5, 3), T(3)])

# ---- broadcasting arithmetic ----
def rbroadcast_pair():
    a = rshape(0, 4, dmax=5)
    b = a[rng.randint(0, len(a)):] if a else []
    b = [rng.choice([d, d, 1]) for d in b]
    a = [rng.choice([d, d, 1]) if rng.random() < 0.3 else d for d in a]
    if rng.random() < 0.3:
        b = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))] + b
    if rng.random() < 0.35 and b:
        i = rng.randrange(len(b))
        b[i] = b[i] + 2
    if rng.random() < 0.5:
        a, b = b, a
    return a, b


for _ in range(150):
    a, b = rbroadcast_pair()
    r = rng.random()
    if r < 0.3:
        add('method', rng.choice(['+', '-', '*', '/']), [T(*b)], self=a)
    elif r < 0.5:
        add('method', rng.choice(['add', 'sub', 'mul', 'div', 'maximum', 'eq']), [T(*b)], self=a)
    elif r < 0.65:
        add('torch', rng.choice(['add', 'sub', 'mul']), [T(*a), T(*b)])
    elif r < 0.8:
        add('method', rng.choice(['add_', 'mul_', '__iadd__']), [T(*b)], self=a)
    elif r < 0.9:
        add('method', '__radd__', [T(*b)], self=a)
    else:
        add('method', rng.choice(['+', 'mul']), [rng.choice([2, 0.5])], self=a)
for _ in range(15):
    a, b = rbroadcast_pair()
    c = rbroadcast_pair()[0]
    add('torch', 'where', [{'tensor': a, 'bool': True}, T(*b), T(*c)])

# ---- cat / stack ----
for _ in range(100):
    s = rshape(1, 4)
    count = rng.randint(1, 4)
    d = rdim(len(s), 0) if rng.random() < 0.9 else len(s)
    shapes = []
    for _ in range(count):
        t = list(s)
        if -len(s) <= d < len(s):
            t[d] = rng.randint(1, 5)
        if rng.random() < 0.15:
            i = rng.randrange(len(t))
            t[i] += 1
        if rng.random() < 0.05:
            t = t + [2]
        shapes.append(t)
    name = rng.choice(['cat', 'cat', 'concat', 'stack'])
    if name == 'stack':
        shapes = [list(s) if rng.random() < 0.8 else sh for sh in shapes]
        d = rng.randint(-len(s) - 1, len(s)) if rng.random() < 0.9 else len(s) + 1
    args = [[T(*x) for x in shapes]]
    if rng.random() < 0.8:
        args.append(d)
    add('torch', name, args)
add('torch', 'cat', [[T(1, 3, 28), T(1, 3, 27)], 2])
add('torch', 'cat', [[T(2, 28), T(2, 27)], 1])
add('torch', 'cat', [[T(2, 3), T(4, 5)], 1])
add('torch', 'cat', [[]])
add('torch', 'cat', [[T(), T()]])
add('torch', 'cat', [[T(0), T(2, 3)], 1])
add('torch', 'cat', [[T(2, 3), T(0)], 1])
add('torch', 'cat', [[T(0), T(0)]])
add('torch', 'stack', [[]])
add('torch', 'stack', [[T(2, 3), T(2, 4)], 2])
add('torch', 'stack', [[T(2, 3), T(2, 4)], -1])

# ---- factories ----
for _ in range(40):
    s = rshape(0, 4)
    name = rng.choice(['zeros', 'ones', 'randn', 'rand', 'empty'])
    if rng.random() < 0.1 and s:
        s[rng.randrange(len(s))] = -rng.randint(1, 2)
    add('torch', name, [s] if rng.random() < 0.4 else s)
    add('torch', rng.choice(['zeros_like', 'ones_like', 'randn_like', 'rand_like', 'empty_like']), [T(*[abs(d) for d in s])])
add('torch', 'full', [[2, 3], 1.5])
add('torch', 'full_like', [T(2, 3), 7])
add('torch', 'randint', [0, 5, [2, 3]])
add('torch', 'randint', [5, [4]])
add('torch', 'arange', [10])
add('torch', 'arange', [0, 10, 3])
add('torch', 'arange', [1.0, 2.0, 0.3])
add('torch', 'linspace', [0, 1, 5])
add('torch', 'eye', [3])
add('torch', 'eye', [3, 4])
add('torch', 'tensor', [[[1, 2, 3], [4, 5, 6]]])
add('torch', 'tensor', [3.0])
add('torch', 'zeros', [], {'size': [2, 3]})

# ---- einsum ----
for eq, shapes in (('ij,jk->ik', [[2, 3], [3, 4]]), ('ij,jk->ik', [[2, 3], [4, 5]]), ('bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]),
                   ('ij,jk', [[2, 3], [3, 4]]), ('ii->i', [[3, 3]]), ('ij->ji', [[2, 3]]), ('ij->', [[2, 3]]),
                   ('i,j->ij', [[2], [3]]), ('bhqd,bhkd->bhqk', [[2, 4, 5, 8], [2, 4, 6, 8]]), ('ij,jk->ik', [[2, 3, 1], [3, 4]]),
                   ('ij,jk->ik', [[2, 3]]), ('ij->ij', [[2, 3], [3, 4]]), ('ij,j->i', [[2, 1], [5]]), ('Ab,bc->Ac', [[2, 3], [3, 4]])):
    add('torch', 'einsum', [eq] + [T(*s) for s in shapes])

# ---- functional: convolutions ----
for _ in range(90):
    n = rng.choice([1, 2, 2, 3])
    groups = rng.choice([1, 1, 1, 2])
    cin = rng.randint(1, 3) * groups
    cout = rng.randint(1, 3) * groups
    k = [rng.randint(1, 3) for _ in range(n)]
    spatial = [rng.randint(1, 8) for _ in range(n)]
    batched = rng.random() < 0.8
    x = ([rng.randint(1, 2)] if batched else []) + [cin if rng.random() < 0.8 else cin + 1] + spatial
    if rng.random() < 0.05:
        x = x[1:]
    if rng.random() < 0.05:
        cout += 1
    w = [cout, cin // groups] + k
    kwargs = {}
    if groups != 1:
        kwargs['groups'] = groups
    if rng.random() < 0.5:
        kwargs['stride'] = rng.randint(1, 3)
    if rng.random() < 0.5:
        kwargs['padding'] = rng.choice([0, 1, 2, 'same', 'valid'])
    if rng.random() < 0.3:
        kwargs['dilation'] = rng.randint(1, 2)
    args = [T(*x), T(*w)]
    if rng.random() < 0.3:
        args.append(T(cout))
    add('F', 'conv%dd' % n, args, kwargs)
for _ in range(40):
    n = rng.choice([1, 2, 3])
    cin, cout = rng.randint(1, 3), rng.randint(1, 3)
    k = [rng.randint(1, 3) for _ in range(n)]
    x = [rng.randint(1, 2), cin if rng.random() < 0.85 else cin + 1] + [rng.randint(1, 5) for _ in range(n)]
    kwargs = {}
    s = rng.randint(1, 3)
    if s > 1 or rng.random() < 0.3:
        kwargs['stride'] = s
    if rng.random() < 0.5:
        kwargs['padding'] = rng.randint(0, 1)
    if rng.random() < 0.4:
        kwargs['output_padding'] = rng.randint(0, s)
    add('F', 'conv_transpose%dd' % n, [T(*x), T(cin, cout, *k)], kwargs)

# ---- functional: linear, embedding, one_hot ----
for _ in range(30):
    s = rshape(1, 3, dmax=5)
    out = rng.randint(1, 6)
    inn = s[-1] if rng.random() < 0.7 else s[-1] + 1
    args = [T(*s), T(out, inn)]
    if rng.random() < 0.4:
        args.append(T(out))
    add('F', 'linear', args)
for _ in range(10):
    s = rshape(1, 3, dmax=5)
    add('F', 'embedding', [{'tensor': s, 'high': 5}, T(5, rng.randint(1, 8))])
for _ in range(8):
    s = rshape(1, 3, dmax=5)
    add('F', 'one_hot', [{'tensor': s, 'high': 4}, rng.randint(4, 7)])

# ---- functional: pooling ----
for _ in range(90):
    n = rng.choice([1, 2, 2, 3])
    kind = rng.choice(['max', 'avg'])
    spatial = [rng.randint(1, 9) for _ in range(n)]
    x = [rng.randint(1, 2), rng.randint(1, 3)][:rng.choice([1, 2, 2])] + spatial
    k = rng.randint(1, 3)
    kwargs = {}
    if rng.random() < 0.5:
        kwargs['stride'] = rng.randint(1, 3)
    if rng.random() < 0.4:
        kwargs['padding'] = rng.randint(0, 2)
    if rng.random() < 0.4:
        kwargs['ceil_mode'] = True
    if kind == 'max' and rng.random() < 0.2:
        kwargs['dilation'] = 2
    if kind == 'max' and rng.random() < 0.15:
        kwargs['return_indices'] = True
    add('F', '%s_pool%dd' % (kind, n), [T(*x), k], kwargs)
for _ in range(30):
    n = rng.choice([1, 2, 3])
    kind = rng.choice(['avg', 'max'])
    x = [2, 3] + [rng.randint(1, 9) for _ in range(n)]
    size = rng.randint(1, 4) if rng.random() < 0.5 else [rng.choice([rng.randint(1, 4), None]) for _ in range(n)]
    add('F', 'adaptive_%s_pool%dd' % (kind, n), [T(*x), size])

# ---- functional: activations, dropout, softmax ----
for _ in range(30):
    name = rng.choice(['relu', 'relu6', 'elu', 'leaky_relu', 'gelu', 'silu', 'sigmoid', 'tanh', 'hardswish', 'mish', 'softplus',
                       'dropout', 'dropout2d', 'alpha_dropout'])
    s = rshape(1, 4)
    add('F', name, [T(*s)])
add('F', 'dropout', [T(2, 3)], {'p': 0.2, 'training': False})
add('F', 'dropout', [T(2, 3), 1.5])
add('F', 'leaky_relu', [T(2, 3), 0.2])
for _ in range(20):
    s = rshape(1, 4)
    add('F', rng.choice(['softmax', 'log_softmax']), [T(*s)], {'dim': rdim(len(s))})
add('F', 'softmax', [T(2, 3)])
add('F', 'glu', [T(2, 6)])
add('F', 'glu', [T(2, 5)])
add('F', 'glu', [T(4, 5), 0])
add('F', 'normalize', [T(2, 3)])
add('F', 'normalize', [T(2, 3)], {'dim': 2})
add('F', 'cosine_similarity', [T(2, 3), T(2, 3)])

# ---- functional: interpolate, pixel_shuffle ----
for _ in range(30):
    n = rng.choice([1, 2, 3])
    x = [1, 2] + [rng.randint(1, 7) for _ in range(n)]
    mode = {1: ['nearest', 'linear'], 2: ['nearest', 'bilinear', 'bicubic'], 3: ['nearest', 'trilinear']}[n]
    kwargs = {'mode': rng.choice(mode)}
    if rng.random() < 0.5:
        kwargs['size'] = rng.randint(1, 9) if rng.random() < 0.5 else [rng.randint(1, 9) for _ in range(n)]
    else:
        kwargs['scale_factor'] = rng.choice([2, 0.5, 1.5, 3])
    if kwargs['mode'] not in ('nearest',) and rng.random() < 0.5:
        kwargs['align_corners'] = True
    add('F', 'interpolate', [T(*x)], kwargs)
for _ in range(12):
    r = rng.randint(1, 3)
    c = r * r * rng.randint(1, 2) + (1 if rng.random() < 0.2 else 0)
    add('F', 'pixel_shuffle', [T(1, c, rng.randint(1, 3), rng.randint(1, 3)), r])

# ---- functional: normalisation ----
for _ in range(15):
    s = [rng.randint(1, 3), rng.randint(1, 4)] + [rng.randint(1, 3) for _ in range(rng.randint(0, 2))]
    c = s[1] if rng.random() < 0.7 else s[1] + 1
    add('F', 'batch_norm', [T(*s), T(c), T(c)], {'training': rng.random() < 0.5})
for _ in range(15):
    s = rshape(1, 4)
    k = rng.randint(1, len(s))
    ns = s[-k:] if rng.random() < 0.7 else [d + 1 for d in s[-k:]]
    add('F', 'layer_norm', [T(*s), ns])
for _ in range(10):
    s = [2, rng.choice([2, 4, 6])] + [rng.randint(1, 3)]
    add('F', 'group_norm', [T(*s), rng.choice([1, 2, 3, 4])])

# ---- functional: pad ----
for _ in range(50):
    s = rshape(1, 4)
    k = rng.randint(1, len(s) + 1)
    pad = [rng.randint(-2, 2) for _ in range(2 * k)]
    if rng.random() < 0.1:
        pad = pad[:-1]
    kwargs = {}
    if rng.random() < 0.3:
        kwargs['value'] = 1.0
    add('F', 'pad', [T(*s), pad], kwargs)
for s, pad, mode in (([1, 2, 5], [1, 1], 'reflect'), ([1, 2, 5, 5], [1, 2, 0, 1], 'replicate'), ([1, 2, 5, 5], [1, 1, 1, 1], 'circular')):
    add('F', 'pad', [T(*s), pad], {'mode': mode})

for c in cases:
    c['expect'] = run(c)
cases = [c for c in cases if c['expect'] is not None]
json.dump({'generator': 'tools/golden/pytorch_ops.py', 'torch': torch.__version__, 'cases': cases}, sys.stdout, indent=None, separators=(',', ':'))
sys.stdout.write('\n')
