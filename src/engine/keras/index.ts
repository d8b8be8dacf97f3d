// Keras 3 layer rules (shape rules shared with tf.keras 2). Each module registers its rules with
// the engine's registry; one file per family.
import './conv';
import './conv_transpose';
import './pooling';
import './core';
import './normalization';
import './reshaping';
import './resizing';
import './preprocessing';
import './merging';
import './recurrent';
import './wrappers';
import './attention';
import './applications';
