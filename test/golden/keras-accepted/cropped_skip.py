"""Valid convs shrink a branch; Cropping2D trims the skip to match before Concatenate."""
import keras
from keras import layers

inputs = keras.Input(shape=(40, 40, 1))
x = layers.Conv2D(8, 3)(inputs)
x = layers.Conv2D(8, 3)(x)
skip = layers.Cropping2D(2)(inputs)
x = layers.Concatenate()([x, skip])
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(16, 3)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
