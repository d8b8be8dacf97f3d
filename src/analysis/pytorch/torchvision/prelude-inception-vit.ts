// torchvision.models builders written as Python that ConvShape itself runs (torchvision.ts):
// GoogLeNet, Inception v3, Vision Transformer, ShuffleNet V2, MNASNet.
// Written for ConvShape from the architectures torchvision 0.14 builds (same layers, names and
// parameter counts); weights are never read, but which weights are named can change the
// architecture: GoogLeNet drops its auxiliary heads, a ViT takes the image size they were
// trained at, and a num_classes other than 1000 is refused.
//
// `_STOPS` (bound by models.ts) is unknown: it stands for a value of code where torchvision
// raises (a ValueError of the builder, a torch._assert of forward), which ConvShape does not
// report, so nothing past it is stated.
export const INCEPTION_VIT = String.raw`
from collections import namedtuple

# ---- What the builders of these families share -------------------------------------------------

def _legacy_weights(weights, pretrained, legacy="IMAGENET1K_V1"):
    # pretrained=True (the interface before 0.13) names the builder's legacy weights.
    if weights is None and pretrained:
        return legacy
    return weights


def _fixed_by_weights(kwargs, settings):
    # torchvision's _ovewrite_named_param on each (name, value): False where one raises (the
    # caller asked for a value the weights forbid).
    accepted = True
    for name, value in settings:
        if name in kwargs:
            accepted = accepted and kwargs[name] == value
        else:
            kwargs[name] = value
    return accepted


class BasicConv2d(nn.Module):
    # A convolution without bias, a BatchNorm (eps 0.001) and a ReLU.
    def __init__(self, cin, cout, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)


def _imagenet_normalised(x):
    # transform_input: each channel rescaled from ImageNet's statistics; the shape is kept.
    channels = []
    for i, (std, mean) in enumerate([(0.229, 0.485), (0.224, 0.456), (0.225, 0.406)]):
        channels.append(torch.unsqueeze(x[:, i], 1) * (std / 0.5) + (mean - 0.5) / 0.5)
    return torch.cat(channels, 1)


# ---- GoogLeNet -------------------------------------------------------------------------------

GoogLeNetOutputs = namedtuple("GoogLeNetOutputs", ["logits", "aux_logits2", "aux_logits1"])


class Inception(nn.Module):
    def __init__(self, cin, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj):
        super().__init__()
        self.branch1 = BasicConv2d(cin, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(cin, ch3x3red, kernel_size=1), BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=1)
        )
        # The "5x5" branch has a 3x3 kernel in torchvision (pytorch/vision#906).
        self.branch3 = nn.Sequential(
            BasicConv2d(cin, ch5x5red, kernel_size=1), BasicConv2d(ch5x5red, ch5x5, kernel_size=3, padding=1)
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True), BasicConv2d(cin, pool_proj, kernel_size=1)
        )

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


class GoogLeNetAux(nn.Module):
    # torchvision's googlenet.InceptionAux.
    def __init__(self, cin, num_classes, dropout=0.7):
        super().__init__()
        self.conv = BasicConv2d(cin, 128, kernel_size=1)
        self.fc1 = nn.Linear(2048, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x):
        x = self.conv(F.adaptive_avg_pool2d(x, (4, 4)))
        x = F.relu(self.fc1(torch.flatten(x, 1)), inplace=True)
        return self.fc2(self.dropout(x))


class GoogLeNet(nn.Module):
    def __init__(self, num_classes=1000, aux_logits=True, transform_input=False, init_weights=None, blocks=None, dropout=0.2, dropout_aux=0.7):
        super().__init__()
        self.aux_logits = aux_logits
        self.transform_input = transform_input
        self.conv1 = BasicConv2d(3, 64, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.conv2 = BasicConv2d(64, 64, kernel_size=1)
        self.conv3 = BasicConv2d(64, 192, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a = Inception(192, 64, 96, 128, 16, 32, 32)
        self.inception3b = Inception(256, 128, 128, 192, 32, 96, 64)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a = Inception(480, 192, 96, 208, 16, 48, 64)
        self.inception4b = Inception(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = Inception(512, 128, 128, 256, 24, 64, 64)
        self.inception4d = Inception(512, 112, 144, 288, 32, 64, 64)
        self.inception4e = Inception(528, 256, 160, 320, 32, 128, 128)
        self.maxpool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.inception5a = Inception(832, 256, 160, 320, 32, 128, 128)
        self.inception5b = Inception(832, 384, 192, 384, 48, 128, 128)
        self.aux1 = None
        self.aux2 = None
        if aux_logits:
            self.aux1 = GoogLeNetAux(512, num_classes, dropout_aux)
            self.aux2 = GoogLeNetAux(528, num_classes, dropout_aux)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x):
        if self.transform_input:
            x = _imagenet_normalised(x)
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        # The auxiliary heads run in training mode only.
        aux1 = None
        if self.aux1 is not None and self.training:
            aux1 = self.aux1(x)
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = None
        if self.aux2 is not None and self.training:
            aux2 = self.aux2(x)
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        x = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))
        # A namedtuple in training mode with the heads on, the logits alone otherwise: a model
        # whose mode is not known has an unknown output.
        if self.aux_logits and self.training:
            return GoogLeNetOutputs(x, aux2, aux1)
        return x


def googlenet(weights=None, progress=True, pretrained=False, **kwargs):
    weights = _legacy_weights(weights, pretrained)
    # With weights the heads are built (they are in the file), then dropped unless asked for.
    keeps_aux = kwargs.get("aux_logits", False)
    if weights is not None:
        if "transform_input" not in kwargs:
            kwargs["transform_input"] = True
        if not _fixed_by_weights(kwargs, [("aux_logits", True), ("init_weights", False), ("num_classes", 1000)]):
            return _STOPS
    model = GoogLeNet(**kwargs)
    if weights is not None and not keeps_aux:
        model.aux_logits = False
        model.aux1 = None
        model.aux2 = None
    return model


# ---- Inception v3 ------------------------------------------------------------------------------

InceptionOutputs = namedtuple("InceptionOutputs", ["logits", "aux_logits"])


class InceptionA(nn.Module):
    def __init__(self, cin, pool_features):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, 64, kernel_size=1)
        self.branch5x5_1 = BasicConv2d(cin, 48, kernel_size=1)
        self.branch5x5_2 = BasicConv2d(48, 64, kernel_size=5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, 64, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, kernel_size=3, padding=1)
        self.branch_pool = BasicConv2d(cin, pool_features, kernel_size=1)

    def forward(self, x):
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([self.branch1x1(x), b5, b3, pool], 1)


class InceptionB(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.branch3x3 = BasicConv2d(cin, 384, kernel_size=3, stride=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, 64, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, kernel_size=3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        return torch.cat([self.branch3x3(x), b3, F.max_pool2d(x, kernel_size=3, stride=2)], 1)


class InceptionC(nn.Module):
    def __init__(self, cin, channels_7x7):
        super().__init__()
        c7 = channels_7x7
        self.branch1x1 = BasicConv2d(cin, 192, kernel_size=1)
        self.branch7x7_1 = BasicConv2d(cin, c7, kernel_size=1)
        self.branch7x7_2 = BasicConv2d(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7_3 = BasicConv2d(c7, 192, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = BasicConv2d(cin, c7, kernel_size=1)
        self.branch7x7dbl_2 = BasicConv2d(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = BasicConv2d(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = BasicConv2d(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = BasicConv2d(c7, 192, kernel_size=(1, 7), padding=(0, 3))
        self.branch_pool = BasicConv2d(cin, 192, kernel_size=1)

    def forward(self, x):
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d7 = self.branch7x7dbl_2(self.branch7x7dbl_1(x))
        d7 = self.branch7x7dbl_5(self.branch7x7dbl_4(self.branch7x7dbl_3(d7)))
        pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([self.branch1x1(x), b7, d7, pool], 1)


class InceptionD(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.branch3x3_1 = BasicConv2d(cin, 192, kernel_size=1)
        self.branch3x3_2 = BasicConv2d(192, 320, kernel_size=3, stride=2)
        self.branch7x7x3_1 = BasicConv2d(cin, 192, kernel_size=1)
        self.branch7x7x3_2 = BasicConv2d(192, 192, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7x3_3 = BasicConv2d(192, 192, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7x3_4 = BasicConv2d(192, 192, kernel_size=3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3_2(self.branch3x3_1(x))
        b7 = self.branch7x7x3_4(self.branch7x7x3_3(self.branch7x7x3_2(self.branch7x7x3_1(x))))
        return torch.cat([b3, b7, F.max_pool2d(x, kernel_size=3, stride=2)], 1)


class InceptionE(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, 320, kernel_size=1)
        self.branch3x3_1 = BasicConv2d(cin, 384, kernel_size=1)
        self.branch3x3_2a = BasicConv2d(384, 384, kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3_2b = BasicConv2d(384, 384, kernel_size=(3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = BasicConv2d(cin, 448, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(448, 384, kernel_size=3, padding=1)
        self.branch3x3dbl_3a = BasicConv2d(384, 384, kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = BasicConv2d(384, 384, kernel_size=(3, 1), padding=(1, 0))
        self.branch_pool = BasicConv2d(cin, 192, kernel_size=1)

    def forward(self, x):
        b3 = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
        d3 = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        d3 = torch.cat([self.branch3x3dbl_3a(d3), self.branch3x3dbl_3b(d3)], 1)
        pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([self.branch1x1(x), b3, d3, pool], 1)


class InceptionAux(nn.Module):
    def __init__(self, cin, num_classes):
        super().__init__()
        self.conv0 = BasicConv2d(cin, 128, kernel_size=1)
        self.conv1 = BasicConv2d(128, 768, kernel_size=5)
        self.fc = nn.Linear(768, num_classes)

    def forward(self, x):
        x = self.conv1(self.conv0(F.avg_pool2d(x, kernel_size=5, stride=3)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, (1, 1)), 1))


class Inception3(nn.Module):
    def __init__(self, num_classes=1000, aux_logits=True, transform_input=False, inception_blocks=None, init_weights=None, dropout=0.5):
        super().__init__()
        self.aux_logits = aux_logits
        self.transform_input = transform_input
        self.Conv2d_1a_3x3 = BasicConv2d(3, 32, kernel_size=3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(32, 32, kernel_size=3)
        self.Conv2d_2b_3x3 = BasicConv2d(32, 64, kernel_size=3, padding=1)
        self.maxpool1 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Conv2d_3b_1x1 = BasicConv2d(64, 80, kernel_size=1)
        self.Conv2d_4a_3x3 = BasicConv2d(80, 192, kernel_size=3)
        self.maxpool2 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Mixed_5b = InceptionA(192, pool_features=32)
        self.Mixed_5c = InceptionA(256, pool_features=64)
        self.Mixed_5d = InceptionA(288, pool_features=64)
        self.Mixed_6a = InceptionB(288)
        self.Mixed_6b = InceptionC(768, channels_7x7=128)
        self.Mixed_6c = InceptionC(768, channels_7x7=160)
        self.Mixed_6d = InceptionC(768, channels_7x7=160)
        self.Mixed_6e = InceptionC(768, channels_7x7=192)
        self.AuxLogits = None
        if aux_logits:
            self.AuxLogits = InceptionAux(768, num_classes)
        self.Mixed_7a = InceptionD(768)
        self.Mixed_7b = InceptionE(1280)
        self.Mixed_7c = InceptionE(2048)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        if self.transform_input:
            x = _imagenet_normalised(x)
        x = self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x)))
        x = self.maxpool2(self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(self.maxpool1(x))))
        x = self.Mixed_6a(self.Mixed_5d(self.Mixed_5c(self.Mixed_5b(x))))
        x = self.Mixed_6e(self.Mixed_6d(self.Mixed_6c(self.Mixed_6b(x))))
        aux = None
        if self.AuxLogits is not None and self.training:
            aux = self.AuxLogits(x)
        x = self.Mixed_7c(self.Mixed_7b(self.Mixed_7a(x)))
        x = self.fc(torch.flatten(self.dropout(self.avgpool(x)), 1))
        if self.aux_logits and self.training:
            return InceptionOutputs(x, aux)
        return x


def inception_v3(weights=None, progress=True, pretrained=False, **kwargs):
    weights = _legacy_weights(weights, pretrained)
    keeps_aux = kwargs.get("aux_logits", True)
    if weights is not None:
        if "transform_input" not in kwargs:
            kwargs["transform_input"] = True
        if not _fixed_by_weights(kwargs, [("aux_logits", True), ("init_weights", False), ("num_classes", 1000)]):
            return _STOPS
    model = Inception3(**kwargs)
    if weights is not None and not keeps_aux:
        model.aux_logits = False
        model.AuxLogits = None
    return model


# ---- Vision Transformer -------------------------------------------------------------------------

class MLPBlock(nn.Sequential):
    # torchvision.ops.MLP with one hidden layer: Linear, GELU, Dropout, Linear, Dropout.
    def __init__(self, in_dim, mlp_dim, dropout):
        super().__init__(nn.Linear(in_dim, mlp_dim), nn.GELU(), nn.Dropout(dropout), nn.Linear(mlp_dim, in_dim), nn.Dropout(dropout))


class EncoderBlock(nn.Module):
    def __init__(self, num_heads, hidden_dim, mlp_dim, dropout, attention_dropout):
        super().__init__()
        self.num_heads = num_heads
        self.ln_1 = nn.LayerNorm(hidden_dim, eps=1e-06)
        self.self_attention = nn.MultiheadAttention(hidden_dim, num_heads, dropout=attention_dropout, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.ln_2 = nn.LayerNorm(hidden_dim, eps=1e-06)
        self.mlp = MLPBlock(hidden_dim, mlp_dim, dropout)

    def forward(self, input):
        x = self.ln_1(input)
        x, _ = self.self_attention(query=x, key=x, value=x, need_weights=False)
        x = self.dropout(x) + input
        return x + self.mlp(self.ln_2(x))


class Encoder(nn.Module):
    def __init__(self, seq_length, num_layers, num_heads, hidden_dim, mlp_dim, dropout, attention_dropout):
        super().__init__()
        self.pos_embedding = nn.Parameter(torch.empty(1, seq_length, hidden_dim).normal_(std=0.02))
        self.dropout = nn.Dropout(dropout)
        layers = OrderedDict()
        for i in range(num_layers):
            layers["encoder_layer_%d" % i] = EncoderBlock(num_heads, hidden_dim, mlp_dim, dropout, attention_dropout)
        self.layers = nn.Sequential(layers)
        self.ln = nn.LayerNorm(hidden_dim, eps=1e-06)

    def forward(self, input):
        return self.ln(self.layers(self.dropout(input + self.pos_embedding)))


class VisionTransformer(nn.Module):
    def __init__(self, image_size, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, dropout=0.0, attention_dropout=0.0, num_classes=1000, representation_size=None, norm_layer=None, conv_stem_configs=None):
        super().__init__()
        self.image_size = image_size
        self.patch_size = patch_size
        self.hidden_dim = hidden_dim
        self.conv_proj = nn.Conv2d(3, hidden_dim, kernel_size=patch_size, stride=patch_size)
        # The patches, and one class token in front of them.
        self.seq_length = (image_size // patch_size) ** 2 + 1
        self.class_token = nn.Parameter(torch.zeros(1, 1, hidden_dim))
        self.encoder = Encoder(self.seq_length, num_layers, num_heads, hidden_dim, mlp_dim, dropout, attention_dropout)
        heads = OrderedDict()
        if representation_size is None:
            heads["head"] = nn.Linear(hidden_dim, num_classes)
        else:
            heads["pre_logits"] = nn.Linear(hidden_dim, representation_size)
            heads["act"] = nn.Tanh()
            heads["head"] = nn.Linear(representation_size, num_classes)
        self.heads = nn.Sequential(heads)

    def forward(self, x):
        n, c, h, w = x.shape
        # torchvision asserts the exact image size ("Wrong image height! Expected 224 but got
        # 225!"); the analysis reports no asserts, so another size has an unknown output.
        if h != self.image_size or w != self.image_size:
            return _STOPS
        x = self.conv_proj(x)
        x = x.reshape(n, self.hidden_dim, (h // self.patch_size) * (w // self.patch_size)).permute(0, 2, 1)
        x = torch.cat([self.class_token.expand(n, -1, -1), x], dim=1)
        x = self.encoder(x)
        return self.heads(x[:, 0])


# Image size each named weights were trained at (their meta["min_size"]), "DEFAULT" included.
_VIT_WEIGHTS_SIZES = {
    "vit_b_16": {"DEFAULT": 224, "IMAGENET1K_V1": 224, "IMAGENET1K_SWAG_E2E_V1": 384, "IMAGENET1K_SWAG_LINEAR_V1": 224},
    "vit_b_32": {"DEFAULT": 224, "IMAGENET1K_V1": 224},
    "vit_l_16": {"DEFAULT": 224, "IMAGENET1K_V1": 224, "IMAGENET1K_SWAG_E2E_V1": 512, "IMAGENET1K_SWAG_LINEAR_V1": 224},
    "vit_l_32": {"DEFAULT": 224, "IMAGENET1K_V1": 224},
    "vit_h_14": {"DEFAULT": 518, "IMAGENET1K_SWAG_E2E_V1": 518, "IMAGENET1K_SWAG_LINEAR_V1": 224},
}


def _vit(name, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, weights, kwargs):
    if kwargs.get("conv_stem_configs") is not None:
        return _STOPS  # a convolutional stem is not written here
    if weights is not None:
        sizes = _VIT_WEIGHTS_SIZES[name]
        if weights not in sizes:
            return _STOPS  # weights of another model (torchvision raises)
        if not _fixed_by_weights(kwargs, [("num_classes", 1000), ("image_size", sizes[weights])]):
            return _STOPS
    image_size = kwargs.pop("image_size", 224)
    if image_size % patch_size != 0:
        return _STOPS  # torchvision asserts "Input shape indivisible by patch size!"
    return VisionTransformer(image_size, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, **kwargs)


def vit_b_16(weights=None, progress=True, pretrained=False, **kwargs):
    return _vit("vit_b_16", 16, 12, 12, 768, 3072, _legacy_weights(weights, pretrained), kwargs)


def vit_b_32(weights=None, progress=True, pretrained=False, **kwargs):
    return _vit("vit_b_32", 32, 12, 12, 768, 3072, _legacy_weights(weights, pretrained), kwargs)


def vit_l_16(weights=None, progress=True, pretrained=False, **kwargs):
    return _vit("vit_l_16", 16, 24, 16, 1024, 4096, _legacy_weights(weights, pretrained), kwargs)


def vit_l_32(weights=None, progress=True, pretrained=False, **kwargs):
    return _vit("vit_l_32", 32, 24, 16, 1024, 4096, _legacy_weights(weights, pretrained), kwargs)


def vit_h_14(weights=None, progress=True, pretrained=False, **kwargs):
    if weights is None and pretrained:
        return _STOPS  # vit_h_14 has no legacy weights: torchvision raises
    return _vit("vit_h_14", 14, 32, 16, 1280, 5120, weights, kwargs)


# ---- ShuffleNet V2 ------------------------------------------------------------------------------

def _channel_shuffle(x, groups):
    n, c, h, w = x.size()
    x = x.view(n, groups, c // groups, h, w)
    return torch.transpose(x, 1, 2).contiguous().view(n, -1, h, w)


class ShuffleUnit(nn.Module):
    # torchvision's shufflenetv2.InvertedResidual (renamed: MobileNetV2's block has that name here).
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        half = cout // 2
        if stride > 1:
            self.branch1 = nn.Sequential(
                nn.Conv2d(cin, cin, 3, stride, 1, bias=False, groups=cin),
                nn.BatchNorm2d(cin),
                nn.Conv2d(cin, half, kernel_size=1, stride=1, padding=0, bias=False),
                nn.BatchNorm2d(half),
                nn.ReLU(inplace=True),
            )
        else:
            self.branch1 = nn.Sequential()
        self.branch2 = nn.Sequential(
            nn.Conv2d(cin if stride > 1 else half, half, kernel_size=1, stride=1, padding=0, bias=False),
            nn.BatchNorm2d(half),
            nn.ReLU(inplace=True),
            nn.Conv2d(half, half, 3, stride, 1, bias=False, groups=half),
            nn.BatchNorm2d(half),
            nn.Conv2d(half, half, kernel_size=1, stride=1, padding=0, bias=False),
            nn.BatchNorm2d(half),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        if self.stride == 1:
            kept, x2 = x.chunk(2, dim=1)
            out = torch.cat((kept, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return _channel_shuffle(out, 2)


class ShuffleNetV2(nn.Module):
    def __init__(self, stages_repeats, stages_out_channels, num_classes=1000):
        super().__init__()
        channels = stages_out_channels[0]
        self.conv1 = nn.Sequential(nn.Conv2d(3, channels, 3, 2, 1, bias=False), nn.BatchNorm2d(channels), nn.ReLU(inplace=True))
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        for name, repeats, cout in zip(["stage2", "stage3", "stage4"], stages_repeats, stages_out_channels[1:]):
            units = [ShuffleUnit(channels, cout, 2)]
            for _ in range(repeats - 1):
                units.append(ShuffleUnit(cout, cout, 1))
            setattr(self, name, nn.Sequential(*units))
            channels = cout
        last = stages_out_channels[-1]
        self.conv5 = nn.Sequential(nn.Conv2d(channels, last, 1, 1, 0, bias=False), nn.BatchNorm2d(last), nn.ReLU(inplace=True))
        self.fc = nn.Linear(last, num_classes)

    def forward(self, x):
        x = self.stage4(self.stage3(self.stage2(self.maxpool(self.conv1(x)))))
        return self.fc(self.conv5(x).mean([2, 3]))


def _shufflenet(repeats, channels, weights, kwargs):
    if weights is not None and not _fixed_by_weights(kwargs, [("num_classes", 1000)]):
        return _STOPS
    return ShuffleNetV2(repeats, channels, **kwargs)


def shufflenet_v2_x0_5(weights=None, progress=True, pretrained=False, **kwargs):
    return _shufflenet([4, 8, 4], [24, 48, 96, 192, 1024], _legacy_weights(weights, pretrained), kwargs)


def shufflenet_v2_x1_0(weights=None, progress=True, pretrained=False, **kwargs):
    return _shufflenet([4, 8, 4], [24, 116, 232, 464, 1024], _legacy_weights(weights, pretrained), kwargs)


def shufflenet_v2_x1_5(weights=None, progress=True, pretrained=False, **kwargs):
    return _shufflenet([4, 8, 4], [24, 176, 352, 704, 1024], _legacy_weights(weights, pretrained), kwargs)


def shufflenet_v2_x2_0(weights=None, progress=True, pretrained=False, **kwargs):
    return _shufflenet([4, 8, 4], [24, 244, 488, 976, 2048], _legacy_weights(weights, pretrained), kwargs)


# ---- MNASNet ------------------------------------------------------------------------------------

_MNAS_MOMENTUM = 1 - 0.9997


class _InvertedResidual(nn.Module):
    def __init__(self, cin, cout, kernel_size, stride, expansion_factor, bn_momentum=0.1):
        super().__init__()
        mid = cin * expansion_factor
        self.apply_residual = cin == cout and stride == 1
        self.layers = nn.Sequential(
            nn.Conv2d(cin, mid, 1, bias=False),
            nn.BatchNorm2d(mid, momentum=bn_momentum),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid, mid, kernel_size, padding=kernel_size // 2, stride=stride, groups=mid, bias=False),
            nn.BatchNorm2d(mid, momentum=bn_momentum),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid, cout, 1, bias=False),
            nn.BatchNorm2d(cout, momentum=bn_momentum),
        )

    def forward(self, input):
        if self.apply_residual:
            return self.layers(input) + input
        return self.layers(input)


def _mnas_stack(cin, cout, kernel_size, stride, expansion, repeats):
    blocks = [_InvertedResidual(cin, cout, kernel_size, stride, expansion, _MNAS_MOMENTUM)]
    for _ in range(1, repeats):
        blocks.append(_InvertedResidual(cout, cout, kernel_size, 1, expansion, _MNAS_MOMENTUM))
    return nn.Sequential(*blocks)


def _mnas_depth(value):
    # Rounded to a multiple of 8, up unless that is more than 10 % above (83 -> 80, 84 -> 88).
    rounded = max(8, int(value + 4) // 8 * 8)
    return rounded if rounded >= 0.9 * value else rounded + 8


class MNASNet(nn.Module):
    def __init__(self, alpha, num_classes=1000, dropout=0.2):
        super().__init__()
        self.alpha = alpha
        self.num_classes = num_classes
        d = [_mnas_depth(depth * alpha) for depth in [32, 16, 24, 40, 80, 96, 192, 320]]
        m = _MNAS_MOMENTUM
        self.layers = nn.Sequential(
            nn.Conv2d(3, d[0], 3, padding=1, stride=2, bias=False),
            nn.BatchNorm2d(d[0], momentum=m),
            nn.ReLU(inplace=True),
            nn.Conv2d(d[0], d[0], 3, padding=1, stride=1, groups=d[0], bias=False),
            nn.BatchNorm2d(d[0], momentum=m),
            nn.ReLU(inplace=True),
            nn.Conv2d(d[0], d[1], 1, padding=0, stride=1, bias=False),
            nn.BatchNorm2d(d[1], momentum=m),
            _mnas_stack(d[1], d[2], 3, 2, 3, 3),
            _mnas_stack(d[2], d[3], 5, 2, 3, 3),
            _mnas_stack(d[3], d[4], 5, 2, 6, 3),
            _mnas_stack(d[4], d[5], 3, 1, 6, 2),
            _mnas_stack(d[5], d[6], 5, 2, 6, 4),
            _mnas_stack(d[6], d[7], 3, 1, 6, 1),
            nn.Conv2d(d[7], 1280, 1, padding=0, stride=1, bias=False),
            nn.BatchNorm2d(1280, momentum=m),
            nn.ReLU(inplace=True),
        )
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(1280, num_classes))

    def forward(self, x):
        return self.classifier(self.layers(x).mean([2, 3]))


def _mnasnet(alpha, weights, kwargs):
    if weights is not None and not _fixed_by_weights(kwargs, [("num_classes", 1000)]):
        return _STOPS
    return MNASNet(alpha, **kwargs)


def mnasnet0_5(weights=None, progress=True, pretrained=False, **kwargs):
    return _mnasnet(0.5, _legacy_weights(weights, pretrained), kwargs)


def mnasnet0_75(weights=None, progress=True, pretrained=False, **kwargs):
    return _mnasnet(0.75, _legacy_weights(weights, pretrained), kwargs)


def mnasnet1_0(weights=None, progress=True, pretrained=False, **kwargs):
    return _mnasnet(1.0, _legacy_weights(weights, pretrained), kwargs)


def mnasnet1_3(weights=None, progress=True, pretrained=False, **kwargs):
    return _mnasnet(1.3, _legacy_weights(weights, pretrained), kwargs)
`;
