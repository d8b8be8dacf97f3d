"""A DenseNet-style block: each layer (BatchNorm, ReLU, 1x1, 3x3) reads the concatenation of all
earlier outputs, then a transition of a 1x1 convolution and 2x2 average pooling."""
import torch
import torch.nn as nn


class DenseLayer(nn.Module):
    def __init__(self, cin, growth):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(cin),
            nn.ReLU(),
            nn.Conv2d(cin, 2 * growth, 1),
            nn.BatchNorm2d(2 * growth),
            nn.ReLU(),
            nn.Conv2d(2 * growth, growth, 3, padding=1),
        )

    def forward(self, x):
        return torch.cat([x, self.body(x)], 1)


class DenseNetStem(nn.Module):
    def __init__(self, growth=4, layers=3):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.block = nn.Sequential(*[DenseLayer(8 + i * growth, growth) for i in range(layers)])
        self.transition = nn.Sequential(nn.Conv2d(8 + layers * growth, 8, 1), nn.AvgPool2d(2))
        self.head = nn.Conv2d(8, 8, 3, padding=1)

    def forward(self, x):  # x: [1, 3, 64, 64]
        return self.head(self.transition(self.block(self.stem(x))))
