"""A residual block whose convolution has no padding: the add only broadcasts on a 1×1 map."""
import torch.nn as nn


class ValidResidual(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        return x + self.conv(x)
