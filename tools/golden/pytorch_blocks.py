#!/usr/bin/env python3
"""Golden data for ConvShape's attention, transformer and embedding-bag rules, from real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_blocks.py > test/golden/pytorch-blocks.json

Like pytorch_recurrent.py (these layers take several tensors and some return tuples), a seeded
random generator of nn.MultiheadAttention, nn.TransformerEncoderLayer/DecoderLayer,
nn.TransformerEncoder/Decoder, nn.Transformer and nn.EmbeddingBag cases, each run in PyTorch and
recorded on one line: {"kind", "args", "kwargs", "inputs" (the positional tensors' shapes),
"call" (forward keywords; a mask is {"mask": shape}, which the engine sees as a tensor it does not
check), "same" ("kv" when key and value are one tensor, "qkv" for self-attention), and either
"outputs" (flattened; null for a None), "structure", "params", or "error": {"stage", "type",
"message"}}. A module argument (TransformerEncoder's encoder_layer, norm) is
{"layer": kind, "args", "kwargs"}.

Modules run in training mode: PyTorch 1.13's inference fast paths (eval mode) raise other
messages for the same shapes, and dropout does not change a shape. Only what the engine models is
generated: sizes of at least 1 except sequence lengths, valid masks, per_sample_weights given
positionally after offsets and of the input's shape (a wrong one crashes PyTorch 1.13 natively), no include_last_offset with a 2-D
input (likewise).
"""
import json
import random
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings('ignore')
R = random.Random(20261208)
CASES = []


def structure(y):
    if isinstance(y, tuple):
        return '(' + ', '.join(structure(i) for i in y) + ')'
    return 'None' if y is None else 't'


def flat(y):
    if isinstance(y, tuple):
        return [s for i in y for s in flat(i)]
    return [None if y is None else list(y.shape)]


def build_module(spec):
    args = [build_module(a) if isinstance(a, dict) and 'layer' in a else a for a in spec['args']]
    kwargs = {k: build_module(v) if isinstance(v, dict) and 'layer' in v else v for k, v in spec['kwargs'].items()}
    return getattr(nn, spec['layer'])(*args, **kwargs)


def tensor_of(desc):
    if isinstance(desc, dict):  # {"mask": shape}: a boolean mask of that shape
        return torch.zeros(*desc['mask'], dtype=torch.bool)
    return torch.zeros(*desc)


