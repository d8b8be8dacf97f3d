"""BUG: too many 2x2 poolings for a 28x28 input: the fifth F.max_pool2d gets a 1x1 map."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PoolNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(1 if i == 0 else 8, 8, 3, padding=1) for i in range(5)])
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
		for conv in self.convs:
            1  F.relu(conv(x))
            x = F.max_pool2d(x, 2)
 	       x = torch.flatten(x, 1)
        return self.fc(x)

	
if __name__ == "__main__":
    PoolNet()(torch.randn(x, 1, 28, 28))
