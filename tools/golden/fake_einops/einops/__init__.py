"""A stand-in for einops (not installable here) that computes with real torch operations.

ConvShape's einops goldens (tools/golden/pytorch_einops.py) and the model fixtures that import
einops (tools/golden/pytorch_models.py puts this folder on sys.path) run through it. Written from
einops' documentation: rearrange/reduce/repeat are one reshape of the input into its elementary
axes, a permute, a reduction over the axes the output drops, an expand for the new axes, and a
reshape into the output's groups; einsum is torch.einsum with the axis names spelled as letters in
order of first appearance; pack concatenates along the `*` axis. The output shapes come from torch
doing that work. The checks and their messages follow einops' source (einops/einops.py,
parsing.py, packing.py); a set of several names is printed sorted (einops prints Python's set
order, which varies from run to run).
"""
import string

import torch

ELLIPSIS = '…'


class EinopsError(RuntimeError):
    pass


def _set_text(names):
    return '{' + ', '.join(repr(n) for n in sorted(names)) + '}'


def _parse(expression):
    """-> (groups, identifiers, has_ellipsis, ellipsis_in_brackets, non_unitary_anonymous)."""
    if '.' in expression.replace('...', ''):
        raise EinopsError('Expression may contain dots only inside ellipsis (...)')
    expression = expression.replace('...', ELLIPSIS)
    groups, identifiers, bracket = [], [], None
    state = {'ellipsis': False, 'bracketed': False, 'anonymous': False}
    counter = [0]

    def add(x):
        if x in identifiers:
            raise EinopsError('Indexing expression contains duplicate dimension "%s"' % x)
        if x == ELLIPSIS:
            identifiers.append(x)
            state['ellipsis'] = True
            (groups.append(x) if bracket is None else bracket.append(x))  # a bare ellipsis is no group
            if bracket is not None:
                state['bracketed'] = True
            return
        if x.isdecimal() and int(x) == 1:
            if bracket is None:
                groups.append([])
            return
        if x.isdecimal():
            counter[0] += 1
            name = ('#anon', counter[0], int(x))
            state['anonymous'] = True
        elif x.isidentifier() and not (x.startswith('_') or x.endswith('_')):
            name = x
        else:
            raise EinopsError('Invalid axis identifier: %s' % x)
        identifiers.append(name)
        (groups.append([name]) if bracket is None else bracket.append(name))

    word = ''
    for char in expression:
        if char in '() ':
            if word:
                add(word)
            word = ''
            if char == '(':
                if bracket is not None:
                    raise EinopsError('Axis composition is one-level (brackets inside brackets not allowed)')
                bracket = []
            elif char == ')':
                if bracket is None:
                    raise EinopsError('Brackets are not balanced')
                groups.append(bracket)
                bracket = None
        elif char.isalnum() or char in ['_', ELLIPSIS]:
            word += char
        else:
            raise EinopsError("Unknown character '%s'" % char)
    if bracket is not None:
        raise EinopsError('Imbalanced parentheses in expression: "%s"' % expression)
    if word:
        add(word)
    return groups, identifiers, state['ellipsis'], state['bracketed'], state['anonymous']


def _named(ids):
    return {i for i in ids if isinstance(i, str)}


def _transform(tensor, pattern, operation, axes_lengths):
    shape = tuple(tensor.shape)
    try:
        return _recipe(tensor, pattern, operation, axes_lengths)
    except EinopsError as e:
        message = ' Error while processing %s-reduction pattern "%s".' % (operation, pattern)
        message += '\n Input tensor shape: %s. ' % (torch.Size(shape),)
        message += 'Additional info: %s.' % (axes_lengths,)
        raise EinopsError(message + '\n %s' % e) from None


def _recipe(tensor, pattern, operation, axes_lengths):
    left_str, right_str = pattern.split('->')
    left, lids, lell, lbr, lanon = _parse(left_str)
    right, rids, rell, _, ranon = _parse(right_str)
    if not lell and rell:
        raise EinopsError('Ellipsis found in right side, but not left side of a pattern %s' % pattern)
    if lell and lbr:
        raise EinopsError('Ellipsis inside parenthesis in the left side is not allowed: %s' % pattern)
    lset, rset = set(lids), set(rids)
    if operation == 'rearrange':
        if lanon or ranon:
            raise EinopsError('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)')
        diff = lset ^ rset
        if diff:
            raise EinopsError('Identifiers only on one side of expression (should be on both): %s' % _set_text(diff))
    elif operation == 'repeat':
        diff = lset - rset
        if diff:
            raise EinopsError('Unexpected identifiers on the left side of repeat: %s' % _set_text(diff))
        missing = _named(rset) - lset - set(axes_lengths)
        if missing:
            raise EinopsError('Specify sizes for new axes in repeat: %s' % _set_text(missing))
    else:
        diff = rset - lset
        if diff:
            raise EinopsError('Unexpected identifiers on the right side of reduce %s: %s' % (operation, _set_text(diff)))
    ndim = tensor.dim()
    if lell:
        others = len(left) - 1
        if ndim < others:
            raise EinopsError('Wrong shape: expected >=%d dims. Received %d-dim tensor.' % (others, ndim))
        ell = ['…%d' % i for i in range(ndim - others)]

        def expand(groups):
            out = []
            for g in groups:
                if g == ELLIPSIS:
                    out.extend([a] for a in ell)
                else:
                    out.append([a for x in g for a in (ell if x == ELLIPSIS else [x])])
            return out

        left, right = expand(left), expand(right)
    elif ndim != len(left):
        raise EinopsError('Wrong shape: expected %d dims. Received %d-dim tensor.' % (len(left), ndim))
    elementary = [a for g in left for a in g]
    lengths = {a: a[2] for a in elementary if isinstance(a, tuple)}
    added = [a for g in right for a in g if a not in elementary]
    for a in added:
        if isinstance(a, tuple):
            lengths[a] = a[2]
    for name, value in axes_lengths.items():
        if not name.isidentifier():
            raise EinopsError('Invalid name for an axis', name)
        if name not in elementary and name not in added:
            raise EinopsError('Axis %s is not used in transform' % name)
        lengths[name] = value
    for g in left:
        unknown = [a for a in g if a not in lengths]
        if len(unknown) > 1:
            raise EinopsError('Could not infer sizes for %s' % _set_text(unknown))
    for g, length in zip(left, tensor.shape):
        known = 1
        for a in g:
            if a in lengths:
                known *= lengths[a]
        unknown = [a for a in g if a not in lengths]
        if not unknown:
            if length != known:
                raise EinopsError('Shape mismatch, %d != %d' % (length, known))
        else:
            if length % known != 0:
                raise EinopsError("Shape mismatch, can't divide axis of length %d in chunks of %d" % (length, known))
            lengths[unknown[0]] = length // known
    # The work itself, in torch: split, permute, reduce, add axes, group.
    x = tensor.reshape([lengths[a] for a in elementary])
    order = [a for g in right for a in g]
    kept = [a for a in order if a in elementary]
    dropped = [a for a in elementary if a not in kept]
    x = x.permute([elementary.index(a) for a in kept + dropped])
    if dropped:
        x = _reduce(x.float(), list(range(len(kept), len(kept) + len(dropped))), operation)
    for position, a in enumerate(order):
        if a in added:
            x = x.unsqueeze(position)
    x = x.expand([lengths[a] for a in order])
    sizes = []
    for g in right:
        n = 1
        for a in g:
            n *= lengths[a]
        sizes.append(n)
    return x.reshape(sizes)


