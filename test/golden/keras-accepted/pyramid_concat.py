"""Two branches of different pooling concatenated: equal maps only where the floors agree."""
import keras
from keras import layers

inputs = keras.Input(shape=(64, 64, 3))
a = layers.Conv2D(16, 3, strides=2, padding="same")(inputs)
b = layers.MaxPooling2D(2)(inputs)
b = layers.Conv2D(16, 1)(b)
x = layers.Concatenate()([a, b])
x = layers.Conv2D(32, 3, padding="valid")(x)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
