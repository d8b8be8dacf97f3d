// PyTorch layer rules. Each module registers its rules with the engine's registry.
import './conv';
import './conv-transpose';
import './pool';
import './linear';
