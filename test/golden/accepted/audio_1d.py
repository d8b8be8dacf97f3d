"""A 1-D audio front end: strided Conv1d and MaxPool1d, then AdaptiveAvgPool1d and a Linear."""
import torch.nn as nn


class AudioNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 16, 9, stride=4)
        self.pool = nn.MaxPool1d(3)
        self.conv2 = nn.Conv1d(16, 32, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        x = self.conv2(self.pool(self.conv1(x)))
        return self.fc(self.gap(x).flatten(1))
