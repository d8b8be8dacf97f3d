import torch
import torch.nn as nn

from .blocks import ConvBlock


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = ConvBlock(3, 8)

    def forward(self, x):  # x: [2, 3, 16, 16]
        y = self.block(x)
        return y
