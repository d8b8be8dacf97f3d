"""A classifier with deliberate shape bugs, for `convshape check examples/` to find.

PyTorch itself stops at the first one (BUG 1) when you run this file.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class BuggyClassifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        # BUG 1: conv2 makes 64 channels, but bn2 is sized for 32
        self.bn2 = nn.BatchNorm2d(32)
        self.pool = nn.MaxPool2d(2)
        # BUG 2: after two 2x2 pools a 32x32 image is 8x8, so flatten gives 64*8*8 = 4096 features
        self.fc1 = nn.Linear(64 * 7 * 7, 256)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))  # [N, 64, 8, 8]
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        # BUG 3: a stale shape comment, the head makes num_classes = 10 outputs
        return self.fc2(x)  # [N, 100]


if __name__ == "__main__":
    model = BuggyClassifier()
    print(model(torch.randn(4, 3, 32, 32)).shape)