def run(kind, args, kwargs, inputs, call=None, same=None, make_inputs=None):
    call = call or {}
    rec = {'kind': kind, 'args': args, 'kwargs': kwargs, 'inputs': inputs, 'call': call}
    if same:
        rec['same'] = same
    try:
        module = build_module({'layer': kind, 'args': args, 'kwargs': kwargs})
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'stage': 'construct', 'type': type(e).__name__, 'message': str(e)}
        CASES.append(rec)
        return
    module.train()
    xs = make_inputs(inputs) if make_inputs else [torch.zeros(*s) for s in inputs]
    if same == 'kv':
        xs[2] = xs[1]
    elif same == 'qkv':
        xs[1] = xs[2] = xs[0]
    kw = {k: tensor_of(v) if isinstance(v, dict) else v for k, v in call.items()}
    try:
        with torch.no_grad():
            y = module(*xs, **kw)
        rec['outputs'] = flat(y)
        rec['structure'] = structure(y)
        rec['params'] = sum(p.numel() for p in module.parameters())
    except Exception as e:  # noqa: BLE001
        rec['error'] = {'stage': 'forward', 'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


def chance(p):
    return R.random() < p


def wrong(n, p=0.1):
    return n if not chance(p) else max(1, n + R.choice([-2, -1, 1, 3]))


def heads_and_dim():
    heads = R.choice([1, 1, 2, 2, 3, 4])
    per = R.randint(1, 4)
    embed = heads * per
    if chance(0.06):
        embed += R.choice([1, 2])  # not divisible: the construction error people trip on
    return embed, heads


def attention_case():
    embed, heads = heads_and_dim()
    args, kw = [embed, heads], {}
    kdim = vdim = embed
    if chance(0.25):
        kdim = R.randint(1, 9)
        kw['kdim'] = kdim
    if chance(0.25):
        vdim = R.randint(1, 9)
        kw['vdim'] = vdim
    for name, p in [('bias', 0.15), ('add_bias_kv', 0.15), ('add_zero_attn', 0.15), ('batch_first', 0.4)]:
        if chance(p):
            kw[name] = name != 'bias'
    batch_first = kw.get('batch_first', False)
    L, S, N = R.randint(1, 5), R.randint(1, 6), R.randint(1, 4)
    r = R.random()
    same = None
    if r < 0.05:  # a query of another rank
        q = [R.randint(1, 3) for _ in range(R.choice([1, 4]))]
        k, v = [S, N, kdim], [S, N, vdim]
    elif r < 0.25:  # unbatched
        q, k, v = [L, wrong(embed)], [S, wrong(kdim)], [wrong(S, 0.05), wrong(vdim)]
        if chance(0.05):
            k = [S, N, kdim]
    else:
        def seq(n, b, e):
            return [b, n, e] if batch_first else [n, b, e]

        q = seq(L, N, wrong(embed))
        k = seq(S, wrong(N, 0.08), wrong(kdim))
        v = seq(wrong(S, 0.05), k[0] if batch_first else k[1], wrong(vdim, 0.08))
        if chance(0.04):
            k = [S, kdim]
    if k == v and kdim == vdim == embed and chance(0.3):
        same = 'kv'
        if q == k and chance(0.5):
            same = 'qkv'
    call = {}
    if chance(0.3):
        call['need_weights'] = chance(0.5)
    if chance(0.3):
        call['average_attn_weights'] = chance(0.5)
    valid = len(q) == len(k) == len(v) and len(q) in (2, 3) and q[-1] == embed and k[-1] == kdim
    if valid and len(q) == 3 and chance(0.2):
        n, s = (q[0], k[1]) if batch_first else (q[1], k[0])
        if k[:2] == v[:2] and n == (k[0] if batch_first else k[1]):
            call['key_padding_mask'] = {'mask': [n, s]}
    if valid and len(q) == 2 and k[0] == v[0] and chance(0.2):
        call['attn_mask'] = {'mask': [q[0], k[0]]}
    run('MultiheadAttention', args, kw, [q, k, v], call, same)


def layer_settings(decoder):
    d_model, nhead = heads_and_dim()
    ff = R.randint(1, 12)
    args, kw = [d_model, nhead], {}
    if chance(0.6):
        args.append(ff)
    else:
        kw['dim_feedforward'] = ff
    if chance(0.4):
        kw['batch_first'] = True
    if chance(0.3):
        kw['norm_first'] = True
    if chance(0.15):
        kw['activation'] = R.choice(['relu', 'gelu'])
    return d_model, args, kw


def sequence(batch_first, steps, batch, width):
    r = R.random()
    if r < 0.04:
        return [R.randint(1, 3) for _ in range(R.choice([1, 4]))]
    if r < 0.22:
        return [steps, width]
    return [batch, steps, width] if batch_first else [steps, batch, width]


def encoder_layer_case():
    d, args, kw = layer_settings(False)
    x = sequence(kw.get('batch_first', False), R.randint(1, 5), R.randint(1, 4), wrong(d, 0.12))
    run('TransformerEncoderLayer', args, kw, [x])


def decoder_inputs(kw, d):
    bf = kw.get('batch_first', False)
    N = R.randint(1, 4)
    tgt = sequence(bf, R.randint(1, 5), N, wrong(d, 0.1))
    if len(tgt) == 2 and chance(0.9):
        mem = [R.randint(1, 5), wrong(d, 0.1)]
    else:
        mem = sequence(bf, R.randint(1, 5), wrong(N, 0.1), wrong(d, 0.1))
    return tgt, mem


def decoder_layer_case():
    d, args, kw = layer_settings(True)
    run('TransformerDecoderLayer', args, kw, list(decoder_inputs(kw, d)))


def stack_case():
    decoder = chance(0.5)
    d, args, kw = layer_settings(decoder)
    inner = {'layer': 'TransformerDecoderLayer' if decoder else 'TransformerEncoderLayer', 'args': args, 'kwargs': kw}
    outer_args, outer_kw = [inner, R.randint(1, 3)], {}
    if chance(0.4):
        outer_kw['norm'] = {'layer': 'LayerNorm', 'args': [wrong(d, 0.15)], 'kwargs': {}}
    if decoder:
        inputs = list(decoder_inputs(kw, d))
    else:
        inputs = [sequence(kw.get('batch_first', False), R.randint(1, 5), R.randint(1, 4), wrong(d, 0.1))]
    run('TransformerDecoder' if decoder else 'TransformerEncoder', outer_args, outer_kw, inputs)


def transformer_case():
    d, heads = heads_and_dim()
    kw = {'d_model': d, 'nhead': heads, 'num_encoder_layers': R.randint(1, 2),
          'num_decoder_layers': R.randint(1, 2), 'dim_feedforward': R.randint(1, 12)}
    if chance(0.4):
        kw['batch_first'] = True
    if chance(0.25):
        kw['norm_first'] = True
    bf = kw.get('batch_first', False)
    N = R.randint(1, 4)
    r = R.random()
    if r < 0.2:
        src, tgt = [R.randint(1, 5), wrong(d)], [R.randint(1, 5), wrong(d)]
    else:
        src = sequence(bf, R.randint(1, 5), N, wrong(d))
        tgt = sequence(bf, R.randint(1, 5), wrong(N), wrong(d))
        # PyTorch reads src.size(1) before any rank check: a 1-D src is an IndexError not modelled.
        if len(src) < 2:
            src = [R.randint(1, 5), d]
    run('Transformer', [], kw, [src, tgt])


LAST_OFFSET = [False]


def bag_inputs(shapes):
    out = []
    for i, s in enumerate(shapes):
        if i == 1:  # offsets: increasing from 0, within the input's length
            n = shapes[0][0] if len(shapes[0]) == 1 else 1
            vals = sorted(R.randint(0, n) for _ in range(s[0] - 1)) if len(s) == 1 and s[0] > 0 else []
            if LAST_OFFSET[0] and vals:
                vals[-1] = n  # the last offset must be the input's length, or 1.13 corrupts memory
            out.append(torch.tensor([0] + vals, dtype=torch.long) if len(s) == 1 else torch.zeros(*s, dtype=torch.long))
        elif i == 2:
            out.append(torch.zeros(*s))
        else:
            out.append(torch.zeros(*s, dtype=torch.long))
    return out


def bag_case():
    num, dim = R.randint(1, 12), R.randint(1, 8)
    args, kw = [num, dim], {}
    mode = R.choice(['mean', 'mean', 'sum', 'max'])
    if mode != 'mean' or chance(0.2):
        if chance(0.5):
            kw['mode'] = mode
        else:
            args += [None, 2.0, False, mode]
    if chance(0.25):
        kw['include_last_offset'] = True
    if chance(0.15):
        kw['padding_idx'] = R.randint(-num - 1, num)
    r = R.random()
    if r < 0.45:
        # include_last_offset on a 2-D input corrupts PyTorch 1.13's memory: not generated.
        kw.pop('include_last_offset', None)
        inputs = [[R.randint(1, 4), R.randint(1, 6)]]
        if chance(0.05):
            inputs.append([R.randint(1, 3)])
    elif r < 0.92:
        inputs = [[R.randint(1, 9)]]
        if chance(0.92):
            low = 2 if kw.get('include_last_offset') else 1  # one offset and no bag crashes 1.13
            inputs.append([R.randint(low, 4)] if chance(0.95) else [2, 2])
    else:
        inputs = [[R.randint(1, 3) for _ in range(3)]]
    if len(inputs) == 2 and len(inputs[0]) == 1 and len(inputs[1]) == 1 and chance(0.35 if mode == 'sum' else 0.1):
        inputs.append(list(inputs[0]))  # per_sample_weights, positionally, of the input's shape
    LAST_OFFSET[0] = bool(kw.get('include_last_offset'))
    run('EmbeddingBag', args, kw, inputs, make_inputs=bag_inputs)


for _ in range(650):
    attention_case()
for _ in range(260):
    encoder_layer_case()
for _ in range(220):
    decoder_layer_case()
for _ in range(120):
    stack_case()
for _ in range(120):
    transformer_case()
for _ in range(260):
    bag_case()

print(json.dumps({'torch': torch.__version__, 'cases': CASES}, separators=(',', ':')).replace('},{"kind"', '},\n{"kind"'))
