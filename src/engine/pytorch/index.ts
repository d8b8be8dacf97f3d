// PyTorch layer rules. Each module registers its rules with the engine's registry.
import './conv';
import './conv-transpose';
import './pool';
import './adaptive-pool';
import './upsample';
import './linear';
import './norm';
import './padding';
import './reshape-layers';
import './elementwise';
import './recurrent';
import './attention';
import './transformer';
import './embedding-bag';
import './einops/ops';
import './rms-norm';
