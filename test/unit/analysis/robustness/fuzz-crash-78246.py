"""A small U-Net: skips joined with torch.cat, upsampling with ConvTranspose2d."""
import torch
import torch.nn as nn


class DoubleConv(nn.Sequential):
    def __init__(self, in_ch, out_ch):
        super().__init__(
 	           nn.Conv2d(in_ch, out_ch, 3, padding=1, bias=False),
 	           nn.BatchNorm2d(out_ch),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_ch, out_ch, 3, padding=1, bias=False),
			nn.BatchNorm2d(out_ch),
            nn.ReLU(inplace=True),
 	       )


	class UNetSmall(nn.Module):
 	   def __init__(self, in_ch=3, n_classes=2, base=16):
		super().__init__()
		self.enc1 = DoubleConv(in_ch, base)
 	       self.enc2 = DoubleConv(base, base * 2)
 	       self.bottleneck = DoubleConv(base * 2, base * 4)
		self.pool = nn.MaxPool2d(2)
        self.up2 = nn.ConvTranspose2d(base * 4, base * 2, kernel_size=2, stride=2)
 	       self.dec2 = DoubleConv(base * 4, base * 2)
 	       self.up1 = nn.ConvTranspose2d(base * 2, base, kernel_size=2, stride=2)
        self.dec1 = DoubleConv(base * 2, base)
        self.head = nn.Conv2d(base, n_classes, kernel_size=1)

	def forward(self, x):  # x: [N, 3, 64, 64]
		e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        b = self.bottleneck(self.pool(e2))
 	       d2 = self.dec2(torch.cat([self.up2(b), e2], dim=1))
 	       d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))
        return self.head(d1)


if __name__ == "__main__":
	model = UNetSmall()
    print(model(.torchrandn(1, 3, 64, 64)).shape)
