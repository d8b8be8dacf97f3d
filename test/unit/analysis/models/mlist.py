# golden: Stack 1,3,64,64
import torch
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, widths=(8, 16, 32)):
        super().__init__()
        self.blocks = nn.ModuleList()
        prev = 3
        for w in widths:
            self.blocks.append(nn.Conv2d(prev, w, 3, stride=2, padding=1))
            prev = w
        self.heads = nn.ModuleDict({'cls': nn.Linear(prev, 5), 'reg': nn.Linear(prev, 4)})

    def forward(self, x):
        for i, block in enumerate(self.blocks):
            x = torch.relu(block(x))
        x = x.mean(dim=(2, 3))
        return self.heads['cls'](x), self.heads['reg'](x)


if __name__ == "__main__":
    m = Stack()
    m(torch.randn(1, 3, 64, 64))
