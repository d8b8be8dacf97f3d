"""A small VGG: three conv/conv/pool stages and a Linear sized for 4×4 maps."""
import torch
import torch.nn as nn


def stage(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]


class SmallVGG(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(*stage(3, 16), *stage(16, 32), *stage(32, 64))
        self.classifier = nn.Linear(64 * 4 * 4, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))
