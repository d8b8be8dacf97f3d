"""A 2-level U-Net: pools down, UpSampling2D and Conv2DTranspose up, Concatenate skips."""
import keras
from keras import layers

inputs = keras.Input(shape=(128, 128, 3))
c1 = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
p1 = layers.MaxPooling2D()(c1)
c2 = layers.Conv2D(32, 3, padding="same", activation="relu")(p1)
p2 = layers.MaxPooling2D()(c2)
b = layers.Conv2D(64, 3, padding="same", activation="relu")(p2)
u2 = layers.UpSampling2D()(b)
m2 = layers.Concatenate()([u2, c2])
u1 = layers.Conv2DTranspose(16, 2, strides=2)(m2)
m1 = layers.Concatenate()([u1, c1])
outputs = layers.Conv2D(1, 1, activation="sigmoid")(m1)
model = keras.Model(inputs, outputs)
