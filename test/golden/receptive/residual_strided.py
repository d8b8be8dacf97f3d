"""Residual blocks, the second strided with a 1x1 strided shortcut: the sum keeps the larger
field, and the stride doubles the jump of everything after it."""
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride=stride) if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))) + self.shortcut(x))


class ResNetStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 5, padding=2)
        self.layer1 = Block(8, 8)
        self.layer2 = Block(8, 16, stride=2)
        self.head = nn.Conv2d(16, 16, 3, padding=1)

    def forward(self, x):  # x: [1, 3, 64, 64]
        return self.head(self.layer2(self.layer1(self.stem(x))))
