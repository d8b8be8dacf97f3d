"""Stand-in for mmcv.runner.BaseModule: nn.Module that accepts init_cfg (see ../README.md)."""
from torch import nn


class BaseModule(nn.Module):
    def __init__(self, init_cfg=None):
        super().__init__()
