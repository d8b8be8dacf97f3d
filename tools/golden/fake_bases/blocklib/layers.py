"""blocklib.layers.LayerBase: nn.Module that accepts any arguments (see ../README.md)."""
from torch import nn


class LayerBase(nn.Module):
    def __init__(self, *args, **kwargs):
        super().__init__()
