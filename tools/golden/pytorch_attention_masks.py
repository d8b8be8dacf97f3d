#!/usr/bin/env python3
"""Golden data for ConvShape's checks of nn.MultiheadAttention's masks, produced by real PyTorch.

Run:  /usr/bin/python3 tools/golden/pytorch_attention_masks.py > test/golden/pytorch-attention-masks.json

A seeded random generator of self- and cross-attention calls with an `attn_mask` and/or a
`key_padding_mask` of the right shape or not (another size, another rank), batched or unbatched,
batch_first or not, each run in PyTorch 1.13 and recorded on one line: {"args", "kwargs" (the
constructor's), "inputs" (query, key, value shapes), "attn_mask", "key_padding_mask" (shapes or
null), and "outputs" (attn_output, attn_output_weights) or "error": {"type", "message"}}.
Masks are float tensors of zeros; their values never change a shape.
"""
import json
import random
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings('ignore')
R = random.Random(20261210)
CASES = []


def chance(p):
    return R.random() < p


def off(n):
    return n if not chance(0.25) else max(1, n + R.choice([-1, 1, 2]))


def case():
    heads = R.choice([1, 2, 4])
    embed = heads * R.randint(1, 3)
    kw = {}
    if chance(0.4):
        kw['batch_first'] = True
    L, S, N = R.randint(1, 5), R.randint(1, 5), R.randint(1, 3)
    if not chance(0.5):
        S = L
    batched = not chance(0.2)

    def seq(length):
        if not batched:
            return [length, embed]
        return [N, length, embed] if kw.get('batch_first') else [length, N, embed]

    inputs = [seq(L), seq(S), seq(S)]
    mask = None
    kpm = None
    if chance(0.7):
        r = R.random()
        if r < 0.55:
            mask = [off(L), off(S)]
        elif r < 0.9:
            mask = [off((N if batched else 1) * heads) if batched else off(heads), off(L), off(S)]
        else:
            mask = [R.randint(1, 3) for _ in range(R.choice([1, 4]))]
    if chance(0.5):
        if chance(0.12):
            kpm = [R.randint(1, 3) for _ in range(R.choice([1, 2, 3]))]
        else:
            kpm = [off(N), off(S)] if batched else [off(S)]
    rec = {'args': [embed, heads], 'kwargs': kw, 'inputs': inputs, 'attn_mask': mask, 'key_padding_mask': kpm}
    m = nn.MultiheadAttention(embed, heads, **kw)
    q, k, v = (torch.zeros(*s) for s in inputs)
    call = {}
    if mask is not None:
        call['attn_mask'] = torch.zeros(*mask)
    if kpm is not None:
        call['key_padding_mask'] = torch.zeros(*kpm)
    try:
        with torch.no_grad():
            out, weights = m(q, k, v, **call)
        rec['outputs'] = [list(out.shape), list(weights.shape)]
    except Exception as e:  # noqa: BLE001 - recording the framework's own error is the point
        rec['error'] = {'type': type(e).__name__, 'message': str(e).split('\n')[0]}
    CASES.append(rec)


for _ in range(600):
    case()

print(json.dumps({'torch': torch.__version__, 'cases': CASES}, separators=(',', ':')).replace('},{"args"', '},\n{"args"'))
