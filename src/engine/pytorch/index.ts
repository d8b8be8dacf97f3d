// PyTorch layer rules. Each module registers its rules with the engine's registry.
export {};
