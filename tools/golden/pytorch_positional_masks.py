"""Golden data for attention masks and flags passed by position (test/unit/analysis/positional-masks.test.ts).

Each case is a module call written with masks/flags after the inputs by position, run in real
PyTorch 1.13 in training mode (eval with no_grad takes a fast path with other messages): {"ctor", "call", "output" (the first output's shape) or "error" (the message's first
line)}. `call` is the Python text of the arguments, over tensors named by their shapes.
Run: /usr/bin/python3 tools/golden/pytorch_positional_masks.py > test/golden/pytorch-positional-masks.json
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(0)

CASES = [
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'm:2,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'm:2,7']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'k:2,9,16', 'k', 'm:2,9']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'k:2,9,16', 'k', 'm:2,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'None', 'True', 'a:5,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'None', 'True', 'a:5,6']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'None', 'True', 'a:8,5,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'q', 'q', 'None', 'True', 'a:6,5,5']),
    ('nn.MultiheadAttention(16, 4)', ['q:5,2,16', 'q', 'q', 'm:2,5']),
    ('nn.MultiheadAttention(16, 4)', ['q:5,2,16', 'q', 'q', 'm:5,2']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['query=q:2,5,16', 'key=q', 'value=q', 'key_padding_mask=m:2,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'key=k:2,9,16', 'value=k', 'key_padding_mask=m:2,5']),
    ('nn.MultiheadAttention(16, 4, batch_first=True)', ['q:2,5,16', 'k:2,9,16', 'value=k', 'key_padding_mask=m:2,9']),
    ('nn.TransformerEncoderLayer(16, 4, batch_first=True)', ['s:2,5,16', 'a:5,5']),
    ('nn.TransformerEncoderLayer(16, 4, batch_first=True)', ['s:2,5,16', 'a:4,4']),
    ('nn.TransformerEncoderLayer(16, 4, batch_first=True)', ['s:2,5,16', 'None', 'm:2,5']),
    ('nn.TransformerEncoderLayer(16, 4, batch_first=True)', ['s:2,5,16', 'None', 'm:2,6']),
    ('nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4), 2)', ['s:5,2,16', 'a:5,5', 'm:2,5']),
    ('nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4), 2)', ['s:5,2,16', 'a:5,5', 'm:5,2']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'a:5,5']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'a:9,9']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'None', 'b:5,9']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'None', 'b:9,5']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'None', 'None', 'm:2,5', 'n:2,9']),
    ('nn.TransformerDecoderLayer(16, 4, batch_first=True)', ['t:2,5,16', 'mem:2,9,16', 'None', 'None', 'm:2,5', 'n:2,5']),
    ('nn.Transformer(16, 4, 1, 1, 32, batch_first=True)', ['s:2,9,16', 't:2,5,16', 'a:9,9', 'b:5,5']),
    ('nn.Transformer(16, 4, 1, 1, 32, batch_first=True)', ['s:2,9,16', 't:2,5,16', 'a:9,9', 'b:9,9']),
    ('nn.Transformer(16, 4, 1, 1, 32, batch_first=True)', ['s:2,9,16', 't:2,5,16', 'None', 'None', 'None', 'm:2,9']),
    ('nn.Transformer(16, 4, 1, 1, 32, batch_first=True)', ['s:2,9,16', 't:2,5,16', 'None', 'None', 'None', 'm:2,5']),
]


def value(token, named):
    """`q:2,5,16` makes the tensor q (a bool mask for m and n); `q` reuses it; `key=...` passes it by keyword."""
    token = token.partition('=')[2] or token
    if token in ('None', 'True', 'False'):
        return eval(token)
    name, _, dims = token.partition(':')
    if dims:
        shape = [int(d) for d in dims.split(',')]
        named[name] = torch.zeros(*shape, dtype=torch.bool) if name in ('m', 'n') else torch.zeros(*shape)
    return named[name]


def main():
    out = []
    for ctor, tokens in CASES:
        module = eval(ctor, {'nn': nn})  # training mode, as a module is built: PyTorch's checked path
        named = {}
        args, kwargs = [], {}
        for t in tokens:  # in the order written: a tensor is made where it first appears
            if '=' in t:
                kwargs[t.partition('=')[0]] = value(t, named)
            else:
                args.append(value(t, named))
        rec = {'ctor': ctor, 'call': tokens}
        try:
            result = module(*args, **kwargs)
            first = result[0] if isinstance(result, tuple) else result
            rec['output'] = list(first.shape)
        except Exception as e:  # noqa: BLE001 - the framework's own error is the golden
            rec['error'] = str(e).split('\n')[0]
        out.append(rec)
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
