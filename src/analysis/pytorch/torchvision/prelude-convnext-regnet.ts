// torchvision.models builders written as Python that ConvShape itself runs (models.ts):
// ConvNeXt, RegNet X/Y, EfficientNet V2 (its MBConv is the B0-B7 one in prelude-mobile-dense).
// Written for ConvShape from the architectures torchvision 0.14 builds (same layers, names and
// parameter counts); weights are never read.
export const CONVNEXT_REGNET = String.raw`
# ---- ConvNeXt -----------------------------------------------------------------------------------

class LayerNorm2d(nn.LayerNorm):
    # A LayerNorm over the channels of an NCHW map: moved last, normalised, moved back.
    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class Permute(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return torch.permute(x, self.dims)


class StochasticDepth(nn.Module):
    # Drops whole samples while training: the shape is kept and there are no weights.
    def __init__(self, p, mode):
        super().__init__()
        self.p = p
        self.mode = mode

    def forward(self, x):
        return x


class CNBlock(nn.Module):
    def __init__(self, dim, layer_scale, stochastic_depth_prob):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(dim, dim, kernel_size=7, padding=3, groups=dim, bias=True),
            Permute([0, 2, 3, 1]),
            nn.LayerNorm(dim, eps=1e-6),
            nn.Linear(dim, 4 * dim),
            nn.GELU(),
            nn.Linear(4 * dim, dim),
            Permute([0, 3, 1, 2]),
        )
        # A learnt per-channel scale: dim parameters of its own.
        self.layer_scale = nn.Parameter(torch.ones(dim, 1, 1) * layer_scale)
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

    def forward(self, x):
        result = self.layer_scale * self.block(x)
        result = self.stochastic_depth(result)
        result += x
        return result


class ConvNeXt(nn.Module):
    # plan: one [input_channels, out_channels or None, num_layers] per stage.
    def __init__(self, plan, stochastic_depth_prob=0.0, layer_scale=1e-6, num_classes=1000):
        super().__init__()
        first = plan[0][0]
        layers = [nn.Sequential(nn.Conv2d(3, first, kernel_size=4, stride=4, padding=0, bias=True), LayerNorm2d(first, eps=1e-6))]
        total = sum(stage[2] for stage in plan)
        index = 0
        for cin, cout, count in plan:
            blocks = []
            for _ in range(count):
                blocks.append(CNBlock(cin, layer_scale, stochastic_depth_prob * index / (total - 1.0)))
                index += 1
            layers.append(nn.Sequential(*blocks))
            if cout is not None:
                layers.append(nn.Sequential(LayerNorm2d(cin, eps=1e-6), nn.Conv2d(cin, cout, kernel_size=2, stride=2)))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        last = plan[-1][1] if plan[-1][1] is not None else plan[-1][0]
        self.classifier = nn.Sequential(LayerNorm2d(last, eps=1e-6), nn.Flatten(1), nn.Linear(last, num_classes))

    def forward(self, x):
        return self.classifier(self.avgpool(self.features(x)))


def convnext_tiny(weights=None, progress=True, pretrained=False, stochastic_depth_prob=0.1, **kwargs):
    return ConvNeXt([[96, 192, 3], [192, 384, 3], [384, 768, 9], [768, None, 3]], stochastic_depth_prob, **kwargs)


def convnext_small(weights=None, progress=True, pretrained=False, stochastic_depth_prob=0.4, **kwargs):
    return ConvNeXt([[96, 192, 3], [192, 384, 3], [384, 768, 27], [768, None, 3]], stochastic_depth_prob, **kwargs)


def convnext_base(weights=None, progress=True, pretrained=False, stochastic_depth_prob=0.5, **kwargs):
    return ConvNeXt([[128, 256, 3], [256, 512, 3], [512, 1024, 27], [1024, None, 3]], stochastic_depth_prob, **kwargs)


def convnext_large(weights=None, progress=True, pretrained=False, stochastic_depth_prob=0.5, **kwargs):
    return ConvNeXt([[192, 384, 3], [384, 768, 3], [768, 1536, 27], [1536, None, 3]], stochastic_depth_prob, **kwargs)


# ---- RegNet X and Y -----------------------------------------------------------------------------

class ResBottleneckBlock(nn.Module):
    def __init__(self, width_in, width_out, stride, group_width, se_ratio):
        super().__init__()
        self.proj = None
        if width_in != width_out or stride != 1:
            self.proj = _conv_bn_act(width_in, width_out, 1, stride, act=None)
        # BottleneckTransform: 1x1, grouped 3x3, squeeze-and-excite (RegNet Y), 1x1.
        parts = [("a", _conv_bn_act(width_in, width_out, 1)), ("b", _conv_bn_act(width_out, width_out, 3, stride, width_out // group_width))]
        if se_ratio:
            parts.append(("se", SqueezeExcitation(width_out, int(round(se_ratio * width_in)), nn.ReLU)))
        parts.append(("c", _conv_bn_act(width_out, width_out, 1, act=None)))
        self.f = nn.Sequential(OrderedDict(parts))
        self.activation = nn.ReLU(inplace=True)

    def forward(self, x):
        if self.proj is not None:
            x = self.proj(x) + self.f(x)
        else:
            x = x + self.f(x)
        return self.activation(x)


class RegNet(nn.Module):
    # plan: one [depth, width, group_width] per stage, as BlockParams.from_init_params computes
    # them for each variant (every stage has stride 2 and bottleneck multiplier 1).
    def __init__(self, plan, se_ratio=None, num_classes=1000, stem_width=32):
        super().__init__()
        self.stem = _conv_bn_act(3, stem_width, 3, 2)
        width = stem_width
        stages = []
        for i, (depth, width_out, group_width) in enumerate(plan):
            blocks = []
            for j in range(depth):
                block = ResBottleneckBlock(width if j == 0 else width_out, width_out, 2 if j == 0 else 1, group_width, se_ratio)
                blocks.append(("block%d-%d" % (i + 1, j), block))
            stages.append(("block%d" % (i + 1), nn.Sequential(OrderedDict(blocks))))
            width = width_out
        self.trunk_output = nn.Sequential(OrderedDict(stages))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(width, num_classes)

    def forward(self, x):
        x = self.avgpool(self.trunk_output(self.stem(x)))
        return self.fc(x.flatten(start_dim=1))


def regnet_y_400mf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[1, 48, 8], [3, 104, 8], [6, 208, 8], [6, 440, 8]], 0.25, **kwargs)


def regnet_y_800mf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[1, 64, 16], [3, 144, 16], [8, 320, 16], [2, 784, 16]], 0.25, **kwargs)


def regnet_y_1_6gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 48, 24], [6, 120, 24], [17, 336, 24], [2, 888, 24]], 0.25, **kwargs)


def regnet_y_3_2gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 72, 24], [5, 216, 24], [13, 576, 24], [1, 1512, 24]], 0.25, **kwargs)


def regnet_y_8gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 224, 56], [4, 448, 56], [10, 896, 56], [1, 2016, 56]], 0.25, **kwargs)


def regnet_y_16gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 224, 112], [4, 448, 112], [11, 1232, 112], [1, 3024, 112]], 0.25, **kwargs)


def regnet_y_32gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 232, 232], [5, 696, 232], [12, 1392, 232], [1, 3712, 232]], 0.25, **kwargs)


def regnet_y_128gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 528, 264], [7, 1056, 264], [17, 2904, 264], [1, 7392, 264]], 0.25, **kwargs)


def regnet_x_400mf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[1, 32, 16], [2, 64, 16], [7, 160, 16], [12, 400, 16]], None, **kwargs)


def regnet_x_800mf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[1, 64, 16], [3, 128, 16], [7, 288, 16], [5, 672, 16]], None, **kwargs)


def regnet_x_1_6gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 72, 24], [4, 168, 24], [10, 408, 24], [2, 912, 24]], None, **kwargs)


def regnet_x_3_2gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 96, 48], [6, 192, 48], [15, 432, 48], [2, 1008, 48]], None, **kwargs)


def regnet_x_8gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 80, 80], [5, 240, 120], [15, 720, 120], [1, 1920, 120]], None, **kwargs)


def regnet_x_16gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 256, 128], [6, 512, 128], [13, 896, 128], [1, 2048, 128]], None, **kwargs)


def regnet_x_32gf(weights=None, progress=True, pretrained=False, **kwargs):
    return RegNet([[2, 336, 168], [7, 672, 168], [13, 1344, 168], [1, 2520, 168]], None, **kwargs)


# ---- EfficientNet V2 ----------------------------------------------------------------------------

class FusedMBConv(nn.Module):
    # MBConv with the expansion and the depthwise convolution fused into one full convolution.
    def __init__(self, expand_ratio, kernel, stride, cin, cout):
        super().__init__()
        self.use_res_connect = stride == 1 and cin == cout
        expanded = _divisible(cin * expand_ratio, 8)
        if expanded != cin:
            layers = [
                _conv_bn_act(cin, expanded, kernel, stride, act=nn.SiLU, eps=0.001),
                _conv_bn_act(expanded, cout, 1, act=None, eps=0.001),
            ]
        else:
            layers = [_conv_bn_act(cin, cout, kernel, stride, act=nn.SiLU, eps=0.001)]
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(0.0, "row")
        self.out_channels = cout

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result = self.stochastic_depth(result)
            result += x
        return result


class EfficientNetV2(nn.Module):
    # plan: one [fused, expand_ratio, kernel, stride, input_channels, out_channels, num_layers] per stage.
    def __init__(self, plan, dropout, num_classes=1000, last_channel=1280, stochastic_depth_prob=0.2):
        super().__init__()
        layers = [_conv_bn_act(3, plan[0][4], 3, 2, act=nn.SiLU, eps=0.001)]
        for fused, ratio, kernel, stride, cin, cout, count in plan:
            block = FusedMBConv if fused else MBConv
            blocks = []
            for i in range(count):
                blocks.append(block(ratio, kernel, stride if i == 0 else 1, cin if i == 0 else cout, cout))
            layers.append(nn.Sequential(*blocks))
        layers.append(_conv_bn_act(plan[-1][5], last_channel, 1, act=nn.SiLU, eps=0.001))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(last_channel, num_classes))

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def efficientnet_v2_s(weights=None, progress=True, pretrained=False, **kwargs):
    plan = [
        [True, 1, 3, 1, 24, 24, 2],
        [True, 4, 3, 2, 24, 48, 4],
        [True, 4, 3, 2, 48, 64, 4],
        [False, 4, 3, 2, 64, 128, 6],
        [False, 6, 3, 1, 128, 160, 9],
        [False, 6, 3, 2, 160, 256, 15],
    ]
    return EfficientNetV2(plan, 0.2, **kwargs)


def efficientnet_v2_m(weights=None, progress=True, pretrained=False, **kwargs):
    plan = [
        [True, 1, 3, 1, 24, 24, 3],
        [True, 4, 3, 2, 24, 48, 5],
        [True, 4, 3, 2, 48, 80, 5],
        [False, 4, 3, 2, 80, 160, 7],
        [False, 6, 3, 1, 160, 176, 14],
        [False, 6, 3, 2, 176, 304, 18],
        [False, 6, 3, 1, 304, 512, 5],
    ]
    return EfficientNetV2(plan, 0.3, **kwargs)


def efficientnet_v2_l(weights=None, progress=True, pretrained=False, **kwargs):
    plan = [
        [True, 1, 3, 1, 32, 32, 4],
        [True, 4, 3, 2, 32, 64, 7],
        [True, 4, 3, 2, 64, 96, 7],
        [False, 4, 3, 2, 96, 192, 10],
        [False, 6, 3, 1, 192, 224, 19],
        [False, 6, 3, 2, 224, 384, 25],
        [False, 6, 3, 1, 384, 640, 7],
    ]
    return EfficientNetV2(plan, 0.4, **kwargs)
`;