REDUCTIONS = ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all')


def _reduce(x, dims, operation):
    if operation not in REDUCTIONS:
        raise EinopsError('Unknown reduction %s. Expect one of %s.' % (operation, REDUCTIONS))
    for d in reversed(dims):  # one axis at a time: torch.prod takes a single dim
        x = {'min': lambda t: t.amin(d), 'max': lambda t: t.amax(d), 'sum': lambda t: t.sum(d),
             'mean': lambda t: t.mean(d), 'prod': lambda t: t.prod(d), 'any': lambda t: t.amax(d),
             'all': lambda t: t.amin(d)}[operation](x)
    return x


def rearrange(tensor, pattern, **axes_lengths):
    return _transform(_stacked(tensor), pattern, 'rearrange', axes_lengths)


def reduce(tensor, pattern, reduction, **axes_lengths):
    return _transform(_stacked(tensor), pattern, reduction, axes_lengths)


def repeat(tensor, pattern, **axes_lengths):
    return _transform(_stacked(tensor), pattern, 'repeat', axes_lengths)


def _stacked(tensor):
    return torch.stack(tensor) if isinstance(tensor, list) else tensor


def einsum(*tensors_and_pattern):
    *tensors, pattern = tensors_and_pattern
    if '->' not in pattern:
        raise ValueError("Einsum pattern must contain '->'.")
    left, right = pattern.split('->')
    letters = {}
    for name in left.replace(',', ' ').split() + right.split():
        if name not in letters and name != '...':
            letters[name] = string.ascii_letters[len(letters)]
    for name in right.split():
        if name != '...' and name not in left.replace(',', ' ').split():
            raise EinopsError('Unknown axis %s on right side of einsum %s.' % (name, pattern))

    def spell(term):
        return ''.join('...' if n == '...' else letters[n] for n in term.split())

    equation = ','.join(spell(t) for t in left.split(',')) + '->' + spell(right)
    return torch.einsum(equation, *tensors)


def _pattern(pattern, opname):
    axes = pattern.split()
    if len(axes) != len(set(axes)):
        raise EinopsError('Duplicates in axes names in %s(..., "%s")' % (opname, pattern))
    if '*' not in axes:
        raise EinopsError('No *-axis in %s(..., "%s")' % (opname, pattern))
    before = axes.index('*')
    return before, len(axes) - before - 1


def pack(tensors, pattern):
    before, after = _pattern(pattern, 'pack')
    reshaped, shapes = [], []
    for i, t in enumerate(tensors):
        shape = t.shape  # einops' torch backend: a torch.Size, printed as such
        if len(shape) < before + after:
            raise EinopsError('packed tensor #%d (enumeration starts with 0) has shape %s, while pattern %s assumes at least %d axes'
                              % (i, shape, pattern, before + after))
        end = len(shape) - after
        shapes.append(tuple(shape[before:end]))
        reshaped.append(t.reshape(*shape[:before], -1, *shape[end:]))
    return torch.cat(reshaped, dim=before), shapes


def unpack(tensor, packed_shapes, pattern):
    before, after = _pattern(pattern, 'unpack')
    shape = tensor.shape
    if len(shape) != before + 1 + after:
        raise EinopsError('unpack(..., %s) received input of wrong dim with shape %s' % (pattern, shape))
    sizes = []
    for p in packed_shapes:
        n = 1
        for d in p:
            n *= d
        sizes.append(n)
    if sum(sizes) != shape[before]:
        raise EinopsError('Error during unpack(..., "%s"): could not split axis of size %d into requested %s'
                          % (pattern, shape[before], packed_shapes))
    parts = torch.split(tensor, sizes, dim=before)
    return [p.reshape(*shape[:before], *s, *shape[before + 1:]) for p, s in zip(parts, packed_shapes)]
