"""A CNN with a shape bug: fc1 expects 16 * 5 * 5 features, but 32x32 inputs give 16 * 6 * 6.

Running it fails in PyTorch with:
    RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x576 and 400x120)
"""
import torch
import torch.nn as nn


class BuggyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 3)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        return self.fc2(x)


if __name__ == "__main__":
    BuggyNet()(torch.randn(1, 3, 32, 32))
